import { cNumber, readCNumber } from '../../../core/c-number.js';
import netbase from './netbase.json';

/**
 * Readers for the values iptables options take, each returning iptables' own error text when
 * the value is refused (quoted as iptables 1.8.9 prints it), or undefined when it is accepted.
 */

const SERVICES = netbase.services as Record<string, Record<string, number>>;
const PROTOCOLS = netbase.protocols as Record<string, number>;

/** The protocols iptables knows by name without /etc/protocols. */
const BUILTIN_PROTOCOLS: Record<string, number> = { tcp: 6, sctp: 132, udp: 17, udplite: 136, icmp: 1, icmpv6: 58, 'ipv6-icmp': 58, esp: 50, ah: 51, 'ipv6-mh': 135, mh: 135, all: 0, dccp: 33, gre: 47 };

/** Is the text a non-empty run of decimal digits? (Value readers run for every option of every rule, so no regular expression.) */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** A protocol by name or number; a number is read as strtoul reads it in base 0 ("021" is 17, udp). */
export function protocolNumber(name: string): number | undefined {
  const number = cNumber(name);
  if (number !== undefined) return number <= 255 ? number : undefined;
  const lower = name.toLowerCase();
  return BUILTIN_PROTOCOLS[lower] ?? PROTOCOLS[lower];
}

const NAME_BY_NUMBER = new Map([[6, 'tcp'], [17, 'udp'], [1, 'icmp'], [58, 'icmpv6'], [132, 'sctp'], [33, 'dccp'], [136, 'udplite'], [0, 'all']]);

export function protocolName(value: string): string {
  const n = protocolNumber(value);
  return (n !== undefined ? NAME_BY_NUMBER.get(n) : undefined) ?? value.toLowerCase();
}

/**
 * How a match reads a port number: the tcp match, multiport and the NAT targets as strtoul in
 * base 0 (`021` is port 17, `0x15` is 21); the udp match and conntrack's ports through
 * getaddrinfo, in decimal (`021` is 21, `0x15` is no port).
 */
export type PortBase = 0 | 10;

/**
 * A single port: a number 0-65535 or a service name. tcp (and multiport) look the name up for
 * their own protocol; the udp match looks it up for any protocol.
 */
export function readPort(text: string, protocol = 'tcp', base: PortBase = 0): number | undefined {
  const number = cNumber(text, base);
  if (number !== undefined) return number <= 65535 ? number : undefined;
  if (protocol === 'any' || protocol === 'udp' || protocol === 'udplite') return SERVICES['tcp']?.[text] ?? SERVICES['udp']?.[text] ?? SERVICES['sctp']?.[text];
  return SERVICES[protocol]?.[text];
}

export interface PortRange { min: number; max: number }

/** tcp/udp --sport/--dport: N, N:M, :M, N: (iptables' xtables_parse_port and parse_multi_ports). */
export function readPortRange(text: string, protocol = 'tcp', base: PortBase = 0): PortRange | string {
  // The udp match has its own wording for a name it cannot resolve.
  const bad = (p: string) => (protocol === 'udp' && !isDigits(p) ? `Port "${p}" does not resolve to anything.` : `invalid port/service \`${p}' specified`);
  const colon = text.indexOf(':');
  if (colon !== -1 && text.indexOf(':', colon + 1) !== -1) return bad(text);
  const lowText = colon === -1 ? text : text.slice(0, colon);
  const highText = colon === -1 ? undefined : text.slice(colon + 1);
  const low = lowText === '' ? 0 : readPort(lowText, protocol, base);
  if (low === undefined) return bad(lowText);
  if (highText === undefined) return { min: low, max: low };
  const high = highText === '' ? 65535 : readPort(highText, protocol, base);
  if (high === undefined) return bad(highText);
  if (low > high) return 'invalid portrange (min > max)';
  return { min: low, max: high };
}

/** multiport lists: at most 15 entries, a range counting as two. */
export function readPortList(text: string, protocol: string, allowRanges: boolean): PortRange[] | string {
  const ranges: PortRange[] = [];
  let slots = 0;
  for (const item of text.split(',')) {
    if (item === '') return `invalid port/service \`' specified`;
    const colon = item.indexOf(':');
    if (colon !== -1 && allowRanges) {
      const low = readPort(item.slice(0, colon), protocol), high = readPort(item.slice(colon + 1), protocol);
      if (low === undefined) return `invalid port/service \`${item.slice(0, colon)}' specified`;
      if (high === undefined) return `invalid port/service \`${item.slice(colon + 1)}' specified`;
      if (low > high) return 'invalid portrange specified';
      ranges.push({ min: low, max: high });
      slots += 2;
    } else {
      const port = readPort(item, protocol);
      if (port === undefined) return `invalid port/service \`${item}' specified`;
      ranges.push({ min: port, max: port });
      slots += 1;
    }
  }
  if (slots > 15) return 'too many ports specified';
  return ranges;
}

/**
 * An IPv4 address of one to four dot-separated parts, each 0-255, missing parts zeros at the end
 * ("10.1" is 10.1.0.0). Parts are decimal, or with `base` 0 read as xtables reads an address
 * or a mask for -s and -d: as strtoul in base 0 ("010.0.0.1" is 8.0.0.1).
 */
export function readIpv4(text: string, base: 0 | 10 = 10, end = text.length): number | undefined {
  if (base === 0 && !plainDecimal(text, end)) return readXtablesIpv4(text.slice(0, end));
  let value = 0, part = 0, digits = 0, parts = 1;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || part > 255 || parts === 4) return undefined;
      value = value * 256 + part;
      part = 0; digits = 0; parts++;
      continue;
    }
    if (c < 0x30 || c > 0x39 || digits === 3) return undefined;
    part = part * 10 + (c - 0x30);
    digits++;
  }
  if (digits === 0 || part > 255) return undefined;
  // Missing parts are zeros at the end ("10.1" is 10.1.0.0).
  value = value * 256 + part;
  for (; parts < 4; parts++) value *= 256;
  return value;
}

/** text[0, end) is digits and dots only, no part starting with 0 and another digit: read the same in base 0 and base 10 (most addresses). */
function plainDecimal(text: string, end = text.length): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) continue;
    if (c < 0x30 || c > 0x39) return false;
    if (c === 0x30 && (i === 0 || text.charCodeAt(i - 1) === 0x2e) && i + 1 < end && text.charCodeAt(i + 1) !== 0x2e) return false;
  }
  return true;
}

/** Read part by part where it stands (no split: -s and -d are read for most rules of a large file). */
function readXtablesIpv4(text: string): number | undefined {
  let value = 0, parts = 0;
  for (let at = 0; ;) {
    const part = readCNumber(text, at);
    if (!part || part.value > 255) return undefined;
    value = value * 256 + part.value;
    parts++;
    if (part.end === text.length) break;
    if (text.charCodeAt(part.end) !== 0x2e || parts === 4) return undefined;
    at = part.end + 1;
  }
  for (; parts < 4; parts++) value *= 256;
  return value;
}

/**
 * Where a plain IPv4 address at the start of `text` ends: four decimal parts 0-255, none with a
 * leading zero, as every reader of addresses here reads them alike; -1 when the text starts with
 * none. The whole of readStrictIpv4's rule, and the quick way through the values a large file is
 * made of (see readAddressList, readNatRange).
 */
function plainIpv4End(text: string): number {
  let parts = 1, digits = 0, part = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || parts === 4) return -1;
      parts++;
      digits = 0;
      part = 0;
      continue;
    }
    if (c < 0x30 || c > 0x39) return parts === 4 && digits > 0 ? i : -1;
    if (digits === 1 && part === 0) return -1;
    part = part * 10 + (c - 0x30);
    if (part > 255) return -1;
    digits++;
  }
  return parts === 4 && digits > 0 ? text.length : -1;
}

/** The plain decimal number (no leading zero) that text[from..] is, when it is one of at most `max`; else -1. */
function plainNumberToEnd(text: string, from: number, max: number): number {
  if (from >= text.length || (text.charCodeAt(from) === 0x30 && from + 1 < text.length)) return -1;
  let value = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + (c - 0x30);
    if (value > max) return -1;
  }
  return value;
}

/** An IPv4 address as inet_pton reads one (the NAT targets): four decimal parts 0-255, none with a leading zero. */
export function readStrictIpv4(text: string): number | undefined {
  return plainIpv4End(text) === text.length ? readIpv4(text) : undefined;
}

export function readIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const all = halves.flatMap(groups);
  const last = all.at(-1) ?? '';
  const v4 = last.includes('.');
  if (v4 && readIpv4(last) === undefined) return false;
  const hex = v4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * -s/-d and similar: comma-separated host[/mask]. A host name is not an error here (iptables
 * resolves it at load time), so it is reported separately by the caller.
 */
export function readAddressList(text: string, family: 'ipv4' | 'ipv6'): { error?: string; hostnames: string[] } {
  if (family === 'ipv4') {
    // Nearly every value is one plain address or network ("10.244.3.7/32"), which the full reading accepts.
    const end = plainIpv4End(text);
    if (end === text.length || (end !== -1 && text.charCodeAt(end) === 0x2f && plainNumberToEnd(text, end + 1, 32) !== -1)) return { hostnames: [] };
  }
  return readAddressListInFull(text, family);
}

/** readAddressList without its quick way through plain addresses: what the tests hold that way to. */
export function readAddressListInFull(text: string, family: 'ipv4' | 'ipv6'): { error?: string; hostnames: string[] } {
  const hostnames: string[] = [];
  // Item by item without a list of them: nearly every value is one address, read for each of 100k rules.
  for (let from = 0; ;) {
    const comma = text.indexOf(',', from);
    const item = comma === -1 ? (from === 0 ? text : text.slice(from)) : text.slice(from, comma);
    const error = addressItemError(item, family, hostnames);
    if (error !== undefined) return { error, hostnames };
    if (comma === -1) return { hostnames };
    from = comma + 1;
  }
}

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Why iptables refuses one host[/mask] of an address list, if it does; a host name goes to `hostnames`. */
function addressItemError(item: string, family: 'ipv4' | 'ipv6', hostnames: string[]): string | undefined {
  const slash = item.indexOf('/');
  const host = slash === -1 ? item : item.slice(0, slash);
  const mask = slash === -1 ? undefined : item.slice(slash + 1);
  if (mask !== undefined && maskBits(mask, family) === undefined) return `invalid mask \`${mask}' specified`;
  if (family === 'ipv4' ? readIpv4(host, 0) !== undefined : readIpv6(host)) return undefined;
  if (HOST_NAME.test(host) && /[A-Za-z]/.test(host)) { hostnames.push(host); return undefined; }
  return `host/network \`${host}' not found`;
}

/**
 * The prefix length a mask after "/" stands for: a number (strtoul, base 0) or, for IPv4, a
 * dotted mask of four parts; NaN for a dotted mask that is no prefix. Undefined when iptables
 * refuses it.
 */
function maskBits(mask: string, family: 'ipv4' | 'ipv6'): number | undefined {
  const width = family === 'ipv4' ? 32 : 128;
  const length = cNumber(mask);
  if (length !== undefined) return length <= width ? length : undefined;
  if (family === 'ipv6') return readIpv6(mask) ? NaN : undefined;
  const dotted = mask.split('.').length === 4 ? readIpv4(mask, 0) : undefined;
  if (dotted === undefined) return undefined;
  for (let bits = 0; bits <= 32; bits++) if (dotted === 2 ** 32 - 2 ** (32 - bits)) return bits;
  return NaN;
}

/** An IPv4 address (as a number) in dotted decimal. */
export const dottedQuad = (address: number): string => [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
/** The first address of the network of `bits` prefix bits around an IPv4 address, as iptables and nft store a network. */
export const networkBase = (address: number, bits: number): number => (bits === 0 ? 0 : Math.floor(address / 2 ** (32 - bits)) * 2 ** (32 - bits));

/**
 * Is `text` an IPv4 network written as iptables-save writes one (four decimal parts without
 * leading zeros, a decimal prefix length, no bits set past it: "10.0.0.0/8")? Then it is its own
 * plain form, found without making a string: a walk asks for the network of every rule it meets.
 */
function isSavedIpv4Network(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash === -1 || slash + 1 === text.length) return false;
  let bits = 0;
  for (let i = slash + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39 || (bits === 0 && i > slash + 1)) return false;
    bits = bits * 10 + (c - 0x30);
  }
  let dots = 0;
  for (let i = 0; i < slash; i++) if (text.charCodeAt(i) === 0x2e) dots++;
  const address = dots === 3 && bits <= 32 && plainDecimal(text, slash) ? readIpv4(text, 10, slash) : undefined;
  return address !== undefined && networkBase(address, bits) === address;
}

/**
 * The network an -s or -d value names, written plainly as iptables reads it: "8.0.0.0/8" for
 * "010.0.0.0/010", "10.1.0.0/32" for "10.1", "10.0.0.0/8" for "10.0.0.0/255.0.0.0" or
 * "10.0.0.1/8". The text as
 * written where it is no single numeric network (a host name, a list, a mask that is no prefix).
 */
export function plainNetwork(text: string, family: 'ipv4' | 'ipv6'): string {
  if (family === 'ipv4' && isSavedIpv4Network(text)) return text;
  const slash = text.indexOf('/');
  const host = slash === -1 ? text : text.slice(0, slash);
  const bits = slash === -1 ? (family === 'ipv4' ? 32 : 128) : maskBits(text.slice(slash + 1), family);
  if (bits === undefined || Number.isNaN(bits)) return text;
  if (family === 'ipv6') return readIpv6(host) ? `${host}/${bits}` : text;
  const address = readIpv4(host, 0);
  return address === undefined ? text : `${dottedQuad(networkBase(address, bits))}/${bits}`;
}

export const IFNAMSIZ = 16;

/** The TCP flags by the names iptables reads (in any case), as their bits in the header. */
export const TCP_FLAG_BITS: Readonly<Record<string, number>> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ALL: 63, NONE: 0 };

/** A comma list of TCP flag names (--tcp-flags' mask or set) as a bit mask, or the first name iptables does not know. */
export function readTcpFlags(list: string): number | { unknown: string } {
  let bits = 0;
  for (const name of list.split(',')) {
    const upper = name.toUpperCase();
    if (!Object.hasOwn(TCP_FLAG_BITS, upper)) return { unknown: name };
    bits |= TCP_FLAG_BITS[upper]!;
  }
  return bits;
}

export function readInterface(text: string): string | undefined {
  if (text.length >= IFNAMSIZ) return `interface name \`${text}' must be shorter than IFNAMSIZ (${IFNAMSIZ - 1})`;
  return undefined;
}

/**
 * The first item of a comma list that is not one of `names` (upper case), where iptables accepts
 * any case and any prefix, as strncasecmp compares (state, ctstate); undefined when all are.
 */
export function unknownName(text: string, names: readonly string[]): string | undefined {
  let from = 0;
  for (;;) {
    const comma = text.indexOf(',', from);
    const to = comma === -1 ? text.length : comma;
    if (nameAt(text, from, to, names) === undefined) return text.slice(from, to);
    if (comma === -1) return undefined;
    from = comma + 1;
  }
}

/** The names (of `names`) the items of a comma list stand for, read as unknownName reads them; undefined for an item that is none. */
export function listedNames(text: string, names: readonly string[]): Array<string | undefined> {
  return text.split(',').map((item) => nameAt(item, 0, item.length, names));
}

/** The first of `names` that text[from, to) is a caseless prefix of (an empty item is none). */
function nameAt(text: string, from: number, to: number, names: readonly string[]): string | undefined {
  if (to === from) return undefined;
  for (const name of names) if (startsCaseless(name, text, from, to)) return name;
  return undefined;
}

/** Does `name` (upper case) start with text[from, to), ASCII letters compared without case? */
function startsCaseless(name: string, text: string, from: number, to: number): boolean {
  if (to - from > name.length) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const upper = c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
    if (upper !== name.charCodeAt(i - from)) return false;
  }
  return true;
}

export const CONNTRACK_STATES = ['INVALID', 'ESTABLISHED', 'NEW', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT'] as const;
export const STATE_NAMES = ['INVALID', 'ESTABLISHED', 'NEW', 'RELATED', 'UNTRACKED'] as const;
export const CONNTRACK_STATUSES = ['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'] as const;

const RATE_UNITS: ReadonlyArray<readonly [string, number]> = [['second', 1], ['minute', 60], ['hour', 3600], ['day', 86400]];

/**
 * A packet rate (5/minute) as the limit and hashlimit matches read it: the count by atoi (blanks,
 * a sign, digits, the rest ignored: "3x/sec" is 3 a second), the unit any prefix of second,
 * minute, hour or day in any case. They keep `scale` * seconds / count as a whole number, so a
 * rate for which that is 0 is "too fast" and refused.
 */
export function readPacketRate(text: string, scale: number): 'bad' | 'too fast' | undefined {
  const slash = text.indexOf('/');
  let seconds = 1;
  if (slash !== -1) {
    const unit = text.slice(slash + 1).toLowerCase();
    const found = unit ? RATE_UNITS.find(([name]) => name.startsWith(unit)) : undefined;
    if (!found) return 'bad';
    seconds = found[1];
  }
  const count = atoiAsUnsigned(text);
  if (count === 0) return 'bad';
  return Math.floor((scale * seconds) / count) === 0 ? 'too fast' : undefined;
}

const LONG_MAX = 2n ** 63n - 1n;

/** glibc's atoi (strtol's long, cut to an int) stored in a uint32_t, as both matches keep a count. */
function atoiAsUnsigned(text: string): number {
  const [, sign, digits] = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(text)!;
  if (!digits) return 0;
  if (digits.length < 10 && sign !== '-') return Number(digits);
  const magnitude = BigInt(digits);
  const long = sign === '-' ? (magnitude > LONG_MAX ? -LONG_MAX - 1n : -magnitude) : (magnitude > LONG_MAX ? LONG_MAX : magnitude);
  return Number(BigInt.asUintN(32, long));
}

/** A number option (xtables' own option types): strtoul in base 0, so `010` is 8 and `0x10` is 16. */
export function readUnsigned(text: string, max: number, min = 0): number | undefined {
  const n = cNumber(text);
  return n !== undefined && n >= min && n <= max ? n : undefined;
}

export const UINT32_MAX = 4294967295;

export const REJECT_TYPES_IPV4 = [
  'icmp-net-unreachable', 'net-unreach', 'icmp-host-unreachable', 'host-unreach', 'icmp-proto-unreachable', 'proto-unreach',
  'icmp-port-unreachable', 'port-unreach', 'icmp-net-prohibited', 'net-prohib', 'icmp-host-prohibited', 'host-prohib',
  'tcp-reset', 'tcp-rst', 'icmp-admin-prohibited', 'admin-prohib',
];
export const REJECT_TYPES_IPV6 = [
  'icmp6-no-route', 'no-route', 'icmp6-adm-prohibited', 'adm-prohibited', 'icmp6-addr-unreachable', 'addr-unreach',
  'icmp6-port-unreachable', 'port-unreach', 'icmp6-policy-fail', 'policy-fail', 'icmp6-reject-route', 'reject-route', 'tcp-reset',
];

export const LOG_LEVELS: Record<string, number> = { alert: 1, crit: 2, debug: 7, emerg: 0, error: 3, info: 6, notice: 5, panic: 0, warning: 4 };

/** What a NAT target's value says: where it sends connections, or iptables' error. */
export interface NatRange {
  readonly error?: string;
  readonly hasPorts: boolean;
  /** The one address it sends to ("" for none); undefined for a range of addresses. */
  readonly address?: string;
  readonly ports?: PortRange;
}

/**
 * DNAT's and SNAT's ADDR[-ADDR][:PORT[-PORT][/BASE]] (an IPv6 address in brackets when ports
 * follow), as iptables 1.8.9 reads it: the ports first, then addresses as inet_pton reads them
 * (four decimal parts without leading zeros, unlike -s and -d).
 */
export function readNatRange(text: string, family: 'ipv4' | 'ipv6', target: string): NatRange {
  if (family === 'ipv4') {
    // Nearly every value is a plain address, or a plain address and one port ("10.244.3.7:8080"), read as the full reading reads them.
    const end = plainIpv4End(text);
    if (end === text.length) return { hasPorts: false, address: text };
    const port = end !== -1 && text.charCodeAt(end) === 0x3a ? plainNumberToEnd(text, end + 1, 65535) : -1;
    if (port !== -1) return { hasPorts: true, ports: { min: port, max: port }, address: text.slice(0, end) };
  }
  return readNatRangeInFull(text, family, target);
}

/** readNatRange without its quick way through plain addresses and ports: what the tests hold that way to. */
export function readNatRangeInFull(text: string, family: 'ipv4' | 'ipv6', target: string): NatRange {
  let addresses = text, portText: string | undefined;
  if (text.includes('[')) {
    const close = text.indexOf(']');
    if (close === -1 || family === 'ipv4') return { error: 'Invalid address format', hasPorts: false };
    addresses = text.slice(text.indexOf('[') + 1, close);
    const colon = text.indexOf(':', close);
    portText = colon === -1 ? undefined : text.slice(colon + 1);
  } else {
    // One colon separates the ports; more than one belong to an IPv6 address.
    const colon = text.indexOf(':');
    if (colon !== -1 && text.indexOf(':', colon + 1) === -1) { addresses = text.slice(0, colon); portText = text.slice(colon + 1); }
  }
  const hasPorts = portText !== undefined;
  const ports = portText === undefined ? undefined : readNatPorts(portText, target);
  if (ports && 'error' in ports) return { error: ports.error, hasPorts };
  // Built without spreads: a check reads the DNAT of every kube-proxy endpoint.
  const range: { hasPorts: boolean; address?: string; ports?: PortRange } = { hasPorts };
  if (ports) range.ports = ports;
  if (addresses === '') { range.address = ''; return range; }
  const dash = addresses.indexOf('-');
  const bad = dash === -1 ? badAddress(addresses, family) : badAddress(addresses.slice(0, dash), family) ?? badAddress(addresses.slice(dash + 1), family);
  if (bad !== undefined) return { error: `Bad IP address "${bad}"`, hasPorts };
  if (dash === -1) range.address = addresses;
  return range;
}

/** The address itself when it is not one address of the family, as the NAT targets read it. */
function badAddress(address: string, family: 'ipv4' | 'ipv6'): string | undefined {
  return (family === 'ipv4' ? readStrictIpv4(address) === undefined : !readIpv6(address)) ? address : undefined;
}

/** A service name from /etc/services, of any protocol (getservbyname without one). */
const serviceOfAnyProtocol = (name: string): number | undefined => SERVICES['tcp']?.[name] ?? SERVICES['udp']?.[name] ?? SERVICES['sctp']?.[name];

/**
 * The NAT targets' PORT[-PORT][/BASE] (REDIRECT's and MASQUERADE's --to-ports, the ports of
 * DNAT and SNAT), as iptables 1.8.9 reads it, with its messages: numbers as strtoul reads them
 * in base 0, each from where the last stopped; a service name only for a single port or the base.
 */
export function readNatPorts(text: string, target: string): PortRange | { error: string } {
  const low = readCNumber(text, 0);
  if (!low || low.value > 65535) {
    const named = serviceOfAnyProtocol(text);
    return named === undefined ? { error: `Port \`${text}' not valid` } : { min: named, max: named };
  }
  const afterLow = text.slice(low.end);
  if (afterLow === '') return { min: low.value, max: low.value };
  if (afterLow[0] === ':') return { error: 'Invalid port:port syntax - use dash' };
  if (afterLow[0] !== '-') return { error: `Garbage after port value: \`${afterLow}'` };
  const highText = afterLow.slice(1);
  const high = readCNumber(highText, 0);
  if (!high || high.value > 65535) return { error: `Port \`${highText}' not valid` };
  if (high.value < low.value) return { error: `Port range \`${highText}' funky` };
  const afterHigh = highText.slice(high.end);
  if (afterHigh === '') return { min: low.value, max: high.value };
  if (afterHigh[0] !== '/') return { error: `Garbage after port range: \`${afterHigh}'` };
  const baseText = afterHigh.slice(1);
  const base = readCNumber(baseText, 0);
  if (!(base && base.value >= 1 && base.value <= 65535) && serviceOfAnyProtocol(baseText) === undefined) return { error: `Port \`${baseText}' not valid` };
  if (target === 'REDIRECT') return { error: 'Shifted portmap ranges not supported with this kernel' };
  return { min: low.value, max: high.value };
}
