import { chmodSync, chownSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's text with `after`, only if the file still holds exactly `before` (it was read
 * whole, as UTF-8, and nobody changed it since). Written beside it and renamed over it, so a
 * reader never sees half a file; mode and owner are kept, and a symbolic link is followed.
 */
export function replaceFileText(path: string, before: string, after: string): { written: true } | { written: false; reason: string } {
  let target: string;
  try { target = realpathSync(path); } catch (error) { return { written: false, reason: (error as Error).message }; }
  const bytes = readFileSync(target);
  if (!bytes.equals(Buffer.from(before, 'utf8'))) return { written: false, reason: 'not written: the file changed since it was read, or is not UTF-8 text' };
  const { mode, uid, gid } = statSync(target);
  const temporary = join(dirname(target), `.${basename(target)}.ftpwall-${process.pid}`);
  try {
    writeFileSync(temporary, after, { flag: 'wx', mode: mode & 0o7777 });
    chmodSync(temporary, mode & 0o7777);
    try { chownSync(temporary, uid, gid); } catch { /* only root may give a file away; the owner is then the writer, as with any editor */ }
    renameSync(temporary, target);
    return { written: true };
  } catch (error) {
    rmSync(temporary, { force: true });
    return { written: false, reason: `not written: ${(error as Error).message}` };
  }
}
