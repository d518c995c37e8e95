import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyHostFix, checkFiles, conf, filter, HOST, lines, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';

// Over IPv6 a fix must go where the host keeps its IPv6 rules: user6.rules beside ufw's
// user.rules, an ip6tables command in a script that writes both families. The kernel checks the
// ufw case (test/kernel/hosts/ufw-v6-range-missing); these pin the file and the words.

const dualStackConf = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('listen=YES', 'listen=NO\nlisten_ipv6=YES');
const passiveFix = (files: Files) => checkFiles(files).findings.find((f) => f.ruleId === 'ftp/ipv6-blocked' && /passive/.test(f.message));

/** A ufw host as installed, with port 21 and the passive range allowed for IPv4 and only port 21 (or, with `both`, both) for IPv6. */
function ufwHost(both = false): Files {
  const stock = join('test', 'fixtures', 'shipped', 'ufw');
  const shipped = (name: string) => readFileSync(join(stock, 'usr', 'share', 'ufw', 'iptables', name), 'utf8');
  const withRule = (text: string, chain: string, rule: string) => text.replace('### RULES ###\n', `### RULES ###\n${rule.replace(/CHAIN/g, chain)}\n`);
  const opened = '### tuple ### allow tcp 21 ANY any ANY in\n-A CHAIN -p tcp --dport 21 -j ACCEPT\n### tuple ### allow tcp 40000:40100 ANY any ANY in\n-A CHAIN -p tcp -m multiport --dports 40000:40100 -j ACCEPT';
  return {
    [VSFTPD]: dualStackConf,
    [`${HOST}/etc/ufw/ufw.conf`]: 'ENABLED=yes\n',
    [`${HOST}/etc/default/ufw`]: readFileSync(join(stock, 'etc', 'default', 'ufw'), 'utf8'),
    [`${HOST}/etc/ufw/user.rules`]: withRule(shipped('user.rules'), 'ufw-user-input', opened.replace(/ANY/g, '0.0.0.0/0')),
    [`${HOST}/etc/ufw/user6.rules`]: withRule(shipped('user6.rules'), 'ufw6-user-input', (both ? opened : opened.split('\n').slice(0, 2).join('\n')).replace(/ANY/g, '::/0')),
    ...Object.fromEntries(['before', 'after', 'before6', 'after6'].map((name) => [`${HOST}/etc/ufw/${name}.rules`, shipped(`${name}.rules`)])),
  };
}

describe('IPv6 fixes in the file that holds the IPv6 rules', () => {
  it('ufw: the range goes into user6.rules with ufw6 chains and a tuple of ::/0, and IPv6 passive then opens', () => {
    const files = ufwHost();
    const before = checkFiles(files).paths;
    // before6.rules drops routing headers of type 0, which FTP's packets never carry: IPv6 control is sure.
    assert.deepEqual([before.ipv6!.control.verdict, before.ipv6!.passive.verdict, before.passive.verdict], ['open', 'blocked', 'open']);
    const fix = passiveFix(files)!.fixes[0]!;
    assert.equal(fix.title, 'Accept the passive ports 40000-40100 over IPv6 in user6.rules');
    assert.deepEqual(Object.keys(fix.edits), [`${HOST}/etc/ufw/user6.rules`]);
    const fixed = applyHostFix(files, fix);
    assert.match(fixed[`${HOST}/etc/ufw/user6.rules`]!, /### tuple ### allow tcp 40000:40100 ::\/0 any ::\/0 in comment=[0-9a-f]+\n-A ufw6-user-input -p tcp -m multiport --dports 40000:40100 -j ACCEPT\n/);
    assert.equal(checkFiles(fixed).paths.ipv6!.passive.verdict, 'open');
  });

  it('ufw: where before6.rules lost its neighbour discovery rules, ICMPv6 is accepted at the top of ufw6-before-input there (kernel: ufw-v6-discovery-removed)', () => {
    const files = ufwHost(true);
    // As installed: its discovery rules take some of the types each, which ftpwall cannot weigh, so the TCP verdicts stand (the kernel agrees).
    assert.equal(checkFiles(files).paths.ipv6!.passive.verdict, 'open');
    const BEFORE6 = `${HOST}/etc/ufw/before6.rules`, USER6 = `${HOST}/etc/ufw/user6.rules`;
    // ufw logs what its policy drops (logging low, as installed), rate-limited, in user6.rules.
    const logging = '### LOGGING ###\n-A ufw6-after-logging-input -j LOG --log-prefix "[UFW BLOCK] " -m limit --limit 3/min --limit-burst 10\n### END LOGGING ###\n';
    const trimmed = {
      ...files,
      [BEFORE6]: files[BEFORE6]!.replace(/^-A ufw6-before-input -p icmpv6 --icmpv6-type (router|neighbor)-(solicitation|advertisement) .*\n/gm, ''),
      [USER6]: files[USER6]!.replace(/^COMMIT$/m, `${logging}COMMIT`),
    };
    // Its routing-header drop, the other ICMPv6 types and the rate-limited log before the policy all pass it on to INPUT's DROP.
    assert.match(checkFiles(trimmed).paths.ipv6!.control.reason, /^Neighbour discovery never passes IPv6 INPUT: .* meet INPUT's policy DROP at ufw:11/);
    const fix = passiveFix(trimmed)!.fixes[0]!;
    assert.equal(fix.title, "Accept ICMPv6 (neighbour discovery) before INPUT's policy DROP in before6.rules");
    const fixed = applyHostFix(trimmed, fix);
    assert.match(fixed[BEFORE6]!, /\n-A ufw6-before-input -p ipv6-icmp -m comment --comment "ftpwall: IPv6 neighbour discovery" -j ACCEPT\n-A ufw6-before-input -i lo -j ACCEPT\n/);
    assert.equal(checkFiles(fixed).paths.ipv6!.passive.verdict, 'open');
  });

  it('a script that writes both families: the accept is an ip6tables command, after its last one', () => {
    const script = lines('#!/bin/sh', 'IPT=/sbin/iptables', 'IPT6=/sbin/ip6tables', '$IPT -P INPUT DROP', '$IPT6 -P INPUT DROP', '$IPT -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT',
      '$IPT6 -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '$IPT6 -A INPUT -p ipv6-icmp -j ACCEPT', '$IPT -A INPUT -p tcp -m multiport --dports 21,40000:40100 -j ACCEPT', '$IPT6 -A INPUT -p tcp --dport 21 -j ACCEPT', 'echo done');
    const files: Files = { [VSFTPD]: dualStackConf, [`${HOST}/etc/firewall.sh`]: script };
    const fix = passiveFix(files)!.fixes[0]!;
    const fixed = applyHostFix(files, fix)[`${HOST}/etc/firewall.sh`]!;
    assert.match(fixed, /\$IPT6 -A INPUT -p tcp --dport 21 -j ACCEPT\n\$IPT6 -A INPUT -p tcp --dport 40000:40100 -m comment --comment "ftpwall: FTP passive over IPv6" -j ACCEPT\necho done\n$/);
    assert.equal(checkFiles({ ...files, [`${HOST}/etc/firewall.sh`]: fixed }).paths.ipv6!.passive.verdict, 'open');
  });

  it('a script that calls both commands through one variable in a loop: a fix after the loop names its command', () => {
    const script = lines('#!/bin/sh', 'for ipt in iptables ip6tables; do', '  $ipt -P INPUT DROP', '  $ipt -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '  $ipt -A INPUT -p tcp --dport 21 -j ACCEPT', 'done', '/sbin/ip6tables -A INPUT -p ipv6-icmp -j ACCEPT');
    const files: Files = { [VSFTPD]: dualStackConf, [`${HOST}/etc/firewall.sh`]: script };
    const findings = checkFiles(files).findings;
    const ipv4 = findings.find((f) => f.ruleId === 'ftp/passive-blocked')?.fixes.find((f) => /40000-40100/.test(f.title));
    // "$ipt" is whichever the loop is at (after it, ip6tables): an added line names its command.
    const v4 = applyHostFix(files, ipv4!)[`${HOST}/etc/firewall.sh`]!;
    assert.match(v4, /\niptables -A INPUT -p tcp --dport 40000:40100 [^\n]*-j ACCEPT\n/);
    assert.equal(checkFiles({ ...files, [`${HOST}/etc/firewall.sh`]: v4 }).paths.passive.verdict, 'open');
    const v6 = applyHostFix(files, passiveFix(files)!.fixes[0]!)[`${HOST}/etc/firewall.sh`]!;
    assert.match(v6, /\nip6tables -A INPUT -p tcp --dport 40000:40100 [^\n]*-j ACCEPT\n/);
    assert.equal(checkFiles({ ...files, [`${HOST}/etc/firewall.sh`]: v6 }).paths.ipv6!.passive.verdict, 'open');
  });

  it('-m rt: only a routing header of type 0 is one FTP never meets; other types stay a condition', () => {
    const rules6 = (rule: string) => filter('-A INPUT -p ipv6-icmp -j ACCEPT', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', rule, '-A INPUT -p tcp --dport 21 -j ACCEPT');
    const control6 = (rule: string) => checkFiles({ [VSFTPD]: dualStackConf, [RULES]: filter('-A INPUT -p tcp --dport 21 -j ACCEPT'), [`${HOST}/etc/iptables/rules.v6`]: rules6(rule) }).paths.ipv6!.control.verdict;
    assert.equal(control6('-A INPUT -m rt --rt-type 0 -j DROP'), 'open');
    assert.equal(control6('-A INPUT -m rt --rt-type 2 -j DROP'), 'conditional');
    assert.equal(control6('-A INPUT -m rt ! --rt-type 0 -j DROP'), 'conditional');
  });
});
