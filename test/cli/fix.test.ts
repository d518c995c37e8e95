import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const ftpwall = (args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
const seed = join(root, 'examples', '03-directives-run-together');

describe('ftpwall check --fix', () => {
  it('fixes the seed\'s run-together directives on disk, says so, and reports what remains', () => {
    const host = join(scratch({}), 'host');
    cpSync(seed, host, { recursive: true });
    const conf = join(host, 'etc', 'vsftpd.conf');
    chmodSync(conf, 0o640);
    const before = readFileSync(conf, 'utf8');
    assert.match(before, /pasv_min_port=2222pasv_max_port=2225|2222 *pasv_max_port/);
    const r = ftpwall(['check', '--fix', '--format', 'json', host]);
    const after = readFileSync(conf, 'utf8');
    assert.notEqual(after, before);
    assert.match(after, /^pasv_max_port=/m, after);
    assert.match(r.stderr, new RegExp(`^ftpwall: ${conf.replace(/[.]/g, '\\.')}: fixed \\d+ problems?$`, 'm'));
    const remaining = JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code);
    assert.ok(!remaining.includes('vsftpd/directives-run-together'), remaining.join(' '));
    assert.equal(statSync(conf).mode & 0o777, 0o640, 'the mode is kept');
    assert.deepEqual(readdirSync(join(host, 'etc')).filter((n) => n.includes('ftpwall')), [], 'no temporary file is left');
    // What remains decides the exit status, and a second run has nothing left to fix.
    const again = ftpwall(['check', '--fix', host]);
    assert.equal(again.stderr, '');
    assert.equal(readFileSync(conf, 'utf8'), after);
    assert.equal(again.status, r.status);
  });

  it('never leaves line endings mixed, and follows a symbolic link to the real file', () => {
    // iptables-restore refuses carriage returns, so the fix takes them out; the COMMIT the other
    // fix adds ends its line as the file's lines end, and is then cleaned the same way.
    const dir = scratch({ 'real/iptables.rules': '*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -p tcp --dport 21 -j ACCEPT\r\n' });
    const link = join(dir, 'rules.v4');
    symlinkSync(join(dir, 'real', 'iptables.rules'), link);
    const r = ftpwall(['check', '--fix', link]);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stderr, /rules\.v4: fixed \d+ problems/);
    assert.equal(readFileSync(join(dir, 'real', 'iptables.rules'), 'utf8'), '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 21 -j ACCEPT\nCOMMIT\n');
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  });

  it('ends the lines it adds as the file\'s lines end', () => {
    // With the carriage-return check off, the CRLF endings stay, and so the added COMMIT gets one.
    const host = scratch({ '.ftpwall.json': '{ "rules": { "iptables/carriage-return": "off" } }', 'etc/iptables/rules.v4': '*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -p tcp --dport 21 -j ACCEPT\r\n' });
    const r = ftpwall(['check', '--fix', join(host, 'etc', 'iptables', 'rules.v4')]);
    assert.match(r.stderr, /fixed 1 problem$/m);
    assert.equal(readFileSync(join(host, 'etc', 'iptables', 'rules.v4'), 'utf8'), '*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -p tcp --dport 21 -j ACCEPT\r\nCOMMIT\r\n');
  });

  it('leaves a file it could not read whole alone, and exits 2 for it', () => {
    const host = join(scratch({}), 'host');
    cpSync(seed, host, { recursive: true });
    const binary = join(host, 'etc', 'vsftpd.conf');
    const bytes = Buffer.concat([readFileSync(binary), Buffer.from([0])]);
    writeFileSync(binary, bytes);
    const r = ftpwall(['check', '--fix', binary]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /binary file/);
    assert.ok(readFileSync(binary).equals(bytes), 'not touched');
  });
});
