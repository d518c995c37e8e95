import { isIPv6 } from 'node:net';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import { fromClient, type PacketClass } from './packet.js';

/** What .ftpwall.json says of where the FTP clients are: their IPv4 and IPv6 networks and the server's interface they come in on. */
export interface ClientSide { readonly network?: string; readonly network6?: string; readonly interface?: string }

/** A dotted-quad IPv4 address as a number (rules are read by their front-ends; this reads .ftpwall.json and the addresses front-ends hand over). */
function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** An IPv6 address as a 128-bit number: groups around one "::", an IPv4 address in the last 32 bits allowed. */
function ipv6(text: string): bigint | undefined {
  if (!isIPv6(text) || text.includes('%')) return undefined;
  const embedded = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  const v4 = embedded === undefined ? undefined : ipv4(embedded);
  const hex = embedded === undefined ? text : `${text.slice(0, -embedded.length)}${((v4! >>> 16) & 0xffff).toString(16)}:${(v4! & 0xffff).toString(16)}`;
  const [head = '', tail] = hex.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const written = [...groups(head), ...(tail === undefined ? [] : groups(tail))];
  const all = tail === undefined ? written : [...groups(head), ...new Array<string>(8 - written.length).fill('0'), ...groups(tail)];
  return all.reduce((n, group) => (n << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** A network of either family as numbers: its first address, its prefix length, and its width in bits. */
interface Network { readonly base: bigint; readonly bits: number; readonly width: 32 | 128 }

/** A network ("203.0.113.0/24", "2001:db8::/32", or one address) of the family given. */
function readNetwork(text: string, family: AddressFamily): Network | undefined {
  const [address = '', prefix] = text.split('/');
  const width = family === 'ipv4' ? 32 : 128;
  const value = family === 'ipv4' ? ipv4(address) : ipv6(address);
  const bits = prefix === undefined ? width : /^\d+$/.test(prefix) ? Number(prefix) : NaN;
  if (value === undefined || !(bits >= 0 && bits <= width)) return undefined;
  const hostBits = BigInt(width - bits);
  return { base: (BigInt(value) >> hostBits) << hostBits, bits, width };
}

/** A network of one family as .ftpwall.json's clientsFrom gives it, read to check the setting. */
export const readClientNetwork = (text: string, family: AddressFamily): Network | undefined => readNetwork(text, family);

const within = (inner: Network, outer: Network) => {
  if (inner.bits < outer.bits || inner.width !== outer.width) return false;
  const hostBits = BigInt(outer.width - outer.bits);
  return inner.base >> hostBits === outer.base >> hostBits;
};

/**
 * Do the clients lie inside `network` ("10.0.0.0/8", "2001:db8::/32", one address): 'all' of
 * them, 'none', or undefined when some may and some may not. `clients` is their network as
 * .ftpwall.json gives it, or undefined for any address of the family.
 */
export function clientsWithin(clients: string | undefined, network: string, family: AddressFamily): 'all' | 'none' | undefined {
  const outer = readNetwork(network, family);
  if (!outer) return undefined;
  if (outer.bits === 0) return 'all';
  const inner = clients === undefined ? undefined : readNetwork(clients, family);
  if (!inner) return undefined;
  if (within(inner, outer)) return 'all';
  return within(outer, inner) ? undefined : 'none';
}

/** Whether a pattern, or a list of them, matches every client, none of them, or only some (or it cannot tell). */
export type ClientMatch = 'all' | 'none' | 'some';

/** clientsWithin as a match: where some clients may lie inside the network and some not, 'some'. */
export const clientMatchWithin = (clients: string | undefined, network: string, family: AddressFamily): ClientMatch => clientsWithin(clients, network, family) ?? 'some';

/** A list of patterns, which matches a client when one of them does. */
export function anyMatches(matched: readonly ClientMatch[]): ClientMatch {
  return matched.includes('all') ? 'all' : matched.every((m) => m === 'none') ? 'none' : 'some';
}

/** Is it an IPv6 address (one .ftpwall.json gives, read and checked as it was loaded)? */
export const isIpv6Address = (address: string): boolean => address.includes(':');

/** What .ftpwall.json gives of the server's and the clients' networks for a packet class, read once per class (a walk asks for every rule). */
interface KnownNetworks { readonly server: Network[] | undefined; readonly clients: Network | undefined }
const knownNetworks = new WeakMap<PacketClass, KnownNetworks>();

function networksOf(packet: PacketClass): KnownNetworks {
  let known = knownNetworks.get(packet);
  if (!known) {
    const clients = packet.family === 'ipv4' ? packet.clients?.network : packet.clients?.network6;
    known = { server: serverNetworks(packet), clients: clients ? readNetwork(clients, packet.family) : undefined };
    knownNetworks.set(packet, known);
  }
  return known;
}

/** The server's own addresses of the packet's family, read; undefined where .ftpwall.json gives none of it (or one that cannot be read). */
function serverNetworks(packet: PacketClass): Network[] | undefined {
  const own = (packet.serverAddresses ?? []).filter((a) => isIpv6Address(a) === (packet.family === 'ipv6')).map((a) => readNetwork(a, packet.family));
  return own.length && own.every((a) => a) ? own as Network[] : undefined;
}

/**
 * Whether a rule's client-side address matches the clients: 'all' of them, 'none', or
 * undefined when the clients' network is not given or only partly inside the rule's.
 */
export function clientsInAddress(packet: PacketClass, address: string, negated: boolean): 'all' | 'none' | undefined {
  // A client is never the server itself: a rule for one of the server's own addresses, on the client's side, is for no client.
  // Nor a multicast group: the kernel drops a packet from one as a martian, and TCP has none.
  if (isServerAddress(packet, address) || isMulticastNetwork(address, packet.family)) return negated ? 'all' : 'none';
  const clients = networksOf(packet).clients;
  const rule = clients && readNetwork(address, packet.family);
  if (!clients || !rule) return undefined;
  const inside = within(clients, rule), disjoint = !inside && !within(rule, clients);
  if (!inside && !disjoint) return undefined;
  return inside !== negated ? 'all' : 'none';
}

/** Does the network lie inside the multicast addresses (224.0.0.0/4, ff00::/8)? Read from the text: a walk asks of every rule. */
function isMulticastNetwork(network: string, family: AddressFamily): boolean {
  // Most addresses are ruled out by their first character ("2" of 224-239, "f" of ff00::/8) before any parsing.
  const first = network.charCodeAt(0) | 0x20;
  if (first !== (family === 'ipv6' ? 0x66 : 0x32)) return false;
  const slash = network.indexOf('/');
  const prefix = slash === -1 ? (family === 'ipv4' ? 32 : 128) : Number(network.slice(slash + 1));
  if (family === 'ipv6') return prefix >= 8 && /^ff[0-9a-f]{2}:/i.test(network);
  const octet = Number(network.slice(0, network.indexOf('.')));
  return prefix >= 4 && octet >= 224 && octet <= 239 && /^\d+\.\d+\.\d+\.\d+(\/|$)/.test(network);
}

/** Whether a rule's incoming interface (iptables' `eth+` included) is the one the clients come in on. */
export function clientsOnInterface(packet: PacketClass, name: string, negated: boolean): 'all' | 'none' | undefined {
  const known = packet.clients?.interface;
  if (known === undefined || !fromClient(packet)) return undefined;
  const same = name.endsWith('+') ? known.startsWith(name.slice(0, -1)) : known === name;
  return same !== negated ? 'all' : 'none';
}

/**
 * Whether a rule's server-side address matches the FTP server: 'all' when every address of the
 * server's is inside it, 'none' when none is, undefined when the addresses are not given or differ.
 */
export function serverInAddress(packet: PacketClass, address: string, negated: boolean): 'all' | 'none' | undefined {
  const own = networksOf(packet).server;
  const rule = own && readNetwork(address, packet.family);
  if (!own || !rule) return undefined;
  const inside = own.map((a) => within(a, rule));
  if (inside.some((x) => x !== inside[0])) return undefined;
  return inside[0] !== negated ? 'all' : 'none';
}

/** Is the address (one host) one of the server's own, as .ftpwall.json gives them? */
function isServerAddress(packet: PacketClass, address: string): boolean {
  const own = networksOf(packet).server;
  const rule = own && readNetwork(address, packet.family);
  return !!rule && rule.bits === rule.width && own!.some((a) => a.base === rule.base);
}
