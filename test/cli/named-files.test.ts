import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { runCheck } from '../../server/src/cli/check-command.js';
import { runExplain } from '../../server/src/cli/explain-command.js';
import type { Finding } from '../../server/src/core/findings.js';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const examples = join(root, 'examples');
const cli = join(root, 'dist', 'cli.js');
const ftpwall = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((e) => { const p = join(dir, e); return statSync(p).isDirectory() ? filesUnder(p) : e.endsWith('.md') ? [] : [p]; });
}
/** Each example host: an example's folder, or each folder under its hosts/ when it holds several (servers, gateways). */
const hostFolders = () => readdirSync(examples).map((e) => join(examples, e)).filter((e) => statSync(e).isDirectory())
  .flatMap((e) => (existsSync(join(e, 'hosts')) ? readdirSync(join(e, 'hosts')).map((h) => join(e, 'hosts', h)) : [e]));
const summary = (findings: Finding[]) => findings.map((f) => `${relative(root, f.file)}:${f.range.start.line}:${f.range.start.character} ${f.ruleId} ${f.message}`);

const CLEAN = 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n';
const RULES = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -p tcp --dport 40000:40100 -j ACCEPT\n-A INPUT -j REJECT\nCOMMIT\n';

describe('a file named alone is judged inside its whole host', () => {
  it('every file of every example host gets the same findings named alone as when its host folder is named', () => {
    let compared = 0;
    for (const host of hostFolders()) {
      const whole = runCheck([host]).findings;
      for (const file of filesUnder(host)) {
        assert.deepEqual(summary(runCheck([file]).findings), summary(whole.filter((f) => f.file === file)), file);
        compared++;
      }
    }
    assert.ok(compared >= 25, `${compared} files compared`);
  });

  it('a host\'s vsftpd.conf named alone is not "without a firewall" when its host has one, through the real CLI', () => {
    const r = ftpwall(['check', '--format', 'json', '--failure-threshold', 'hint', 'examples/10-two-hosts/hosts/ftp2/etc/vsftpd.conf']);
    const codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string; file: string }) => `${d.file} ${d.code}`);
    assert.ok(codes.includes('examples/10-two-hosts/hosts/ftp2/etc/vsftpd.conf ftp/passive-blocked'), codes.join('\n'));
    assert.ok(!codes.some((c: string) => c.includes('ftp/no-firewall') || c.includes('rules.v4')), codes.join('\n'));
  });

  it('named from inside the host (cwd etc/), paths are shown as named and the host check is there', () => {
    const r = ftpwall(['check', '--failure-threshold', 'hint', 'vsftpd.conf'], join(examples, '10-two-hosts', 'hosts', 'ftp2', 'etc'));
    assert.match(r.stdout, /^vsftpd\.conf:3:1: warning: Passive data connections are blocked/m);
    assert.doesNotMatch(r.stdout, /no-firewall|\.\.\//);
  });

  it('two files of one host named give one host in explain', () => {
    const { hosts } = runExplain([join(examples, '10-two-hosts/hosts/ftp2/etc/vsftpd.conf'), join(examples, '10-two-hosts/hosts/ftp2/etc/iptables/rules.v4')]);
    assert.deepEqual(hosts.map((h) => h.root), [join(examples, '10-two-hosts/hosts/ftp2')]);
    assert.equal(hosts[0]!.paths.passive.verdict, 'blocked');
    const r = ftpwall(['explain', '--format', 'json', 'examples/10-two-hosts/hosts/ftp2/etc/vsftpd.conf', 'examples/10-two-hosts/hosts/ftp2/etc/iptables/rules.v4']);
    assert.deepEqual(JSON.parse(r.stdout).hosts.map((h: { root: string }) => h.root), ['examples/10-two-hosts/hosts/ftp2']);
  });

  it('a folder named inside a host is judged with the host, and a file and its folder named together count once', () => {
    const byFolder = runCheck([join(examples, '10-two-hosts/hosts/ftp2/etc/iptables')]).findings;
    assert.ok(byFolder.some((f) => f.ruleId === 'ftp/firewall-range-mismatch'), summary(byFolder).join('\n'));
    assert.ok(byFolder.every((f) => f.file.endsWith('rules.v4')));
    const twice = runCheck([join(examples, '10-two-hosts/hosts/ftp2'), join(examples, '10-two-hosts/hosts/ftp2/etc/vsftpd.conf')]).findings;
    assert.deepEqual(summary(twice), summary(runCheck([join(examples, '10-two-hosts/hosts/ftp2')]).findings));
  });

  it('the search for the host stops at a repository\'s root: a checkout is not read as part of the machine around it', () => {
    const dir = scratch({ 'etc/iptables/rules.v4': RULES, 'repo/lone/vsftpd.conf': CLEAN });
    mkdirSync(join(dir, 'repo', '.git'));
    const findings = runCheck([join(dir, 'repo', 'lone', 'vsftpd.conf')]).findings;
    assert.deepEqual(findings.map((f) => f.ruleId), ['ftp/no-firewall']);
    // Without the repository, the folder holding etc/ is the host, and its firewall is read.
    const host = scratch({ 'etc/iptables/rules.v4': RULES, 'etc/vsftpd.conf': CLEAN });
    assert.deepEqual(runCheck([join(host, 'etc', 'vsftpd.conf')]).findings.map((f) => f.ruleId), []);
  });
});

describe('.ftpwall.json rules reach every check of the host\'s files', () => {
  const dir = scratch({
    'off/.ftpwall.json': JSON.stringify({ rules: { 'vsftpd/anonymous-login-by-default': 'off', 'iptables/log-prefix-truncated': 'error' } }),
    'off/etc/vsftpd.conf': 'listen=YES\nlocal_enable=YES\nssl_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n',
    'off/etc/iptables/rules.v4': RULES.replace('-A INPUT -j REJECT', '-A INPUT -j LOG --log-prefix "FTP passive connection refused: "\n-A INPUT -j REJECT'),
    'on/etc/vsftpd.conf': 'listen=YES\nlocal_enable=YES\nssl_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n',
  });
  const codes = (path: string) => runCheck([join(dir, path)]).findings.map((f) => `${f.ruleId}:${f.severity}`);

  it('turns a per-file check off and raises another, named by folder or by file', () => {
    assert.ok(codes('on').includes('vsftpd/anonymous-login-by-default:warning'), 'the check fires without .ftpwall.json');
    for (const path of ['off', 'off/etc/vsftpd.conf']) assert.ok(!codes(path).some((c) => c.startsWith('vsftpd/anonymous-login-by-default')), path);
    for (const path of ['off', 'off/etc/iptables/rules.v4']) assert.ok(codes(path).includes('iptables/log-prefix-truncated:error'), `${path}: ${codes(path)}`);
  });

  it('exits by the severities .ftpwall.json sets', () => {
    assert.equal(ftpwall(['check', join(dir, 'off')]).status, 1);
    assert.equal(ftpwall(['check', join(dir, 'on')]).status, 0);
  });
});
