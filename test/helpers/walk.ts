import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every regular file below a folder, sorted. Links are not followed: copied hosts keep systemd's
 * links into /lib and /etc, which dangle on a machine without those packages.
 */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesBelow(path) : entry.isFile() ? [path] : [];
    });
}
