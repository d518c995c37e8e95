import { dirname, join, relative, sep } from 'node:path';
import { addToGroup } from '../core/grouping.js';

/**
 * Which host a file belongs to: the nearest folder above it that holds an `etc/` folder or a
 * `.ftpwall.json`, within `root`; otherwise `root` itself. So `hosts/web1/etc/...` and
 * `hosts/web2/etc/...` are two hosts and never mixed.
 */
export function hostRootOf(file: string, root: string, isHostFolder: (folder: string) => boolean): string {
  let folder = dirname(file);
  while (true) {
    if (isHostFolder(folder)) return folder;
    if (folder === root || !isInside(folder, root)) return root;
    const parent = dirname(folder);
    if (parent === folder) return root;
    folder = parent;
  }
}

export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** Groups files by host root, keeping their order. */
export function groupByHost<T extends { path: string }>(files: readonly T[], root: string, isHostFolder: (folder: string) => boolean): Map<string, T[]> {
  const hosts = new Map<string, T[]>();
  for (const file of files) {
    const host = hostRootOf(file.path, root, isHostFolder);
    addToGroup(hosts, host, file);
  }
  return hosts;
}

/** A folder is a host folder when it holds `etc/` or `.ftpwall.json` (checked with the given lookup). */
export function hostFolderTest(exists: (path: string) => boolean): (folder: string) => boolean {
  return (folder) => exists(join(folder, 'etc')) || exists(join(folder, '.ftpwall.json'));
}
