import { PortSet } from '../../engine/port-set.js';
import { cNumber } from '../../core/c-number.js';
import { dottedQuad, networkBase, readIpv6, readPort } from '../iptables/catalogue/values.js';

/** A value nft refuses, in its words. */
export interface ValueError { error: string }
export const isValueError = (value: unknown): value is ValueError => typeof value === 'object' && value !== null && 'error' in value;

/**
 * A port number as nft 1.0.6 reads one (measured in test/differential/number-spellings.test.ts):
 * as strtoul in base 0 ("021" is port 17, "0x15" is 21), and what that leaves unread through
 * getaddrinfo, which reads decimal ("08" is 8).
 */
const readPortNumber = (text: string): number | undefined => cNumber(text, 0) ?? cNumber(text, 10);

/** One port: a number or a service name from /etc/services (nft looks names up for TCP). */
function readOnePort(text: string): number | ValueError {
  const number = readPortNumber(text);
  if (number !== undefined) return number > 65535 ? { error: 'Service out of range' } : number;
  const named = readPort(text, 'tcp');
  return named ?? { error: 'Could not resolve service: Servname not supported for ai_socktype' };
}

/** One port (a number or a service name) as nft reads it; undefined where nft refuses it. */
export function nftPortNumber(text: string): number | undefined {
  const port = readOnePort(text);
  return isValueError(port) ? undefined : port;
}

/** A port or a range of ports as nft reads them ("21", "ftp", "40000-40100"). */
export function readPortValue(text: string): PortSet | ValueError {
  const dash = text.indexOf('-', 1);
  // Service names hold dashes too ("ftp-data"): a range only when both sides read.
  if (dash !== -1 && readPortNumber(text.slice(0, dash)) !== undefined) {
    const low = readOnePort(text.slice(0, dash)), high = readOnePort(text.slice(dash + 1));
    if (isValueError(low)) return low;
    if (isValueError(high)) return high;
    if (low > high) return { error: 'Range has zero or negative size' };
    return PortSet.range(low, high);
  }
  const port = readOnePort(text);
  return isValueError(port) ? port : PortSet.range(port, port);
}

export const CT_STATES = ['invalid', 'established', 'related', 'new', 'untracked'] as const;

/** The ftpwall connection states a ct state name stands for. */
export const STATE_OF: Record<string, string> = { invalid: 'INVALID', established: 'ESTABLISHED', related: 'RELATED', new: 'NEW', untracked: 'UNTRACKED' };

/**
 * An IPv4 or IPv6 address, prefix or range as nft reads it for `family`. A name that is not an
 * address is looked up when the rules are loaded: `hostname` says so.
 */
export function readAddress(text: string, family: 'ipv4' | 'ipv6'): { hostname?: true } | ValueError {
  const width = family === 'ipv4' ? 32 : 128;
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  if (slash !== -1) {
    const length = cNumber(text.slice(slash + 1));
    if (length === undefined) return { error: `syntax error, unexpected string` };
    if (length > width) return { error: `Prefix length ${length} is invalid for type of ${width} bits width` };
  }
  const dash = family === 'ipv4' ? address.indexOf('-') : -1;
  const low = dash === -1 ? undefined : readNftIpv4(address.slice(0, dash)), high = dash === -1 ? undefined : readNftIpv4(address.slice(dash + 1));
  if (low !== undefined && high !== undefined) return low > high ? { error: 'Range has zero or negative size' } : {};
  const valid = family === 'ipv4' ? readNftIpv4(address) !== undefined : readIpv6(address);
  if (valid) return {};
  // Dotted digits that are no address are looked up as a name, and no name is all digits.
  if (/^[0-9.]+$/.test(address)) return { error: 'Could not resolve hostname: Name or service not known' };
  return { hostname: true };
}

/**
 * An IPv4 address as nft reads one: four parts of one to three digits, each 0-255, read in decimal by
 * inet_pton, or, where one has a leading zero, as getaddrinfo reads it: in octal ("010.0.0.1"
 * is 8.0.0.1, and "08.0.0.1" is no address).
 */
function readNftIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    // nft's scanner takes one to three digits a part ("0300.0.0.1" is a syntax error).
    const number = /^[0-9]{1,3}$/.test(part) ? cNumber(part) : undefined;
    if (number === undefined || number > 255) return undefined;
    value = value * 256 + number;
  }
  return value;
}

/**
 * An address, prefix or range as nft reads it, written plainly for comparing with the clients'
 * and the server's networks: "8.0.0.0/8" for "010.0.0.0/010", "10.0.0.1-10.0.0.8" for
 * "10.0.0.1-10.0.0.010". Anything else (a name, IPv6 without a prefix) as written.
 */
export function plainNftAddress(text: string): string {
  const dash = text.indexOf('-');
  if (dash !== -1) {
    const low = readNftIpv4(text.slice(0, dash)), high = readNftIpv4(text.slice(dash + 1));
    return low === undefined || high === undefined ? text : `${dottedQuad(low)}-${dottedQuad(high)}`;
  }
  const slash = text.indexOf('/');
  const address = readNftIpv4(slash === -1 ? text : text.slice(0, slash));
  const length = slash === -1 ? undefined : cNumber(text.slice(slash + 1));
  if (slash !== -1 && length === undefined) return text;
  if (address === undefined) return length === undefined ? text : `${text.slice(0, slash)}/${length}`;
  return length === undefined ? dottedQuad(address) : `${dottedQuad(networkBase(address, length))}/${length}`;
}

/** nft's names for the priorities of a hook (ip, ip6 and inet families). */
export const PRIORITY_NAMES: Record<string, number> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100 };

export const CHAIN_TYPES = ['filter', 'nat', 'route'] as const;
export const HOOKS_BY_FAMILY: Record<string, readonly string[]> = {
  ip: ['prerouting', 'input', 'forward', 'output', 'postrouting'],
  ip6: ['prerouting', 'input', 'forward', 'output', 'postrouting'],
  inet: ['prerouting', 'input', 'forward', 'output', 'postrouting', 'ingress'],
  arp: ['input', 'output'],
  bridge: ['prerouting', 'input', 'forward', 'output', 'postrouting'],
  netdev: ['ingress', 'egress'],
};
export const FAMILIES = Object.keys(HOOKS_BY_FAMILY);

/** nft's names for ICMP types (its own `nft describe icmp type`, nftables 1.0.6). */
const ICMP_TYPES: Readonly<Record<string, number>> = {
  'echo-reply': 0, 'destination-unreachable': 3, 'source-quench': 4, redirect: 5, 'echo-request': 8, 'router-advertisement': 9, 'router-solicitation': 10,
  'time-exceeded': 11, 'parameter-problem': 12, 'timestamp-request': 13, 'timestamp-reply': 14, 'info-request': 15, 'info-reply': 16,
  'address-mask-request': 17, 'address-mask-reply': 18,
};

/** nft's names for ICMPv6 types (its own `nft describe icmpv6 type`, nftables 1.0.6). */
const ICMPV6_TYPES: Readonly<Record<string, number>> = {
  'destination-unreachable': 1, 'packet-too-big': 2, 'time-exceeded': 3, 'parameter-problem': 4, 'echo-request': 128, 'echo-reply': 129,
  'mld-listener-query': 130, 'mld-listener-report': 131, 'mld-listener-done': 132, 'mld-listener-reduction': 132, 'nd-router-solicit': 133,
  'nd-router-advert': 134, 'nd-neighbor-solicit': 135, 'nd-neighbor-advert': 136, 'nd-redirect': 137, 'router-renumbering': 138,
  'ind-neighbor-solicit': 141, 'ind-neighbor-advert': 142, 'mld2-listener-report': 143,
};

/** `icmp type` or `icmpv6 type`: their names, and how nft's messages call them. */
export type IcmpKind = 'icmp' | 'icmpv6';
export const ICMP_KINDS: Record<IcmpKind, { names: Readonly<Record<string, number>>; label: string }> = {
  icmp: { names: ICMP_TYPES, label: 'ICMP' },
  icmpv6: { names: ICMPV6_TYPES, label: 'ICMPv6' },
};

/** One type: a name (case matters) or a number up to 255. */
function readOneIcmpType(text: string, kind: IcmpKind): number | ValueError {
  const named = ICMP_KINDS[kind].names[text];
  if (named !== undefined) return named;
  const number = cNumber(text);
  if (number === undefined) return { error: `Could not parse ${ICMP_KINDS[kind].label} type` };
  return number > 255 ? { error: `Value ${number} exceeds valid range 0-255` } : number;
}

/**
 * An `icmp type` or `icmpv6 type` element as the types it takes, or nft's error (checked against
 * nft 1.0.6 in test/differential/nftables.test.ts). A range is written with spaces around its
 * dash (`spaced`: then either side may be a name) or without them after a number
 * (`133-nd-redirect`); a name is never the low end of a range written without spaces.
 */
export function readIcmpTypes(text: string, spaced: boolean, kind: IcmpKind): readonly [number, number] | ValueError {
  const readOne = (one: string) => readOneIcmpType(one, kind);
  const range = (low: number | ValueError, high: number | ValueError): readonly [number, number] | ValueError => {
    if (isValueError(low)) return low;
    if (isValueError(high)) return high;
    return low > high ? { error: 'Range has zero or negative size' } : [low, high];
  };
  if (!spaced) {
    const whole = readOne(text);
    if (!isValueError(whole)) return [whole, whole];
    const numbered = /^(0x[0-9a-f]+|[0-9]+)-(.+)$/i.exec(text);
    return numbered ? range(readOne(numbered[1]!), readOne(numbered[2]!)) : whole;
  }
  // Joined from "LOW - HIGH": names hold dashes too, so the split is where both sides read.
  for (let at = text.indexOf('-', 1); at !== -1; at = text.indexOf('-', at + 1)) {
    const low = readOne(text.slice(0, at)), high = readOne(text.slice(at + 1));
    if (!isValueError(low) && !isValueError(high)) return range(low, high);
  }
  return { error: `Could not parse ${ICMP_KINDS[kind].label} type` };
}
