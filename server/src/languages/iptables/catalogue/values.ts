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

export function protocolNumber(name: string): number | undefined {
  if (isDigits(name)) { const n = Number(name); return n <= 255 ? n : undefined; }
  const lower = name.toLowerCase();
  return BUILTIN_PROTOCOLS[lower] ?? PROTOCOLS[lower];
}

const NAME_BY_NUMBER = new Map([[6, 'tcp'], [17, 'udp'], [1, 'icmp'], [58, 'icmpv6'], [132, 'sctp'], [33, 'dccp'], [136, 'udplite'], [0, 'all']]);

export function protocolName(value: string): string {
  const n = protocolNumber(value);
  return (n !== undefined ? NAME_BY_NUMBER.get(n) : undefined) ?? value.toLowerCase();
}

/**
 * A single port: a number 0-65535 or a service name. tcp (and multiport) look the name up for
 * their own protocol; the udp match looks it up for any protocol.
 */
export function readPort(text: string, protocol = 'tcp'): number | undefined {
  if (isDigits(text)) { const n = Number(text); return n <= 65535 ? n : undefined; }
  if (protocol === 'any' || protocol === 'udp' || protocol === 'udplite') return SERVICES['tcp']?.[text] ?? SERVICES['udp']?.[text] ?? SERVICES['sctp']?.[text];
  return SERVICES[protocol]?.[text];
}

export interface PortRange { min: number; max: number }

/** tcp/udp --sport/--dport: N, N:M, :M, N: (iptables' xtables_parse_port and parse_multi_ports). */
export function readPortRange(text: string, protocol = 'tcp'): PortRange | string {
  // The udp match has its own wording for a name it cannot resolve.
  const bad = (p: string) => (protocol === 'udp' && !isDigits(p) ? `Port "${p}" does not resolve to anything.` : `invalid port/service \`${p}' specified`);
  const colon = text.indexOf(':');
  if (colon !== -1 && text.indexOf(':', colon + 1) !== -1) return bad(text);
  const lowText = colon === -1 ? text : text.slice(0, colon);
  const highText = colon === -1 ? undefined : text.slice(colon + 1);
  const low = lowText === '' ? 0 : readPort(lowText, protocol);
  if (low === undefined) return bad(lowText);
  if (highText === undefined) return { min: low, max: low };
  const high = highText === '' ? 65535 : readPort(highText, protocol);
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

/** xtables' numeric IPv4 reader: one to four dot-separated decimal parts, each 0-255. */
export function readIpv4(text: string): number | undefined {
  let value = 0, part = 0, digits = 0, parts = 1;
  for (let i = 0; i < text.length; i++) {
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
  const hostnames: string[] = [];
  for (const item of text.split(',')) {
    const slash = item.indexOf('/');
    const host = slash === -1 ? item : item.slice(0, slash);
    const mask = slash === -1 ? undefined : item.slice(slash + 1);
    if (mask !== undefined) {
      const bits = family === 'ipv4' ? 32 : 128;
      const ok = isDigits(mask) ? Number(mask) <= bits : family === 'ipv4' ? readIpv4(mask) !== undefined : readIpv6(mask);
      if (!ok) return { error: `invalid mask \`${mask}' specified`, hostnames };
    }
    const numeric = family === 'ipv4' ? readIpv4(host) !== undefined : readIpv6(host);
    if (numeric) continue;
    if (/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host) && /[A-Za-z]/.test(host)) { hostnames.push(host); continue; }
    return { error: `host/network \`${host}' not found`, hostnames };
  }
  return { hostnames };
}

export const IFNAMSIZ = 16;

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

/** A rate such as 5/minute: the unit may be any prefix of second, minute, hour or day. */
export function readRate(text: string): number | undefined {
  const [count, unit, extra] = text.split('/');
  if (extra !== undefined || !isDigits(count ?? '') || Number(count) === 0) return undefined;
  if (unit === undefined) return Number(count);
  const units: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };
  const match = Object.keys(units).find((u) => unit.length > 0 && u.startsWith(unit.toLowerCase()));
  return match ? Number(count) / units[match]! : undefined;
}

export function readUnsigned(text: string, max: number, min = 0): number | undefined {
  if (!isDigits(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
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

/** NAT targets: ADDR[-ADDR][:PORT[-PORT][/BASE]] (IPv6 addresses in brackets). */
export function readNatRange(text: string, family: 'ipv4' | 'ipv6'): { error?: string; hasPorts: boolean } {
  let addresses = text, ports: string | undefined;
  if (family === 'ipv6' && text.startsWith('[')) {
    const close = text.indexOf(']');
    addresses = text.slice(1, close);
    ports = text[close + 1] === ':' ? text.slice(close + 2) : undefined;
  } else if (family === 'ipv4') {
    const colon = text.indexOf(':');
    if (colon !== -1) { addresses = text.slice(0, colon); ports = text.slice(colon + 1); }
  }
  if (addresses !== '') {
    for (const a of addresses.split('-')) {
      if (family === 'ipv4' ? readIpv4(a) === undefined || a.split('.').length !== 4 : !readIpv6(a)) return { error: `Bad IP address "${a}"`, hasPorts: ports !== undefined };
    }
  }
  if (ports !== undefined) {
    const error = readPortSpan(ports, true);
    if (error) return { error, hasPorts: true };
  }
  return { hasPorts: ports !== undefined };
}

/** PORT[-PORT][/BASE] as the NAT targets take it: a single port or the base may be a service name, a range is numeric. */
export function readPortSpan(text: string, allowBase: boolean): string | undefined {
  const [span, base, extra] = text.split('/');
  if (extra !== undefined || (base !== undefined && !allowBase)) return `Invalid port:port syntax - use dash`;
  const read = (p: string) => (/^\d+$/.test(p) ? readUnsigned(p, 65535) : readPort(p, 'any'));
  if (base !== undefined && read(base) === undefined) return `Port "${base}" not valid`;
  if (!/^\d/.test(span!) && read(span!) !== undefined) return undefined;
  const [low, high, more] = span!.split('-');
  if (more !== undefined) return `Invalid port:port syntax - use dash`;
  const lowPort = read(low ?? '');
  if (lowPort === undefined) return `Port "${low}" not valid`;
  if (high !== undefined) {
    if (!/^\d+$/.test(high)) return `Port "${high}" not valid`;
    const highPort = readUnsigned(high, 65535);
    if (highPort === undefined) return `Port "${high}" not valid`;
    if (highPort < lowPort) return `Port range ${low}-${high} is invalid`;
  }
  if (base !== undefined && Number(base) === 0) return `Port "${base}" not valid`;
  return undefined;
}
