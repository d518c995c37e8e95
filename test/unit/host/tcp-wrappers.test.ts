import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyHostFix, checkFiles, conf, filter, HOST, VSFTPD, RULES, type Files } from '../../helpers/hosts.js';

// vsftpd with tcp_wrappers=YES asks libwrap about each client before any FTP command and answers
// a refused one "421 Service not available.": the kernel cases are test/kernel/hosts/tcp-wrappers-*.

const ALLOW = `${HOST}/etc/hosts.allow`, DENY = `${HOST}/etc/hosts.deny`;
const OPEN = filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT');
const host = (wrappers: boolean, access: Partial<Record<typeof ALLOW | typeof DENY, string>>): Files => ({
  [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100', ...(wrappers ? ['tcp_wrappers=YES'] : [])), [RULES]: OPEN, ...access,
});

describe('vsftpd\'s TCP wrappers', () => {
  it('blocks every path where hosts.deny refuses the clients, and says so on tcp_wrappers=YES, not as a firewall finding', () => {
    const { paths, findings } = checkFiles(host(true, { [DENY]: '# hardened\nALL: ALL\n' }));
    for (const path of [paths.control, paths.passive, paths.active]) {
      assert.equal(path.verdict, 'blocked');
      assert.equal(path.refusedByServer, 'libwrap');
    }
    assert.match(paths.control.reason, /^vsftpd asks libwrap whom to serve \(tcp_wrappers=YES\), and hosts\.deny:2 \("ALL: ALL"\) refuses every IPv4 client: it answers "421 Service not available\."/);
    const refused = findings.filter((f) => f.ruleId === 'ftp/refused-by-tcp-wrappers');
    assert.equal(refused.length, 1);
    assert.equal(refused[0]!.file, VSFTPD);
    assert.equal(refused[0]!.range.start.line, 6);
    assert.deepEqual(refused[0]!.related?.map((r) => `${r.file}:${r.range.start.line}`), [`${DENY}:1`]);
    // No clients' network: no fix (letting every client in would undo the hardening).
    assert.deepEqual(refused[0]!.fixes, []);
    assert.deepEqual(findings.filter((f) => /^ftp\/(control|passive|active)-blocked$/.test(f.ruleId)).map((f) => f.ruleId), []);
  });

  it('lets the clients\' network in first in hosts.allow, which opens every path', () => {
    const files = host(true, { [ALLOW]: 'sshd: 10.0.0.0/8\n', [DENY]: 'ALL: ALL\n' });
    const clients = { clientsFrom: { network: '198.51.100.0/24' } };
    const finding = checkFiles(files, clients).findings.find((f) => f.ruleId === 'ftp/refused-by-tcp-wrappers');
    assert.deepEqual(finding?.fixes.map((f) => f.title), ['Let 198.51.100.0/24 in to vsftpd in hosts.allow']);
    const fixed = applyHostFix(files, finding!.fixes[0]!);
    assert.equal(fixed[ALLOW], 'vsftpd: 198.51.100.0/24\nsshd: 10.0.0.0/8\n');
    const { paths } = checkFiles(fixed, clients);
    assert.deepEqual([paths.control.verdict, paths.passive.verdict], ['open', 'open']);
    // A host without hosts.allow gets one.
    const made = checkFiles(host(true, { [DENY]: 'ALL: ALL\n' }), clients).findings.find((f) => f.ruleId === 'ftp/refused-by-tcp-wrappers')!.fixes[0]!;
    assert.deepEqual(made.creates, [ALLOW]);
  });

  it('is conditional where the files let some clients in, and names the lines it depends on', () => {
    const { paths, findings } = checkFiles(host(true, { [ALLOW]: 'vsftpd: 10.0.0.0/8\n', [DENY]: 'ALL: ALL\n' }));
    assert.equal(paths.control.verdict, 'conditional');
    assert.equal(paths.passive.verdict, 'conditional');
    assert.match(paths.control.reason, /^Whether vsftpd serves every IPv4 client depends on which one it is: .* hosts\.allow:1 \("vsftpd: 10\.0\.0\.0\/8"\), then hosts\.deny:1 \("ALL: ALL"\).* Give the clients' network in \.ftpwall\.json "clientsFrom"/);
    const depends = findings.filter((f) => f.ruleId === 'ftp/depends-on-unknown').map((f) => `${f.file}:${f.range.start.line}`);
    assert.deepEqual(depends.sort(), [`${ALLOW}:0`, `${DENY}:0`]);
    // Clients from inside the allowed network: open; from outside: blocked.
    assert.equal(checkFiles(host(true, { [ALLOW]: 'vsftpd: 10.0.0.0/8\n', [DENY]: 'ALL: ALL\n' }), { clientsFrom: { network: '10.1.0.0/16' } }).paths.control.verdict, 'open');
    assert.equal(checkFiles(host(true, { [ALLOW]: 'vsftpd: 10.0.0.0/8\n', [DENY]: 'ALL: ALL\n' }), { clientsFrom: { network: '192.0.2.0/24' } }).paths.control.verdict, 'blocked');
  });

  it('reads the files only where vsftpd asks libwrap, and leaves what the firewall blocks as it was', () => {
    assert.equal(checkFiles(host(false, { [DENY]: 'ALL: ALL\n' })).paths.control.verdict, 'open');
    const closed = checkFiles({ ...host(true, { [ALLOW]: 'vsftpd: 10.0.0.0/8\n', [DENY]: 'ALL: ALL\n' }), [RULES]: filter('-A INPUT -p tcp --dport 21 -j ACCEPT') }).paths;
    assert.equal(closed.passive.verdict, 'blocked');
    assert.equal(closed.passive.refusedByServer, undefined);
    // hosts.deny of another folder than the host's etc is not libwrap's.
    assert.equal(checkFiles({ ...host(true, {}), [`${HOST}/etc/backup/hosts.deny`]: 'ALL: ALL\n' }).paths.control.verdict, 'open');
  });

  it('judges IPv6 clients by the bracketed patterns, with their own network', () => {
    const dual = (deny: string, network6?: string) => checkFiles({ ...host(true, { [DENY]: deny }), [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100', 'tcp_wrappers=YES').replace('listen=YES', 'listen=NO\nlisten_ipv6=YES'), [`${HOST}/etc/iptables/rules.v6`]: OPEN.replace('-A INPUT -m state', '-A INPUT -p ipv6-icmp -j ACCEPT\n-A INPUT -m state') }, { clientsFrom: { network: '192.0.2.0/24', ...(network6 ? { network6 } : {}) } });
    const refused6 = dual('vsftpd: [2001:db8::]/32\n', '2001:db8:5::/48');
    assert.equal(refused6.paths.control.verdict, 'open');
    assert.equal(refused6.paths.ipv6!.control.verdict, 'blocked');
    const finding = refused6.findings.find((f) => f.ruleId === 'ftp/refused-by-tcp-wrappers');
    assert.match(finding!.message, /^Over IPv6, no FTP connection gets through/);
    assert.deepEqual(finding!.fixes.map((f) => Object.values(f.edits)[0]![0]!.newText), ['vsftpd: [2001:db8:5::]/48\n']);
  });
});
