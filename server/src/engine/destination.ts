import type { Destination } from './firewall-model.js';

const PORT = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/** A port or port range as DNAT, REDIRECT and nft write it ("21", "8080-8999"); undefined when it is not one. */
export function readPortRange(text: string): Destination['ports'] {
  const found = PORT.exec(text);
  if (!found) return undefined;
  const min = Number(found[1]), max = Number(found[2] ?? found[1]);
  return min >= 1 && max <= 65535 && min <= max ? { min, max } : undefined;
}

/**
 * Where a translation's target sends a connection, from the text iptables' --to-destination and
 * nft's `dnat to` share: `[address[-address]][:port[-port]]`, an IPv6 address in brackets when a
 * port follows. An address range, or text that is neither, is a destination ftpwall does not read.
 */
export function readDestination(text: string): Destination {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  const colons = text.split(':').length - 1;
  // One colon separates the port; more than one, without brackets, is an IPv6 address alone.
  const [address, port] = bracketed ? [bracketed[1]!, bracketed[2]] : colons === 1 ? text.split(':') as [string, string] : [text, undefined];
  const unread: Destination = { unread: `where \`${text}\` sends the connection` };
  if (address.includes('-')) return { unread: `which address of ${address} the connection is sent to` };
  if (address !== '' && !/^[0-9a-fA-F.:]+$/.test(address)) return unread;
  if (port === undefined) return address === '' ? unread : { address };
  const ports = readPortRange(port);
  if (!ports) return unread;
  return address === '' ? { ports } : { address, ports };
}
