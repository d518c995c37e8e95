import { cNumber, octalNumbersIn, type OctalNumber } from '../../core/c-number.js';
import { protocolNumber } from '../iptables/catalogue/values.js';
import { nearestNames } from '../../core/nearest-names.js';
import { PortSet } from '../../engine/port-set.js';
import { isBlock, isToken, type Block, type NftToken, type Term } from './syntax.js';
import { CT_STATES, ICMP_KINDS, isValueError, plainNftAddress, readAddress, readIcmpTypes, readPortValue, type IcmpKind, STATE_OF } from './values.js';
import type { Destination } from '../../engine/firewall-model.js';
import { readDestination } from './destination.js';

/** What one part of a rule asks of a packet, as far as FTP's packets go. */
export type Condition =
  | { kind: 'family'; family: 'ipv4' | 'ipv6' }
  /** The transport protocol: does a TCP packet pass it, and does an ICMPv6 one (neighbour discovery)? */
  | { kind: 'protocol'; tcp: boolean; icmpv6: boolean }
  /** `icmpv6 type ...`: the ICMPv6 types it takes, as ranges (a TCP packet never passes it). */
  | { kind: 'icmpv6-type'; types: ReadonlyArray<readonly [number, number]>; negated: boolean }
  | { kind: 'port'; dimension: 'dport' | 'sport'; ports: PortSet; negated: boolean }
  | { kind: 'state'; states: ReadonlySet<string>; negated: boolean }
  /** `ct status dnat` (or snat): the connection was translated on this host. */
  | { kind: 'translated'; dnat: boolean; negated: boolean }
  /** `ct helper "ftp"`: the connection is one the FTP helper expected. */
  | { kind: 'helper'; ftp: boolean; negated: boolean }
  | { kind: 'interface'; direction: 'in' | 'out'; name: string; negated: boolean }
  /** `values`: the elements of a set (`ip saddr { a, b }`, `@name`); a packet matches when it matches one of them. */
  | { kind: 'address'; side: 'source' | 'destination'; value: string; values?: readonly string[]; plain: readonly string[]; negated: boolean }
  | { kind: 'maybe'; reason: string };

/** `elsewhere`: a queue, whose program accepts or drops the packet (`onlyIf` says so). */
export type VerdictKind = 'accept' | 'drop' | 'return' | 'continue' | 'jump' | 'goto' | 'elsewhere';

/** What the rule does with a packet it matches, as written (`reject` drops, `dnat` ends the chain). */
export interface RuleVerdict { kind: VerdictKind; written: string; token: NftToken; chain?: NftToken; onlyIf?: string }

/** Problems nft reports for a rule, at offsets of the text the tokens came from. */
export interface RuleProblem { message: string; start: number; end: number; kind: 'syntax' | 'refused' }

/** Something the rule names that the ruleset must hold, checked once every table is read. */
export type Reference =
  | { kind: 'chain'; token: NftToken }
  | { kind: 'set'; token: NftToken; expects: SetType; negated: boolean; apply: (elements: readonly Term[]) => Condition | undefined }
  | { kind: 'helper'; token: NftToken };

/** The types of named sets ftpwall reads. */
export type SetType = 'inet_service' | 'ipv4_addr' | 'ipv6_addr' | 'ifname' | 'ct_state' | 'inet_proto' | 'other';
export const SET_TYPE_WORDING: Record<SetType, string> = {
  inet_service: 'internet network service', ipv4_addr: 'IPv4 address', ipv6_addr: 'IPv6 address', ifname: 'network interface name',
  ct_state: 'conntrack state', inet_proto: 'Internet protocol', other: 'value',
};

/** One reading of a rule. A verdict map makes several: one per element, each with its own condition and verdict. */
export interface ReadRule {
  conditions: Condition[];
  verdict?: RuleVerdict;
  /** `tcp dport vmap { 21 : accept, ... }`: each element as a condition of its own and its verdict. */
  verdictMap?: Array<{ condition: Condition | undefined; verdict: RuleVerdict }>;
  /** `ct helper set "NAME"`: the object named. */
  helperSet?: NftToken;
  /** `notrack`: the packet is exempt from connection tracking (where that has not happened yet). */
  notrack?: NftToken;
  /** `dnat to ...`, `redirect to :PORT`: where the connection is sent. */
  sendsTo?: Destination;
  references: Reference[];
  hostnames: NftToken[];
  /** `iif`/`oif` with a name other than lo: looked up when the rules are loaded. */
  interfaceIndexes: Array<{ keyword: NftToken; name: NftToken }>;
  /** Numbers nft reads in octal (a leading 0) where that differs from their decimal look: `tcp dport 021` is port 17. */
  octalNumbers: Array<{ token: NftToken; number: OctalNumber }>;
  problems: RuleProblem[];
}

/** Flags a translation may carry after its target; they do not change where it sends the connection. */
const NAT_FLAGS = new Set(['random', 'persistent', 'fully-random']);

/**
 * Where `dnat [ip|ip6] to TARGET` or `redirect [to [:]PORT]` sends the connection, from the words
 * after the statement: none after redirect keeps the port, and a target built from a map, a hash
 * or an expression is not read.
 */
function destinationOf(args: readonly Term[]): Destination {
  const words = args.map((t) => (isToken(t) ? t.image : '{'));
  if (words[0] === 'ip' || words[0] === 'ip6') words.shift();
  while (words.length && NAT_FLAGS.has(words.at(-1)!.replace(/,$/, ''))) words.pop();
  if (words.length === 0) return {};
  const [to, ...target] = words;
  const text = target.join('');
  if (to !== 'to' || text === '' || target.some((w) => /^[a-z]/.test(w) && !/^[0-9a-f:.[\]-]+$/.test(w))) return { unread: `where \`${words.join(' ')}\` sends the connection` };
  // `redirect to 8080` is read as `redirect to :8080`.
  return readDestination(/^\d+(-\d+)?$/.test(text) ? `:${text}` : text);
}

const VERDICTS = new Set(['accept', 'drop', 'continue', 'return', 'jump', 'goto', 'queue']);
/** Statements nft ends a rule's evaluation with: nothing may follow them. */
const TERMINAL = new Set(['accept', 'drop', 'return', 'jump', 'goto', 'queue', 'reject', 'dnat', 'snat', 'masquerade', 'redirect']);
/** Statements and expressions nft knows that ftpwall does not judge: a rule holding one matches only some packets. */
const UNJUDGED = new Set([
  'ether', 'vlan', 'arp', 'ah', 'esp', 'comp', 'ipcomp', 'dst', 'frag', 'hbh', 'mh', 'rt', 'rt0', 'rt2', 'srh', 'fib', 'socket', 'osf', 'numgen',
  'jhash', 'symhash', 'exthdr', 'ipsec', 'tunnel', 'gre', 'geneve', 'vxlan', 'cgroupv2', 'dup', 'fwd', 'tproxy', 'synproxy', 'flow', 'add', 'update',
  'delete', 'meter', 'xt', 'secmark', 'last', 'inner', 'dccp', 'sctp', 'udplite', 'igmp', 'icmp', 'icmpv6', 'udp', 'tcp', 'th', 'ip', 'ip6',
  'ct', 'meta', 'counter', 'log', 'limit', 'quota', 'notrack', 'comment', 'reject', 'dnat', 'snat', 'masquerade', 'redirect', 'set', 'map', 'vmap',
]);
const UNQUALIFIED_META = new Set(['mark', 'skuid', 'skgid', 'pkttype', 'cpu', 'iifgroup', 'oifgroup', 'cgroup', 'nftrace', 'priority', 'iiftype', 'oiftype', 'rtclassid', 'ibrname', 'obrname', 'ibriport', 'obriport', 'iifkind', 'oifkind', 'time', 'day', 'hour', 'length', 'protocol', 'random', 'secpath', 'broute']);
const INTERFACE_KEYS = new Set(['iif', 'iifname', 'oif', 'oifname']);
const OPERATORS = new Map([['==', '=='], ['!=', '!='], ['!', '!='], ['<', '<'], ['>', '>'], ['<=', '<='], ['>=', '>='], ['eq', '=='], ['ne', '!='], ['lt', '<'], ['gt', '>'], ['le', '<='], ['ge', '>=']]);
/** What may follow a NAT statement's arguments (and is then a statement after a terminal one). */
const NAT_ENDS = new Set([...VERDICTS, 'counter', 'log', 'limit', 'quota', 'notrack', 'reject', 'comment']);
const RULE_STARTS = [...new Set([...VERDICTS, ...UNJUDGED, ...UNQUALIFIED_META, ...INTERFACE_KEYS, 'reset', 'objref', 'synproxy'])];
/** Words that join a value to more (a concatenation, a bitwise operation, a map lookup): ftpwall reads such values as unknown. */
const CONTINUATIONS = new Set(['.', 'and', 'or', 'xor', '&', '|', '^', '<<', '>>', '/', 'mod', 'map', 'seed', 'offset', 'vmap']);
/** Header fields each protocol has, as nft names them. */
const FIELDS: Record<string, readonly string[]> = {
  tcp: ['dport', 'sport', 'flags', 'sequence', 'ackseq', 'window', 'checksum', 'urgptr', 'doff', 'option', 'reserved'],
  udp: ['dport', 'sport', 'length', 'checksum'], udplite: ['dport', 'sport', 'csumcov', 'checksum'],
  sctp: ['dport', 'sport', 'vtag', 'checksum', 'chunk'], dccp: ['dport', 'sport', 'type'], th: ['dport', 'sport'],
};

/**
 * A value after a selector: the operator and the terms of the value (a list joined by commas, a
 * set, a reference). `complex` when it goes on past what ftpwall reads (a concatenation, a
 * bitwise operation): then it is read as unknown, and not checked.
 */
interface Value { op: string; terms: Term[]; start: number; end: number; complex: boolean }

const word = (t: Term | undefined): string | undefined => (isToken(t) && t.kind === 'word' ? t.image : undefined);
const unquoted = (t: NftToken): string => (t.kind === 'string' ? t.image.slice(1, -1) : t.image);

/**
 * Reads a rule's terms (variables already replaced by what they stand for) into conditions, a
 * verdict and statements, with what nft refuses in them. `family` is the table's.
 */
export function readRule(terms: readonly Term[], family: string): ReadRule {
  const rule: ReadRule = { conditions: [], references: [], hostnames: [], interfaceIndexes: [], octalNumbers: [], problems: [] };
  /** Notes the octal numbers of a value token, in its characters from..to of its unquoted text (all of it by default). */
  const noteOctal = (token: NftToken, from = 0, to?: number) => {
    const text = unquoted(token);
    const shift = token.kind === 'string' ? 1 : 0;
    for (const number of octalNumbersIn(text, from, to ?? text.length)) rule.octalNumbers.push({ token, number: { ...number, at: number.at + shift } });
  };
  let terminalAt: NftToken | undefined;
  let i = 0;
  const problem = (message: string, from: Term, to: Term = from, kind: RuleProblem['kind'] = 'refused') => rule.problems.push({ message, start: from.start, end: to.end, kind });
  const maybe = (reason: string) => rule.conditions.push({ kind: 'maybe', reason });
  const tableFamily = (wanted: 'ipv4' | 'ipv6', from: Term, to: Term) => {
    if ((family === 'ip' && wanted === 'ipv6') || (family === 'ip6' && wanted === 'ipv4')) problem(`conflicting protocols specified: ${family} vs. ${wanted === 'ipv4' ? 'ip' : 'ip6'}`, from, to);
    rule.conditions.push({ kind: 'family', family: wanted });
  };

  /** The value after a selector, from terms[i]; moves i past it. */
  const value = (): Value | undefined => {
    let op = '==';
    const opWord = terms[i];
    if (isToken(opWord) && (opWord.kind === 'operator' || opWord.kind === 'word') && OPERATORS.has(opWord.image)) { op = OPERATORS.get(opWord.image)!; i++; }
    const first = terms[i];
    if (!first || (isToken(first) && (first.kind === 'comma' || first.kind === 'operator' || first.kind === 'equals'))) return undefined;
    if (CONTINUATIONS.has(word(first) ?? '') || word(first)?.startsWith('(')) return complexFrom(first, op);
    const list: Term[] = [first];
    i++;
    while (isToken(terms[i]) && (terms[i] as NftToken).kind === 'comma' && terms[i + 1]) { list.push(terms[i + 1]!); i += 2; }
    // A range written with spaces: "40000 - 40100".
    if (word(terms[i]) === '-' && terms[i + 1]) {
      const high = terms[i + 1] as NftToken;
      const low = list.pop() as NftToken;
      list.push({ kind: 'word', image: `${low.image}-${high.image}`, start: low.start, end: high.end });
      i += 2;
    }
    if (CONTINUATIONS.has(word(terms[i]) ?? '') || (isToken(terms[i]) && ['==', '!=', '<', '>', '<=', '>='].includes((terms[i] as NftToken).image))) return complexFrom(first, op);
    return { op, terms: list, start: first.start, end: list.at(-1)!.end, complex: false };
  };

  /** Elements with "LOW - HIGH" ranges joined into one word each. */
  const joinRanges = (elements: Term[]): Term[] => {
    const joined: Term[] = [];
    for (let n = 0; n < elements.length; n++) {
      const low = joined.at(-1), high = elements[n + 1];
      if (word(elements[n]) === '-' && isToken(low) && isToken(high)) {
        joined[joined.length - 1] = { kind: 'word', image: `${low.image}-${high.image}`, start: low.start, end: high.end };
        n++;
      } else joined.push(elements[n]!);
    }
    return joined;
  };

  /** A value ftpwall does not read: everything up to the next verdict, which the rule then depends on. */
  const complexFrom = (first: Term, op: string): Value => {
    const from = terms.indexOf(first);
    skipUnread();
    const list = terms.slice(from, Math.max(from + 1, i));
    return { op, terms: list, start: first.start, end: list.at(-1)!.end, complex: true };
  };

  /** Moves past what ftpwall does not read: up to a verdict, a comment, or the end of the rule. */
  const skipUnread = () => {
    while (i < terms.length && !(VERDICTS.has(word(terms[i]) ?? '') || ['reject', 'comment', 'counter', 'log'].includes(word(terms[i]) ?? ''))) i++;
  };

  /** Reads what ftpwall does not judge, from terms[from] on, as a condition the rule depends on. */
  const unread = (from: number) => {
    if (i <= from) i = from + 1;
    skipUnread();
    maybe(`only where \`${textOf(terms.slice(from, i))}\` matches`);
  };

  /** A statement that sets a field (`meta mark set 1`, `ip saddr set ...`): its value is not read, but nft takes no set of values there. */
  const setStatement = (from: number) => {
    i++;
    const value = terms[i];
    if (isBlock(value)) problem('syntax error, unexpected \'{\'', value, value, 'syntax');
    unread(from);
  };

  /**
   * The address a dnat or snat translates to must be of the family the rule is for: an inet table
   * needs `ip` or `ip6` written after the statement (unless a match before it fixed the family),
   * and an IPv4 address cannot stand where IPv6 is meant, nor the reverse.
   */
  const translationAddress = () => {
    const explicit = word(terms[i]) === 'ip' || word(terms[i]) === 'ip6' ? word(terms[i]) : undefined;
    const to = terms[explicit ? i + 1 : i];
    const address = explicit ? terms[i + 2] : terms[i + 1];
    if (word(to) !== 'to' || !isToken(address) || address.kind !== 'word') return;
    const written = address.image.startsWith('[') || /^[0-9a-fA-F]*:[0-9a-fA-F.]*:/.test(address.image) ? 'ip6' : /^\d+\.\d+\.\d+\.\d+/.test(address.image) ? 'ip' : undefined;
    if (!written) return;
    // The family a match before the statement fixed, when only one was matched on.
    const matched = new Set(terms.slice(0, i).flatMap((x) => (word(x) === 'ip' || word(x) === 'ip6' ? [word(x)!] : [])));
    for (const c of rule.conditions) if (c.kind === 'family') matched.add(c.family === 'ipv4' ? 'ip' : 'ip6');
    const fixed = matched.size > 0;
    const meant = explicit ?? (family === 'ip' || family === 'ip6' ? family : matched.size === 1 ? [...matched][0] : undefined);
    if (family === 'inet' && !explicit && !fixed) problem('ip or ip6 must be specified with address for inet tables.', address);
    else if (meant && meant !== written) problem('Could not resolve hostname: Address family for hostname not supported', address);
  };

  /** The single values a value holds: its list, or the elements of its anonymous set (a range written "LOW - HIGH" there made one word, as `value` makes it). */
  const elementsOf = (v: Value): Term[] => v.terms.flatMap((t) => (isBlock(t) ? t.items.flatMap((item) => joinRanges(item.terms.filter((x) => !(isToken(x) && x.kind === 'comma')))) : [t]));

  const portCondition = (dimension: 'dport' | 'sport', v: Value, elements: readonly Term[]): Condition | undefined => {
    let ports = PortSet.EMPTY;
    for (const element of elements) {
      if (!isToken(element)) { problem('syntax error, unexpected \'{\'', element); return undefined; }
      const read = readPortValue(unquoted(element));
      if (isValueError(read)) { problem(read.error, element); return undefined; }
      noteOctal(element);
      ports = ports.union(read);
    }
    const single = ports.ranges.length === 1 ? ports.ranges[0]! : undefined;
    if (v.op === '<' || v.op === '<=' || v.op === '>' || v.op === '>=') {
      if (!single || single[0] !== single[1]) return { kind: 'maybe', reason: `depending on ${dimension} ${v.op} a range` };
      const n = single[0];
      ports = v.op === '<' ? PortSet.range(0, n - 1) : v.op === '<=' ? PortSet.range(0, n) : v.op === '>' ? PortSet.range(n + 1, 65535) : PortSet.range(n, 65535);
    }
    return { kind: 'port', dimension, ports, negated: v.op === '!=' };
  };

  /**
   * `ct status dnat` (or snat): whether the connection was translated here. A gateway's DNAT
   * marks the connections it sends on (firewalld accepts them in FORWARD by it); on the server
   * itself no FTP connection is one it translates. SNAT happens after the filter, so no packet
   * the filter sees has it. Reads the value and says whether it was one of those.
   */
  const translatedOnly = (): boolean => {
    const start = i;
    const v = value();
    const names = v && !v.complex ? elementsOf(v).map((e) => (isToken(e) ? unquoted(e) : '')) : [];
    if (!v || names.length === 0 || !names.every((n) => n === 'dnat' || n === 'snat')) { i = start; return false; }
    rule.conditions.push({ kind: 'translated', dnat: names.includes('dnat'), negated: v.op === '!=' });
    return true;
  };

  const stateCondition = (v: Value, elements: readonly Term[]): Condition | undefined => {
    const states = new Set<string>();
    for (const element of elements) {
      const name = isToken(element) ? unquoted(element) : '';
      if (!(CT_STATES as readonly string[]).includes(name)) { problem('Could not parse conntrack state', element); return undefined; }
      states.add(STATE_OF[name]!);
    }
    return { kind: 'state', states, negated: v.op === '!=' };
  };

  /** Reads `<selector> value` where the value may be a list, a set, a named set or a verdict map. */
  const match = (selectorStart: Term, selectorEnd: Term, expects: SetType, condition: (v: Value, elements: readonly Term[]) => Condition | undefined, describe: string) => {
    if (word(terms[i]) === 'vmap' || word(terms[i]) === 'map') {
      const kind = word(terms[i])!;
      const body = terms[i + 1];
      i += 2;
      if (kind === 'map') { maybe(`depending on the map after ${describe}`); return; }
      if (isToken(body) && body.kind === 'set-reference') { rule.references.push({ kind: 'set', token: body, expects, negated: false, apply: () => undefined }); maybe(`depending on the verdict map ${body.image}`); return; }
      if (!isBlock(body)) { if (body) problem('syntax error, unexpected string', body); return; }
      rule.verdictMap = verdictMapEntries(body.items.flatMap((item) => item.terms), (key) => condition({ op: '==', terms: key, start: key[0]!.start, end: key.at(-1)!.end, complex: false }, key), problem, rule);
      return;
    }
    const v = value();
    if (!v) { const at = terms[i] ?? selectorEnd; problem(`syntax error, unexpected ${isToken(at) && at !== selectorEnd ? at.kind === 'comma' ? 'comma' : 'string' : 'newline'}`, at); return; }
    if (v.complex) { maybe(`only where \`${describe} ${textOf(v.terms)}\` matches`); return; }
    const reference = v.terms.length === 1 && isToken(v.terms[0]) && v.terms[0].kind === 'set-reference' ? v.terms[0] : undefined;
    if (reference) {
      rule.references.push({ kind: 'set', token: reference, expects, negated: v.op === '!=', apply: (elements) => condition({ ...v, terms: [...elements] }, elements) });
      return;
    }
    const read = condition(v, elementsOf(v));
    if (read) rule.conditions.push(read);
    void selectorStart;
  };

  /** A verdict map or a value on a field ftpwall does not judge. */
  const otherMatch = (from: number, describe: string) => {
    if (word(terms[i]) === 'vmap' && isBlock(terms[i + 1])) {
      const body = terms[i + 1] as Block;
      i += 2;
      rule.verdictMap = verdictMapEntries(body.items.flatMap((item) => item.terms), () => ({ kind: 'maybe', reason: `depending on ${describe}` }), problem, rule);
      return;
    }
    const v = value();
    if (!v || v.complex) { unread(from); return; }
    maybe(`only where ${describe} ${textOf(v.terms)} matches`);
  };

  while (i < terms.length) {
    const t = terms[i]!;
    const name = word(t);
    if (terminalAt && name !== 'comment') { problem('Statement after terminal statement has no effect', t); break; }
    // A raw payload ("@th,16,16"), a parenthesis: expressions ftpwall does not read.
    if (isToken(t) && (t.kind === 'set-reference' || t.image.startsWith('('))) { unread(i); continue; }
    if (!isToken(t) || name === undefined) { problem(`syntax error, unexpected ${isBlock(t) ? "'{'" : 'string'}`, t, t, 'syntax'); break; }
    const from = i;
    i++;
    if (VERDICTS.has(name)) {
      if (name === 'jump' || name === 'goto') {
        const chain = terms[i];
        if (!isToken(chain) || (chain.kind !== 'word' && chain.kind !== 'string')) { problem('syntax error, unexpected newline', chain ?? t, chain ?? t, 'syntax'); break; }
        i++;
        rule.verdict = { kind: name, written: name, token: t, chain };
        rule.references.push({ kind: 'chain', token: chain });
      } else if (name === 'queue') {
        skipWhile((w) => ['num', 'bypass', 'fanout', 'to', 'flags'].includes(w) || /^[0-9,\-]+$/.test(w));
        rule.verdict = { kind: 'elsewhere', written: 'queue', token: t, onlyIf: 'depending on the program that reads the queue' };
      } else {
        rule.verdict = { kind: name as VerdictKind, written: name, token: t };
      }
      terminalAt = t;
      continue;
    }
    switch (name) {
      case 'counter': skipPairs(['packets', 'bytes', 'name']); break;
      case 'log': skipLogOptions(); break;
      case 'comment': i++; break;
      case 'notrack': rule.notrack = t; break;
      case 'limit':
      case 'quota': {
        const over = terms.slice(i, i + 3).some((x) => word(x) === 'over');
        skipWhile((w) => /^(rate|over|burst|until|used|name|[0-9]+(\/[a-z]+)?|\/|[a-z]*bytes(\/[a-z]+)?|packets|second|minute|hour|day|week)$/.test(w));
        maybe(over ? `only above the ${name} in this rule` : `only while the ${name} in this rule is not exceeded`);
        break;
      }
      case 'reject': {
        if (word(terms[i]) === 'with') {
          const kind = terms[i + 1];
          if (word(kind) === 'tcp' && rule.conditions.some((c) => c.kind === 'protocol' && !c.tcp)) problem('you cannot use tcp reset with this protocol', t);
          if (word(kind) === 'icmpx' && (family === 'ip' || family === 'ip6')) problem('abstracted ICMP unreachable not supported', kind!, terms[Math.min(terms.length - 1, i + 3)]!);
          i += 2;
          if (word(terms[i]) === 'type' || word(kind) === 'tcp') i++;
          if (word(kind) !== 'tcp' && terms[i] && !TERMINAL.has(word(terms[i]) ?? '') && word(terms[i]) !== 'comment') i++;
        }
        rule.verdict = { kind: 'drop', written: 'reject', token: t };
        terminalAt = t;
        break;
      }
      case 'dnat': case 'snat': case 'masquerade': case 'redirect': {
        if (name === 'dnat' || name === 'snat') translationAddress();
        const argumentsFrom = i;
        // Their arguments may hold maps and expressions of any kind: everything up to the next statement or verdict.
        while (i < terms.length && !NAT_ENDS.has(word(terms[i]) ?? '')) i++;
        if (name === 'dnat' || name === 'redirect') rule.sendsTo = destinationOf(terms.slice(argumentsFrom, i));
        rule.verdict = { kind: 'accept', written: name, token: t };
        terminalAt = t;
        break;
      }
      case 'ct': readCt(t, from); break;
      case 'meta': {
        const key = terms[i];
        const keyName = word(key);
        if (!keyName) { problem('syntax error, unexpected newline', t, t, 'syntax'); i = terms.length; break; }
        i++;
        if (word(terms[i]) === 'set') { setStatement(from); break; }
        if (keyName === 'l4proto') match(t, key!, 'inet_proto', (v, els) => protocolCondition(v, els), 'meta l4proto');
        else if (keyName === 'nfproto') match(t, key!, 'other', (v, els) => familyCondition(v, els), 'meta nfproto');
        else if (INTERFACE_KEYS.has(keyName)) interfaceMatch(t, key as NftToken, keyName);
        else otherMatch(from, `meta ${keyName}`);
        break;
      }
      case 'ip': case 'ip6': {
        const field = terms[i];
        const fieldName = word(field);
        if (!fieldName) { problem('syntax error, unexpected newline', t, t, 'syntax'); i = terms.length; break; }
        i++;
        tableFamily(name === 'ip' ? 'ipv4' : 'ipv6', t, field!);
        if (word(terms[i]) === 'set') { setStatement(from); break; }
        if (fieldName === 'saddr' || fieldName === 'daddr') {
          match(t, field!, name === 'ip' ? 'ipv4_addr' : 'ipv6_addr', (v, els) => addressCondition(fieldName === 'saddr' ? 'source' : 'destination', name === 'ip' ? 'ipv4' : 'ipv6', v, els), `${name} ${fieldName}`);
        } else if (fieldName === 'protocol' || fieldName === 'nexthdr') {
          match(t, field!, 'inet_proto', (v, els) => protocolCondition(v, els), `${name} ${fieldName}`);
        } else otherMatch(from, `${name} ${fieldName}`);
        break;
      }
      case 'tcp': case 'th': case 'udp': case 'udplite': case 'sctp': case 'dccp': {
        const field = terms[i];
        const fieldName = word(field);
        if (!fieldName || !FIELDS[name]!.includes(fieldName)) {
          problem(`syntax error, unexpected ${field ? 'string' : 'newline'}${fieldName ? suggestion(fieldName, FIELDS[name]!) : ''}`, field ?? t, field ?? t, 'syntax');
          i = terms.length;
          break;
        }
        i++;
        if (name !== 'th') rule.conditions.push({ kind: 'protocol', tcp: name === 'tcp', icmpv6: false });
        if (word(terms[i]) === 'set') { setStatement(from); break; }
        if (fieldName === 'dport' || fieldName === 'sport') match(t, field!, 'inet_service', (v, els) => portCondition(fieldName, v, els), `${name} ${fieldName}`);
        else if (fieldName === 'flags') { otherMatch(from, 'tcp flags'); rule.conditions.push({ kind: 'maybe', reason: 'depending on the TCP flags' }); }
        else unread(from);
        break;
      }
      case 'icmp': case 'icmpv6': case 'igmp': {
        rule.conditions.push({ kind: 'protocol', tcp: false, icmpv6: name === 'icmpv6' });
        const field = terms[i];
        // The types of an ICMP or ICMPv6 match are checked (ICMPv6's tell whether neighbour discovery passes); other fields are not read.
        if (name !== 'igmp' && word(field) === 'type' && word(terms[i + 1]) !== 'set') { i++; match(t, field!, 'other', icmpTypeCondition(name), `${name} type`); break; }
        unread(from);
        break;
      }
      default: {
        if (INTERFACE_KEYS.has(name)) { interfaceMatch(t, t, name); break; }
        if (UNQUALIFIED_META.has(name)) {
          if (word(terms[i]) === 'set') { setStatement(from); break; }
          otherMatch(from, name);
          break;
        }
        if (RULE_STARTS.includes(name)) { unread(from); break; }
        problem(`syntax error, unexpected string${suggestion(name, RULE_STARTS)}`, t, t, 'syntax');
        i = terms.length;
      }
    }
  }
  return rule;

  function textOf(list: readonly Term[]): string {
    return list.map((x) => (isToken(x) ? x.image : '{ ... }')).join(' ');
  }
  function skipWhile(keep: (w: string) => boolean) {
    while (i < terms.length && isToken(terms[i]) && keep((terms[i] as NftToken).image)) i++;
  }
  function skipPairs(keys: readonly string[]) {
    while (keys.includes(word(terms[i]) ?? '')) {
      i += 2;
      // Lists of flags: "flags tcp sequence,options".
      while (isToken(terms[i]) && (terms[i] as NftToken).kind === 'comma') i += 2;
    }
  }
  /** log's options: "prefix X", "level X", ..., and "flags" with one of its forms ("flags ip options", "flags tcp sequence,options"). */
  function skipLogOptions() {
    for (;;) {
      const option = word(terms[i]);
      if (option === 'prefix' || option === 'level' || option === 'group' || option === 'snaplen' || option === 'queue-threshold') i += 2;
      else if (option === 'flags') {
        i += ['ip', 'tcp'].includes(word(terms[i + 1]) ?? '') ? 3 : 2;
        while (isToken(terms[i]) && (terms[i] as NftToken).kind === 'comma') i += 2;
      } else return;
    }
  }
  function interfaceMatch(start: NftToken, key: NftToken, keyName: string) {
    const byIndex = keyName === 'iif' || keyName === 'oif';
    match(start, key, 'ifname', (v, els) => {
      const names = els.filter(isToken).map(unquoted);
      for (const el of els) if (byIndex && isToken(el) && unquoted(el) !== 'lo') rule.interfaceIndexes.push({ keyword: key, name: el });
      if (names.length !== 1) return { kind: 'maybe', reason: `only on interfaces ${names.join(', ')}` };
      return { kind: 'interface', direction: keyName.startsWith('i') ? 'in' : 'out', name: names[0]!, negated: v.op === '!=' };
    }, keyName);
  }
  function addressCondition(side: 'source' | 'destination', addressFamily: 'ipv4' | 'ipv6', v: Value, elements: readonly Term[]): Condition | undefined {
    for (const element of elements) {
      if (!isToken(element)) continue;
      const text = unquoted(element);
      const read = readAddress(text, addressFamily);
      if (isValueError(read)) { problem(read.error, element); return undefined; }
      // IPv6 groups are hexadecimal: only the prefix length is a number read in base 0.
      if (addressFamily === 'ipv4') noteOctal(element);
      else if (text.includes('/')) noteOctal(element, text.indexOf('/') + 1);
      if (read.hostname) rule.hostnames.push(element);
    }
    const values = elements.filter(isToken).map(unquoted);
    // An empty set holds no address: `@set` never matches, `!= @set` always does.
    // Each address also as nft reads it (plainNftAddress), once: a walk meets every rule's address.
    return { kind: 'address', side, value: values.length ? values.join(', ') : 'an empty set', ...(values.length !== 1 ? { values } : {}), plain: values.map(plainNftAddress), negated: v.op === '!=' };
  }
  function protocolCondition(v: Value, elements: readonly Term[]): Condition {
    // A number as strtoul reads it in base 0: `06` and `0x6` are TCP, `021` is UDP.
    const numberOf = (e: Term) => (isToken(e) ? cNumber(unquoted(e)) : undefined);
    for (const e of elements) if ((numberOf(e) ?? 0) > 255) problem('Protocol out of range', e);
    for (const e of elements) if (isToken(e)) noteOctal(e);
    // An element is a protocol (by name or number) or a range of them (`{ 6 - 17 }` takes TCP).
    const rangeOf = (e: Term): readonly [number, number] | undefined => {
      if (!isToken(e)) return undefined;
      const text = unquoted(e);
      const one = protocolNumber(text);
      if (one !== undefined) return [one, one];
      for (let at = text.indexOf('-', 1); at !== -1; at = text.indexOf('-', at + 1)) {
        const low = protocolNumber(text.slice(0, at)), high = protocolNumber(text.slice(at + 1));
        if (low !== undefined && high !== undefined) return [low, high];
      }
      return undefined;
    };
    const takes = (number: number) => elements.some((e) => { const range = rangeOf(e); return !!range && range[0] <= number && number <= range[1]; }) !== (v.op === '!=');
    return { kind: 'protocol', tcp: takes(6), icmpv6: takes(58) };
  }
  /**
   * `icmp type` and `icmpv6 type`, checked as nft checks them. The ICMPv6 types tell whether
   * neighbour discovery passes; an ICMP (IPv4) rule never takes a TCP packet or an ICMPv6 one,
   * which its protocol already says, so nothing more is kept of it.
   */
  function icmpTypeCondition(kind: IcmpKind) {
    return (v: Value, elements: readonly Term[]): Condition | undefined => {
      // A list without braces: nft takes one only for a type of flags.
      if (v.terms.length > 1) { problem(`Basetype of type ${ICMP_KINDS[kind].label} type is not bitmask`, v.terms[0]!); return undefined; }
      const types: Array<readonly [number, number]> = [];
      for (const element of elements) {
        if (!isToken(element)) { problem('syntax error, unexpected \'{\'', element); return undefined; }
        // A range written "LOW - HIGH" is one word here, longer in the text than its letters.
        const read = readIcmpTypes(unquoted(element), element.kind === 'word' && element.end - element.start > element.image.length, kind);
        if (isValueError(read)) { problem(read.error, element); return undefined; }
        types.push(read);
      }
      if (kind === 'icmp') return undefined;
      if (v.op !== '==' && v.op !== '!=') return { kind: 'maybe', reason: `only where \`icmpv6 type ${v.op} ${textOf(v.terms)}\` matches` };
      return { kind: 'icmpv6-type', types, negated: v.op === '!=' };
    };
  }
  function familyCondition(v: Value, elements: readonly Term[]): Condition {
    const names = elements.filter(isToken).map(unquoted);
    if (names.length === 1 && (names[0] === 'ipv4' || names[0] === 'ipv6') && v.op === '==') return { kind: 'family', family: names[0] };
    return { kind: 'maybe', reason: `only for meta nfproto ${names.join(', ')}` };
  }
  function readCt(start: NftToken, from: number) {
    const key = terms[i];
    const keyName = word(key);
    if (!keyName) { problem('syntax error, unexpected newline', start, start, 'syntax'); i = terms.length; return; }
    i++;
    if (word(terms[i]) === 'set') {
      const target = terms[i + 1];
      if (isBlock(target)) { setStatement(from); return; }
      i++;
      // A helper's name; a word followed by more is an expression that picks one ("udp dport map { ... }").
      const named = isToken(target) && (target.kind === 'string' || (target.kind === 'word' && (i + 1 >= terms.length || VERDICTS.has(word(terms[i + 1]) ?? '') || ['counter', 'comment', 'log'].includes(word(terms[i + 1]) ?? ''))));
      if (keyName === 'helper' && named) { i++; rule.helperSet = target; rule.references.push({ kind: 'helper', token: target }); return; }
      unread(from);
      return;
    }
    if (keyName === 'state') {
      // A state may be written as its number; such a rule is read as unknown.
      const numeric = isToken(terms[i]) && /^[0-9]/.test((terms[i] as NftToken).image);
      if (numeric) otherMatch(from, 'ct state'); else match(start, key!, 'ct_state', stateCondition, 'ct state');
      return;
    }
    if (keyName === 'helper') {
      const v = value();
      if (!v || v.complex) { unread(from); return; }
      for (const e of elementsOf(v)) {
        if (!isToken(e) || e.kind !== 'string') continue;
        if (e.image === '""') problem('Empty string is not allowed', e);
        else if (e.image.length - 2 > 16) problem('String exceeds maximum length of 16', e);
      }
      const names = elementsOf(v).filter(isToken).map(unquoted);
      rule.conditions.push({ kind: 'helper', ftp: names.some((n) => n === 'ftp' || n.startsWith('ftp-')), negated: v.op === '!=' });
      return;
    }
    if (['original', 'reply', 'count', 'both', 'expectation'].includes(keyName)) { unread(from); return; }
    if (keyName === 'status' && translatedOnly()) return;
    otherMatch(from, `ct ${keyName}`);
  }
}

function suggestion(word: string, names: readonly string[]): string {
  const near = nearestNames(word, names, 1)[0];
  return near ? `; did you mean "${near}"?` : '';
}

/** The elements of a verdict map: "key : verdict", separated by commas. */
function verdictMapEntries(terms: readonly Term[], conditionOf: (key: Term[]) => Condition | undefined, problem: (message: string, from: Term) => void, rule: ReadRule): ReadRule['verdictMap'] {
  const entries: NonNullable<ReadRule['verdictMap']> = [];
  const split: Term[] = [];
  // "21:accept" is one word to the lexer; "21 : accept" three.
  for (const t of terms) {
    if (isToken(t) && t.kind === 'word' && t.image.length > 1 && /:(accept|drop|continue|return|jump|goto)$/.test(t.image)) {
      const at = t.image.lastIndexOf(':');
      split.push({ kind: 'word', image: t.image.slice(0, at), start: t.start, end: t.start + at }, { kind: 'word', image: ':', start: t.start + at, end: t.start + at + 1 }, { kind: 'word', image: t.image.slice(at + 1), start: t.start + at + 1, end: t.end });
    } else split.push(t);
  }
  let key: Term[] = [];
  for (let n = 0; n < split.length; n++) {
    const t = split[n]!;
    if (isToken(t) && t.kind === 'comma') { key = []; continue; }
    if (!(isToken(t) && t.image === ':')) { key.push(t); continue; }
    const verdictWord = split[n + 1];
    const name = isToken(verdictWord) ? verdictWord.image : '';
    if (!VERDICTS.has(name) || name === 'queue') { problem('syntax error, unexpected string', verdictWord ?? t); return entries; }
    let verdict: RuleVerdict = { kind: name as VerdictKind, written: name, token: verdictWord as NftToken };
    n++;
    if (name === 'jump' || name === 'goto') {
      const chain = split[n + 1];
      if (!isToken(chain)) { problem('syntax error, unexpected newline', verdictWord!); return entries; }
      verdict = { ...verdict, chain };
      rule.references.push({ kind: 'chain', token: chain });
      n++;
    }
    const concatenated = key.some((k) => isToken(k) && k.image === '.');
    entries.push({ condition: key.length && !concatenated ? conditionOf(key) : { kind: 'maybe', reason: 'depending on the verdict map\'s key' }, verdict });
    key = [];
  }
  return entries;
}
