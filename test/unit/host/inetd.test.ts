import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiles, conf, filter, HOST, hostOfFiles, lines, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';
import { readXinetd } from '../../../server/src/host/xinetd-conf.js';
import { inetdEntries } from '../../../server/src/host/inetd-conf.js';

// vsftpd with listen=NO and listen_ipv6=NO serves the connection inetd or xinetd hands it: the
// port, the families and the address are the entry's. The kernel cases, with the real xinetd and
// openbsd-inetd, are test/kernel/hosts/xinetd-* and inetd-*.

const OPEN = ['-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT'];
const RULES6 = `${HOST}/etc/iptables/rules.v6`;
const XINETD_FTP = `${HOST}/etc/xinetd.d/vsftpd`;
const INETD_CONF = `${HOST}/etc/inetd.conf`;
/** vsftpd in inetd mode (its listen_port, which it does not read, on 2121) behind rules that open 21 and the passive range over both families, and what starts it. */
const inetdMode = (starters: Files, ...settings: string[]): Files => ({
  [VSFTPD]: conf('pasv_min_port=40000', 'pasv_max_port=40100', 'listen_port=2121', ...settings).replace('listen=YES', 'listen=NO\nlisten_ipv6=NO'),
  [RULES]: filter(...OPEN),
  [RULES6]: filter('-A INPUT -p ipv6-icmp -j ACCEPT', ...OPEN),
  ...starters,
});
const xinetd = (...attributes: string[]): Files => ({ [XINETD_FTP]: lines('service ftp', '{', '  socket_type = stream', '  wait = no', '  user = root', '  server = /usr/sbin/vsftpd', '  server_args = /etc/vsftpd.conf', ...attributes.map((a) => `  ${a}`), '}') });
const inetd = (...entries: string[]): Files => ({ [INETD_CONF]: lines(...entries) });
const FTP_LINE = 'ftp stream tcp nowait root /usr/sbin/vsftpd vsftpd /etc/vsftpd.conf';
/** The control verdicts over IPv4 and IPv6 ("none" where IPv6 is not judged), and the control port. */
const control = (files: Files) => { const { paths } = checkFiles(files); return [paths.control.verdict, paths.ipv6?.control.verdict ?? 'none', paths.server.controlPort]; };

describe('a server that inetd or xinetd starts for each connection', () => {
  it('is judged on the entry\'s port, not on the listen_port vsftpd does not read', () => {
    // Before, the host was judged on 2121, which the firewall does not open: blocked, and wrong.
    assert.deepEqual(control(inetdMode(xinetd())), ['open', 'open', 21]);
    assert.deepEqual(control(inetdMode(inetd(FTP_LINE))), ['open', 'open', 21]);
    assert.deepEqual(control(inetdMode(inetd(FTP_LINE.replace(/^ftp/, '2121')))), ['blocked', 'blocked', 2121]);
    assert.deepEqual(control(inetdMode(xinetd('type = UNLISTED', 'port = 2121'))), ['blocked', 'blocked', 2121]);
    // Without inetd's or xinetd's files nothing tells the port: vsftpd's own setting stands, as before.
    assert.deepEqual(control(inetdMode({})), ['blocked', 'none', 2121]);
  });

  it('listens on the families the daemon opens sockets for, as measured with the real ones', () => {
    assert.deepEqual(control(inetdMode(inetd(FTP_LINE.replace(' tcp ', ' tcp4 ')))), ['open', 'none', 21]);
    const { paths } = checkFiles(inetdMode(inetd(FTP_LINE.replace(' tcp ', ' tcp6 '))));
    assert.deepEqual([paths.control.verdict, paths.ipv6?.control.verdict], ['blocked', 'open']);
    assert.equal(paths.control.refusedByServer, 'listen-address');
    assert.match(paths.control.reason, /^vsftpd listens only on :: \(inetd\.conf:1 \("ftp stream tcp6 .*"\)\), an IPv6 socket that takes no IPv4 client/);
    // inetd.conf's "tcp" and "tcp6" lines of one service: both families.
    assert.deepEqual(control(inetdMode(inetd(FTP_LINE.replace(' tcp ', ' tcp4 '), FTP_LINE.replace(' tcp ', ' tcp6 ')))), ['open', 'open', 21]);
    assert.deepEqual(control(inetdMode(xinetd('flags = IPv4'))), ['open', 'none', 21]);
    assert.deepEqual(control(inetdMode(xinetd('flags = IPv6'))), ['open', 'open', 21]);
  });

  it('binds the entry\'s address', () => {
    assert.deepEqual(control(inetdMode(inetd(`127.0.0.1:${FTP_LINE}`))).slice(0, 2), ['blocked', 'none']);
    assert.deepEqual(control(inetdMode(xinetd('bind = 127.0.0.1'))).slice(0, 2), ['blocked', 'none']);
    assert.deepEqual(control(inetdMode(xinetd('bind = 192.0.2.5'))).slice(0, 2), ['open', 'none']);
  });

  it('is refused where libwrap refuses the client before the server runs: tcpd in inetd.conf, xinetd itself', () => {
    const deny = { [`${HOST}/etc/hosts.deny`]: 'vsftpd: ALL\n' };
    const wrapped = checkFiles(inetdMode({ ...inetd('ftp stream tcp nowait root /usr/sbin/tcpd /usr/sbin/vsftpd /etc/vsftpd.conf'), ...deny }));
    assert.deepEqual([wrapped.paths.control.verdict, wrapped.paths.control.refusedByServer], ['blocked', 'libwrap']);
    assert.match(wrapped.paths.control.reason, /^inetd asks libwrap whether to run vsftpd for each client/);
    assert.equal(checkFiles(inetdMode({ ...xinetd(), ...deny })).paths.control.refusedByServer, 'libwrap');
    // xinetd asks libwrap by the name `libwrap` gives, where it gives one.
    assert.equal(checkFiles(inetdMode({ ...xinetd('libwrap = ftpd'), ...deny })).paths.control.verdict, 'open');
    // Without tcpd, inetd asks nothing.
    assert.equal(checkFiles(inetdMode({ ...inetd(FTP_LINE), ...deny })).paths.control.verdict, 'open');
  });

  it('depends on the client where xinetd\'s only_from or no_access decide, the defaults entry\'s included', () => {
    const { paths } = checkFiles(inetdMode(xinetd('only_from = 10.0.0.0/8')));
    assert.equal(paths.control.verdict, 'conditional');
    assert.deepEqual(paths.control.dependsOn?.map((d) => [d.why, d.where.line]), [['which clients xinetd runs the server for (only_from, no_access)', 7]]);
    const inherited = checkFiles(inetdMode({ ...xinetd(), [`${HOST}/etc/xinetd.conf`]: lines('defaults', '{', '  no_access = 192.0.2.7', '}', 'includedir /etc/xinetd.d') }));
    assert.deepEqual(inherited.paths.control.dependsOn?.map((d) => d.where.path), [`${HOST}/etc/xinetd.conf`]);
  });

  it('depends on the hour where xinetd\'s access_times limits when it serves: never open for certain', () => {
    const { paths } = checkFiles(inetdMode(xinetd('access_times = 08:00-18:00')));
    assert.equal(paths.control.verdict, 'conditional');
    assert.deepEqual(paths.control.dependsOn?.map((d) => [d.why, d.where.line]), [['which clients, and at what time, xinetd runs the server for (only_from, no_access, access_times)', 7]]);
    assert.match(paths.control.reason, /depends on the time of day: vsftpd:8 \("access_times = 08:00-18:00"\) lets it run only at some hours/);
    // The hour decides even for clients only_from lets in.
    assert.equal(checkFiles(inetdMode(xinetd('only_from = 10.0.0.0/8', 'access_times = 08:00-18:00')), { clientsFrom: { network: '10.1.0.0/16' } }).paths.control.verdict, 'conditional');
  });

  it('judges only_from and no_access for the clients .ftpwall.json names, as measured with the real xinetd', () => {
    const verdict = (clients: string | undefined, ...attributes: string[]) => checkFiles(inetdMode(xinetd(...attributes)), clients ? { clientsFrom: { network: clients } } : {}).paths.control.verdict;
    assert.equal(verdict('10.1.0.0/16', 'only_from = 10.0.0.0/8'), 'open');
    assert.equal(verdict('192.0.2.0/24', 'only_from = 10.0.0.0/8'), 'blocked');
    assert.equal(verdict('10.0.0.0/8', 'only_from = 10.1.0.0/16'), 'conditional');
    // Trailing zeros leave their parts open: 10.0.0.0 is all of 10.0.0.0/8.
    assert.equal(verdict('10.200.0.0/16', 'only_from = 10.0.0.0'), 'open');
    assert.equal(verdict('10.200.0.0/16', 'only_from = 10.0.0.0/24'), 'blocked');
    // no_access refuses whatever only_from says, however more precise only_from is.
    assert.equal(verdict('10.1.2.3', 'only_from = 10.1.2.3', 'no_access = 10.0.0.0/8'), 'blocked');
    assert.equal(verdict('10.1.0.0/16', 'only_from = 10.0.0.0/8', 'no_access = 10.1.2.3'), 'conditional');
    // An empty only_from serves nobody, clients named or not; a host name may match anyone.
    assert.equal(verdict(undefined, 'only_from ='), 'blocked');
    assert.equal(verdict('10.1.0.0/16', 'only_from = ftp.example.com'), 'conditional');
    // An entry of one family never matches a client of the other, 0.0.0.0 included (measured with ::1 and 127.0.0.1).
    const families = checkFiles(inetdMode(xinetd('only_from = 0.0.0.0')), { clientsFrom: { network: '10.1.0.0/16', network6: '2001:db8::/32' } }).paths;
    assert.deepEqual([families.control.verdict, families.ipv6?.control.verdict], ['open', 'blocked']);
    assert.match(checkFiles(inetdMode(xinetd('only_from ='))).paths.control.reason, /xinetd runs vsftpd for none of the IPv4 clients: vsftpd:8 \("only_from ="\) leaves them out, so it closes the connection before vsftpd runs/);
  });

  it('starts a service from the defaults entry\'s only_from: its "=" replaces them, its "+=" adds to them (measured)', () => {
    const withDefaults = (...attributes: string[]) => ({ ...xinetd(...attributes), [`${HOST}/etc/xinetd.conf`]: lines('defaults', '{', '  only_from = 10.0.0.0/8', '}', 'includedir /etc/xinetd.d') });
    const verdict = (files: Files) => checkFiles(inetdMode(files), { clientsFrom: { network: '192.0.2.0/24' } }).paths.control.verdict;
    assert.equal(verdict(withDefaults()), 'blocked');
    assert.equal(verdict(withDefaults('only_from = 192.0.2.0/24')), 'open');
    assert.equal(verdict(withDefaults('only_from += 192.0.2.0/24')), 'open');
    assert.equal(verdict(withDefaults('only_from =')), 'blocked');
    // The defaults' no_access refuses these clients; the service's own "=" replaces it.
    const noAccess = (...attributes: string[]) => ({ ...xinetd(...attributes), [`${HOST}/etc/xinetd.conf`]: lines('defaults', '{', '  no_access = 192.0.2.0/24', '}', 'includedir /etc/xinetd.d') });
    assert.equal(verdict(noAccess()), 'blocked');
    assert.equal(verdict(noAccess('no_access = 10.0.0.0/8')), 'open');
  });

  it('starts nothing where the daemon refuses the entry: all blocked, on the entry\'s line', () => {
    const { paths, findings } = checkFiles(inetdMode(xinetd('port = 2121')));
    assert.equal(paths.control.verdict, 'blocked');
    assert.deepEqual(findings.filter((f) => f.ruleId === 'ftp/inetd-refuses-service').map((f) => [f.file, f.range.start.line]), [[XINETD_FTP, 0]]);
  });
});

describe('a server a socket unit of the host\'s own starts for each connection (Accept=yes)', () => {
  const UNITS = `${HOST}/etc/systemd/system`;
  /** vsftpd.socket with these [Socket] lines, enabled (the link in sockets.target.wants) unless `enabled` is false, and the template it starts. */
  const socket = (listen: string[], enabled = true): Files => ({
    [`${UNITS}/vsftpd.socket`]: lines('[Unit]', 'Description=FTP', '[Socket]', ...listen, 'Accept=yes', '[Install]', 'WantedBy=sockets.target'),
    [`${UNITS}/vsftpd@.service`]: lines('[Service]', 'ExecStart=-/usr/sbin/vsftpd /etc/vsftpd.conf', 'StandardInput=socket'),
    // The firewall files' own units are enabled: with etc/systemd/system in the host, files no unit loads are left out.
    [`${UNITS}/multi-user.target.wants/netfilter-persistent.service`]: '',
    [`${UNITS}/multi-user.target.wants/iptables.service`]: '',
    ...(enabled ? { [`${UNITS}/sockets.target.wants/vsftpd.socket`]: '' } : {}),
  });

  it('listens where ListenStream= says, as systemd binds it', () => {
    assert.deepEqual(control(inetdMode(socket(['ListenStream=21']))), ['open', 'open', 21]);
    assert.deepEqual(control(inetdMode(socket(['ListenStream=[::]:21', 'BindIPv6Only=ipv6-only']))).slice(0, 2), ['blocked', 'open']);
    assert.deepEqual(control(inetdMode(socket(['ListenStream=0.0.0.0:2121']))), ['blocked', 'none', 2121]);
    assert.deepEqual(control(inetdMode(socket(['ListenStream=127.0.0.1:21']))).slice(0, 2), ['blocked', 'none']);
    // An empty ListenStream= drops the ones before it.
    assert.deepEqual(control(inetdMode(socket(['ListenStream=2121', 'ListenStream=', 'ListenStream=21']))), ['open', 'open', 21]);
  });

  it('counts only a socket the host starts, that accepts connections, whose service runs the server', () => {
    assert.deepEqual(control(inetdMode(socket(['ListenStream=21'], false))), ['blocked', 'none', 2121]);
    assert.deepEqual(control(inetdMode({ ...socket(['ListenStream=21']), [`${UNITS}/vsftpd.socket`]: lines('[Socket]', 'ListenStream=21') })), ['blocked', 'none', 2121]);
    assert.deepEqual(control(inetdMode({ ...socket(['ListenStream=21']), [`${UNITS}/vsftpd@.service`]: lines('[Service]', 'ExecStart=/usr/sbin/proftpd --nodaemon') })), ['blocked', 'none', 2121]);
  });
});

describe('a server started for each connection on a host that starts nothing so', () => {
  const UNITS = `${HOST}/etc/systemd/system`;
  /** A host that boots with systemd: its firewall's unit enabled, and these other units. */
  const booting = (...units: string[]): Files => Object.fromEntries([`multi-user.target.wants/netfilter-persistent.service`, ...units].map((u) => [`${UNITS}/${u}`, '']));
  const finding = (files: Files) => checkFiles(files).findings.find((f) => f.ruleId === 'ftp/not-started-by-inetd')?.message;

  it('says nothing starts it where the host boots with systemd and holds no inetd, xinetd or socket unit that runs it', () => {
    assert.match(finding(inetdMode(booting())) ?? '', /vsftpd is started for each connection \(listen=NO, listen_ipv6=NO\), and nothing on this host starts it so: the host boots with systemd/);
    assert.doesNotMatch(finding(inetdMode(booting())) ?? '', /stops at once/);
    // Debian's vsftpd.service runs it by itself, and it exits (measured: see test/differential/vsftpd.test.ts).
    assert.match(finding(inetdMode(booting('multi-user.target.wants/vsftpd.service'))) ?? '', /a unit the host enables runs vsftpd by itself, and vsftpd then stops at once \(status 2/);
  });

  it('stays silent where something the copy does not hold may start it', () => {
    // No .wants folder: the host's boot is not known.
    assert.equal(finding(inetdMode({})), undefined);
    // An inetd unit enabled without its inetd.conf in the copy, an FTP socket unit whose file is in /lib, an inetd init script.
    assert.equal(finding(inetdMode(booting('multi-user.target.wants/inetd.service'))), undefined);
    assert.equal(finding(inetdMode(booting('multi-user.target.wants/xinetd.service'))), undefined);
    assert.equal(finding(inetdMode(booting('sockets.target.wants/vsftpd.socket'))), undefined);
    assert.equal(finding(inetdMode({ ...booting(), [`${HOST}/etc/init.d/openbsd-inetd`]: lines('#!/bin/sh', 'exit 0') })), undefined);
    // Red Hat keeps its init scripts in etc/rc.d/init.d.
    assert.equal(finding(inetdMode({ ...booting(), [`${HOST}/etc/rc.d/init.d/xinetd`]: lines('#!/bin/sh', 'exit 0') })), undefined);
    // A socket unit of another name whose file the copy lacks runs no FTP server.
    assert.match(finding(inetdMode(booting('sockets.target.wants/uuidd.socket'))) ?? '', /nothing on this host starts it so/);
  });

  it('is not said of a server that listens by itself', () => {
    const standalone = inetdMode(booting());
    standalone[VSFTPD] = standalone[VSFTPD]!.replace('listen=NO', 'listen=YES');
    assert.equal(finding(standalone), undefined);
  });
});

describe('reading inetd.conf and xinetd\'s files', () => {
  it('reads broken files without failing: unbalanced braces, entries without names, an include of itself, binary junk', () => {
    const junk = '\u0000\u00ff{{}}=\n'.repeat(50);
    const broken: Files = {
      [`${HOST}/etc/xinetd.conf`]: lines('service', '{', 'server = /usr/sbin/vsftpd', 'includefile /etc/xinetd.conf', '}', '}', 'defaults {', '= yes', 'includedir /etc/xinetd.d'),
      [`${HOST}/etc/xinetd.d/junk`]: junk,
      [INETD_CONF]: lines('ftp stream', ':: stream tcp nowait root', junk),
    };
    const { paths, findings } = checkFiles(inetdMode(broken));
    // The entry without a name that runs vsftpd is one xinetd refuses: nothing listens.
    assert.equal(paths.control.verdict, 'blocked');
    assert.deepEqual(findings.filter((f) => f.ruleId === 'ftp/inetd-refuses-service').map((f) => f.message.slice(0, 60)), ['vsftpd never runs: xinetd refuses the service: "" is not in ']);
  });

  it('takes inetd.conf\'s stream lines, tcpd\'s program and an address before the service', () => {
    const [plain, wrapped, bound, v6] = inetdEntries(lines('# comment', '#<off># ftp stream tcp nowait root /usr/sbin/vsftpd vsftpd', FTP_LINE, 'ftp stream tcp nowait root /usr/sbin/tcpd /usr/sbin/vsftpd', '127.0.0.1:ftp stream tcp4 nowait root /usr/sbin/vsftpd vsftpd', '[::1]:21 stream tcp6 nowait root /usr/sbin/vsftpd vsftpd', 'time dgram udp wait root internal'));
    assert.deepEqual([plain!.service, plain!.runs, plain!.wrapped, plain!.line], ['ftp', '/usr/sbin/vsftpd', false, 2]);
    assert.deepEqual([wrapped!.runs, wrapped!.wrapped], ['/usr/sbin/vsftpd', true]);
    assert.deepEqual([bound!.address, bound!.service, bound!.protocol], ['127.0.0.1', 'ftp', 'tcp4']);
    assert.deepEqual([v6!.address, v6!.service], ['::1', '21']);
  });

  it('follows xinetd\'s includes as xinetd does: a folder\'s files in C order, leaving out names with a dot or a final "~"', () => {
    const files: Record<string, string> = {
      'etc/xinetd.conf': lines('defaults', '{', '  only_from = 10.0.0.0/8', '}', 'includedir /etc/xinetd.d'),
      'etc/xinetd.d/b': lines('service b', '{', '  server = /bin/b', '  server_args += -x', '}'),
      'etc/xinetd.d/a': lines('service a {', '  server = /bin/a', '}'),
      'etc/xinetd.d/c.rpmsave': lines('service c', '{', '}'),
      'etc/xinetd.d/d~': lines('service d', '{', '}'),
    };
    const read = readXinetd('etc/xinetd.conf', { read: (p) => files[p], list: (folder) => Object.keys(files).filter((p) => p.startsWith(`${folder}/`)).map((p) => p.slice(folder.length + 1)) });
    assert.deepEqual(read.services.map((s) => s.name), ['a', 'b']);
    assert.deepEqual(read.files, ['etc/xinetd.conf', 'etc/xinetd.d/a', 'etc/xinetd.d/b']);
    assert.deepEqual(read.defaults?.values('only_from'), ['10.0.0.0/8']);
    assert.deepEqual(read.services[1]!.values('server_args'), ['-x']);
  });
});

describe('ProFTPD with ServerType inetd', () => {
  const PROFTPD = `${HOST}/etc/proftpd/proftpd.conf`;
  const XINETD_PROFTPD = `${HOST}/etc/xinetd.d/proftpd`;
  const proftpd = (...body: string[]) => ({ [PROFTPD]: lines('ServerType inetd', 'Port 21', 'PassivePorts 40000 40100', 'RootRevoke off', ...body) });
  const unlisted = (port: number) => ({ [XINETD_PROFTPD]: lines(`service ftp-${port}`, '{', '  type = UNLISTED', `  port = ${port}`, '  socket_type = stream', '  wait = no', '  user = root', '  server = /usr/sbin/proftpd', '}') });
  const firewall = (port: number) => ({ [RULES]: filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', `-A INPUT -p tcp --dport ${port} -j ACCEPT`, '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT') });

  it('serves the main server on the entry\'s port, whatever its Port says, and sends active data from the port below it', () => {
    const files = { ...proftpd(), ...unlisted(2121), ...firewall(21) };
    const { paths } = checkFiles(files);
    assert.deepEqual([paths.server.controlPort, paths.control.verdict, paths.server.activeSourcePort, paths.server.fixedActivePort], [2121, 'blocked', 2120, 2120]);
    assert.equal(checkFiles({ ...files, ...firewall(2121) }).paths.control.verdict, 'open');
    // Port 0 turns a standalone server off, but the main server under inetd still takes the entry's connections.
    assert.equal(checkFiles({ ...files, [PROFTPD]: files[PROFTPD]!.replace('Port 21', 'Port 0') }).paths.server.controlPort, 2121);
    // Standalone, the same Port 21 is what it listens on.
    assert.equal(checkFiles({ ...files, [PROFTPD]: files[PROFTPD]!.replace('ServerType inetd', 'ServerType standalone') }).paths.server.controlPort, 21);
  });

  it('gives a virtual host the connections on its own Port, and the main server those on every other port', () => {
    const vhost = ['<VirtualHost 192.0.2.10>', '  Port 2200', '</VirtualHost>'];
    const both = { ...proftpd(...vhost), [XINETD_PROFTPD]: unlisted(2121)[XINETD_PROFTPD]! + unlisted(2200)[XINETD_PROFTPD]!.replace('service ftp-2200', 'service ftp-vhost') };
    assert.deepEqual(hostOfFiles(both).servers.map((s) => s.controlPort), [2121, 2200]);
    // No entry on the virtual host's port: nothing hands it a connection, and the check says so.
    const mainOnly = checkFiles({ ...proftpd(...vhost), ...unlisted(2200), ...firewall(2200) });
    assert.equal(mainOnly.paths.server.controlPort, 21);
    assert.match(mainOnly.findings.find((f) => f.ruleId === 'ftp/not-started-by-inetd')?.message ?? '', /ProFTPD is started for each connection \(ServerType inetd\), and no entry of xinetd\.d\/proftpd runs proftpd/);
  });

  it('is started by nothing on a systemd host without inetd, and stops at once where its own unit runs it', () => {
    const UNITS = `${HOST}/etc/systemd/system`;
    const booting = (...units: string[]) => Object.fromEntries([`multi-user.target.wants/netfilter-persistent.service`, ...units].map((u) => [`${UNITS}/${u}`, '']));
    const finding = (files: Record<string, string>) => checkFiles(files).findings.find((f) => f.ruleId === 'ftp/not-started-by-inetd')?.message ?? '';
    assert.match(finding({ ...proftpd(), ...firewall(21), ...booting() }), /ProFTPD is started for each connection \(ServerType inetd\), and nothing on this host starts it so/);
    assert.doesNotMatch(finding({ ...proftpd(), ...firewall(21), ...booting() }), /stops at once/);
    // Debian's proftpd.service runs it by itself (measured: see test/differential/proftpd.test.ts).
    assert.match(finding({ ...proftpd(), ...firewall(21), ...booting('multi-user.target.wants/proftpd.service') }), /a unit the host enables runs proftpd by itself, and proftpd then stops at once \(status 1/);
  });

  it('is started by nothing without an entry that runs it', () => {
    const { findings } = checkFiles({ ...proftpd(), ...firewall(21), [`${HOST}/etc/inetd.conf`]: lines('#<off># ftp stream tcp nowait root /usr/sbin/proftpd proftpd') });
    assert.match(findings.find((f) => f.ruleId === 'ftp/not-started-by-inetd')?.message ?? '', /\(ServerType inetd\)/);
  });
});

describe('Debian\'s pure-ftpd left to inetd (STANDALONE_OR_INETD=inetd)', () => {
  const CONF = `${HOST}/etc/pure-ftpd/conf`;
  const DEFAULTS = `${HOST}/etc/default/pure-ftpd-common`;
  const options = (bind: string) => ({ [`${CONF}/PassivePortRange`]: '40000 40100\n', [`${CONF}/Bind`]: `${bind}\n` });
  const WRAPPER_LINE = 'ftp stream tcp nowait root /usr/sbin/tcpd /usr/sbin/pure-ftpd-wrapper';
  const firewall = { [RULES]: filter('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT') };
  const host = (mode: string, bind = ',2121', starters: Files = inetd(WRAPPER_LINE)): Files => ({ ...options(bind), ...firewall, [DEFAULTS]: lines('# Set by debconf', `STANDALONE_OR_INETD=${mode}`, 'VIRTUALCHROOT=false'), ...starters });

  it('serves on the entry\'s port, its Bind not read', () => {
    const byInetd = checkFiles(host('inetd')).paths;
    assert.deepEqual([byInetd.control.verdict, byInetd.server.controlPort], ['open', 21]);
    assert.equal(checkFiles(host('standalone')).paths.server.controlPort, 2121);
    // Bound to loopback by itself, but under inetd the entry binds every address.
    assert.equal(checkFiles(host('inetd', '127.0.0.1,21')).paths.control.verdict, 'open');
    assert.equal(checkFiles(host('standalone', '127.0.0.1,21')).paths.control.verdict, 'blocked');
    // Without the defaults file the host does not say: it is judged as started by itself, as the package sets it up.
    const { [DEFAULTS]: _, ...withoutDefaults } = host('inetd');
    assert.equal(checkFiles(withoutDefaults).paths.server.controlPort, 2121);
  });

  it('says so when no entry runs pure-ftpd-wrapper', () => {
    const { findings } = checkFiles(host('inetd', ',2121', inetd(`#<off># ${WRAPPER_LINE}`)));
    assert.match(findings.find((f) => f.ruleId === 'ftp/not-started-by-inetd')?.message ?? '', /Pure-FTPd is started for each connection \(STANDALONE_OR_INETD=inetd in default\/pure-ftpd-common\), and no entry of inetd\.conf runs pure-ftpd-wrapper/);
  });
});
