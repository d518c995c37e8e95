import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scratch } from '../helpers/temp.js';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const CONF = 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n';

describe('the ftpwall command starts through V8\'s code cache', () => {
  const dir = scratch({ 'host/etc/vsftpd.conf': CONF, 'host/etc/iptables/rules.v4': '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 21 -j ACCEPT\nCOMMIT\n' });
  const cache = join(dir, 'cache');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, FTPWALL_CACHE_DIR: cache } });
  const files = () => (existsSync(cache) ? readdirSync(cache) : []);

  it('makes no cache for --version, one private cache for a check, and gives the same output with it', () => {
    assert.equal(run('--version').status, 0);
    assert.deepEqual(files(), []);
    const first = run('check', '--format', 'json', join(dir, 'host'));
    const [made] = files();
    assert.ok(made && /^cli-[0-9a-f]{24}\.v8cache$/.test(made), files().join(', '));
    // Named by the bundle's content (V8 checks only its length), as the build hashed it.
    const bundleHash = createHash('sha256').update(readFileSync(join(cli, '..', 'cli-main.js'))).digest('hex');
    assert.ok(made.startsWith(`cli-${bundleHash.slice(0, 16)}`), made);
    assert.equal(statSync(cache).mode & 0o777, 0o700);
    assert.equal(statSync(join(cache, made)).mode & 0o777, 0o600);
    const second = run('check', '--format', 'json', join(dir, 'host'));
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.status, first.status);
    assert.match(first.stdout, /ftp\/passive-blocked/);
  });

  it('starts as well from a cache V8 refuses, and writes it again', () => {
    const [made] = files();
    writeFileSync(join(cache, made!), 'not a code cache');
    const again = run('check', '--format', 'json', join(dir, 'host'));
    assert.match(again.stdout, /ftp\/passive-blocked/);
    assert.ok(readFileSync(join(cache, made!)).length > 1000);
  });

  it('keeps the caches of the last three other bundles when it writes its own, and nothing else of theirs', () => {
    const [made] = files();
    const old = Array.from({ length: 5 }, (_, n) => `cli-${String(n).repeat(24)}.v8cache`);
    old.forEach((name, n) => {
      writeFileSync(join(cache, name), 'an older bundle\'s cache');
      utimesSync(join(cache, name), 1_000_000 + n, 1_000_000 + n);
    });
    writeFileSync(join(cache, 'notes.txt'), 'not a cache');
    writeFileSync(join(cache, made!), 'not a code cache');
    assert.match(run('check', '--format', 'json', join(dir, 'host')).stdout, /ftp\/passive-blocked/);
    assert.deepEqual(files().sort(), [made!, 'notes.txt', ...old.slice(2)].sort());
  });
});
