import type { AnyLanguage } from '../analysis/language.js';
import { languageById } from '../analysis/languages.js';
import type { HostFile } from '../host/host.js';
import { collectFiles, type WalkProblem } from './walk.js';

export interface ReadFile extends HostFile { language: AnyLanguage }

/** Every recognised file under a path (a file or a folder), parsed once for a one-off check. */
export function readPath(path: string): { files: ReadFile[]; problems: WalkProblem[]; skipped: string[] } {
  const { files, problems, skipped } = collectFiles([path]);
  return {
    files: files.map((f) => { const language = languageById(f.languageId)!; return { path: f.path, languageId: f.languageId, language, doc: language.read(f.text, f.path, 'check') }; }),
    problems,
    skipped,
  };
}
