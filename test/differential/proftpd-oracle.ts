import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { writeServerUsers } from '../helpers/server-users.js';

/** Where `npm test` unpacks proftpd-core and proftpd-mod-crypto (they conflict with vsftpd, so they are not installed). */
export const PROFTPD_ROOT = join(import.meta.dirname, '..', '..', '.cache', 'ftp-servers', 'proftpd');
export const PROFTPD = join(PROFTPD_ROOT, 'usr', 'sbin', 'proftpd');

export const proftpdNeeds = unmet('ProFTPD differential', {
  root: true,
  commands: ['unshare', 'timeout'],
  files: [{ path: PROFTPD, madeBy: 'scripts/install-test-deps.sh unpacks proftpd-core as root' }, { path: join(PROFTPD_ROOT, 'usr', 'lib', 'proftpd', 'mod_tls.so'), madeBy: 'scripts/install-test-deps.sh unpacks proftpd-mod-crypto as root' }],
});

/** One "fatal:" line of proftpd: the file, the 1-based line (0 when it names none) and the message. */
export interface ProftpdFatal { file: string; line: number; message: string }
export interface ProftpdVerdict { status: number; fatal: ProftpdFatal[]; output: string }

/**
 * The commands that give proftpd the machine it expects, inside a private mount namespace: the
 * unpacked modules over /usr/lib/proftpd, empty /var/log/proftpd and /run/proftpd. The machine's
 * own /etc, /usr/lib and /var are never written.
 */
export function proftpdMounts(): string[] {
  return [
    'mount --make-rprivate /',
    `mount -t overlay ftpwall-lib -o lowerdir=${PROFTPD_ROOT}/usr/lib:/usr/lib /usr/lib`,
    'mount -t tmpfs tmpfs /var/log', 'mkdir -p /var/log/proftpd',
    'mount -t tmpfs tmpfs /run', 'mkdir -p /run/proftpd',
  ];
}

/**
 * An etc/ folder to lay over /etc: the configuration under etc/proftpd, and the machine's passwd
 * and group with the `proftpd` user Debian's package adds (its proftpd.conf says `User proftpd`).
 */
export function proftpdEtc(folder: string, files: Record<string, string>): string {
  const etc = join(folder, 'etc');
  for (const [path, text] of Object.entries(files)) { mkdirSync(dirname(join(etc, 'proftpd', path)), { recursive: true }); writeFileSync(join(etc, 'proftpd', path), text); }
  mkdirSync(join(etc, 'proftpd', 'conf.d'), { recursive: true });
  writeServerUsers(etc);
  return etc;
}

/** `proftpd -t` on each configuration (files by their path under /etc/proftpd), laid over /etc in turn. */
export function askProftpd(configurations: ReadonlyArray<Record<string, string>>): ProftpdVerdict[] {
  const dir = scratch({});
  const steps = configurations.map((files, n) => {
    const etc = proftpdEtc(join(dir, String(n)), files);
    // proftpd's messages may come from a process that outlives it: the pipe is read until every writer is gone.
    // With stdin a pipe (as node gives it) proftpd loses its messages: it reads /dev/null.
    return `mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc; { ${PROFTPD} -t -c /etc/proftpd/proftpd.conf < /dev/null; echo $? > ${dir}/${n}.status; } 2>&1 | cat > ${dir}/${n}.out; umount /etc`;
  });
  const run = spawnSync('timeout', ['600', 'unshare', '-m', 'sh', '-c', [...proftpdMounts(), ...steps].join('\n')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`the ProFTPD oracle failed: ${run.stderr}`);
  return configurations.map((_, n) => {
    const output = readFileSync(join(dir, `${n}.out`), 'utf8');
    const fatal: ProftpdFatal[] = [];
    for (const line of output.split('\n')) {
      const at = / fatal: (.*) on line (\d+) of '([^']+)'$/.exec(line);
      if (at) { fatal.push({ file: at[3]!, line: Number(at[2]), message: at[1]! }); continue; }
      const whole = / fatal: error processing configuration file '([^']+)': (.*)$/.exec(line);
      if (whole) fatal.push({ file: whole[1]!, line: 0, message: whole[2]! });
    }
    return { status: Number(readFileSync(join(dir, `${n}.status`), 'utf8').trim()), fatal, output };
  });
}
