import { LineIndex, type Range } from '../../core/text.js';
import { PortSet } from '../../engine/port-set.js';
import { portNumber } from './keywords.js';

/** A word of a line, where it is written. */
export interface ComwareWord { readonly text: string; readonly range: Range }

/** Which packets a rule's address names: any, or a network (a wildcard mask that is not contiguous is not read). */
export type AddressMatch = { readonly any: true } | { readonly network: string } | { readonly unread: string };

/** A rule of an ACL, as Comware numbers and reads it. */
export interface AclRule {
  readonly id: number;
  /** Where the rule is written, and its ID when written. */
  readonly where: Range;
  readonly line: number;
  readonly action: 'permit' | 'deny';
  /** The protocol: a TCP packet matches `tcp`, `ip` (any protocol) and 6; nothing else. */
  readonly tcp: boolean;
  readonly source: AddressMatch;
  readonly destination: AddressMatch;
  readonly sourcePorts?: PortSet;
  readonly destinationPorts?: PortSet;
  /** `established`: only TCP packets with ACK or RST set (never a connection's first packet). */
  readonly established: boolean;
  /** `fragment`: only fragments after the first, which a connection's packets are not. */
  readonly fragment: boolean;
  /** Parts ftpwall does not judge (a time range, a VPN instance, flags): the rule matches only where they do. */
  readonly unread: readonly string[];
  readonly words: readonly ComwareWord[];
}

export interface Acl {
  readonly number: number;
  /** `basic` (2000-2999, source only) or `advanced` (3000-3999). */
  readonly kind: 'basic' | 'advanced';
  readonly declared: ComwareWord;
  readonly line: number;
  /** The last line of its view. */
  readonly endLine: number;
  /** `match-order auto` orders rules by how specific they are, not by ID. */
  readonly autoOrder: boolean;
  /** Its rules in ID order: the first that matches decides. */
  readonly rules: readonly AclRule[];
}

/** `packet-filter ACL inbound|outbound` in an interface's view. */
export interface PacketFilter {
  readonly acl: ComwareWord;
  readonly direction: 'inbound' | 'outbound';
  readonly ipv6: boolean;
  readonly where: Range;
  readonly line: number;
}

export interface ComwareInterface { readonly name: ComwareWord; readonly line: number; readonly endLine: number; readonly filters: readonly PacketFilter[] }

/** A device's saved configuration (startup.cfg), as far as its packet filters go. */
export interface ComwareConfiguration {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly acls: ReadonlyMap<number, Acl>;
  readonly interfaces: readonly ComwareInterface[];
  /** `packet-filter default deny`: packets no rule of an applied ACL matches are dropped (permitted otherwise). */
  readonly defaultDeny?: { readonly where: Range; readonly line: number };
  /** Every word of every line, for hover and highlighting. */
  readonly words: ReadonlyArray<ReadonlyArray<ComwareWord>>;
}

/** The step between rule IDs Comware gives rules written without one, unless `step` says otherwise. */
const DEFAULT_STEP = 5;

/** The words of a line, with their ranges. */
function wordsOf(lines: LineIndex, line: number): ComwareWord[] {
  const text = lines.lineText(line).replace(/\r$/, '');
  const start = lines.lineStarts[line]!;
  const words: ComwareWord[] = [];
  for (const found of text.matchAll(/\S+/g)) words.push({ text: found[0], range: lines.range(start + found.index!, start + found.index! + found[0].length) });
  return words;
}

/** A wildcard mask's network ("10.0.0.0 0.0.0.255" is 10.0.0.0/24; "0" alone is one host), or why it is not one. */
function addressOf(address: string, wildcard: string | undefined): AddressMatch {
  const quad = (text: string) => (/^\d{1,3}(\.\d{1,3}){3}$/.test(text) && text.split('.').every((p) => Number(p) <= 255) ? text.split('.').reduce((n, p) => n * 256 + Number(p), 0) : undefined);
  const base = quad(address);
  const mask = wildcard === '0' ? 0 : wildcard === undefined ? undefined : quad(wildcard);
  if (base === undefined || mask === undefined) return { unread: `the address ${address} ${wildcard ?? ''}`.trim() };
  // A wildcard mask names the bits that may differ: contiguous from the right, it is a prefix.
  const bits = 32 - mask.toString(2).replace(/^0+/, '').length;
  if ((mask + 1) & mask) return { unread: `the wildcard mask ${wildcard}, whose bits are not contiguous` };
  return { network: `${address}/${bits}` };
}

/** A port operator and its values (`eq ftp`, `range 1024 65535`), or why it is not read; `taken` counts the words used. */
function portsOf(words: readonly string[]): { ports?: PortSet; why?: string; taken: number } {
  const [op, first, second] = words;
  const a = first === undefined ? undefined : portNumber(first);
  if (a === undefined) return { why: `the port ${first ?? ''}`.trim(), taken: first === undefined ? 1 : 2 };
  switch (op) {
    case 'eq': return { ports: PortSet.range(a, a), taken: 2 };
    case 'neq': return { ports: PortSet.range(a, a).complement(), taken: 2 };
    case 'gt': return { ports: a >= 65535 ? PortSet.EMPTY : PortSet.range(a + 1, 65535), taken: 2 };
    case 'lt': return { ports: a <= 0 ? PortSet.EMPTY : PortSet.range(0, a - 1), taken: 2 };
    case 'range': {
      const b = second === undefined ? undefined : portNumber(second);
      return b === undefined ? { why: `the port range ${a} ${second ?? ''}`.trim(), taken: 3 } : { ports: PortSet.range(Math.min(a, b), Math.max(a, b)), taken: 3 };
    }
    default: return { why: `the port operator ${op ?? ''}`.trim(), taken: 1 };
  }
}

/** Options a rule may carry that change nothing for FTP's packets. */
const NEUTRAL = new Set(['counting', 'logging']);
/** Options with one value whose effect ftpwall does not judge. */
const UNREAD_WITH_VALUE = new Set(['time-range', 'vpn-instance', 'dscp', 'precedence', 'tos', 'source-mac', 'destination-mac']);

/** Reads `rule [ID] permit|deny ...` (advanced ACLs name a protocol; basic ones do not). */
function readRule(words: readonly ComwareWord[], kind: Acl['kind'], line: number, nextId: number): AclRule | undefined {
  let i = 1;
  const explicit = /^\d+$/.test(words[i]?.text ?? '') ? Number(words[i++]!.text) : undefined;
  const action = words[i]?.text;
  if (action !== 'permit' && action !== 'deny') return undefined;
  i++;
  let tcp = true;
  if (kind === 'advanced') {
    const protocol = words[i++]?.text ?? '';
    tcp = protocol === 'tcp' || protocol === 'ip' || protocol === '6';
  }
  let source: AddressMatch = { any: true }, destination: AddressMatch = { any: true };
  let sourcePorts: PortSet | undefined, destinationPorts: PortSet | undefined;
  let established = false, fragment = false;
  const unread: string[] = [];
  while (i < words.length) {
    const word = words[i]!.text;
    const rest = words.slice(i + 1).map((w) => w.text);
    if (word === 'source' || word === 'destination') {
      const match = rest[0] === 'any' ? { any: true as const } : addressOf(rest[0] ?? '', rest[1]);
      if (word === 'source') source = match; else destination = match;
      i += rest[0] === 'any' ? 2 : 3;
    } else if (word === 'source-port' || word === 'destination-port') {
      const read = portsOf(rest);
      if (read.why) unread.push(read.why);
      else if (word === 'source-port') sourcePorts = read.ports; else destinationPorts = read.ports;
      i += 1 + read.taken;
    } else if (word === 'established') { established = true; i++; }
    else if (word === 'fragment') { fragment = true; i++; }
    else if (NEUTRAL.has(word)) i++;
    else if (UNREAD_WITH_VALUE.has(word)) { unread.push(`${word} ${rest[0] ?? ''}`.trim()); i += 2; }
    else { unread.push(words.slice(i).map((w) => w.text).join(' ')); break; }
  }
  const id = explicit ?? nextId;
  return {
    id, where: { start: words[0]!.range.start, end: words.at(-1)!.range.end }, line, action, tcp, source, destination,
    ...(sourcePorts ? { sourcePorts } : {}), ...(destinationPorts ? { destinationPorts } : {}), established, fragment, unread, words,
  };
}

/**
 * Reads a Comware configuration as the device keeps it: top-level commands at the start of a
 * line, the commands of a view (an ACL's, an interface's) indented under it, `#` between views.
 * Only what filters packets is kept: ACLs with their rules in ID order, and the interfaces'
 * packet filters.
 */
export function readComware(text: string, path: string): ComwareConfiguration {
  const lines = new LineIndex(text);
  const acls = new Map<number, Acl>();
  const interfaces: ComwareInterface[] = [];
  const words: ComwareWord[][] = [];
  let defaultDeny: ComwareConfiguration['defaultDeny'];
  let view: { kind: 'acl'; acl: Acl & { rules: AclRule[] }; step: number } | { kind: 'interface'; iface: ComwareInterface & { filters: PacketFilter[] } } | undefined;
  const close = (line: number) => {
    if (view?.kind === 'acl') { view.acl.rules.sort((a, b) => a.id - b.id); (view.acl as { endLine: number }).endLine = line; }
    if (view?.kind === 'interface') (view.iface as { endLine: number }).endLine = line;
    view = undefined;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const lineWords = wordsOf(lines, line);
    words.push(lineWords);
    const [first] = lineWords;
    if (!first) continue;
    const indented = lines.lineText(line).startsWith(' ');
    if (!indented) {
      close(line - 1);
      const acl = /^acl$/.test(first.text) ? aclHeader(lineWords) : undefined;
      if (acl) {
        const made = { number: acl.number, kind: acl.kind, declared: acl.word, line, endLine: line, autoOrder: acl.autoOrder, rules: [] as AclRule[] };
        acls.set(acl.number, made);
        view = { kind: 'acl', acl: made, step: DEFAULT_STEP };
      } else if (first.text === 'interface' && lineWords[1]) {
        const made = { name: lineWords[1], line, endLine: line, filters: [] as PacketFilter[] };
        interfaces.push(made);
        view = { kind: 'interface', iface: made };
      } else if (first.text === 'packet-filter' && lineWords[1]?.text === 'default' && lineWords[2]?.text === 'deny') {
        defaultDeny = { where: { start: first.range.start, end: lineWords[2].range.end }, line };
      }
      continue;
    }
    if (view?.kind === 'acl') {
      if (first.text === 'step' && /^\d+$/.test(lineWords[1]?.text ?? '')) view.step = Number(lineWords[1]!.text);
      else if (first.text === 'rule' && lineWords[2]?.text !== 'comment' && lineWords[1]?.text !== 'comment') {
        const highest = view.acl.rules.reduce((max, r) => Math.max(max, r.id), -1);
        const next = highest < 0 ? 0 : (Math.floor(highest / view.step) + 1) * view.step;
        const rule = readRule(lineWords, view.acl.kind, line, next);
        if (rule) {
          // A rule written again under an ID that exists replaces it.
          const at = view.acl.rules.findIndex((r) => r.id === rule.id);
          if (at >= 0) view.acl.rules.splice(at, 1);
          view.acl.rules.push(rule);
        }
      }
    } else if (view?.kind === 'interface' && first.text === 'packet-filter') {
      const ipv6 = lineWords[1]?.text === 'ipv6';
      const acl = lineWords[ipv6 ? 2 : 1];
      const direction = lineWords[ipv6 ? 3 : 2]?.text;
      if (acl && (direction === 'inbound' || direction === 'outbound')) view.iface.filters.push({ acl, direction, ipv6, where: { start: first.range.start, end: lineWords.at(-1)!.range.end }, line });
    }
  }
  close(lines.lineCount - 1);
  return { path, text, lines, acls, interfaces, ...(defaultDeny ? { defaultDeny } : {}), words };
}

/** `acl number 3000`, `acl advanced 3000`, `acl basic 2000`, with `match-order auto` perhaps. */
function aclHeader(words: readonly ComwareWord[]): { number: number; kind: Acl['kind']; word: ComwareWord; autoOrder: boolean } | undefined {
  const [, kindWord, numberWord] = words;
  if (!kindWord || !numberWord || !['number', 'advanced', 'basic'].includes(kindWord.text) || !/^\d+$/.test(numberWord.text)) return undefined;
  const number = Number(numberWord.text);
  const kind = kindWord.text === 'basic' || (kindWord.text === 'number' && number < 3000) ? 'basic' : 'advanced';
  const autoOrder = words.some((w, i) => w.text === 'match-order' && words[i + 1]?.text === 'auto');
  return { number, kind, word: numberWord, autoOrder };
}
