import type { Fix } from '../core/findings.js';
import { join } from 'node:path';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import type { HostContext, HostRule } from './host-rule.js';
import { serverAnchor } from './anchors.js';

/**
 * The line that lets the clients' network in, first in hosts.allow (the first match there wins):
 * an IPv6 network in brackets, as libwrap writes it. Only where .ftpwall.json names the network:
 * letting in every client would undo what hosts.deny was written for.
 */
function allowFix(context: HostContext, family: AddressFamily): Fix | undefined {
  const server = context.paths.server;
  const network = family === 'ipv4' ? context.host.config.clientsFrom?.network : context.host.config.clientsFrom?.network6;
  if (!network || !server.tcpWrappers) return undefined;
  const [address, bits] = network.split('/');
  const written = family === 'ipv6' ? `[${address}]${bits ? `/${bits}` : ''}` : network;
  const existing = context.host.hostsAccess.find((doc) => doc.grants);
  const path = existing?.path ?? join(context.host.root, 'etc', 'hosts.allow');
  const at = { line: 0, character: 0 };
  return {
    title: `Let ${network} in to ${server.tcpWrappers.daemon} in hosts.allow`,
    edits: { [path]: [{ range: { start: at, end: at }, newText: `${server.tcpWrappers.daemon}: ${written}\n` }] },
    ...(existing ? {} : { creates: [path] }),
    safe: false,
    preferred: true,
  };
}

export const refusedByTcpWrappers: HostRule = {
  id: 'ftp/refused-by-tcp-wrappers',
  severity: 'warning',
  summary: 'The FTP server itself turns every client away: hosts.deny (TCP wrappers) refuses them',
  docs: {
    detects: 'vsftpd with tcp_wrappers=YES on a host whose /etc/hosts.allow and /etc/hosts.deny, read as libwrap reads them, refuse every client (those from .ftpwall.json "clientsFrom" where it names them): `ALL: ALL` in hosts.deny with nothing for vsftpd in hosts.allow, say. Where the files let in only some clients, or turn on host names or netgroups, the verdicts are conditional instead (ftp/depends-on-unknown).',
    why: 'Before any FTP command, vsftpd asks libwrap about the client and, refused, answers "421 Service not available." and closes the connection. No firewall rule helps: the packets arrive, the server sends them away. Denying everything in hosts.deny and allowing services one by one in hosts.allow is a common hardening, and FTP is easily left out of the allow list.',
    fix: 'Add the FTP clients to hosts.allow for vsftpd (`vsftpd: 203.0.113.0/24`, an IPv6 network as `[2001:db8::]/32`), or turn tcp_wrappers off if the firewall is meant to do the filtering. With .ftpwall.json "clientsFrom" naming the clients\' network, the quick fix adds that line first in hosts.allow.',
    before: '# hosts.deny\nALL: ALL',
    after: '# hosts.allow\nvsftpd: 203.0.113.0/24\n# hosts.deny\nALL: ALL',
    language: 'text',
  },
  check(context, report) {
    const families = [{ family: 'ipv4' as const, control: context.paths.control }, { family: 'ipv6' as const, control: context.paths.ipv6?.control }];
    for (const { family, control } of families) {
      if (control?.refusedByServer !== 'libwrap') continue;
      const anchor = context.paths.server.tcpWrappers?.where ?? serverAnchor(context, 'listen');
      if (!anchor) continue;
      const fix = allowFix(context, family);
      report({
        ...anchor,
        message: `${family === 'ipv6' ? 'Over IPv6, no' : 'No'} FTP connection gets through: ${control.reason}`,
        related: control.deciding.map((d) => ({ file: d.path, range: d.range, message: 'turns the FTP clients away' })),
        fixes: fix ? [fix] : [],
      });
    }
  },
};
