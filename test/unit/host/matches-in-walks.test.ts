import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, HOST, lines, RULES, VSFTPD } from '../../helpers/hosts.js';

const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const ESTABLISHED = '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT';
const control = (...body: string[]) => checkFiles({ [VSFTPD]: plain, [RULES]: filter(ESTABLISHED, ...body) }).paths.control;

describe('what a walk makes of matches that depend on more than ports', () => {
  it('-m addrtype: a connection to this host is to a LOCAL, UNICAST address, from a UNICAST one', () => {
    assert.equal(control('-A INPUT -p tcp --dport 21 -m addrtype --dst-type LOCAL -j ACCEPT').verdict, 'open');
    assert.equal(control('-A INPUT -p tcp --dport 21 -m addrtype --dst-type BROADCAST,MULTICAST -j ACCEPT').verdict, 'blocked');
    assert.equal(control('-A INPUT -p tcp --dport 21 -m addrtype ! --src-type LOCAL -j ACCEPT').verdict, 'open');
  });

  it('-m recent: a rate limit (a hit count of 2 or more) never stops a client\'s first connection; a list check depends on the client', () => {
    const limited = control('-A INPUT -p tcp --dport 21 -m conntrack --ctstate NEW -m recent --set', '-A INPUT -p tcp --dport 21 -m conntrack --ctstate NEW -m recent --update --seconds 30 --hitcount 6 -j DROP', '-A INPUT -p tcp --dport 21 -j ACCEPT');
    assert.equal(limited.verdict, 'open');
    const listed = control('-A INPUT -p tcp --dport 21 -m recent --rcheck --name banned -j DROP', '-A INPUT -p tcp --dport 21 -j ACCEPT');
    assert.equal(listed.verdict, 'conditional');
  });

  it('NFQUEUE hands the packet to a program, which accepts or drops it: conditional, where the files said blocked or open', () => {
    const queued = control('-A INPUT -p tcp --dport 21 -j NFQUEUE --queue-num 0', '-A INPUT -p tcp --dport 21 -j ACCEPT');
    assert.equal(queued.verdict, 'conditional');
    assert.match(queued.reason, /the program that reads the queue/);
    // The program may accept what the policy after it would drop: conditional too, not blocked.
    const beforePolicy = control('-A INPUT -p tcp --dport 21 -j NFQUEUE --queue-num 0');
    assert.equal(beforePolicy.verdict, 'conditional');
    assert.match(beforePolicy.reason, /the program that reads the queue/);
    // Before it the packet was accepted already; on another port it takes nothing of FTP's.
    assert.equal(control('-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -j NFQUEUE').verdict, 'open');
    assert.equal(control('-A INPUT -p tcp --dport 53 -j NFQUEUE', '-A INPUT -p tcp --dport 21 -j ACCEPT').verdict, 'open');
  });

  it('QUEUE (queue 0) is a verdict iptables knows, decided by a program: no error, conditional, and worded as a case, not a client', () => {
    const { findings, paths } = checkFiles({ [VSFTPD]: plain, [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j QUEUE', '-A INPUT -p tcp --dport 21 -j ACCEPT') });
    assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.message), []);
    assert.equal(paths.control.verdict, 'conditional');
    assert.match(paths.control.reason, /^Port 21 is open only in some cases: .*the program that reads queue 0/);
  });

  it('TPROXY in mangle hands the connection to a proxy\'s socket (or drops it): conditional', () => {
    const proxied = checkFiles({ [VSFTPD]: plain, [RULES]: lines('*mangle', '-A PREROUTING -p tcp -j TPROXY --on-port 3129 --tproxy-mark 0x1/0x1', 'COMMIT') + filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT') }).paths.control;
    assert.equal(proxied.verdict, 'conditional', proxied.reason);
    assert.match(proxied.reason, /transparent proxy/);
  });

  it('SYNPROXY answers the opening itself: a control connection through it is conditional on the handshake, where the files said blocked', () => {
    const proxied = checkFiles({ [VSFTPD]: plain, [RULES]: lines('*raw', ':PREROUTING ACCEPT [0:0]', '-A PREROUTING -p tcp --dport 21 --syn -j CT --notrack', 'COMMIT')
      + filter('-A INPUT -p tcp --dport 21 -m conntrack --ctstate INVALID,UNTRACKED -j SYNPROXY --sack-perm --timestamp --wscale 7 --mss 1460', '-A INPUT -m conntrack --ctstate INVALID -j DROP', ESTABLISHED) }).paths.control;
    assert.equal(proxied.verdict, 'conditional');
    assert.match(proxied.reason, /SYNPROXY completing the opening handshake/);
  });

  it('nft\'s queue before a drop policy is conditional on the program, as NFQUEUE is', () => {
    const nft = lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 queue', '\t}', '}');
    const queued = checkFiles({ [VSFTPD]: plain, [`${HOST}/etc/nftables.conf`]: nft }).paths.control;
    assert.equal(queued.verdict, 'conditional');
    assert.match(queued.reason, /the program that reads the queue/);
  });

  it('a RETURN for some clients only leaves the rest of its chain deciding for the others: conditional, not blocked', () => {
    const verdict = control(':CHECK - [0:0]', '-A INPUT -j CHECK', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A CHECK -s 10.0.0.0/8 -j RETURN', '-A CHECK -j DROP');
    assert.equal(verdict.verdict, 'conditional');
    assert.match(verdict.reason, /unless only from 10\.0\.0\.0\/8/);
    // For every client it returns: open.
    assert.equal(control(':CHECK - [0:0]', '-A INPUT -j CHECK', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A CHECK -p tcp -j RETURN', '-A CHECK -j DROP').verdict, 'open');
  });
});

describe('where .ftpwall.json says the clients are (clientsFrom)', () => {
  const files = (...body: string[]) => ({ [VSFTPD]: plain, [RULES]: filter(ESTABLISHED, ...body) });
  const byNetwork = files('-A INPUT -s 10.0.0.0/8 -p tcp --dport 21 -j ACCEPT');
  it('a rule by source address applies to all the clients or to none; without it, the verdict depends on them', () => {
    assert.equal(checkFiles(byNetwork).paths.control.verdict, 'conditional');
    assert.equal(checkFiles(byNetwork, { clientsFrom: { network: '10.77.0.0/16' } }).paths.control.verdict, 'open');
    assert.equal(checkFiles(byNetwork, { clientsFrom: { network: '192.0.2.0/24' } }).paths.control.verdict, 'blocked');
    // A client network wider than the rule's: some clients only.
    assert.equal(checkFiles(byNetwork, { clientsFrom: { network: '0.0.0.0/0' } }).paths.control.verdict, 'conditional');
    assert.equal(checkFiles(files('-A INPUT ! -s 10.0.0.0/8 -p tcp --dport 21 -j ACCEPT'), { clientsFrom: { network: '10.1.2.3' } }).paths.control.verdict, 'blocked');
  });

  it('a rule by incoming interface likewise, iptables\' eth+ included', () => {
    const byInterface = files('-A INPUT -i eth+ -p tcp --dport 21 -j ACCEPT');
    assert.equal(checkFiles(byInterface).paths.control.verdict, 'conditional');
    assert.equal(checkFiles(byInterface, { clientsFrom: { interface: 'eth1' } }).paths.control.verdict, 'open');
    assert.equal(checkFiles(byInterface, { clientsFrom: { interface: 'wg0' } }).paths.control.verdict, 'blocked');
  });

  it('over IPv6, by the clients\' IPv6 network (network6): the IPv4 network says nothing of IPv6 clients', () => {
    const dual = plain.replace('listen=YES', 'listen=NO\nlisten_ipv6=YES');
    const rules6 = filter('-A INPUT -p ipv6-icmp -j ACCEPT', ESTABLISHED, '-A INPUT -s fd77::/16 -p tcp --dport 21 -j ACCEPT');
    const both = { [VSFTPD]: dual, [RULES]: filter(ESTABLISHED, '-A INPUT -p tcp --dport 21 -j ACCEPT'), [`${HOST}/etc/iptables/rules.v6`]: rules6 };
    const over6 = (clientsFrom: Record<string, string>) => checkFiles(both, { clientsFrom }).paths.ipv6!.control.verdict;
    assert.equal(over6({ network: '10.77.0.0/16' }), 'conditional');
    assert.equal(over6({ network: '10.77.0.0/16', network6: 'fd77:1::/64' }), 'open');
    assert.equal(over6({ network6: '2001:db8::/32' }), 'blocked');
    assert.equal(over6({ network6: '::/0' }), 'conditional');
  });

  it('nftables rules too', () => {
    const nft = { [VSFTPD]: plain, [`${HOST}/etc/nftables.conf`]: lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\tip saddr 10.0.0.0/8 tcp dport 21 accept', '\t\tiifname "eth0" tcp dport 40000-40100 accept', '\t}', '}') };
    const known = checkFiles(nft, { clientsFrom: { network: '10.77.1.0/24', interface: 'eth0' } }).paths;
    assert.deepEqual([known.control.verdict, known.passive.verdict], ['open', 'open']);
    const other = checkFiles(nft, { clientsFrom: { network: '198.51.100.0/24', interface: 'eth1' } }).paths;
    assert.deepEqual([other.control.verdict, other.passive.verdict], ['blocked', 'blocked']);
  });
});
