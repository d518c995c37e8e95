import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hasCommand } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const runner = join(root, 'scripts', 'run-tests.mjs');
const cases = join(root, 'test', 'fixtures', 'runner');

function runTests(files: string[], env: Record<string, string | undefined>, withoutRoot = false) {
  const output = scratch({});
  chmodSync(output, 0o777);
  // A user namespace without mappings: the run sees itself as nobody (no root), while the files
  // stay readable wherever the checkout is (CI's clone may sit in a folder only root can enter).
  const command = withoutRoot ? ['unshare', '--user', process.execPath, runner, ...files] : [process.execPath, runner, ...files];
  const run = spawnSync(command[0]!, command.slice(1), { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_TEST_CONTEXT: undefined, CI: undefined, FTPWALL_TEST_OUTPUT: output, ...env } });
  const lines = run.stdout.trim().split('\n');
  return { status: run.status, closing: lines.at(-1)!, output: run.stdout + run.stderr };
}

describe('the test runner counts what happened', () => {
  it('counts a suite that throws while it loads as failed, and exits 1', () => {
    const run = runTests([join(cases, 'loading-fails.case.ts')], {});
    assert.equal(run.status, 1, run.output);
    assert.equal(run.closing, '1 passed, 1 failed, 0 skipped', run.output);
    assert.match(run.output, /a suite whose setup throws \(setup failed on purpose\)/);
  });

  it('lists every skip with its reason; a skip passes a local run and fails a CI run', () => {
    const local = runTests([join(cases, 'skips.case.ts')], {});
    assert.equal(local.status, 0, local.output);
    assert.equal(local.closing, '1 passed, 0 failed, 1 skipped', local.output);
    assert.match(local.output, /Skipped:\n {2}demo tests skipped: needs root\n/);
    const ci = runTests([join(cases, 'skips.case.ts')], { CI: 'true' });
    assert.equal(ci.status, 1, ci.output);
    assert.match(ci.output, /CI=true: 1 skipped test\(s\) fail the run/);
  });

  it('run without root, the kernel and differential suites are skipped with one line each, and CI=true fails', { skip: !hasCommand('unshare') && 'runner tests skipped: needs unshare (util-linux)' }, () => {
    const suites = ['test/unit/core/core.test.ts', 'test/kernel/ftp-paths.test.ts', 'test/differential/vsftpd.test.ts', 'test/differential/iptables.test.ts'];
    const local = runTests(suites, {}, true);
    assert.equal(local.status, 0, local.output);
    for (const line of ['kernel tests skipped: needs root', 'vsftpd differential tests skipped: needs root', 'iptables differential tests skipped: needs root']) {
      assert.ok(local.output.split('\n').some((l) => l.startsWith(`  ${line}`)), `no line "${line}" in:\n${local.output}`);
    }
    assert.match(local.closing, /^\d+ passed, 0 failed, 4 skipped$/);
    const ci = runTests(suites, { CI: 'true' }, true);
    assert.equal(ci.status, 1, ci.output);
  });
});
