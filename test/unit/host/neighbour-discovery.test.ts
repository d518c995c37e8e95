import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, GATEWAY, HOST, lines, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';

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
    assert.match(control.reason, /^Neighbour discovery never passes IPv6 INPUT: .* meet INPUT's policy DROP at rules\.v6:2, so no IPv6 packet reaches the server or leaves it\. Accept ICMPv6 \(-p ipv6-icmp\) before it\.$/);
    assert.deepEqual(control.deciding.map((d) => d.line), [1]);
    // IPv4 is not touched.
    assert.equal(checkFiles(dualStack(filter(...OPEN_TCP))).paths.control.verdict, 'open');
    // ftp/ipv6-blocked reports it, with no fix that accepts TCP ports: they would not help.
    const finding = checkFiles(dualStack(filter(...OPEN_TCP))).findings.find((f) => f.ruleId === 'ftp/ipv6-blocked');
    assert.match(finding?.message ?? '', /^Over IPv6, the control connection is blocked: Neighbour discovery never passes IPv6 INPUT/);
    assert.deepEqual(finding?.fixes, []);
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

  it('leaves an nftables ruleset, whose rules it does not read for ICMPv6, to its TCP verdicts', () => {
    const nft = lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport { 21, 40000-40100 } accept', '\t}', '}');
    const files: Files = { [VSFTPD]: dualStack('')[VSFTPD]!, [`${HOST}/etc/nftables.conf`]: nft };
    assert.equal(checkFiles(files).paths.ipv6!.control.verdict, 'open');
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
  });
});
