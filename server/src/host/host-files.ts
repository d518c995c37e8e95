import { statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { hostText } from './host-folder.js';
import { isInside } from './grouping.js';
import { isInstalledProgram, type HostFiles } from '../languages/shell/run.js';
import { Unknown } from '../languages/shell/values.js';


/**
 * The files of a host as a script running on it names them: `/etc/x` is the host folder's
 * etc/x, a relative path is taken from the script's folder. `texts` holds the texts the editor
 * has open (newer than the disk). A path outside the host folder is not held.
 */
export function hostFiles(root: string, scriptPath: string, texts: ReadonlyMap<string, string>): HostFiles {
  const resolve = (path: string): string | undefined => {
    const full = isAbsolute(path) ? join(root, path) : join(dirname(scriptPath), path);
    return isInside(full, root) ? full : undefined;
  };
  return {
    read(path) {
      const full = resolve(path);
      const text = full === undefined ? undefined : hostText(full, texts);
      return text === undefined ? undefined : { path: full!, text };
    },
    test(operator, path) {
      const full = resolve(path);
      const kind = full ? statKind(full) : undefined;
      if (kind === undefined) {
        // `[ -x /sbin/iptables ] || exit 0` passes on any firewall host.
        if (isInstalledProgram(path) && ['-x', '-f', '-e'].includes(operator)) return true;
        return new Unknown(`whether ${path} exists (this host does not hold it)`);
      }
      switch (operator) {
        case '-e': case '-r': case '-a': return true;
        case '-f': return kind === 'file';
        case '-d': return kind === 'folder';
        case '-s': return kind === 'folder' || (hostText(full!, texts) ?? '').length > 0;
        default: return new Unknown(`what "${operator} ${path}" finds on the running host`);
      }
    },
  };
}

function statKind(path: string): 'file' | 'folder' | undefined {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'folder' : 'file';
  } catch {
    return undefined;
  }
}
