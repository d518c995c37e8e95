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
 * Files whose absolute path is in `known` were read already and are passed over, and so are
 * links to them. A file found inside folders under several paths (a link beside its target) is
 * read once: see `oncePerFile`.
 */
export function collectFiles(paths: readonly string[], known: ReadonlySet<string> = new Set()): { files: WalkedFile[]; problems: WalkProblem[]; skipped: string[] } {
  const files: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  const skipped: string[] = [];
  const seenFolders = new Set<string>();
  /** How each file found inside a folder was taken, to keep one path per file at the end. */
  const found = new Map<WalkedFile, FoundAs>();

  let knownReal: Set<string | undefined> | undefined;
  const consider = (path: string, explicit: boolean) => {
    if (known.size && known.has(resolve(path))) return;
    // Resolved at most once, and only when asked: for links to files read already, and for files taken from folders.
    let real: string | undefined | null = null;
    const realOf = () => (real === null ? (real = realPath(path)) : real);
    if (known.size && (knownReal ??= new Set([...known].map(realPath))).has(realOf())) return;
    const byName = recognize(path);
    if (!byName && !explicit) {
      // Unrecognised names inside folders are sniffed only when small, to keep big trees fast.
      const reading = readTextFile(path);
      if (!reading.ok) return;
      const byContent = recognize(path, reading.text);
      if (byContent) take({ path, text: reading.text, languageId: byContent.id }, false, explicit, realOf);
      return;
    }
    const reading = readTextFile(path);
    if (!reading.ok) { problems.push({ path, reason: reading.reason }); return; }
    const language = byName ?? recognize(path, reading.text);
    if (language) take({ path, text: reading.text, languageId: language.id }, !!byName, explicit, realOf);
    else skipped.push(path);
  };
  const take = (file: WalkedFile, named: boolean, explicit: boolean, realOf: () => string | undefined) => {
    files.push(file);
    if (!explicit) found.set(file, { named, link: isLink(file.path), real: realOf() });
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
  return { files: oncePerFile(files, found), problems, skipped };
}

interface FoundAs { named: boolean; link: boolean; real: string | undefined }

/**
 * One path for each file found under several inside folders. A host's copy links the same file
 * under other names: the runlevel folders' links to init scripts (etc/rc2.d/S01firewall), or
 * rules.v4 leading to the rules file of the day; read under each name, its rules would be loaded
 * twice. The names ftpwall knows by name say what loads the file, so those are kept (every one of
 * them); among names known only by content, the file's own path is kept, else the first.
 */
function oncePerFile(files: WalkedFile[], found: ReadonlyMap<WalkedFile, FoundAs>): WalkedFile[] {
  const byReal = new Map<string, WalkedFile[]>();
  for (const [file, as] of found) if (as.real !== undefined) byReal.set(as.real, [...byReal.get(as.real) ?? [], file]);
  const dropped = new Set<WalkedFile>();
  for (const paths of byReal.values()) {
    if (paths.length < 2) continue;
    const named = paths.filter((f) => found.get(f)!.named);
    const kept = named.length ? named : [paths.find((f) => !found.get(f)!.link) ?? paths[0]!];
    for (const f of paths) if (!kept.includes(f)) dropped.add(f);
  }
  return dropped.size ? files.filter((f) => !dropped.has(f)) : files;
}

/**
 * Is `path` a link inside `root` to a file inside it, under a name ftpwall does not read by name
 * (a runlevel link to its init script)? Such a file is read under its own path, and once: the
 * editor asks this of a single path the disk reports, as oncePerFile decides for a whole walk.
 */
export function standsForFileInside(path: string, root: string): boolean {
  const real = isLink(path) && !recognize(path) ? realPath(path) : undefined;
  return real !== undefined && isInside(real, realPath(root) ?? root);
}

function isLink(path: string): boolean {
  try { return lstatSync(path).isSymbolicLink(); } catch { return false; }
}

function realPath(path: string): string | undefined {
  try { return realpathSync(path); } catch { return undefined; }
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
