import { fileStart, serverAnchor } from './anchors.js';
import type { HostRule } from './host-rule.js';

export const notStartedAtBoot: HostRule = {
  id: 'firewall/not-started-at-boot',
  severity: 'information',
  withoutServer: true,
  summary: 'A firewall file whose service the host does not start at boot',
  docs: {
    detects: 'A firewall file loaded by a service of its own (nftables.conf by nftables.service, rules.v4 by netfilter-persistent.service, etc/sysconfig/iptables by iptables.service, ufw\'s files by ufw.service, firewalld\'s by firewalld.service) on a host whose etc/systemd/system does not enable that service, or masks it, and enables no unit of its own whose ExecStart names the file. Read only where the host holds etc/systemd/system with at least one .wants folder, its links kept.',
    why: 'Nothing loads the file at boot, so its rules are not there after a restart, however right they are. ftpwall leaves them out of the verdicts. Debian installs /etc/nftables.conf (which flushes every rule) with nftables.service disabled; read as loaded, it would make every verdict depend on the order it is loaded in.',
    fix: 'If the file is meant to be the firewall, enable its service (`systemctl enable nftables`); if not, nothing needs doing, or remove the file.',
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
