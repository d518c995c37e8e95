import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const ftpwall = (args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

/** The SARIF 2.1.0 schema (test/fixtures/reference/README.md says where it comes from). */
function sarifValidator() {
  // The schema's pattern for a language tag is not a valid regular expression in unicode mode.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'reference', 'sarif-schema-2.1.0.json'), 'utf8')));
}

describe('ftpwall in CI: SARIF for code scanning', () => {
  const validate = sarifValidator();

  it('the schema check itself works: a log without the required parts is refused', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  });

  it('prints SARIF that validates against the SARIF 2.1.0 schema, for every example and for refused files', () => {
    const broken = scratch({ 'etc/vsftpd.conf': 'listen =YES\npasv_min_prot=1\n', 'etc/iptables/rules.v4': '*filter\n-A INPUT -p tcp --dport 70000 -j ACCEPT\n' });
    for (const path of ['examples', broken]) {
      const r = ftpwall(['check', '--format', 'sarif', path]);
      const log: { runs: Array<{ results: unknown[] }> } = JSON.parse(r.stdout);
      assert.ok(validate(log), `${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      assert.ok(log.runs[0].results.length > 0, path);
    }
  });
});

const needs = unmet('pre-commit tests', { commands: ['pre-commit', 'git', 'npm'] });

describe('ftpwall as a pre-commit hook', { skip: needs }, () => {
  /** This working tree as a repository of its own, as pre-commit clones the hook's repository at a revision. */
  function hookRepository(): { path: string; rev: string } {
    const path = join(scratch({}), 'ftpwall');
    const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      mkdirSync(dirname(join(path, file)), { recursive: true });
      try { copyFileSync(join(root, file), join(path, file)); } catch { /* listed but deleted in the working tree */ }
    }
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=test@ftpwall.invalid', '-c', 'user.name=test', ...args], { cwd: path, encoding: 'utf8' });
    git('init', '-q'); git('add', '-A'); git('commit', '-qm', 'ftpwall');
    return { path, rev: git('rev-parse', 'HEAD').stdout.trim() };
  }

  it('a commit that breaks vsftpd.conf is stopped with ftpwall\'s finding, judged with the host\'s firewall; the fixed file passes', () => {
    const hook = hookRepository();
    const user = scratch({
      'ftp1/etc/vsftpd.conf': 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n',
      'ftp1/etc/iptables/rules.v4': '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -p tcp --dport 40000:40100 -j ACCEPT\nCOMMIT\n',
      // The three lines a user adds.
      '.pre-commit-config.yaml': `repos:\n  - repo: ${hook.path}\n    rev: ${hook.rev}\n    hooks: [{ id: ftpwall, args: [--failure-threshold, warning] }]\n`,
    });
    const env = { ...process.env, PRE_COMMIT_HOME: join(scratch({}), 'cache') };
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=test@ftpwall.invalid', '-c', 'user.name=test', ...args], { cwd: user, encoding: 'utf8', env, timeout: 600_000 });
    git('init', '-q');
    git('add', '-A');
    const first = git('commit', '-qm', 'a host that works');
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.equal(spawnSync('pre-commit', ['install'], { cwd: user, env, encoding: 'utf8' }).status, 0);

    // Only vsftpd.conf changes: the hook must read rules.v4 beside it to see that 50000+ is not open.
    writeFileSync(join(user, 'ftp1/etc/vsftpd.conf'), 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=YES\npasv_min_port=50000\npasv_max_port=50100\n');
    git('add', '-A');
    const stopped = git('commit', '-qm', 'move the passive range');
    const said = stopped.stdout + stopped.stderr;
    assert.notEqual(stopped.status, 0, said);
    assert.match(said, /ftpwall \(will FTP get through\?\).*Failed/);
    assert.match(said, /ftp1\/etc\/vsftpd\.conf:5:1: warning: Passive data connections are blocked.*\[ftp\/passive-blocked\]/);
    assert.doesNotMatch(said, /no-firewall/);

    writeFileSync(join(user, 'ftp1/etc/iptables/rules.v4'), readFileSync(join(user, 'ftp1/etc/iptables/rules.v4'), 'utf8').replace('40000:40100', '50000:50100'));
    git('add', '-A');
    const passed = git('commit', '-qm', 'open the new range');
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout + passed.stderr, /ftpwall \(will FTP get through\?\).*Passed/);
  });
});
