import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

// systemd-rc-local-generator decides whether rc-local.service runs /etc/rc.local at boot. For
// each mode of rc.local, in a host copy that keeps modes (its init script is executable), ftpwall
// must leave rc.local's rules out exactly when the generator skips the file. The generator reads
// the machine's own /etc/rc.local, so it runs in a private mount namespace over a throwaway /etc.

const GENERATOR = '/lib/systemd/system-generators/systemd-rc-local-generator';
const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const needs = unmet('systemd-rc-local-generator differential', { root: true, commands: [GENERATOR, 'unshare', 'mount'] });
const MODES = [0o755, 0o700, 0o744, 0o710, 0o701, 0o644, 0o600, 0o444, 0o666];

const RC_LOCAL = '#!/bin/sh\niptables -P INPUT DROP\niptables -A INPUT -p tcp --dport 21 -j ACCEPT\nexit 0\n';

function hostWithRcLocal(mode: number): string {
  const host = scratch({ 'etc/init.d/cron': '#!/bin/sh\nexit 0\n', 'etc/rc.local': RC_LOCAL, 'etc/vsftpd.conf': 'listen=YES\nlocal_enable=YES\nanonymous_enable=NO\n' });
  chmodSync(join(host, 'etc/init.d/cron'), 0o755);
  chmodSync(join(host, 'etc/rc.local'), mode);
  return host;
}

/** Does the generator make rc-local.service wanted at boot, given the host's rc.local (its mode kept)? */
function generatorRuns(host: string): boolean {
  const out = join(host, 'generated');
  mkdirSync(out);
  const script = `mount -t tmpfs ftpwall-etc /etc && cp -p "${join(host, 'etc/rc.local')}" /etc/rc.local && ${GENERATOR} "${out}" "${out}" "${out}"`;
  const run = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(run.status, 0, run.stderr);
  return existsSync(join(out, 'multi-user.target.wants', 'rc-local.service'));
}

/** Does ftpwall load rc.local's rules (no firewall/not-started-at-boot on it)? */
function ftpwallRuns(host: string): boolean {
  const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', host], { encoding: 'utf8', timeout: 30_000 });
  const findings = (JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; code: string }> }).diagnostics;
  return !findings.some((f) => f.code === 'firewall/not-started-at-boot' && f.file.endsWith('/etc/rc.local'));
}

describe('differential: rc.local is loaded at boot exactly when systemd-rc-local-generator runs it', { skip: needs }, () => {
  for (const mode of MODES) {
    it(`rc.local with mode ${mode.toString(8)}`, () => {
      const host = hostWithRcLocal(mode);
      assert.equal(ftpwallRuns(host), generatorRuns(host));
    });
  }

  it('takes rc.local as run where the copy does not keep modes (no executable init script)', () => {
    const host = hostWithRcLocal(0o644);
    chmodSync(join(host, 'etc/init.d/cron'), 0o644);
    assert.equal(ftpwallRuns(host), true);
    assert.equal(generatorRuns(host), false, 'the generator itself would skip it: the copy cannot tell');
  });
});
