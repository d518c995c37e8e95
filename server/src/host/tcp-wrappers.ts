import type { ClientRefusal, ServerFacts } from '../engine/server-facts.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import { hostsAccess, type AccessEntry } from '../languages/tcp-wrappers/access.js';
import type { HostsAccessDocument } from '../languages/tcp-wrappers/hosts-access.js';
import type { ClientSide } from '../engine/client-side.js';

const quoted = ({ file, entry }: AccessEntry) => `${file.path.split('/').pop()}:${entry.line + 1} ("${entry.text}")`;

/**
 * The server as it meets clients where it asks libwrap whom to serve: over each family, libwrap's
 * answer for the clients .ftpwall.json names (any address without them). A refused client gets
 * "421 Service not available." and the connection closes, whatever the firewall lets through.
 */
export function withTcpWrappers(server: ServerFacts, files: readonly HostsAccessDocument[], clients: ClientSide | undefined): ServerFacts {
  const wrappers = server.tcpWrappers;
  if (!wrappers) return server;
  const asks = wrappers.asks ?? `${server.server} asks libwrap whom to serve (tcp_wrappers=YES)`;
  // Whom the server turns away besides (xinetd's only_from): asked where libwrap lets the client in.
  const besides = server.refusesClients;
  const refusesClients = (family: AddressFamily): ClientRefusal | undefined => {
    const network = family === 'ipv4' ? clients?.network : clients?.network6;
    const access = hostsAccess(files, wrappers.daemon, network, family);
    if (access.outcome === 'granted') return besides?.(family);
    const where = access.deciding.map(({ file, entry }) => ({ path: file.path, range: entry.range, line: entry.line }));
    const who = network ? `clients from ${network}` : `every ${family === 'ipv6' ? 'IPv6' : 'IPv4'} client`;
    if (access.outcome === 'refused') {
      const refuses = `${quoted(access.deciding.at(-1)!)} refuses ${who}`;
      // Refused by tcpd or xinetd, the connection closes before the server runs; the server itself says so first.
      const answer = wrappers.asks ? `the connection is closed before ${server.server} runs` : 'it answers "421 Service not available." and closes the connection';
      return { outcome: 'refused', where: where.slice(-1), reason: `${asks}, and ${refuses}: ${answer}, whatever the firewall lets through.` };
    }
    const turns = access.deciding.map(quoted).join(', then ');
    const unknown = network ? '' : ' Give the clients\' network in .ftpwall.json "clientsFrom" to have it judged.';
    const answer = `the answer turns on ${turns}, which lets some clients in and not others, or needs their host names`;
    const other = besides?.(family);
    if (other?.outcome === 'refused') return other;
    return { outcome: 'depends', where: [...where, ...(other?.where ?? [])], reason: `Whether ${server.server} serves ${who} depends on which one it is: ${wrappers.asks ?? 'it asks libwrap (tcp_wrappers=YES)'}, and ${answer}.${unknown}${other ? ` ${other.reason}` : ''}` };
  };
  return { ...server, refusesClients };
}
