import type { HostRule } from './host-rule.js';

export const notStartedAtBoot: HostRule = {
  id: 'firewall/not-started-at-boot',
  severity: 'information',
  withoutServer: true,
  summary: 'A firewall file whose service the host does not start at boot',
  docs: {
    detects: 'A firewall file loaded by a service of its own (nftables.conf by nftables.service, rules.v4 by netfilter-persistent.service, etc/sysconfig/iptables by iptables.service, ufw\'s files by ufw.service, firewalld\'s by firewalld.service) on a host whose etc/systemd/system does not enable that service, or masks it. Read only where the host holds etc/systemd/system with at least one .wants folder, its links kept.',
    why: 'Nothing loads the file at boot, so its rules are not there after a restart, however right they are. ftpwall leaves them out of the verdicts. Debian installs /etc/nftables.conf (which flushes every rule) with nftables.service disabled; read as loaded, it would make every verdict depend on the order it is loaded in.',
    fix: 'If the file is meant to be the firewall, enable its service (`systemctl enable nftables`); if not, nothing needs doing, or remove the file.',
    before: 'etc/systemd/system/multi-user.target.wants/',
    after: 'etc/systemd/system/multi-user.target.wants/netfilter-persistent.service -> /lib/systemd/system/netfilter-persistent.service',
    language: 'text',
  },
  check(context, report) {
    const start = { line: 0, character: 0 };
    for (const file of context.host.notStarted) report({ file: file.path, range: { start, end: start }, message: file.why });
  },
};
