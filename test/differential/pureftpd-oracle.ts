import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

/** Where `npm test` unpacks pure-ftpd and pure-ftpd-common (they conflict with vsftpd, so they are not installed). */
export const PUREFTPD_ROOT = join(import.meta.dirname, '..', '..', '.cache', 'ftp-servers', 'pure-ftpd');
export const PUREFTPD = join(PUREFTPD_ROOT, 'usr', 'sbin', 'pure-ftpd');
export const PUREFTPD_WRAPPER = join(PUREFTPD_ROOT, 'usr', 'sbin', 'pure-ftpd-wrapper');
/** Debian's option folder as pure-ftpd-common installs it. */
export const STOCK_OPTIONS = join(import.meta.dirname, '..', 'fixtures', 'shipped', 'pure-ftpd-common', 'etc', 'pure-ftpd');

export const pureftpdNeeds = unmet('Pure-FTPd differential', {
  root: true,
  commands: ['unshare', 'timeout', 'perl', 'ip', 'openssl'],
  files: [{ path: PUREFTPD, madeBy: 'scripts/install-test-deps.sh unpacks pure-ftpd as root' }, { path: PUREFTPD_WRAPPER, madeBy: 'scripts/install-test-deps.sh unpacks pure-ftpd-common as root' }],
});

/** `refused`: the wrapper's message, or "pure-ftpd exited" when the daemon stopped at once. */
export interface PureVerdict { refused?: string }

let pem: string | undefined;
/** A throwaway self-signed certificate and its key, in one PEM as pure-ftpd wants them. */
function certificate(): string {
  if (pem) return pem;
  const dir = scratch({});
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=ftpwall-test', '-days', '1'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  return (pem = readFileSync(join(dir, 'key.pem'), 'utf8') + readFileSync(join(dir, 'cert.pem'), 'utf8'));
}

/** An etc/ folder holding pure-ftpd/conf (the option files) and pure-ftpd/auth (Debian's links to unix and PAM). */
export function pureftpdEtc(folder: string, options: Record<string, string>): string {
  const etc = join(folder, 'etc');
  cpSync(STOCK_OPTIONS, join(etc, 'pure-ftpd'), { recursive: true, verbatimSymlinks: true });
  // With TLS on, pure-ftpd reads its certificate and key from this one file at start.
  mkdirSync(join(etc, 'ssl', 'private'), { recursive: true });
  writeFileSync(join(etc, 'ssl', 'private', 'pure-ftpd.pem'), certificate());
  for (const [name, text] of Object.entries(options)) writeFileSync(join(etc, 'pure-ftpd', 'conf', name), text);
  return etc;
}

/**
 * Each configuration as Debian starts it: pure-ftpd-wrapper over the option files (laid over /etc in
 * a private mount namespace), then, when it gives options, the real pure-ftpd with them in a
 * network namespace of its own: still running after a second means it accepted them.
 */
export function askPureftpd(configurations: ReadonlyArray<{ options: Record<string, string>; removed?: string[] }>): PureVerdict[] {
  const dir = scratch({});
  const scripts = configurations.map((c, n) => {
    const etc = pureftpdEtc(join(dir, String(n)), c.options);
    for (const name of c.removed ?? []) spawnSync('rm', ['-f', join(etc, 'pure-ftpd', 'conf', name)]);
    mkdirSync(join(dir, 'out'), { recursive: true });
    return [
      'mount --make-rprivate /', `mount -t overlay ftpwall-etc -o lowerdir=${etc}:/etc /etc`, 'ip link set lo up',
      `opts=$(perl ${PUREFTPD_WRAPPER} --show-options 2>${dir}/out/${n}.wrapper) || { echo wrapper > ${dir}/out/${n}.verdict; exit 0; }`,
      `timeout 1 ${PUREFTPD} $opts < /dev/null > /dev/null 2>&1; echo $? > ${dir}/out/${n}.verdict`,
    ].join('\n');
  });
  const all = scripts.map((script, n) => { writeFileSync(join(dir, `${n}.sh`), script); return `unshare -n -m sh ${dir}/${n}.sh &${(n + 1) % 32 === 0 ? '\nwait' : ''}`; });
  const run = spawnSync('timeout', ['600', 'sh', '-c', [...all, 'wait'].join('\n')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`the Pure-FTPd oracle failed: ${run.stderr}`);
  return configurations.map((_, n) => {
    const verdict = readFileSync(join(dir, 'out', `${n}.verdict`), 'utf8').trim();
    if (verdict === 'wrapper') return { refused: readFileSync(join(dir, 'out', `${n}.wrapper`), 'utf8').trim() };
    // 124: timeout stopped it, so it was running.
    return verdict === '124' ? {} : { refused: `pure-ftpd exited with status ${verdict}` };
  });
}
