import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { readTextFile } from '../analysis/read-file.js';
import type { IncludeReader } from '../languages/nftables/ruleset.js';

/** A glob of one path part ("*.nft", "ftp?.conf") as a regular expression. */
function globPart(part: string): RegExp {
  const escaped = part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

/**
 * The files an nftables include names, as the host holds them: `/etc/x` is the host folder's
 * etc/x; a relative name is looked for beside the including file, then in /etc/nftables (nft's
 * include path). A glob in the last part reads every file it matches in name order, as nft does.
 * Undefined when the host does not hold what the include names (then what it loads is unknown).
 */
export function nftIncludeReader(root: string, texts: ReadonlyMap<string, string>): IncludeReader {
  const inside = (full: string) => { const r = relative(root, full); return !r.startsWith('..') && !isAbsolute(r); };
  const textOf = (path: string) => { const open = texts.get(path); if (open !== undefined) return open; const read = readTextFile(path); return read.ok ? read.text : undefined; };
  return (pattern, from) => {
    const candidates = isAbsolute(pattern) ? [join(root, pattern)] : [join(dirname(from), pattern), join(root, 'etc', 'nftables', pattern)];
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
