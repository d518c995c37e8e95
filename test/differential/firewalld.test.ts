import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { checkFiles, HOST } from '../helpers/hosts.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';
import { firewalldConfigurations, type FirewalldConfiguration } from './firewalld-corpus.js';

const needs = unmet('firewalld differential', { root: true, commands: ['firewall-offline-cmd', 'unshare'] });

/**
 * The real `firewall-offline-cmd --check-config` on each configuration, with the configuration
 * bound over /etc/firewalld inside one private mount namespace: its exit status and its
 * "Configuration error: CODE: ..." line.
 */
function askFirewalld(configurations: readonly FirewalldConfiguration[]): Map<string, { status: number; code?: string; message: string }> {
  const dir = scratch({});
  const folders = configurations.map((c, n) => {
    const folder = join(dir, String(n));
    for (const [path, text] of Object.entries(c.files)) { mkdirSync(dirname(join(folder, path)), { recursive: true }); writeFileSync(join(folder, path), text); }
    for (const sub of ['zones', 'services', 'helpers', 'ipsets']) mkdirSync(join(folder, sub), { recursive: true });
    return folder;
  });
  const script = ['mount --make-rprivate /', ...folders.map((f, n) => `mount --bind ${f} /etc/firewalld; firewall-offline-cmd --check-config > ${dir}/${n}.out 2>&1; echo $? > ${dir}/${n}.status; umount /etc/firewalld`)].join('\n');
  const run = spawnSync('timeout', ['600', 'unshare', '-m', 'sh', '-c', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const verdicts = new Map<string, { status: number; code?: string; message: string }>();
  configurations.forEach((c, n) => {
    const out = spawnSync('cat', [`${dir}/${n}.out`], { encoding: 'utf8' }).stdout;
    const status = Number(spawnSync('cat', [`${dir}/${n}.status`], { encoding: 'utf8' }).stdout.trim());
    const error = /Configuration error: ([A-Z_]+): (.*)/.exec(out);
    verdicts.set(c.name, { status, ...(error ? { code: error[1]! } : {}), message: error?.[2] ?? out.trim() });
  });
  return verdicts;
}

/** ftpwall's refusals for the same files in a host: the codes of its "Configuration error" findings. */
function ftpwallRefusals(configuration: FirewalldConfiguration): string[] {
  const files = Object.fromEntries(Object.entries(configuration.files).map(([path, text]) => [`${HOST}/etc/firewalld/${path}`, text]));
  return checkFiles(files).findings.filter((f) => f.severity === 'error').map((f) => /Configuration error: ([A-Z_]+)/.exec(f.message)?.[1] ?? f.message);
}

describe('differential: ftpwall refuses a firewalld configuration exactly where firewall-offline-cmd --check-config does', { skip: needs }, () => {
  const configurations = firewalldConfigurations();
  const verdicts = askFirewalld(configurations);

  it(`runs on at least 120 configurations (${configurations.length}), accepted and refused ones`, () => {
    assert.ok(configurations.length >= 120);
    const refused = [...verdicts.values()].filter((v) => v.status !== 0).length;
    assert.ok(refused >= 50 && configurations.length - refused >= 40, `${refused} of ${configurations.length} refused`);
  });

  for (const configuration of configurations) {
    it(configuration.name, () => {
      const verdict = verdicts.get(configuration.name)!;
      const refusals = ftpwallRefusals(configuration);
      if (verdict.status === 0) { assert.deepEqual(refusals, [], `firewalld accepts this configuration (${verdict.message})`); return; }
      assert.ok(refusals.length > 0, `firewalld refuses (${verdict.code}: ${verdict.message}) but ftpwall reports no error`);
      assert.ok(refusals.includes(verdict.code!), `firewalld refuses with ${verdict.code} (${verdict.message}); ftpwall says ${refusals.join(', ')}`);
    });
  }
});
