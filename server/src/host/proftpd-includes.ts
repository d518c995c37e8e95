import { basename, dirname, isAbsolute, join } from 'node:path';
import type { ProftpdIncludeReader } from '../languages/proftpd/configuration.js';
import { readProftpdFile, type ProftpdFile } from '../languages/proftpd/syntax.js';
import { globPart, hostText, namesInFolder } from './host-folder.js';
import { isInside } from './grouping.js';
import { isFolder } from './enclosing-host.js';

/**
 * The files a ProFTPD Include names, as the host holds them: `/etc/x` is the host folder's etc/x.
 * A folder is read whole, and a glob in the last part reads what it matches, every name (dot
 * files and editor backups too) in byte order, as ProFTPD 1.3.8 does. A relative name depends on
 * the directory ProFTPD starts in, which the files do not say: undefined, as for what the host
 * does not hold. `parsed` are the host's ProFTPD files already read, which are not read again.
 */
export function proftpdIncludeReader(root: string, texts: ReadonlyMap<string, string>, parsed: ReadonlyMap<string, ProftpdFile>): ProftpdIncludeReader {
  const fileAt = (path: string): ProftpdFile[] => {
    const known = parsed.get(path);
    if (known) return [known];
    const text = hostText(path, texts);
    return text === undefined ? [] : [readProftpdFile(text, path)];
  };
  return (pattern) => {
    if (!isAbsolute(pattern)) return undefined;
    const full = join(root, pattern).replace(/\/+$/, '');
    if (!isInside(full, root)) return undefined;
    const name = basename(full);
    if (/[*?[]/.test(name)) {
      const names = namesInFolder(dirname(full), texts);
      return names?.filter((n) => globPart(name).test(n)).flatMap((n) => fileAt(join(dirname(full), n)));
    }
    if (pattern.endsWith('/') || isFolder(full)) {
      const names = namesInFolder(full, texts);
      return names?.filter((n) => !isFolder(join(full, n))).flatMap((n) => fileAt(join(full, n)));
    }
    const file = fileAt(full);
    return file.length ? file : undefined;
  };
}
