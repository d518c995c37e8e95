import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCheck } from '../../server/src/cli/check-command.js';
import { readScope } from '../../server/src/cli/read-scope.js';
import { hostPaths } from '../../server/src/engine/paths.js';
import { applyHostFix, type Files } from '../helpers/hosts.js';
import { readFileSync } from 'node:fs';

const examples = join(import.meta.dirname, '..', '..', 'examples');
/** The control, passive and active verdicts of a scenario's one host. */
const verdicts = (name: string) => { const [read] = readScope([join(examples, name)]).hosts; const paths = hostPaths(read!.loaded.host); return [paths.control.verdict, paths.passive.verdict, paths.active.verdict]; };
const hostFindings = (name: string) => runCheck([join(examples, name)]).findings.filter((f) => f.ruleId.startsWith('ftp/'));

/** What each scenario's EXPECT.md says an administrator should be told about the host as a whole. */
describe('scenarios: findings for the host as a whole', () => {
  it('01: passive is blocked, with both fixes the administrator wants offered', () => {
    const blocked = hostFindings('01-only-control-port-open').find((f) => f.ruleId === 'ftp/passive-blocked')!;
    assert.match(blocked.message, /5001-65535; none of them is accepted: .*REJECT at iptables:9/);
    const titles = blocked.fixes.map((f) => f.title);
    assert.ok(titles.some((t) => /^Use passive ports 40000-40100 in vsftpd\.conf and accept them in iptables/.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => /^Assign the FTP helper to port 21/.test(t)), titles.join(' | '));
    // Applied, the first fix touches both files and makes passive work.
    const fix = blocked.fixes[0]!;
    const files: Files = Object.fromEntries(Object.keys(fix.edits).map((p) => [p, readFileSync(p, 'utf8')]));
    const fixed = applyHostFix(files, fix);
    assert.match(fixed[join(examples, '01-only-control-port-open/etc/vsftpd.conf')]!, /pasv_min_port=40000\npasv_max_port=40100\n$/);
    assert.match(fixed[join(examples, '01-only-control-port-open/etc/sysconfig/iptables')]!, /--dport 40000:40100 .*-j ACCEPT\n-A INPUT -j REJECT/);
  });

  it('02 and 05: passive works; four ports are noted as a limit', () => {
    for (const name of ['02-passive-range-opened', '05-iptables-config-modules']) {
      assert.deepEqual(hostFindings(name).map((f) => f.ruleId), ['ftp/passive-range-small'], name);
    }
  });

  it('03 and 04: passive is blocked, and 04\'s firewall range is called a mismatch', () => {
    assert.match(hostFindings('03-directives-run-together').find((f) => f.ruleId === 'ftp/passive-blocked')!.message, /only 4 of 63314 \(2222-2225\)/);
    const inverted = hostFindings('04-inverted-range').map((f) => f.ruleId);
    assert.ok(inverted.includes('ftp/passive-blocked') && inverted.includes('ftp/firewall-range-mismatch'), inverted.join(' '));
  });

  it('06 and 08: passive is blocked because RELATED has no assigned helper', () => {
    for (const name of ['06-rc-local-typos', '08-helper-loaded-not-assigned']) {
      const related = hostFindings(name).find((f) => f.ruleId === 'ftp/related-without-helper')!;
      assert.match(related.message, /the FTP helper module is loaded, but since kernel 4\.7/, name);
    }
  });

  it('07, 08b and 09: nothing about the data paths', () => {
    for (const name of ['07-active-only', '08b-helper-assigned', '09-shell-script-firewall']) assert.deepEqual(hostFindings(name).map((f) => f.message), [], name);
  });

  it('11: only ProFTPD\'s virtual host on 2121 is told its passive range is blocked, with the fix that opens it', () => {
    const all = hostFindings('11-proftpd-virtual-hosts');
    assert.deepEqual(all.map((f) => f.ruleId), ['ftp/passive-blocked']);
    const [blocked] = all;
    assert.match(blocked!.message, /^<VirtualHost 192\.0\.2\.10>: Passive data connections are blocked: ProFTPD picks passive ports from 50000-50100/);
    assert.equal(blocked!.range.start.line, 17, 'on the virtual host\'s PassivePorts line');
    const fix = blocked!.fixes.find((f) => f.preferred)!;
    assert.match(fix.title, /^Accept ProFTPD's passive ports 50000-50100 in rules\.v4/);
  });

  it('10: only ftp2 is told about its blocked passive range and the mismatched rule', () => {
    const all = runCheck([join(examples, '10-two-hosts')]).findings.filter((f) => f.ruleId.startsWith('ftp/'));
    assert.deepEqual(all.filter((f) => f.file.includes('/ftp1/')).map((f) => f.ruleId), ['ftp/passive-range-small']);
    assert.deepEqual(all.filter((f) => f.file.includes('/ftp2/')).map((f) => f.ruleId).sort(), ['ftp/firewall-range-mismatch', 'ftp/passive-blocked']);
  });

  it('13: an nftables host without a helper has passive blocked, with the range opened in its input chain or the helper assigned as fixes', () => {
    const { findings } = runCheck([join(examples, '13-nftables-no-helper')]);
    assert.deepEqual(verdicts('13-nftables-no-helper'), ['open', 'blocked', 'open']);
    const blocked = findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const titles = blocked.fixes.map((f) => f.title);
    assert.ok(titles.some((t) => /^Accept vsftpd's passive ports 30000-30010 in nftables\.conf/.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => /^Assign the FTP helper to port 21/.test(t)), titles.join(' | '));
  });

  it('14: firewalld\'s stock ftp service relates the data connections, and the stock zones nothing is bound to (external masquerades) count for nothing', () => {
    const { findings } = runCheck([join(examples, '14-firewalld-ftp-service')]);
    assert.deepEqual(verdicts('14-firewalld-ftp-service'), ['open', 'open', 'open']);
    assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('ftp/')).map((f) => f.message), []);
  });

  it('15: ufw after `ufw allow ftp` has passive blocked, fixed as `ufw allow 30000:30010/tcp` writes it, and none of ufw\'s own files is blamed', () => {
    const { findings } = runCheck([join(examples, '15-ufw-allow-ftp-only')]);
    assert.deepEqual(verdicts('15-ufw-allow-ftp-only'), ['open', 'blocked', 'open']);
    assert.deepEqual(findings.filter((f) => f.file.includes('/etc/ufw/')).map((f) => `${f.ruleId}: ${f.message}`), []);
    const fix = findings.find((f) => f.ruleId === 'ftp/passive-blocked')!.fixes.find((f) => /ufw allow 30000:30010\/tcp/.test(f.title));
    assert.ok(fix);
    const [file, edits] = Object.entries(fix.edits)[0]!;
    assert.match(file, /\/etc\/ufw\/user\.rules$/);
    assert.match(edits[0]!.newText, /^### tuple ### allow tcp 30000:30010 0\.0\.0\.0\/0 any 0\.0\.0\.0\/0 in comment=[0-9a-f]+\n-A ufw-user-input -p tcp -m multiport --dports 30000:30010 -j ACCEPT\n/);
  });

  it('16: a script that opens its ports in a loop over a variable: every path open, nothing to fix', () => {
    const { findings } = runCheck([join(examples, '16-script-loop')]);
    assert.deepEqual(verdicts('16-script-loop'), ['open', 'open', 'open']);
    assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('ftp/')).map((f) => f.message), []);
  });
});
