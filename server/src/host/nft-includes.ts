import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { readTextFile } from '../analysis/read-file.js';
import { startsFromWorkingDirectory, type IncludeReader } from '../languages/nftables/ruleset.js';

/** A glob of one path part ("*.nft", "ftp?.conf") as a regular expression. */
export function globPart(part: string): RegExp {
  const escaped = part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

/**
 * The files an nftables include names, as the host holds them: `/etc/x` is the host folder's
 * etc/x; a relative name is looked for in nft's include path, /etc, and nowhere else (not beside
 * the including file: measured with nft 1.0.6); a name starting with ./ or ../ is relative to
 * the directory nft runs in, which the files do not say. A glob in the last part reads every file
 * it matches in name order, as nft does. Undefined when the host does not hold what the include
 * names (then what it loads is unknown).
 */
export function nftIncludeReader(root: string, texts: ReadonlyMap<string, string>): IncludeReader {
  const inside = (full: string) => { const r = relative(root, full); return !r.startsWith('..') && !isAbsolute(r); };
  const textOf = (path: string) => { const open = texts.get(path); if (open !== undefined) return open; const read = readTextFile(path); return read.ok ? read.text : undefined; };
  return (pattern) => {
    if (startsFromWorkingDirectory(pattern)) return undefined;
    const candidates = isAbsolute(pattern) ? [join(root, pattern)] : [join(root, 'etc', pattern)];
    for (const full of candidates.filter(inside)) {
      const name = basename(full);
      if (!/[*?[]/.test(name)) {
        const text = textOf(full);
        if (text !== undefined) return [{ path: full, text }];
        continue;
      }
      const open = [...texts.keys()].filter((p) => dirname(p) === dirname(full)).map((p) => basename(p));
      let names: string[] = [];
      try { names = readdirSync(dirname(full)); } catch { if (open.length === 0) continue; }
      const matching = [...new Set([...names, ...open])].filter((n) => globPart(name).test(n)).sort();
      return matching.flatMap((n) => { const path = join(dirname(full), n); const text = textOf(path); return text === undefined ? [] : [{ path, text }]; });
    }
    return undefined;
  };
}
