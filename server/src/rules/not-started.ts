import type { ServerFacts } from '../engine/server-facts.js';
import { fileStart, serverAnchor } from './anchors.js';
import type { HostRule } from './host-rule.js';

export const notStartedAtBoot: HostRule = {
  id: 'firewall/not-started-at-boot',
  severity: 'information',
  withoutServer: true,
  summary: 'A firewall file whose service the host does not start at boot',
  docs: {
    detects: 'A firewall file loaded by a service of its own (nftables.conf by nftables.service, rules.v4 by netfilter-persistent.service, etc/sysconfig/iptables by iptables.service, ufw\'s files by ufw.service, firewalld\'s by firewalld.service) on a host whose etc/systemd/system does not enable that service, or masks it, and enables no unit of its own whose ExecStart names the file. Read only where the host holds etc/systemd/system with at least one .wants folder, its links kept. Also an init script (etc/init.d/NAME) that no S link of runlevel 2 to 5 or S starts (etc/rcN.d/S01NAME, as update-rc.d and chkconfig make them; `update-rc.d NAME disable` turns them into K links), where the host holds runlevel folders, or whose name a mask or a disabled unit of the host\'s own takes: its rules and the modules it loads are left out. And etc/rc.local (etc/rc.d/rc.local, where Red Hat\'s systemd looks) that is not executable, in a copy that keeps modes (one of its init scripts in etc/init.d or etc/rc.d/init.d is executable, as on every real host; a copy whose init scripts all lost the bit is not read for modes).',
    why: 'Nothing loads the file at boot, so its rules are not there after a restart, however right they are. ftpwall leaves them out of the verdicts. systemd-rc-local-generator adds rc-local.service only for an executable rc.local (checked against the real generator). Debian installs /etc/nftables.conf (which flushes every rule) with nftables.service disabled; read as loaded, it would make every verdict depend on the order it is loaded in.',
    fix: 'If the file is meant to be the firewall, enable its service (`systemctl enable nftables`) or its init script (`update-rc.d firewall enable`), or make rc.local executable (`chmod +x /etc/rc.local`); if not, nothing needs doing, or remove the file.',
    before: 'etc/systemd/system/multi-user.target.wants/',
    after: 'etc/systemd/system/multi-user.target.wants/netfilter-persistent.service -> /lib/systemd/system/netfilter-persistent.service',
    language: 'text',
  },
  check(context, report) {
    for (const file of context.host.notStarted) report({ ...fileStart(file.path), message: file.why });
  },
};

export const serverNotStartedAtBoot: HostRule = {
  id: 'ftp/server-not-started-at-boot',
  severity: 'information',
  summary: 'An FTP server that no unit the host enables starts at boot',
  docs: {
    detects: 'A server that listens by itself (vsftpd with listen=YES or listen_ipv6=YES, ProFTPD with ServerType standalone) on a host whose etc/systemd/system enables no unit named for it (vsftpd.service, vsftpd@NAME.service, vsftpd.target; proftpd.service, proftpd.socket) and no unit of its own that runs it, or masks them. Read only where the host holds etc/systemd/system with at least one .wants folder, its links kept.',
    why: 'The server runs until the next restart and then not at all: every FTP connection fails, whatever the firewall lets through. The verdicts still judge the firewall, as the server would meet it.',
    fix: 'Enable the server\'s unit (`systemctl enable vsftpd`).',
    before: 'etc/systemd/system/multi-user.target.wants/',
    after: 'etc/systemd/system/multi-user.target.wants/vsftpd.service -> /lib/systemd/system/vsftpd.service',
    language: 'text',
  },
  check(context, report) {
    const units = context.host.bootUnits;
    const server = context.paths.server;
    const by = server.startedBy;
    // Once per server program: ProFTPD's virtual hosts are all started with it.
    if (!units || !by || server.path === undefined || context.host.servers.find((s) => s.server === server.server) !== server) return;
    if (units.startsAny(by.unitPrefix, by.binary)) return;
    const anchor = serverAnchor(context, 'listen', 'ipv6');
    if (anchor) report({ ...anchor, message: `No unit the host starts at boot runs ${server.server}: ${units.whyNot(`${by.unitPrefix}.service`)}, and no unit of the host's own runs ${by.binary}. It does not run after a restart, so no FTP connection gets through then.` });
  },
};

/** The line that puts the server in per-connection mode, else the starter's, else the server's file. */
function perConnectionAnchor(context: Parameters<HostRule['check']>[0]) {
  const per = context.paths.server.perConnection;
  return per?.where ?? serverAnchor(context, 'listen');
}

export const notStartedByInetd: HostRule = {
  id: 'ftp/not-started-by-inetd',
  severity: 'information',
  summary: 'A server started for each connection that no inetd or xinetd entry of the host runs',
  docs: {
    detects: 'vsftpd with listen=NO and listen_ipv6=NO, ProFTPD with ServerType inetd, or Debian\'s pure-ftpd left to inetd (STANDALONE_OR_INETD=inetd in /etc/default/pure-ftpd-common, so that pure-ftpd-wrapper is run for each connection) (each serves one connection that inetd hands it; ProFTPD as the <VirtualHost> whose Port the connection came in on, else as the main server) on a host whose etc/inetd.conf or xinetd files (etc/xinetd.conf and what it includes, or etc/xinetd.d) hold no entry that runs it, or only one that is disabled (`disable = yes`, a line update-inetd turned into a comment, the defaults entry\'s `disabled` or `enabled` lists) or whose inetd is not started at boot. Read where the host holds one of those files; and where it holds none, on a host that boots with systemd (etc/systemd/system with a .wants folder) and enables no inetd or xinetd unit, no socket unit of its own that runs the server, no socket unit named for FTP whose file the copy lacks, and holds no inetd init script.',
    why: 'Nothing listens for FTP, so every connection is refused, whatever the firewall lets through. vsftpd\'s own listen_port and listen_address, the main ProFTPD server\'s Port and Pure-FTPd\'s Bind are not read in this mode: the port and the address are the entry\'s (ProFTPD\'s active data leaves from the port below it). A unit that runs the server by itself does not help: measured with vsftpd 3.0.3, vsftpd started so (as Debian\'s vsftpd.service starts it) exits at once with status 2 ("not configured for standalone, must be started from inetd", written to its standard input, so no log shows it), and so does proftpd 1.3.8 as Debian\'s proftpd.service starts it, with status 1 ("unable to get connection info: Socket operation on non-socket"). The verdicts judge the firewall as a server on the disabled entry\'s port (else vsftpd\'s listen_port) would meet it.',
    fix: 'Enable the entry (`disable = no` in xinetd\'s file, or the line without its "#<off>#" in inetd.conf), or run vsftpd by itself: `listen=YES` (or `listen_ipv6=YES`) and its own service enabled.',
    before: 'service ftp\n{\n\tdisable = yes\n\tserver = /usr/sbin/vsftpd\n}',
    after: 'service ftp\n{\n\tdisable = no\n\tserver = /usr/sbin/vsftpd\n}',
    language: 'text',
  },
  check(context, report) {
    const server = context.paths.server;
    const per = server.perConnection;
    if (!per || server.refusesToStart || (per.starter && !per.starter.off)) return;
    if (per.starterFiles.length === 0 && !per.nothingStarts) return;
    const anchor = per.starter ? { file: per.starter.where.path, range: per.starter.where.range } : perConnectionAnchor(context);
    if (!anchor) return;
    report({ ...anchor, message: `${server.server} is started for each connection (${per.setting}), and ${whyNothingStartsIt(context, per)}: nothing listens for FTP, so no connection gets through.` });
  },
};

function whyNothingStartsIt(context: Parameters<HostRule['check']>[0], per: NonNullable<ServerFacts['perConnection']>): string {
  if (per.starter) return `${per.starter.shown} runs it, but ${per.starter.off}`;
  const onPort = per.byPort?.vhost !== undefined ? ` on port ${per.byPort.vhost}, this <VirtualHost>'s Port` : '';
  if (per.starterFiles.length) return `no entry of ${per.starterFiles.map((f) => f.replace(/^etc\//, '')).join(', ')} runs ${per.binary}${onPort}`;
  const alone = per.startedAlone && context.host.bootUnits?.startsAny(per.binary, per.binary) ? `; a unit the host enables runs ${per.binary} by itself, and ${per.startedAlone}` : '';
  return `nothing on this host starts it so: ${per.nothingStarts}${alone}`;
}

export const inetdRefusesService: HostRule = {
  id: 'ftp/inetd-refuses-service',
  severity: 'error',
  withoutServer: true,
  summary: 'The inetd or xinetd entry that runs the FTP server opens no socket',
  docs: {
    detects: 'The entry that runs a server started for each connection (vsftpd with listen=NO and listen_ipv6=NO, ProFTPD with ServerType inetd, Debian\'s pure-ftpd with STANDALONE_OR_INETD=inetd) is one its daemon refuses or listens for on nothing: xinetd refuses a service named in etc/services whose `port` differs from that file\'s ("Service ftp expects port 21, not 2121"), and one whose name is in no etc/services unless it is of type UNLISTED; Debian\'s openbsd-inetd opens no socket for the protocol "tcp46". Each measured with the real daemon.',
    why: 'No socket is opened for the service, so every FTP connection is refused whatever the firewall says. xinetd says why only in its log.',
    fix: 'For a port of your own, give the xinetd entry a name of its own and `type = UNLISTED` with its `port`, or keep the name "ftp" and its port 21; in inetd.conf write "tcp" (both families), "tcp4" or "tcp6".',
    before: 'service ftp\n{\n\tport = 2121\n\tserver = /usr/sbin/vsftpd\n}',
    after: 'service ftp-alt\n{\n\ttype = UNLISTED\n\tport = 2121\n\tserver = /usr/sbin/vsftpd\n}',
    language: 'text',
  },
  check(context, report) {
    // The host's facts, not the paths': on a host without a server's configuration, asking for the paths walks the firewall for nothing.
    const server = context.host.server;
    const starter = server.perConnection?.starter;
    if (!starter || !server.refusesToStart || server.refusesToStart.where.file !== starter.where.path) return;
    report({ ...server.refusesToStart.where, message: `${server.server} never runs: ${server.refusesToStart.why}. Nothing listens for FTP, so no connection gets through.` });
  },
};
