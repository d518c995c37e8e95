import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main.js';
import { scratch } from '../helpers/temp.js';
import { filesBelow } from '../helpers/walk.js';

const SHIPPED = join(import.meta.dirname, '..', 'fixtures', 'shipped');
const STOCK_VSFTPD = readFileSync(join(SHIPPED, 'vsftpd', 'etc', 'vsftpd.conf'), 'utf8');

/** Every name under which ftpwall reads a file of a host, by name alone. */
const HOST_NAMES = [
  'etc/vsftpd.conf', 'etc/vsftpd/vsftpd.conf', 'etc/iptables/rules.v4', 'etc/iptables/rules.v6', 'etc/sysconfig/iptables',
  'etc/sysconfig/ip6tables', 'etc/iptables.up.rules', 'etc/sysconfig/iptables-config', 'etc/rc.local', 'etc/firewall.sh',
  'etc/modprobe.d/ftp.conf', 'etc/modules', 'etc/modules-load.d/ftp.conf', 'etc/sysctl.conf', 'etc/sysctl.d/90-ftp.conf',
  'etc/ufw/user.rules', 'etc/ufw/before6.rules', 'etc/ufw/ufw.conf', 'etc/default/ufw',
];

function shippedFiles(dir = SHIPPED): string[] {
  return filesBelow(dir).filter((path) => basename(path) !== 'README.md');
}

function run(args: string[]): { status: number; out: string; err: string } {
  let out = '', err = '';
  const status = main(args, (t) => { out += t; }, (t) => { err += t; });
  return { status, out, err };
}

describe('the files Debian\'s packages ship, placed under every name a host uses, never take a run down', () => {
  const files = shippedFiles();
  it('has the shipped files of ufw, firewalld, nftables, vsftpd, proftpd, pure-ftpd and iptables-persistent', () => {
    const packages = new Set(files.map((f) => relative(SHIPPED, f).split('/')[0]));
    for (const p of ['ufw', 'firewalld', 'nftables', 'vsftpd', 'proftpd-core', 'pure-ftpd-common', 'iptables-persistent']) assert.ok(packages.has(p), p);
    assert.ok(files.length >= 35, `${files.length} files`);
  });

  for (const file of files) {
    const shipped = relative(SHIPPED, file);
    it(shipped, () => {
      const text = readFileSync(file, 'utf8');
      const failures: string[] = [];
      // The file's own place too: there it is recognised by its content, if at all.
      for (const name of [...HOST_NAMES, shipped.split('/').slice(1).join('/')]) {
        const host = scratch({});
        const place = (path: string, content: string) => { mkdirSync(dirname(join(host, path)), { recursive: true }); writeFileSync(join(host, path), content); };
        // Beside the stock vsftpd.conf, so that the host checks run too.
        if (!/vsftpd/.test(name)) place('etc/vsftpd.conf', STOCK_VSFTPD);
        place(name, text);
        const check = run(['check', '--format', 'json', host]);
        const explain = run(['explain', '--format', 'json', host]);
        const internal = check.status === 2 ? [] : (JSON.parse(check.out) as { diagnostics: Array<{ code: string; message: string }> }).diagnostics.filter((d) => d.code === 'ftpwall/internal-error');
        if (check.status === 2 || explain.status === 2 || internal.length) {
          failures.push(`${name}: check exit ${check.status} ${check.err.trim()} ${internal.map((d) => d.message).join(' | ')}; explain exit ${explain.status} ${explain.err.trim()}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});
