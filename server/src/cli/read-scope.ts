import { resolve } from 'node:path';
import type { LoadedHost } from '../analysis/hosts.js';
import { loadHosts } from '../analysis/hosts.js';
import type { AnyLanguage } from '../analysis/language.js';
import { languageById } from '../analysis/languages.js';
import { internalErrorFinding } from '../analysis/internal-error.js';
import type { Finding } from '../core/findings.js';
import { isInside } from '../host/grouping.js';
import type { HostFile } from '../host/host.js';
import { displayPath, scopeOf } from './scope.js';
import { collectFiles, type WalkedFile, type WalkProblem } from './walk.js';

export interface ReadFile extends HostFile { language: AnyLanguage; text: string }

export interface ReadHost { loaded: LoadedHost; files: ReadFile[] }

export interface ScopeReading {
  hosts: ReadHost[];
  /** Is this file one the run reports on (named, or under a named folder)? */
  reported(file: string): boolean;
  problems: WalkProblem[];
  /** A file that could not be read as its kind (a failure inside ftpwall): one finding each. */
  readFailures: Finding[];
}

/**
 * Reads every named path with the hosts they sit in, each file once, parsed for a one-off check.
 * Named files are read whatever their name (recognised by content if need be) and report why
 * they cannot be checked; files found in folders are taken only when recognised.
 */
export function readScope(paths: readonly string[]): ScopeReading {
  const scope = scopeOf(paths);
  const named = collectFiles(paths);
  const problems: WalkProblem[] = [...named.problems, ...named.skipped.map((path) => ({ path, reason: 'not a file ftpwall recognises (vsftpd.conf or a firewall file)' }))];
  const readFailures: Finding[] = [];
  const seen = new Map<string, WalkedFile>();
  const take = (file: WalkedFile, shown: string) => { if (!seen.has(resolve(file.path))) seen.set(resolve(file.path), { ...file, path: shown }); };
  for (const file of named.files) take(file, displayPath(resolve(file.path), !file.path.startsWith('/')));

  const hosts: ReadHost[] = [];
  for (const { root, walk } of scope.roots) {
    const relativeForm = !root.startsWith('/');
    for (const file of collectFiles([walk], new Set(seen.keys())).files) take(file, displayPath(resolve(file.path), relativeForm));
    const files: ReadFile[] = [];
    const walked = resolve(walk);
    for (const [absolute, file] of seen) {
      if (!isInside(absolute, walked)) continue;
      const language = languageById(file.languageId)!;
      try {
        files.push({ path: file.path, languageId: file.languageId, language, text: file.text, doc: language.read(file.text, file.path, 'check') });
      } catch (error) {
        const failed = internalErrorFinding(file.path, `ftpwall failed to read this file as ${language.displayName}`, error);
        if (failed) readFailures.push(failed);
      }
    }
    for (const loaded of loadHosts(root, files)) hosts.push({ loaded, files: files.filter((f) => loaded.members.has(f.path)) });
  }
  return { hosts, reported: scope.reported, problems, readFailures };
}
