import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostFolderTest, isInside } from './grouping.js';

const isHostFolder = hostFolderTest(existsSync);

export function isFolder(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

/**
 * The host folder a path sits in: the nearest folder at or above it that holds `etc/` or a
 * `.ftpwall.json`. The search stops at a repository's root (a folder with `.git`), so a checkout
 * is never read as part of the machine it sits on; and `/` counts as a host only for files under
 * `/etc`, the live system's own configuration.
 */
export function enclosingHost(absolute: string): string | undefined {
  let folder = isFolder(absolute) ? absolute : dirname(absolute);
  while (true) {
    const parent = dirname(folder);
    if (isHostFolder(folder)) return parent !== folder || isInside(absolute, join(folder, 'etc')) ? folder : undefined;
    if (existsSync(join(folder, '.git')) || parent === folder) return undefined;
    folder = parent;
  }
}

