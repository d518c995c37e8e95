import type { HostRule } from './host-rule.js';
import { serverAnchor } from './anchors.js';

export const listenAddressUnreachable: HostRule = {
  id: 'ftp/listen-address-unreachable',
  severity: 'warning',
  summary: 'The FTP server listens only on an address the clients cannot reach: a loopback one, or one of the other family',
  docs: {
    detects: 'A server bound to one address (vsftpd\'s listen_address with listen=YES or listen_address6 with listen_ipv6=YES, Pure-FTPd\'s Bind ADDRESS,PORT) that is a loopback address (127.0.0.0/8, ::1), or an IPv6 address where IPv4 clients connect (or the other way round): a socket bound to one IPv6 address takes no IPv4 connection, as one on "::" does.',
    why: 'A client on another host that connects gets "connection refused": the firewall may let every packet through and FTP still fails. A loopback listen address is right only where every client is on the server itself (through an SSH tunnel, say); ftpwall judges clients from other hosts.',
    fix: 'Listen on the address the clients connect to, or on all (remove listen_address; `listen_address6=::` with listen_ipv6=YES takes IPv4 clients as well; Pure-FTPd\'s `Bind ,21`).',
    before: 'listen=YES\nlisten_address=127.0.0.1',
    after: 'listen=YES',
    language: 'text',
  },
  check(context, report) {
    const families = [{ family: 'IPv4', control: context.paths.control }, { family: 'IPv6', control: context.paths.ipv6?.control }];
    // Loopback keeps out both families with one reason: said once.
    const said = new Set<string>();
    for (const { family, control } of families) {
      if (control?.refusedByServer !== 'listen-address' || said.has(control.reason)) continue;
      said.add(control.reason);
      const anchor = context.paths.server.listensOn?.where ?? serverAnchor(context, 'listen');
      if (!anchor) continue;
      const both = families.every((f) => f.control?.refusedByServer === 'listen-address' && f.control.reason === control.reason);
      report({ ...anchor, message: `No FTP connection${both || !context.paths.ipv6 ? '' : ` over ${family}`} gets through: ${control.reason}` });
    }
  },
};
