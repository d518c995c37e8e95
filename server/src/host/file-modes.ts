import { statSync } from 'node:fs';
import { join } from 'node:path';
import { INIT_SCRIPT_FOLDERS } from './sysv-links.js';
import type { XinetdFiles } from './xinetd-conf.js';

/** Which files of a host's copy are executable (by host-relative path). */
export interface FileModes { executable(inHost: string): boolean }

/**
 * The modes of a host's copy on disk, where the copy keeps them: cp -a, tar, rsync -a and git
 * do, a copy through some editors, archives and file shares does not. It is taken to keep them
 * when one of its init scripts is executable, as a real host's all are; undefined otherwise, so
 * that a mode lost in copying is never read as the host's.
 */
export function fileModesOnDisk(root: string, list: XinetdFiles['list']): FileModes | undefined {
  const executable = (inHost: string) => {
    try {
      const stat = statSync(join(root, inHost));
      return stat.isFile() && (stat.mode & 0o111) !== 0;
    } catch {
      return false;
    }
  };
  // A real host keeps every init script executable.
  const kept = INIT_SCRIPT_FOLDERS.some((folder) => (list(folder) ?? []).some((name) => executable(`${folder}/${name}`)));
  return kept ? { executable } : undefined;
}
