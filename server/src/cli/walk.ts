import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isInside } from '../host/grouping.js';
import { recognize } from '../analysis/languages.js';
import { readTextFile } from '../analysis/read-file.js';

export interface WalkedFile { path: string; text: string; languageId: string }
export interface WalkProblem { path: string; reason: string }

/** Folders that never hold server configuration. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Collects the files to check. Files named on the command line are read whatever their name
 * (recognised by content if need be); files found inside folders are taken only when
 * recognised. Symlinked folders are followed once each, so link loops end. Inside a folder, a
 * link that leads out of it is not followed: in a copy of a host's /etc, an absolute link
 * (etc/alternatives/iptables-save -> /usr/sbin/...) names this machine's file, not the host's.
 * Files whose absolute path is in `known` were read already and are passed over.
 */
export function collectFiles(paths: readonly string[], known: ReadonlySet<string> = new Set()): { files: WalkedFile[]; problems: WalkProblem[]; skipped: string[] } {
  const files: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  const skipped: string[] = [];
  const seenFolders = new Set<string>();

  const consider = (path: string, explicit: boolean) => {
    if (known.size && known.has(resolve(path))) return;
    const byName = recognize(path);
    if (!byName && !explicit) {
      // Unrecognised names inside folders are sniffed only when small, to keep big trees fast.
      const reading = readTextFile(path);
      if (!reading.ok) return;
      const byContent = recognize(path, reading.text);
      if (byContent) files.push({ path, text: reading.text, languageId: byContent.id });
      return;
    }
    const reading = readTextFile(path);
    if (!reading.ok) { problems.push({ path, reason: reading.reason }); return; }
    const language = byName ?? recognize(path, reading.text);
    if (language) files.push({ path, text: reading.text, languageId: language.id });
    else skipped.push(path);
  };

  const visit = (path: string, explicit: boolean, within?: string) => {
    if (within !== undefined && leadsOutOf(path, within)) return;
    let stat;
    try { stat = statSync(path); } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (explicit) problems.push({ path, reason: code === 'ENOENT' ? 'no such file or directory' : code === 'ELOOP' ? 'symbolic link loop' : (error as Error).message });
      return;
    }
    if (stat.isDirectory()) {
      let real: string;
      try { real = realpathSync(path); } catch { return; }
      if (seenFolders.has(real)) return;
      seenFolders.add(real);
      let entries: string[];
      try { entries = readdirSync(path).sort(); } catch (error) {
        problems.push({ path, reason: (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message });
        return;
      }
      for (const entry of entries) if (!SKIPPED_FOLDERS.has(entry)) visit(join(path, entry), false, within ?? real);
    } else if (stat.isFile()) {
      consider(path, explicit);
    } else if (explicit) {
      problems.push({ path, reason: 'not a regular file' });
    }
  };

  for (const path of paths) visit(path, true);
  return { files, problems, skipped };
}

/** Is `path` a symbolic link whose target (followed all the way) is outside the folder `root` (a real path)? */
function leadsOutOf(path: string, root: string): boolean {
  try {
    if (!lstatSync(path).isSymbolicLink()) return false;
    return !isInside(realpathSync(path), root);
  } catch {
    return false;
  }
}
