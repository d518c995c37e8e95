import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyHostFix, checkFiles, conf, filter, GATEWAY, HOST, lines, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';

// IPv6 neighbour discovery (ICMPv6, left UNTRACKED by conntrack) must pass the host's INPUT and
// OUTPUT, or no IPv6 packet gets through whatever the TCP rules say. The kernel case is
// test/kernel/hosts/v6-icmp-dropped; these are the shapes ftpwall must be sure of, and those it
// must not be.

const RULES6 = `${HOST}/etc/iptables/rules.v6`;
const OPEN_TCP = ['-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT'];
const dualStack = (rules6: string): Files => ({
  [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('listen=YES', 'listen=NO\nlisten_ipv6=YES'),
  [RULES]: filter(...OPEN_TCP), [RULES6]: rules6,
});
const over6 = (rules6: string) => checkFiles(dualStack(rules6)).paths.ipv6!.control;

describe('IPv6 neighbour discovery', () => {
  it('blocks every IPv6 path where INPUT\'s DROP policy takes it: no rule before it meets ICMPv6', () => {
    const control = over6(filter('-A INPUT -i lo -j ACCEPT', ...OPEN_TCP));
    assert.equal(control.verdict, 'blocked');
    assert.match(control.reason, /^Neighbour discovery never passes IPv6 INPUT: .* meet INPUT's policy DROP at rules\.v6:2, so no IPv6 packet reaches the server or leaves it\. Accept ICMPv6 before it\.$/);
    assert.deepEqual(control.deciding.map((d) => d.line), [1]);
    // IPv4 is not touched.
    assert.equal(checkFiles(dualStack(filter(...OPEN_TCP))).paths.control.verdict, 'open');
  });

  it('is INVALID in the raw table, before connection tracking: a drop of INVALID there may take it, a drop of INVALID later does not', () => {
    const open = filter('-A INPUT -p ipv6-icmp -j ACCEPT', ...OPEN_TCP);
    const early = over6(lines('*raw', '-A PREROUTING -p ipv6-icmp -m conntrack --ctstate INVALID -j DROP', 'COMMIT') + open);
    assert.notEqual(early.verdict, 'open', early.reason);
    assert.match(early.reason, /[Nn]eighbour discovery/);
    assert.equal(over6(lines('*mangle', '-A PREROUTING -p ipv6-icmp -m conntrack --ctstate INVALID -j DROP', 'COMMIT') + open).verdict, 'open');
  });

  it('offers to accept ICMPv6 where it is dropped, never TCP ports, and the fix opens IPv6', () => {
    const cases: Array<{ rules6: string; added: RegExp }> = [
      // The policy: at the end of the chain, after every rule that misses it.
      { rules6: filter(...OPEN_TCP), added: /-A INPUT -p ipv6-icmp -m comment --comment "ftpwall: IPv6 neighbour discovery" -j ACCEPT\nCOMMIT\n$/ },
      // A rule: just before it, in its own chain.
      { rules6: filter(':TCPONLY - [0:0]', '-A INPUT -j TCPONLY', ...OPEN_TCP.map((r) => r.replace('-A INPUT', '-A TCPONLY')), '-A TCPONLY -j REJECT'), added: /-A TCPONLY -p ipv6-icmp -m comment --comment "ftpwall: IPv6 neighbour discovery" -j ACCEPT\n-A TCPONLY -j REJECT\n/ },
    ];
    for (const { rules6, added } of cases) {
      const files = dualStack(rules6);
      const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/ipv6-blocked');
      assert.match(finding?.message ?? '', /^Over IPv6, the control connection is blocked: Neighbour discovery never passes IPv6 INPUT/);
      assert.deepEqual(finding?.fixes.map((f) => f.title), [`Accept ICMPv6 (neighbour discovery) before ${/REJECT/.test(rules6) ? 'REJECT' : "INPUT's policy DROP"} in rules.v6`]);
      const fixed = applyHostFix(files, finding!.fixes[0]!);
      assert.match(fixed[RULES6]!, added);
      const after = checkFiles(fixed);
      assert.equal(after.paths.ipv6!.control.verdict, 'open', after.paths.ipv6!.control.reason);
      assert.equal(after.paths.ipv6!.passive.verdict, 'open');
    }
  });

  it('blocks where a rule that takes every packet drops it, and where OUTPUT drops what the server answers', () => {
    const lastRule = lines('*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ...OPEN_TCP, '-A INPUT -j REJECT', 'COMMIT');
    assert.match(over6(lastRule).reason, /meet REJECT at rules\.v6:8/);
    const output = lines('*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT DROP [0:0]', '-A OUTPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A OUTPUT -p tcp -j ACCEPT', 'COMMIT');
    assert.match(over6(output).reason, /^Neighbour discovery never passes IPv6 OUTPUT: .* meet OUTPUT's policy DROP at rules\.v6:4/);
  });

  it('follows jumps: a chain that accepts everything lets it through, one that returns leaves it to the policy', () => {
    assert.equal(over6(filter(':ALLOW - [0:0]', '-A INPUT -j ALLOW', '-A ALLOW -j ACCEPT', ...OPEN_TCP)).verdict, 'open');
    assert.equal(over6(filter(':TCPONLY - [0:0]', '-A INPUT -j TCPONLY', '-A TCPONLY -p tcp --dport 21 -j ACCEPT', '-A TCPONLY -j RETURN', ...OPEN_TCP)).verdict, 'blocked');
  });

  it('is not sure where a rule may accept some of it, and takes ICMPv6 however it is named as accepting it', () => {
    for (const rule of ['-A INPUT -p ipv6-icmp -j ACCEPT', '-A INPUT -p icmpv6 -j ACCEPT', '-A INPUT -p 58 -j ACCEPT', '-A INPUT -s fe80::/10 -j ACCEPT', '-A INPUT -m state --state UNTRACKED -j ACCEPT', '-A INPUT -i eth0 -j ACCEPT', '-A INPUT -p icmpv6 --icmpv6-type neighbour-solicitation -j ACCEPT']) {
      assert.notEqual(over6(filter(rule, ...OPEN_TCP)).verdict, 'blocked', rule);
    }
  });

  it('reads the ICMPv6 types a rule takes: only other types miss it, all of its types take it', () => {
    // Ping allowed, discovery forgotten: every type named is another one (or another code than its 0).
    for (const types of [['echo-request'], ['ping', 'pong'], ['128', '129/0'], ['135/1'], ['destination-unreachable', 'packet-too-big']]) {
      const rules = types.map((t) => `-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type ${t} -j ACCEPT`);
      assert.match(over6(filter('-A INPUT -i lo -j ACCEPT', ...rules, ...OPEN_TCP)).reason, /^Neighbour discovery never passes IPv6 INPUT: .* meet INPUT's policy DROP at rules\.v6:2/, types.join(' '));
    }
    // A rule that takes every discovery message decides it: ICMPv6 dropped whole, or all but ping, with a comment or not.
    for (const rule of ['-A INPUT -p icmpv6 -j DROP', '-A INPUT -p 58 -m comment --comment "no ICMPv6" -j DROP', '-A INPUT -p ipv6-icmp -m icmp6 ! --icmpv6-type echo-request -j DROP']) {
      assert.match(over6(filter(rule, ...OPEN_TCP)).reason, /meet DROP at rules\.v6:5/, rule);
    }
    assert.equal(over6(filter('-A INPUT -p ipv6-icmp -m icmp6 ! --icmpv6-type echo-request -j ACCEPT', ...OPEN_TCP)).verdict, 'open');
    // Every discovery message has hop limit 255; a type 0 routing header none; a log lets it go on whatever it matches.
    assert.match(over6(filter('-A INPUT -p icmpv6 -m hl --hl-eq 255 -j DROP', ...OPEN_TCP)).reason, /meet DROP at rules\.v6:5/);
    assert.notEqual(over6(filter('-A INPUT -p icmpv6 -m hl --hl-eq 1 -j DROP', ...OPEN_TCP)).verdict, 'blocked');
    assert.match(over6(filter('-A INPUT -m rt --rt-type 0 -j DROP', '-A INPUT -m limit --limit 3/min -j LOG', ...OPEN_TCP)).reason, /meet INPUT's policy DROP at rules\.v6:2/);
    // A queue is no log: the program that reads it decides.
    assert.notEqual(over6(filter('-A INPUT -m limit --limit 3/min -j NFQUEUE', ...OPEN_TCP)).verdict, 'blocked');
    assert.notEqual(over6(filter('-A INPUT -p icmpv6 -j NFQUEUE', ...OPEN_TCP)).verdict, 'blocked');
    // Some of them, or all of ICMPv6 from some clients only: not sure either way.
    for (const rule of ['-A INPUT -p icmpv6 --icmpv6-type neighbour-solicitation -j DROP', '-A INPUT -p icmpv6 -s fe80::/10 -j DROP', '-A INPUT -p icmpv6 -m limit --limit 1/s -j DROP']) {
      assert.notEqual(over6(filter(rule, ...OPEN_TCP)).verdict, 'blocked', rule);
    }
  });

  it('reads an nftables ruleset\'s rules for it: a drop policy no rule before it could change blocks IPv6, and its fix opens it', () => {
    const NFT = `${HOST}/etc/nftables.conf`;
    const inet = (...rules: string[]) => lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', ...rules.map((r) => `\t\t${r}`), '\t}', '}');
    const withNft = (nft: string, rules6?: string): Files => ({ [VSFTPD]: dualStack('')[VSFTPD]!, [NFT]: nft, ...(rules6 ? { [RULES6]: rules6 } : {}) });
    const nftOver6 = (nft: string, rules6?: string) => checkFiles(withNft(nft, rules6)).paths.ipv6!.control;
    const openTcp = ['ct state established,related accept', 'tcp dport { 21, 40000-40100 } accept'];
    // Rules that surely miss neighbour discovery: another protocol or family, loopback, tracked states, a helper.
    const missing = ['iif lo accept', 'iifname "lo" accept', 'meta l4proto { tcp, udp } accept', 'ip6 nexthdr tcp accept', 'ip saddr 10.0.0.0/8 accept', 'ct state invalid drop', 'ct helper "ftp" accept', 'icmp type echo-request accept', 'udp dport 53 accept'];
    const blocked = nftOver6(inet(...missing, ...openTcp));
    assert.equal(blocked.verdict, 'blocked');
    assert.match(blocked.reason, /meet the policy drop of chain input \(table inet filter\) at nftables\.conf:3, so no IPv6 packet reaches the server or leaves it/);
    assert.equal(checkFiles(withNft(inet(...openTcp))).paths.control.verdict, 'open');
    // A rule that takes every packet: counters and logs are no conditions.
    const policyAccept = lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy accept;', ...openTcp.map((r) => `\t\t${r}`), '\t\tcounter log prefix "end " drop', '\t}', '}');
    assert.match(nftOver6(policyAccept).reason, /meet drop at nftables\.conf:6/);
    // ICMPv6 types none of which is discovery's: a ping rule, a named set of them, a type with a code ftpwall does not read.
    const pingOnly = ['icmpv6 type { echo-request, echo-reply } accept', 'icmpv6 type 1-4 accept', 'icmpv6 type echo-request icmpv6 code 0 accept', 'icmpv6 type @pings accept'];
    const withSet = (nft: string) => nft.replace('\tchain input {', '\tset pings {\n\t\ttype icmpv6_type\n\t\telements = { echo-request, 129 }\n\t}\n\tchain input {');
    assert.equal(nftOver6(withSet(inet(...pingOnly, ...openTcp))).verdict, 'blocked');
    // A rule whose types take all of discovery's decides it.
    assert.match(nftOver6(inet('icmpv6 type != echo-request drop', ...openTcp)).reason, /meet drop at nftables\.conf:4/);
    assert.match(nftOver6(inet('meta l4proto ipv6-icmp counter drop', ...openTcp)).reason, /meet drop at nftables\.conf:4/);
    assert.equal(nftOver6(inet('icmpv6 type nd-router-solicit - nd-redirect accept', ...openTcp)).verdict, 'open');
    // Rules that may accept some of it leave the TCP verdicts.
    for (const rule of ['meta l4proto ipv6-icmp accept', 'meta l4proto icmpv6 accept', 'meta l4proto 58 accept', 'ip6 nexthdr icmpv6 accept', 'icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept', 'ip6 saddr fe80::/10 accept', 'ct state untracked accept', 'meta l4proto != tcp accept', 'iifname "eth0" accept', 'limit rate 10/second accept']) {
      assert.equal(nftOver6(inet(rule, ...openTcp)).verdict, 'open', rule);
    }
    // An ip table holds no IPv6 packet.
    assert.equal(nftOver6(inet(...openTcp).replace('table inet', 'table ip') + inet('accept').replace('filter', 'filter6')).verdict, 'open');
    // The fix: ICMPv6 accepted at the end of the chain.
    const files = withNft(inet(...openTcp));
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/ipv6-blocked');
    assert.deepEqual(finding?.fixes.map((f) => f.title), ['Accept ICMPv6 (neighbour discovery) before the policy drop of chain input (table inet filter) in nftables.conf']);
    const fixed = applyHostFix(files, finding!.fixes[0]!);
    assert.match(fixed[NFT]!, /\t\ttcp dport \{ 21, 40000-40100 \} accept\n\t\tmeta l4proto ipv6-icmp accept comment "ftpwall: IPv6 neighbour discovery"\n\t\}/);
    assert.equal(checkFiles(fixed).paths.ipv6!.passive.verdict, 'open');
  });

  it('is not sure where a firewall loads what ftpwall cannot read: an include it does not hold may accept ICMPv6', () => {
    const NFT = `${HOST}/etc/nftables.conf`;
    const dropping = lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport { 21, 40000-40100 } accept', '\t}', '}');
    const files = (nft: string): Files => ({ [VSFTPD]: dualStack('')[VSFTPD]!, [NFT]: nft });
    assert.equal(checkFiles(files(dropping)).paths.ipv6!.control.verdict, 'blocked');
    // `add rule inet filter input meta l4proto ipv6-icmp accept` in the unread file would open it.
    const control = checkFiles(files(`${dropping}include "/etc/nftables.d/extra.nft"\n`)).paths.ipv6!.control;
    assert.equal(control.verdict, 'conditional');
    assert.match(control.reason, /depends on what \/etc\/nftables\.d\/extra\.nft holds \(ftpwall could not read it\), at nftables\.conf:8/);
  });

  it('judges each file whose chains surely stand: not one another file may replace', () => {
    const NFT = `${HOST}/etc/nftables.conf`;
    const dropping = lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport { 21, 40000-40100 } accept', '\t}', '}');
    const icmpOk = filter('-A INPUT -p ipv6-icmp -j ACCEPT', ...OPEN_TCP);
    // Beside rules.v6, the nft ruleset's own drop still takes it: every base chain of a hook runs.
    assert.equal(checkFiles({ ...dualStack(icmpOk), [NFT]: dropping }).paths.ipv6!.control.verdict, 'blocked');
    // A flush ruleset loaded after rules.v6 may remove rules.v6's drop: not sure.
    const flushing = lines('flush ruleset', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy accept;', '\t}', '}');
    assert.notEqual(checkFiles({ ...dualStack(filter(...OPEN_TCP)), [NFT]: flushing }).paths.ipv6!.control.verdict, 'blocked');
    // Two ip6tables files: whichever is loaded last stands.
    const other = `${HOST}/etc/iptables/ip6tables.rules`;
    assert.notEqual(checkFiles({ ...dualStack(filter(...OPEN_TCP)), [other]: icmpOk }).paths.ipv6!.control.verdict, 'blocked');
  });

  it('judges a script that runs more than one way only where every way drops it', () => {
    const script = (bastion: string) => lines('#!/bin/sh', 'for ipt in iptables ip6tables; do', '  $ipt -P INPUT DROP', '  $ipt -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
      '  if [ "$(hostname)" = bastion ]; then', `    ${bastion}`, '  fi', '  $ipt -A INPUT -p tcp -m multiport --dports 21,40000:40100 -j ACCEPT', 'done');
    const withScript = (text: string): Files => ({ [VSFTPD]: dualStack('')[VSFTPD]!, [`${HOST}/etc/firewall.sh`]: text });
    const everyWay = checkFiles(withScript(script('$ipt -A INPUT -p tcp --dport 22 -j ACCEPT'))).paths;
    assert.match(everyWay.ipv6!.control.reason, /^Neighbour discovery never passes IPv6 INPUT: .* meet INPUT's policy DROP at firewall\.sh:3/);
    assert.equal(everyWay.control.verdict, 'open');
    // The fix: an ICMPv6 accept after the script's last IPv6 command (the loop); "$ipt" names both families, so the command is named.
    const files = withScript(script('$ipt -A INPUT -p tcp --dport 22 -j ACCEPT'));
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/ipv6-blocked');
    assert.deepEqual(finding?.fixes.map((f) => f.title), ["Accept ICMPv6 (neighbour discovery) before INPUT's policy DROP in firewall.sh"]);
    const fixed = applyHostFix(files, finding!.fixes[0]!);
    assert.match(fixed[`${HOST}/etc/firewall.sh`]!, /--dports 21,40000:40100 -j ACCEPT\ndone\nip6tables -A INPUT -p ipv6-icmp -m comment --comment "ftpwall: IPv6 neighbour discovery" -j ACCEPT\n$/);
    assert.equal(checkFiles(fixed).paths.ipv6!.passive.verdict, 'open');
    // One way (the bastion) accepts ICMPv6: IPv6 works there, so the TCP verdicts stand.
    assert.equal(checkFiles(withScript(script('$ipt -A INPUT -p ipv6-icmp -j ACCEPT'))).paths.ipv6!.control.verdict, 'open');
  });

  it('knows firewalld\'s stock policy allow-host-ipv6: a DROP zone lets neighbour discovery in, unless a host file replaces the policy', () => {
    const zone = `${HOST}/etc/firewalld/zones/public.xml`;
    const files: Files = {
      [VSFTPD]: dualStack('')[VSFTPD]!,
      [zone]: lines('<?xml version="1.0" encoding="utf-8"?>', '<zone target="DROP">', '  <service name="ftp"/>', '  <port protocol="tcp" port="40000-40100"/>', '</zone>'),
    };
    assert.equal(checkFiles(files).paths.ipv6!.passive.verdict, 'open');
    const replaced = lines('<?xml version="1.0" encoding="utf-8"?>', '<policy target="CONTINUE" priority="-15000">', '  <ingress-zone name="ANY"/>', '  <egress-zone name="HOST"/>', '</policy>');
    const POLICY = `${HOST}/etc/firewalld/policies/allow-host-ipv6.xml`;
    const withoutStock = checkFiles({ ...files, [POLICY]: replaced }).paths;
    assert.match(withoutStock.ipv6!.passive.reason, /^Neighbour discovery never passes IPv6 INPUT: .* meet drop at public\.xml:2/);
    assert.equal(withoutStock.passive.verdict, 'open');
    // The fix goes back where the stock policy had it: into the host's file that replaces it (kernel: fwd-v6-stock-policy-replaced).
    const finding = checkFiles({ ...files, [POLICY]: replaced }).findings.find((f) => f.ruleId === 'ftp/ipv6-blocked');
    assert.deepEqual(finding?.fixes.map((f) => Object.keys(f.edits)), [[POLICY]]);
    const fixed = applyHostFix({ ...files, [POLICY]: replaced }, finding!.fixes[0]!);
    assert.match(fixed[POLICY]!, /<egress-zone name="HOST"\/>\n  <rule family="ipv6">\n    <protocol value="ipv6-icmp"\/>\n    <accept\/>\n  <\/rule>\n<\/policy>\n$/);
    assert.equal(checkFiles(fixed).paths.ipv6!.passive.verdict, 'open');
  });

  it('blocks IPv6 through a router whose own INPUT drops it: its neighbours never find it', () => {
    const files: Files = {
      ...dualStack(filter('-A INPUT -p ipv6-icmp -j ACCEPT', ...OPEN_TCP)),
      [`${GATEWAY}/etc/iptables/rules.v6`]: lines('*filter', ':INPUT DROP [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', 'COMMIT'),
      [`${GATEWAY}/etc/iptables/rules.v4`]: lines('*filter', ':FORWARD ACCEPT [0:0]', 'COMMIT'),
      [`${GATEWAY}/etc/sysctl.conf`]: 'net.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 1\n',
    };
    const { paths } = checkFiles(files, { gateways: ['../gw'] });
    assert.equal(paths.ipv6!.control.verdict, 'open');
    assert.match(paths.ipv6!.network!.control.reason, /^Gateway \.\.\/gw: Neighbour discovery never passes IPv6 INPUT: .* so no IPv6 packet crosses the gateway/);
    assert.equal(paths.network!.control.verdict, 'open');
    // The fix is on the router, and only the ICMPv6 accept: a FORWARD accept would not help.
    const finding = checkFiles(files, { gateways: ['../gw'] }).findings.find((f) => f.ruleId === 'ftp/gateway-blocks' && /^Over IPv6/.test(f.message));
    assert.deepEqual(finding?.fixes.map((f) => f.title), ["Accept ICMPv6 (neighbour discovery) before INPUT's policy DROP on gateway ../gw (rules.v6)"]);
    const fixed = checkFiles(applyHostFix(files, finding!.fixes[0]!), { gateways: ['../gw'] }).paths;
    assert.equal(fixed.ipv6!.network!.control.verdict, 'open');
    assert.equal(fixed.ipv6!.network!.passive.verdict, 'open');
  });
});
