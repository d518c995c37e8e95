import type { Destination } from './firewall-model.js';

/** How the front-end's program reads one port number ("021" is 17 to nft); undefined when it reads none. */
export type PortNumberReader = (text: string) => number | undefined;

/** A port or port range as DNAT, REDIRECT and nft write it ("21", "8080-8999"); undefined when it is not one. */
function readPortRange(text: string, readPort: PortNumberReader): Destination['ports'] {
  const dash = text.indexOf('-', 1);
  const min = readPort(dash === -1 ? text : text.slice(0, dash));
  const max = dash === -1 ? min : readPort(text.slice(dash + 1));
  if (min === undefined || max === undefined) return undefined;
  return min >= 1 && max <= 65535 && min <= max ? { min, max } : undefined;
}

/**
 * Where a translation's target sends a connection, from the text iptables' --to-destination and
 * nft's `dnat to` share: `[address[-address]][:port[-port]]`, an IPv6 address in brackets when a
 * port follows. An address range, or text that is neither, is a destination ftpwall does not read.
 */
export function readDestination(text: string, readPort: PortNumberReader): Destination {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  const colons = text.split(':').length - 1;
  // One colon separates the port; more than one, without brackets, is an IPv6 address alone.
  const [address, port] = bracketed ? [bracketed[1]!, bracketed[2]] : colons === 1 ? text.split(':') as [string, string] : [text, undefined];
  const unread: Destination = { unread: `where \`${text}\` sends the connection` };
  if (address.includes('-')) return { unread: `which address of ${address} the connection is sent to` };
  if (address !== '' && !/^[0-9a-fA-F.:]+$/.test(address)) return unread;
  if (port === undefined) return address === '' ? unread : { address };
  const ports = readPortRange(port, readPort);
  if (!ports) return unread;
  return address === '' ? { ports } : { address, ports };
}
