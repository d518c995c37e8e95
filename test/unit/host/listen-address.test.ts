import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, HOST, lines, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';

// A server bound to one address: a loopback one keeps out every client on another host, one of
// the other family every client of that family. The kernel cases are test/kernel/hosts/listen-address*-loopback
// and pureftpd-bind-loopback.

const OPEN = ['-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT'];
const RULES6 = `${HOST}/etc/iptables/rules.v6`;
const vsftpd = (...settings: string[]): Files => ({ [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100', ...settings), [RULES]: filter(...OPEN), [RULES6]: filter('-A INPUT -p ipv6-icmp -j ACCEPT', ...OPEN) });
const onIpv6 = (...settings: string[]): Files => { const files = vsftpd(...settings); return { ...files, [VSFTPD]: files[VSFTPD]!.replace('listen=YES', 'listen=NO\nlisten_ipv6=YES') }; };
const verdicts = (files: Files) => { const { paths } = checkFiles(files); return [paths.control.verdict, paths.ipv6?.control.verdict ?? 'none']; };

describe('the address the server listens on', () => {
  it('keeps every client out where it is a loopback one, in any spelling, and says so once on its line', () => {
    assert.deepEqual(verdicts(vsftpd('listen_address=127.0.0.1')), ['blocked', 'none']);
    assert.deepEqual(verdicts(vsftpd('listen_address=127.1.2.3')), ['blocked', 'none']);
    assert.deepEqual(verdicts(onIpv6('listen_address6=0:0:0:0:0:0:0:1')), ['blocked', 'blocked']);
    const { findings, paths } = checkFiles(onIpv6('listen_address6=::1'));
    const found = findings.filter((f) => f.ruleId === 'ftp/listen-address-unreachable');
    assert.deepEqual(found.map((f) => [f.file, f.range.start.line, f.message]), [[VSFTPD, 7, 'No FTP connection gets through: vsftpd listens only on ::1 (listen_address6), a loopback address: no client on another host can connect, whatever the firewall lets through.']]);
    assert.equal(paths.control.refusedByServer, 'listen-address');
    // The firewall is not to blame: no firewall finding, no firewall fix.
    assert.deepEqual(findings.filter((f) => /^ftp\/(control|passive|active|ipv6)-blocked$/.test(f.ruleId)), []);
  });

  it('keeps out the other family: one IPv6 address takes no IPv4 client; "::" takes both', () => {
    const { paths, findings } = checkFiles(onIpv6('listen_address6=2001:db8::5'));
    assert.deepEqual([paths.control.verdict, paths.ipv6!.control.verdict], ['blocked', 'open']);
    assert.match(paths.control.reason, /^vsftpd listens only on 2001:db8::5 \(listen_address6\), an IPv6 address: no IPv4 client can connect/);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'ftp/listen-address-unreachable').map((f) => f.message.slice(0, 43)), ['No FTP connection over IPv4 gets through: v']);
    assert.deepEqual(verdicts(onIpv6('listen_address6=::')), ['open', 'open']);
    assert.deepEqual(verdicts(vsftpd('listen_address=192.0.2.5')), ['open', 'none']);
  });

  it('reads Pure-FTPd\'s Bind address, and leaves alone what it cannot place', () => {
    const pure = (bind: string): Files => ({ [`${HOST}/etc/pure-ftpd/conf/Bind`]: `${bind}\n`, [`${HOST}/etc/pure-ftpd/conf/PassivePortRange`]: '40000 40100\n', [RULES]: filter(...OPEN), [RULES6]: filter('-A INPUT -p ipv6-icmp -j ACCEPT', ...OPEN) });
    assert.deepEqual(verdicts(pure('127.0.0.1,21')), ['blocked', 'blocked']);
    assert.deepEqual(verdicts(pure('192.0.2.5,21')), ['open', 'blocked']);
    assert.deepEqual(verdicts(pure(',21')), ['open', 'open']);
    // A host name, an address with a zone: not judged.
    assert.deepEqual(verdicts(pure('ftp.example.com,21')), ['open', 'open']);
    assert.deepEqual(verdicts(onIpv6('listen_address6=fe80::1%eth0')), ['open', 'open']);
    // Started by inetd, vsftpd binds nothing itself.
    assert.deepEqual(verdicts({ ...vsftpd('listen_address=127.0.0.1'), [VSFTPD]: lines('listen=NO', 'listen_address=127.0.0.1') }), ['open', 'none']);
  });
});
