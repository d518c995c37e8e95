import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, HOST, lines, RULES, VSFTPD } from '../../helpers/hosts.js';

// What acts before connection tracking decides: the FTP helper's assignment and notrack. The
// cases whose answer is certain are also run against the real kernel (test/kernel/hosts:
// notrack-control, nft-helper-after-accept, nft-notrack-passive); these are the ones where the
// answer depends on the client, so ftpwall must not state one.

const NFT = `${HOST}/etc/nftables.conf`;
const plain = conf('pasv_min_port=40000', 'pasv_max_port=40100').replace('ssl_enable=YES', 'ssl_enable=NO');
const verdicts = (files: Record<string, string>) => { const { paths } = checkFiles(files); return { control: paths.control.verdict, passive: paths.passive.verdict, paths }; };

/** A filter table that relies on RELATED for data connections, with a raw table holding `raw`. */
const iptablesWithRaw = (...raw: string[]) => lines('*raw', ':PREROUTING ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ...raw, 'COMMIT')
  + filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT');

/** An inet ruleset: a helper object, a prerouting chain holding `pre`, an input chain that relies on RELATED. */
const nftWithPrerouting = (priority: string, ...pre: string[]) => lines(
  'table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}',
  '\tchain pre {', `\t\ttype filter hook prerouting priority ${priority};`, ...pre.map((r) => `\t\t${r}`), '\t}',
  '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 accept', '\t}', '}');

describe('the FTP helper and notrack, before connection tracking', () => {
  it('takes the helper as working when its assignment is surely reached', () => {
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: iptablesWithRaw('-A PREROUTING -p tcp --dport 21 -j CT --helper ftp') }).passive, 'open');
    assert.equal(verdicts({ [VSFTPD]: plain, [NFT]: nftWithPrerouting('raw', 'tcp dport 21 ct helper set "ftp-standard"') }).passive, 'open');
  });

  it('makes passive data depend on the client when the helper is assigned only for some clients', () => {
    const { passive, paths } = verdicts({ [VSFTPD]: plain, [NFT]: nftWithPrerouting('raw', 'ip saddr 10.0.0.0/8 tcp dport 21 ct helper set "ftp-standard"') });
    assert.equal(passive, 'conditional');
    assert.match(paths.passive.reason, /assigns the FTP helper \(nftables\.conf:7\)/);
  });

  it('counts no assignment behind a rule that surely ends the chain first, and only a perhaps behind one that may', () => {
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: iptablesWithRaw('-A PREROUTING -p tcp --dport 21 -j ACCEPT', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp') }).passive, 'blocked');
    const some = verdicts({ [VSFTPD]: plain, [RULES]: iptablesWithRaw('-A PREROUTING -s 10.0.0.0/8 -j ACCEPT', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp') });
    assert.equal(some.passive, 'conditional');
    // An assignment in a raw user chain counts as far as the jumps that lead there reach.
    const jumped = (jump: string) => iptablesWithRaw(jump, '-A HELPERS -p tcp --dport 21 -j CT --helper ftp').replace(':OUTPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]\n:HELPERS - [0:0]');
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: jumped('-A PREROUTING -j HELPERS') }).passive, 'open');
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: jumped('-A PREROUTING -s 10.0.0.0/8 -j HELPERS') }).passive, 'conditional');
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: jumped('-A PREROUTING -p udp -j HELPERS') }).passive, 'blocked');
    // Before kernel 4.7 the kernel assigns the loaded helper by itself: an assignment no packet reaches takes nothing away.
    const unreached = { [VSFTPD]: plain, [RULES]: iptablesWithRaw('-A PREROUTING -p tcp --dport 21 -j ACCEPT', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp'), [`${HOST}/etc/modules`]: 'nf_conntrack_ftp\n' };
    assert.equal(checkFiles(unreached, { kernel: '4.4' }).paths.passive.verdict, 'open');
    assert.equal(checkFiles(unreached, { kernel: '6.1' }).paths.passive.verdict, 'blocked');
    // A rule that only logs or counts lets the packet on: the assignment after it is sure.
    assert.equal(verdicts({ [VSFTPD]: plain, [NFT]: nftWithPrerouting('raw', 'counter', 'tcp dport 21 log prefix "ftp "', 'tcp dport 21 ct helper set "ftp-standard"') }).passive, 'open');
  });

  it('makes the control connection depend on the client when a notrack exempts only some of them', () => {
    // The filter accepts port 21 only in state NEW: an untracked packet is never NEW.
    const stateful = lines('*raw', ':PREROUTING ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', '-A PREROUTING -s 192.0.2.0/24 -p tcp --dport 21 -j NOTRACK', 'COMMIT')
      + filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -m state --state NEW -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT');
    const { control, paths } = verdicts({ [VSFTPD]: plain, [RULES]: stateful });
    assert.equal(control, 'conditional');
    assert.match(paths.control.reason, /notrack at iptables:4/);
    // Exempt for everyone, the connection is surely untracked, and surely dropped.
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: stateful.replace('-s 192.0.2.0/24 ', '') }).control, 'blocked');
  });

  it('leaves a verdict alone where tracking makes no difference to the rules', () => {
    // A stateless accept lets untracked packets through as well as tracked ones.
    const stateless = lines('*raw', ':PREROUTING ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', '-A PREROUTING -s 192.0.2.0/24 -p tcp --dport 40000:40100 -j CT --notrack', 'COMMIT')
      + filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT');
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: stateless }).passive, 'open');
  });

  it('ignores a notrack after connection tracking has run, and counts one in a chain a raw chain may jump to as a perhaps', () => {
    const stateful = (priority: string, ...pre: string[]) => lines(
      'table inet filter {', '\tchain jumped {', '\t\ttcp dport 21 notrack', '\t}',
      '\tchain pre {', `\t\ttype filter hook prerouting priority ${priority};`, ...pre.map((r) => `\t\t${r}`), '\t}',
      '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 ct state new accept', '\t\ttcp dport 40000-40100 accept', '\t}', '}');
    assert.equal(verdicts({ [VSFTPD]: plain, [NFT]: stateful('filter', 'tcp dport 21 notrack') }).control, 'open');
    assert.equal(verdicts({ [VSFTPD]: plain, [NFT]: stateful('raw', 'tcp dport 21 notrack') }).control, 'blocked');
    assert.equal(verdicts({ [VSFTPD]: plain, [NFT]: stateful('raw', 'ip saddr 10.0.0.0/8 jump jumped') }).control, 'conditional');
  });
});

describe('address translation before the filter', () => {
  const natThen = (...nat: string[]) => lines('*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ':SERVICES - [0:0]', ...nat, 'COMMIT')
    + filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT');

  it('states nothing certain about a connection a DNAT or REDIRECT may send elsewhere', () => {
    const redirected = verdicts({ [VSFTPD]: plain, [RULES]: natThen('-A PREROUTING -p tcp --dport 21 -j REDIRECT --to-ports 2121') });
    assert.equal(redirected.control, 'conditional');
    assert.match(redirected.paths.control.reason, /address translation at iptables:7/);
    assert.equal(redirected.passive, 'open');
    const nft = lines('table ip nat {', '\tchain prerouting {', '\t\ttype nat hook prerouting priority dstnat;', '\t\ttcp dport 40000-40100 dnat to 10.0.0.5', '\t}', '}',
      'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport { 21, 40000-40100 } accept', '\t}', '}');
    const translated = verdicts({ [VSFTPD]: plain, [NFT]: nft });
    assert.deepEqual([translated.control, translated.passive], ['open', 'conditional']);
  });

  it('follows the nat table\'s jumps: a translation reached only for other ports changes nothing', () => {
    const services = natThen('-A PREROUTING -j SERVICES', '-A SERVICES -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.5:80');
    assert.deepEqual([verdicts({ [VSFTPD]: plain, [RULES]: services }).control, verdicts({ [VSFTPD]: plain, [RULES]: services }).passive], ['open', 'open']);
    const all = natThen('-A PREROUTING -j SERVICES', '-A SERVICES -p tcp -j DNAT --to-destination 10.0.0.5');
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: all }).control, 'conditional');
  });
});
