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

  it('follows a REDIRECT of the control port to where it sends the connection, and states nothing certain about a passive port a DNAT may send elsewhere', () => {
    const redirected = verdicts({ [VSFTPD]: plain, [RULES]: natThen('-A PREROUTING -p tcp --dport 21 -j REDIRECT --to-ports 2121') });
    assert.equal(redirected.control, 'blocked');
    assert.match(redirected.paths.control.reason, /REDIRECT at iptables:7 sends them to port 2121, but vsftpd listens on port 21/);
    assert.equal(redirected.paths.control.missesServer, true);
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

describe('NAT on the FTP server itself: the port clients connect to, and where the helper sees it', () => {
  const nat = (...rules: string[]) => lines('*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ...rules, 'COMMIT');
  /** The filter accepts the `opened` ports (21 when none) and relies on RELATED for the rest; the raw table holds `raw`. */
  const host = (natRules: string[], raw: string[], ...opened: string[]) => lines('*raw', ':PREROUTING ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ...raw, 'COMMIT')
    + nat(...natRules) + filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', ...(opened.length ? opened : ['21']).map((port) => `-A INPUT -p tcp --dport ${port} -j ACCEPT`));
  const at2121 = { connectPort: 2121 };

  it('judges the filter at the port a REDIRECT sends the connection to', () => {
    const redirect = ['-A PREROUTING -p tcp --dport 2121 -j REDIRECT --to-ports 21'];
    const opened = checkFiles({ [VSFTPD]: plain, [RULES]: host(redirect, []) }, at2121).paths;
    assert.equal(opened.control.verdict, 'open');
    assert.match(opened.control.reason, /Clients connect to port 2121; the REDIRECT at iptables:\d+ sends them to port 21/);
    // The filter sees port 21, so a rule that opens 2121 opens nothing.
    assert.equal(checkFiles({ [VSFTPD]: plain, [RULES]: host(redirect, [], '2121') }, at2121).paths.control.verdict, 'blocked');
  });

  it('says a port clients connect to that nothing sends to the server is blocked, not open', () => {
    const { paths } = checkFiles({ [VSFTPD]: plain, [RULES]: host([], [], '2121') }, at2121);
    assert.equal(paths.control.verdict, 'blocked');
    assert.match(paths.control.reason, /Clients connect to port 2121 and no nat rule sends them elsewhere, but vsftpd listens on port 21/);
  });

  it('counts a raw-table helper only on the port the client used, before the DNAT', () => {
    const dnat = ['-A PREROUTING -p tcp --dport 2121 -j DNAT --to-destination :21'];
    const before = checkFiles({ [VSFTPD]: plain, [RULES]: host(dnat, ['-A PREROUTING -p tcp --dport 21 -j CT --helper ftp']) }, at2121).paths;
    assert.deepEqual([before.control.verdict, before.passive.verdict], ['open', 'blocked']);
    assert.match(before.helper!.explanation, /assigns the FTP helper to port 21 before NAT, where the connection still has port 2121/);
    const named = checkFiles({ [VSFTPD]: plain, [RULES]: host(dnat, ['-A PREROUTING -p tcp --dport 2121 -j CT --helper ftp']) }, at2121).paths;
    assert.deepEqual([named.control.verdict, named.passive.verdict], ['open', 'open']);
    // No rule at all: the message names the port a raw-table rule must match.
    assert.match(checkFiles({ [VSFTPD]: plain, [RULES]: host(dnat, []) }, at2121).paths.helper!.explanation, /--dport 2121 -j CT --helper ftp/);
  });

  it('counts an nft helper on the translated port where its chain runs after dstnat, on the client\'s port where before', () => {
    const nft = (priority: string, helperPort: number, hook = 'prerouting') => lines(
      'table ip nat {', '\tchain prerouting {', '\t\ttype nat hook prerouting priority dstnat;', '\t\ttcp dport 2121 redirect to :21', '\t}', '}',
      'table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}',
      '\tchain pre {', `\t\ttype filter hook ${hook} priority ${priority};`, `\t\ttcp dport ${helperPort} ct helper set "ftp-standard"`, '\t}',
      '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 accept', '\t}', '}');
    const passive = (priority: string, port: number, hook?: string) => checkFiles({ [VSFTPD]: plain, [NFT]: nft(priority, port, hook) }, at2121).paths.passive.verdict;
    assert.deepEqual([passive('raw', 2121), passive('raw', 21)], ['open', 'blocked']);
    assert.deepEqual([passive('filter', 21), passive('filter', 2121)], ['open', 'blocked']);
    assert.equal(passive('filter', 21, 'input'), 'open');
    assert.equal(checkFiles({ [VSFTPD]: plain, [NFT]: nft('raw', 2121) }, at2121).paths.control.verdict, 'open');
  });

  it('keeps a DNAT to one of the host\'s own addresses on the host, calls one to another address away, and one it cannot place conditional', () => {
    const dnat = ['-A PREROUTING -p tcp --dport 2121 -j DNAT --to-destination 192.0.2.10:21'];
    const files = { [VSFTPD]: plain, [RULES]: host(dnat, []) };
    const withRange = host(dnat, [], '21', '40000:40100');
    const own = checkFiles({ [VSFTPD]: plain, [RULES]: withRange }, { ...at2121, addresses: ['192.0.2.10'] }).paths;
    assert.equal(own.control.verdict, 'open');
    // vsftpd then announces the address the DNAT wrote, which is not the one the client used.
    assert.equal(own.passive.verdict, 'conditional');
    assert.match(own.passive.reason, /vsftpd announces 192\.0\.2\.10, where the DNAT at iptables:\d+ sends the control connection/);
    // Announcing a fixed address settles it.
    const announced = checkFiles({ [VSFTPD]: plain + 'pasv_address=203.0.113.7\n', [RULES]: withRange }, { ...at2121, addresses: ['192.0.2.10'] }).paths;
    assert.equal(announced.passive.verdict, 'open');
    const away = checkFiles(files, { ...at2121, addresses: ['192.0.2.99'] }).paths.control;
    assert.equal(away.verdict, 'blocked');
    assert.match(away.reason, /sends those connections on to 192\.0\.2\.10, which is not this host/);
    const unsure = checkFiles(files, at2121).paths.control;
    assert.equal(unsure.verdict, 'conditional');
    assert.match(unsure.reason, /whether 192\.0\.2\.10, .* is this host's own address/);
    const ranged = checkFiles({ [VSFTPD]: plain, [RULES]: host(['-A PREROUTING -p tcp --dport 2121 -j REDIRECT --to-ports 20-21'], []) }, at2121).paths.control;
    assert.equal(ranged.verdict, 'conditional');
  });

  it('does not call a server with a local REDIRECT "behind NAT", nor its control port forwarded', () => {
    const findings = checkFiles({ [VSFTPD]: plain, [RULES]: host(['-A PREROUTING -p tcp --dport 2121 -j REDIRECT --to-ports 21', '-A PREROUTING -p tcp --dport 2122 -j DNAT --to-destination :21'], []) }, at2121).findings.map((f) => f.ruleId);
    assert.ok(!findings.includes('ftp/nat-without-pasv-address'), findings.join(', '));
    assert.ok(!findings.includes('ftp/dnat-control-without-passive'), findings.join(', '));
  });
});
