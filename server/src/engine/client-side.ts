import { fromClient, type PacketClass } from './packet.js';

/** What .ftpwall.json says of where the FTP clients are: their network (IPv4 prefix) and the server's interface they come in on. */
export interface ClientSide { readonly network?: string; readonly interface?: string }

/** A dotted-quad IPv4 address as a number (rules are read by their front-ends; this reads .ftpwall.json and the addresses front-ends hand over). */
function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** An IPv4 network ("203.0.113.0/24", or one address) as numbers: its first address and its prefix length. */
export function readIpv4Network(text: string): { base: number; bits: number } | undefined {
  const [address = '', prefix] = text.split('/');
  const base = ipv4(address);
  const bits = prefix === undefined ? 32 : /^\d+$/.test(prefix) ? Number(prefix) : NaN;
  if (base === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { base: (base & mask) >>> 0, bits };
}

const within = (inner: { base: number; bits: number }, outer: { base: number; bits: number }) => {
  if (inner.bits < outer.bits) return false;
  const mask = outer.bits === 0 ? 0 : (~0 << (32 - outer.bits)) >>> 0;
  return ((inner.base & mask) >>> 0) === outer.base;
};

/**
 * Whether a rule's client-side address matches the clients: 'all' of them, 'none', or
 * undefined when the clients' network is not given or only partly inside the rule's.
 */
export function clientsInAddress(packet: PacketClass, address: string, negated: boolean): 'all' | 'none' | undefined {
  // A client is never the server itself: a rule for one of the server's own addresses, on the client's side, is for no client.
  if (isServerAddress(packet, address)) return negated ? 'all' : 'none';
  const clients = packet.clients?.network && packet.family === 'ipv4' ? readIpv4Network(packet.clients.network) : undefined;
  const rule = clients && readIpv4Network(address);
  if (!clients || !rule) return undefined;
  const inside = within(clients, rule), disjoint = !inside && !within(rule, clients);
  if (!inside && !disjoint) return undefined;
  return inside !== negated ? 'all' : 'none';
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
  const own = packet.family === 'ipv4' ? packet.serverAddresses?.map(readIpv4Network) : undefined;
  const rule = own?.length ? readIpv4Network(address) : undefined;
  if (!own || !rule || own.some((a) => !a)) return undefined;
  const inside = own.map((a) => within(a!, rule));
  if (inside.some((x) => x !== inside[0])) return undefined;
  return inside[0] !== negated ? 'all' : 'none';
}

/** Is the address (one host) one of the server's own, as .ftpwall.json gives them? */
function isServerAddress(packet: PacketClass, address: string): boolean {
  const rule = packet.serverAddresses?.length && packet.family === 'ipv4' ? readIpv4Network(address) : undefined;
  return !!rule && rule.bits === 32 && packet.serverAddresses!.some((own) => readIpv4Network(own)?.base === rule.base);
}
