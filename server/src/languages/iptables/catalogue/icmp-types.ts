import { readCNumber } from '../../../core/c-number.js';
import type { AddressFamily } from '../syntax.js';

/**
 * The ICMP and ICMPv6 type names iptables 1.8.9 takes for --icmp-type and --icmpv6-type, in the
 * order it tries them (its own `-p icmp -h` and `-p icmpv6 -h` list them so), each with the type
 * and, for a name of one code only, that code. Read from the real iptables-legacy and
 * ip6tables-legacy: each name loaded in a throwaway network namespace and saved again as numbers.
 */
type Named = readonly [name: string, type: number, code?: number];

const ICMP: readonly Named[] = [
  ['any', 255], ['echo-reply', 0], ['pong', 0], ['destination-unreachable', 3], ['network-unreachable', 3, 0], ['host-unreachable', 3, 1],
  ['protocol-unreachable', 3, 2], ['port-unreachable', 3, 3], ['fragmentation-needed', 3, 4], ['source-route-failed', 3, 5],
  ['network-unknown', 3, 6], ['host-unknown', 3, 7], ['network-prohibited', 3, 9], ['host-prohibited', 3, 10],
  ['TOS-network-unreachable', 3, 11], ['TOS-host-unreachable', 3, 12], ['communication-prohibited', 3, 13],
  ['host-precedence-violation', 3, 14], ['precedence-cutoff', 3, 15], ['source-quench', 4], ['redirect', 5],
  ['network-redirect', 5, 0], ['host-redirect', 5, 1], ['TOS-network-redirect', 5, 2], ['TOS-host-redirect', 5, 3],
  ['echo-request', 8], ['ping', 8], ['router-advertisement', 9], ['router-solicitation', 10], ['time-exceeded', 11],
  ['ttl-exceeded', 11], ['ttl-zero-during-transit', 11, 0], ['ttl-zero-during-reassembly', 11, 1], ['parameter-problem', 12],
  ['ip-header-bad', 12, 0], ['required-option-missing', 12, 1], ['timestamp-request', 13], ['timestamp-reply', 14],
  ['address-mask-request', 17], ['address-mask-reply', 18],
];

const ICMPV6: readonly Named[] = [
  ['destination-unreachable', 1], ['no-route', 1, 0], ['communication-prohibited', 1, 1], ['beyond-scope', 1, 2],
  ['address-unreachable', 1, 3], ['port-unreachable', 1, 4], ['failed-policy', 1, 5], ['reject-route', 1, 6],
  ['packet-too-big', 2], ['time-exceeded', 3], ['ttl-exceeded', 3], ['ttl-zero-during-transit', 3, 0],
  ['ttl-zero-during-reassembly', 3, 1], ['parameter-problem', 4], ['bad-header', 4, 0], ['unknown-header-type', 4, 1],
  ['unknown-option', 4, 2], ['echo-request', 128], ['ping', 128], ['echo-reply', 129], ['pong', 129],
  ['router-solicitation', 133], ['router-advertisement', 134], ['neighbour-solicitation', 135], ['neighbor-solicitation', 135],
  ['neighbour-advertisement', 136], ['neighbor-advertisement', 136], ['redirect', 137],
];

/** What a value matches: one type (255 is every type for IPv4's `any`) and a range of its codes, as iptables keeps them (a range written high to low matches nothing). */
export interface IcmpTypeMatch { readonly type: number; readonly codes: readonly [number, number] }

/**
 * Reads a --icmp-type or --icmpv6-type value as iptables 1.8.9 does: first as the start of a name
 * (any case; two names that start so make it ambiguous), else as TYPE, TYPE/CODE or
 * TYPE/CODE:CODE, numbers as C's strtoul reads them (leading blanks, "+", 0x for hex, 0 for
 * octal), each at most 255. Its messages are iptables' own, checked against both backends in
 * test/differential/iptables.test.ts.
 */
export function readIcmpType(text: string, family: AddressFamily): IcmpTypeMatch | { error: string } {
  const kind = family === 'ipv6' ? 'ICMPv6' : 'ICMP';
  const named = (family === 'ipv6' ? ICMPV6 : ICMP).filter(([name]) => name.toLowerCase().startsWith(text.toLowerCase()));
  if (named.length > 1) return { error: `Ambiguous ${kind} type \`${text}': \`${named[0]![0]}' or \`${named[1]![0]}'?` };
  if (named.length === 1) {
    const [, type, code] = named[0]!;
    return { type, codes: code === undefined ? [0, 255] : [code, code] };
  }
  const type = readCNumber(text, 0);
  if (!type || type.value > 255) return { error: `Unknown ${kind} type \`${text}'` };
  const after = text[type.end];
  if (after === undefined) return { type: type.value, codes: [0, 255] };
  if (after === ':') return { error: `${kind} type range not supported` };
  if (after !== '/') return { error: `unknown character ${after}` };
  const low = readCNumber(text, type.end + 1);
  if (!low || low.value > 255) return { error: `Unknown ${kind} code \`${text}'` };
  if (text[low.end] === undefined) return { type: type.value, codes: [low.value, low.value] };
  if (text[low.end] !== ':') return { error: `unknown character ${text[low.end]}` };
  const high = readCNumber(text, low.end + 1);
  if (!high || high.value > 255) return { error: `Unknown ${kind} code \`${text}'` };
  if (text[high.end] !== undefined) return { error: `unknown character ${text[high.end]}` };
  return { type: type.value, codes: [low.value, high.value] };
}

/** What iptables says of a --icmp-type or --icmpv6-type value it refuses; undefined where it takes it. */
export function icmpTypeError(text: string, family: AddressFamily): string | undefined {
  const read = readIcmpType(text, family);
  return 'error' in read ? read.error : undefined;
}
