import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCheck } from '../../../server/src/cli/check-command.js';
import { scratch } from '../../helpers/temp.js';
import { applyHostFix, checkFiles, conf, HOST, lines, VSFTPD } from '../../helpers/hosts.js';

const SCRIPT = `${HOST}/etc/firewall.sh`;

describe('host settings and script-style fixes', () => {
  it('inserts the passive ACCEPT into a firewall script in the script\'s own style, before the blocking rule', () => {
    const files = { [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100'), [SCRIPT]: lines('#!/bin/sh', 'IPT=/sbin/iptables', '$IPT -P INPUT DROP', '$IPT -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '$IPT -A INPUT -p tcp --dport 21 -j ACCEPT', '  $IPT -A INPUT -j REJECT') };
    const blocked = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fixed = applyHostFix(files, blocked.fixes.find((f) => f.title.startsWith("Accept vsftpd's passive ports"))!);
    assert.match(fixed[SCRIPT]!, /\n {2}\$IPT -A INPUT -p tcp --dport 40000:40100 -m comment --comment "ftpwall: vsftpd passive ports" -j ACCEPT\n {2}\$IPT -A INPUT -j REJECT\n$/);
    assert.equal(checkFiles(fixed).paths.passive.verdict, 'open');
  });

  it('uses the kernel from .ftpwall.json: before 4.7 a loaded helper is assigned by itself', () => {
    const files = { [VSFTPD]: conf().replace('ssl_enable=YES', 'ssl_enable=NO'), [`${HOST}/etc/sysconfig/iptables`]: lines('*filter', ':INPUT DROP [0:0]', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT'), [`${HOST}/etc/sysconfig/iptables-config`]: lines('IPTABLES_MODULES="nf_conntrack_ftp"') };
    assert.equal(checkFiles(files).paths.passive.verdict, 'blocked');
    assert.equal(checkFiles(files, { kernel: '4.4' }).paths.passive.verdict, 'open');
    assert.equal(checkFiles({ ...files, [`${HOST}/etc/sysctl.conf`]: 'net.netfilter.nf_conntrack_helper = 1\n' }, { kernel: '5.10' }).paths.passive.verdict, 'open');
    assert.equal(checkFiles({ ...files, [`${HOST}/etc/sysctl.conf`]: 'net.netfilter.nf_conntrack_helper = 1\n' }, { kernel: '6.1' }).paths.passive.verdict, 'blocked');
    // Files that set it both ways: which one is applied last is not followed, so it is not certain.
    const both = checkFiles({ ...files, [`${HOST}/etc/sysctl.conf`]: 'net.netfilter.nf_conntrack_helper = 1\n', [`${HOST}/etc/sysctl.d/90-no-helper.conf`]: 'net.netfilter.nf_conntrack_helper = 0\n' }, { kernel: '5.10' }).paths.passive;
    assert.equal(both.verdict, 'conditional');
    assert.match(both.reason, /nf_conntrack_helper ends up 1: the sysctl files set it both ways \(sysctl\.conf:1, 90-no-helper\.conf:1\)/);
    // Numbers as the kernel reads them: 01 and 0x1 are 1; 2 is on where any number is taken and refused where only 0 and 1 are.
    const helperSetTo = (value: string) => checkFiles({ ...files, [`${HOST}/etc/sysctl.conf`]: `net.netfilter.nf_conntrack_helper = ${value}\n` }, { kernel: '5.10' }).paths.passive.verdict;
    assert.equal(helperSetTo('01'), 'open');
    assert.equal(helperSetTo('0x1'), 'open');
    assert.equal(helperSetTo('2'), 'conditional');
  });

  it('reads nf_conntrack_ftp\'s ports= as the kernel reads a module\'s numbers: 021 is port 17, and an entry it cannot read keeps the module from loading', () => {
    const files = { [VSFTPD]: conf().replace('ssl_enable=YES', 'ssl_enable=NO'), [`${HOST}/etc/sysconfig/iptables`]: lines('*filter', ':INPUT DROP [0:0]', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT'), [`${HOST}/etc/sysconfig/iptables-config`]: lines('IPTABLES_MODULES="nf_conntrack_ftp"') };
    const passive = (options: string) => checkFiles({ ...files, [`${HOST}/etc/modprobe.d/ftp.conf`]: `options nf_conntrack_ftp ${options}\n` }, { kernel: '4.4' }).paths.passive;
    assert.equal(passive('ports=21,2121').verdict, 'open');
    assert.equal(passive('ports=0x15').verdict, 'open');
    assert.equal(passive('ports=+21').verdict, 'open');
    assert.equal(passive('ports=021').verdict, 'blocked');
    assert.match(passive('ports=021').reason, /watches port 17, not/);
    for (const refused of ['ports=21,ftp', 'ports=21,70000', 'ports=21,', 'ports=1,2,3,4,5,6,7,8,21']) {
      const verdict = passive(refused);
      assert.equal(verdict.verdict, 'blocked', refused);
      assert.match(verdict.reason, /nf_conntrack_ftp refuses to load: its option ports=/, refused);
    }
  });

  it('takes only the firewall files .ftpwall.json lists, and leaves out the ignored ones', () => {
    const open = lines('*filter', ':INPUT DROP [0:0]', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT', 'COMMIT');
    const closed = lines('*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT');
    // Both firewall files in the one host (a folder holding etc/ would be a host of its own).
    const base = { 'etc/vsftpd.conf': conf('pasv_min_port=40000', 'pasv_max_port=40100'), 'etc/iptables/rules.v4': open, 'etc/sysconfig/iptables': closed };
    const ids = (config: object) => runCheck([scratch({ ...base, '.ftpwall.json': JSON.stringify(config) })]).findings.filter((f) => f.ruleId.startsWith('ftp/')).map((f) => f.ruleId);
    assert.deepEqual(ids({ firewall: ['etc/iptables/rules.v4'] }), []);
    assert.ok(ids({ firewall: ['etc/sysconfig/iptables'] }).includes('ftp/control-blocked'));
    assert.deepEqual(ids({ ignore: ['etc/sysconfig/*'] }), []);
    assert.ok(ids({ ignore: ['etc/iptables/**'] }).includes('ftp/control-blocked'));
  });
});

describe('path patterns in .ftpwall.json', () => {
  it('match prefixes, * within a name, **/ across folders and a trailing **', async () => {
    const { matchesPattern } = await import('../../../server/src/analysis/hosts.js');
    assert.ok(matchesPattern('etc/iptables/rules.v4', 'etc/iptables'));
    assert.ok(matchesPattern('etc/iptables/rules.v4', 'etc/iptables/*.v4'));
    assert.ok(!matchesPattern('etc/iptables/old/rules.v4', 'etc/iptables/*.v4'));
    assert.ok(matchesPattern('etc/iptables/old/rules.v4', 'etc/**/rules.v4'));
    assert.ok(matchesPattern('etc/iptables/old/rules.v4', 'etc/iptables/**'));
    assert.ok(!matchesPattern('etc/vsftpd.conf', 'etc/iptables/**'));
  });
});
