import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, HOST, lines, RULES, VSFTPD } from '../../helpers/hosts.js';

/*
 * Verdicts from numbers written with a leading zero or in hexadecimal, read as the kernel gets
 * them (each spelling's reading is checked against the real programs in
 * test/differential/number-spellings.test.ts; whole hosts in the kernel suites).
 */

const SERVER = conf('pasv_min_port=40000', 'pasv_max_port=40100');
const ESTABLISHED = '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT';
const verdicts = (rules: string, config = {}) => {
  const { paths } = checkFiles({ [VSFTPD]: SERVER, [RULES]: rules }, config);
  return { control: paths.control.verdict, passive: paths.passive.verdict, reason: paths.passive.reason ?? '' };
};

describe('numbers as iptables and nft read them, in verdicts', () => {
  it('a control port written 021 is port 17 to iptables: control is blocked; 0x15 is 21', () => {
    assert.equal(verdicts(filter(ESTABLISHED, '-A INPUT -p tcp --dport 021 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT')).control, 'blocked');
    assert.equal(verdicts(filter(ESTABLISHED, '-A INPUT -p tcp --dport 0x15 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT')).control, 'open');
    assert.equal(verdicts(filter(ESTABLISHED, '-A INPUT -p tcp -m multiport --dports 021,040000:040100 -j ACCEPT')).passive, 'blocked');
  });

  it('a protocol written 06 is TCP, and 021 is UDP', () => {
    assert.equal(verdicts(filter(ESTABLISHED, '-A INPUT -p 06 -j ACCEPT')).control, 'open');
    assert.equal(verdicts(filter(ESTABLISHED, '-A INPUT -p 021 -j ACCEPT')).control, 'blocked');
  });

  it('compares a rule\'s source with the clients\' network as iptables reads it: 010.0.0.0/8 is 8.0.0.0/8', () => {
    const clients = { clientsFrom: { network: '10.1.0.0/16' } };
    const from = (source: string) => verdicts(filter(ESTABLISHED, `-A INPUT -s ${source} -p tcp -m multiport --dports 21,40000:40100 -j ACCEPT`), clients);
    assert.equal(from('010.0.0.0/8').control, 'blocked');
    assert.equal(from('012.0.0.0/010').control, 'open');
    assert.equal(from('10.0.0.0/255.0.0.0').control, 'open');
    // Without a network for the clients, the reason shows how iptables reads what is written.
    assert.match(verdicts(filter(ESTABLISHED, '-A INPUT -s 10.0.0.0/010 -p tcp -m multiport --dports 21,40000:40100 -j ACCEPT')).reason, /only from 10\.0\.0\.0\/010 \(10\.0\.0\.0\/8\)/);
  });

  it('reads nft\'s ports and addresses the same way: 040000-040100 is 16384-16448', () => {
    const nft = (...rules: string[]) => checkFiles({ [VSFTPD]: SERVER, [`${HOST}/etc/nftables.conf`]: lines('table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', ...rules.map((r) => `\t\t${r}`), '\t}', '}') }, { clientsFrom: { network: '10.1.0.0/16' } }).paths;
    assert.equal(nft('tcp dport { 0x15, 040000-040100 } accept').passive.verdict, 'blocked');
    assert.equal(nft('tcp dport { 0x15, 40000-40100 } accept').passive.verdict, 'open');
    assert.equal(nft('ip saddr 010.1.0.0/16 tcp dport { 21, 40000-40100 } accept').control.verdict, 'blocked');
    assert.equal(nft('meta l4proto 06 tcp dport { 21, 40000-40100 } accept').control.verdict, 'open');
    // A range of protocol numbers takes TCP when it holds 6.
    assert.equal(nft('meta l4proto { 6 - 17 } th dport { 21, 40000-40100 } accept').control.verdict, 'open');
    assert.equal(nft('meta l4proto { 7 - 17 } th dport { 21, 40000-40100 } accept').control.verdict, 'blocked');
  });
});
