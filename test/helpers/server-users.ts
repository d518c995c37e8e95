import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes passwd and group into an etc/ folder that will lie over /etc for an FTP server: the
 * machine's, with the `proftpd` user Debian's package adds (its proftpd.conf says `User proftpd`)
 * and, when `ftpHome` is given, the `ftp` user whose home is the anonymous root (pure-ftpd serves
 * anonymous logins from it).
 */
export function writeServerUsers(etc: string, ftpHome?: string): void {
  cpSync('/etc/group', join(etc, 'group'));
  let lines = readFileSync('/etc/passwd', 'utf8').trimEnd().split('\n');
  if (!lines.some((l) => l.startsWith('proftpd:'))) lines.push('proftpd:x:64999:65534::/run/proftpd:/usr/sbin/nologin');
  if (ftpHome) lines = [...lines.filter((l) => !l.startsWith('ftp:')), `ftp:x:64998:65534::${ftpHome}:/usr/sbin/nologin`];
  writeFileSync(join(etc, 'passwd'), `${lines.join('\n')}\n`);
}
