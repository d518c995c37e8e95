import { basename, dirname, isAbsolute, join } from 'node:path';
import { globPart, hostText, namesInFolder } from './host-folder.js';
import { isInside } from './grouping.js';
import { startsFromWorkingDirectory, type IncludeReader } from '../languages/nftables/ruleset.js';

/**
 * The files an nftables include names, as the host holds them: `/etc/x` is the host folder's
 * etc/x; a relative name is looked for in nft's include path, /etc, and nowhere else (not beside
 * the including file: measured with nft 1.0.6); a name starting with ./ or ../ is relative to
 * the directory nft runs in, which the files do not say. A glob in the last part reads every file
 * it matches in name order, as nft does. Undefined when the host does not hold what the include
 * names (then what it loads is unknown).
 */
export function nftIncludeReader(root: string, texts: ReadonlyMap<string, string>): IncludeReader {
  return (pattern) => {
    if (startsFromWorkingDirectory(pattern)) return undefined;
    const candidates = isAbsolute(pattern) ? [join(root, pattern)] : [join(root, 'etc', pattern)];
    for (const full of candidates.filter((c) => isInside(c, root))) {
      const name = basename(full);
      if (!/[*?[]/.test(name)) {
        const text = hostText(full, texts);
        if (text !== undefined) return [{ path: full, text }];
        continue;
      }
      const names = namesInFolder(dirname(full), texts);
      if (!names) continue;
      return names.filter((n) => globPart(name).test(n)).flatMap((n) => { const path = join(dirname(full), n); const text = hostText(path, texts); return text === undefined ? [] : [{ path, text }]; });
    }
    return undefined;
  };
}
