import type { Destination } from '../../engine/firewall-model.js';
import { nftPortNumber, plainNftAddress } from './values.js';

/** A port or port range as a dnat or redirect target writes it ("21", "8080-8999"), read as nft reads ports; undefined when it is not one. */
function readPortRange(text: string): Destination['ports'] {
  const dash = text.indexOf('-', 1);
  const min = nftPortNumber(dash === -1 ? text : text.slice(0, dash));
  const max = dash === -1 ? min : nftPortNumber(text.slice(dash + 1));
  if (min === undefined || max === undefined) return undefined;
  return min >= 1 && max <= 65535 && min <= max ? { min, max } : undefined;
}

/**
 * Where nft's `dnat to` or `redirect to` sends a connection: `[address[-address]][:port[-port]]`,
 * an IPv6 address in brackets when a port follows, each as nft reads it ("010.0.0.5:021" is
 * 8.0.0.5, port 17). An address range, or text that is neither, is a destination ftpwall does
 * not read.
 */
export function readDestination(text: string): Destination {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  const colons = text.split(':').length - 1;
  // One colon separates the port; more than one, without brackets, is an IPv6 address alone.
  const [written, port] = bracketed ? [bracketed[1]!, bracketed[2]] : colons === 1 ? text.split(':') as [string, string] : [text, undefined];
  const unread: Destination = { unread: `where \`${text}\` sends the connection` };
  if (written.includes('-')) return { unread: `which address of ${written} the connection is sent to` };
  if (written !== '' && !/^[0-9a-fA-F.:]+$/.test(written)) return unread;
  const address = written === '' ? '' : plainNftAddress(written);
  if (port === undefined) return address === '' ? unread : { address };
  const ports = readPortRange(port);
  if (!ports) return unread;
  return address === '' ? { ports } : { address, ports };
}
