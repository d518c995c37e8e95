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
    // An assignment in a raw user chain counts only if a jump leads there, which ftpwall does not follow: a perhaps, never "blocked".
    const jumped = iptablesWithRaw('-A PREROUTING -j HELPERS', '-A HELPERS -p tcp --dport 21 -j CT --helper ftp').replace(':OUTPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]\n:HELPERS - [0:0]');
    assert.equal(verdicts({ [VSFTPD]: plain, [RULES]: jumped }).passive, 'conditional');
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
