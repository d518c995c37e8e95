import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { readTextFile } from '../analysis/read-file.js';
import type { ProftpdIncludeReader } from '../languages/proftpd/configuration.js';
import { readProftpdFile } from '../languages/proftpd/syntax.js';
import { globPart } from './nft-includes.js';

/**
 * The files a ProFTPD Include names, as the host holds them: `/etc/x` is the host folder's etc/x.
 * A folder is read whole, and a glob in the last part reads what it matches, every name (dot
 * files and editor backups too) in byte order, as ProFTPD 1.3.8 does. A relative name depends on
 * the directory ProFTPD starts in, which the files do not say: undefined, as for what the host
 * does not hold.
 */
export function proftpdIncludeReader(root: string, texts: ReadonlyMap<string, string>): ProftpdIncludeReader {
  const inside = (full: string) => { const r = relative(root, full); return !r.startsWith('..') && !isAbsolute(r); };
  const textOf = (path: string) => { const open = texts.get(path); if (open !== undefined) return open; const read = readTextFile(path); return read.ok ? read.text : undefined; };
  const namesIn = (folder: string) => {
    const open = [...texts.keys()].filter((p) => dirname(p) === folder).map((p) => basename(p));
    let names: string[] = [];
    try { names = readdirSync(folder); } catch { if (open.length === 0) return undefined; }
    return [...new Set([...names, ...open])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const filesIn = (folder: string, names: readonly string[]) => names.flatMap((name) => {
    const path = join(folder, name);
    const text = textOf(path);
    return text === undefined ? [] : [readProftpdFile(text, path)];
  });
  return (pattern) => {
    if (!isAbsolute(pattern)) return undefined;
    const full = join(root, pattern).replace(/\/+$/, '');
    if (!inside(full)) return undefined;
    const name = basename(full);
    if (/[*?[]/.test(name)) {
      const names = namesIn(dirname(full));
      return names && filesIn(dirname(full), names.filter((n) => globPart(name).test(n)));
    }
    if (pattern.endsWith('/') || isFolder(full)) {
      const names = namesIn(full);
      return names && filesIn(full, names.filter((n) => !isFolder(join(full, n))));
    }
    const text = textOf(full);
    return text === undefined ? undefined : [readProftpdFile(text, full)];
  };
}

function isFolder(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}
