import netbase from '../iptables/catalogue/netbase.json';
import { dottedQuad, isDigits, networkBase, readIpv6, readStrictIpv4 } from '../iptables/catalogue/values.js';

/*
 * The `ufw` command line (ufw 0.36.2) as its parser reads it, for commands written in scripts:
 * what each command changes in ufw's saved state, or the error ufw stops with (in its words, as
 * `ufw --dry-run` prints them). A form this reader does not follow is `unknown`, never guessed.
 */

export type UfwAction = 'allow' | 'deny' | 'reject' | 'limit';
export type UfwDirection = 'in' | 'out';
export type UfwPolicyName = 'allow' | 'deny' | 'reject';

/** One side of a rule: its address ('any' or a network) and its ports (ufw's text: "21", "40000:40100", "21,22"), or an application profile. */
export interface UfwEnd { address: string; port?: string; app?: string }

/** A rule as ufw records it in its `### tuple ###` line, before it is written out per family. */
export interface UfwRule {
  action: UfwAction;
  direction: UfwDirection;
  route: boolean;
  interfaceIn?: string;
  interfaceOut?: string;
  log?: 'log' | 'log-all';
  /** tcp, udp, any, or another protocol ufw accepts without ports. */
  protocol: string;
  to: UfwEnd;
  from: UfwEnd;
  comment?: string;
}

export type UfwCommand =
  | { kind: 'rule'; rule: UfwRule; placement: 'append' | 'prepend' | { insert: number } | 'delete' }
  | { kind: 'default'; policy: UfwPolicyName; direction: 'incoming' | 'outgoing' | 'routed' }
  | { kind: 'enable' } | { kind: 'disable' } | { kind: 'reset' }
  /** Reads or reloads without changing what is saved: status, show, reload, logging, version, app ... */
  | { kind: 'no-change' }
  /** ufw stops with this message and changes nothing. */
  | { kind: 'error'; message: string }
  /** A form ftpwall does not follow: what it changes is not known. */
  | { kind: 'unknown'; why: string };

/**
 * The application profiles ufw knows (applications.d), by name: their `ports=` value. Unless
 * `complete`, a name not found may be a profile a package installs that the host does not hold.
 */
export interface UfwProfiles { ports(name: string): string | undefined; complete: boolean }

const SERVICES = netbase.services as Record<string, Record<string, number>>;
const ACTIONS = new Set<string>(['allow', 'deny', 'reject', 'limit']);
const NO_CHANGE = new Set(['status', 'show', 'reload', 'logging', 'version', 'help', '--help', '-h', '--version']);
/** Protocols ufw takes in `proto` besides tcp and udp; they carry no ports. */
const PORTLESS_PROTOCOLS = new Set(['ah', 'esp', 'gre', 'ipv6', 'igmp']);
const MAX_PORTS = 15;

class UfwError extends Error {}
const fail = (message: string): never => { throw new UfwError(message); };

/** Thrown for a profile the host's files do not define: what the command opens is not known. */
class UnknownProfile extends Error {}
function missingProfile(name: string, profiles: UfwProfiles): never {
  if (profiles.complete) fail(`Could not find a profile matching '${name}'`);
  throw new UnknownProfile(`the ports of the application profile '${name}' (no applications.d file of this host defines it)`);
}

/** Reads `ufw ARGS...` (the words after the program name). */
export function readUfwCommand(args: readonly string[], profiles: UfwProfiles): UfwCommand {
  const words = args.filter((a) => a !== '--dry-run' && a !== '--force');
  try {
    return read(words, profiles);
  } catch (error) {
    if (error instanceof UfwError) return { kind: 'error', message: error.message };
    if (error instanceof UnknownProfile) return { kind: 'unknown', why: error.message };
    throw error;
  }
}

function read(words: readonly string[], profiles: UfwProfiles): UfwCommand {
  const [first, ...rest] = words;
  if (first === undefined) return fail('Invalid syntax');
  switch (first) {
    case 'enable': return { kind: 'enable' };
    case 'disable': return { kind: 'disable' };
    case 'reset': return { kind: 'reset' };
    case 'default': return readDefault(rest);
    case 'app': return rest[0] === 'update' || rest[0] === 'default' ? { kind: 'unknown', why: `what \`ufw app ${rest.join(' ')}\` changes` } : { kind: 'no-change' };
    default: break;
  }
  if (NO_CHANGE.has(first)) return { kind: 'no-change' };
  let route = false;
  let placement: 'append' | 'prepend' | { insert: number } | 'delete' = 'append';
  let at = 0;
  if (words[at] === 'route') { route = true; at++; }
  if (words[at] === 'delete') {
    if (words.length === at + 2 && isDigits(words[at + 1]!)) return { kind: 'unknown', why: `which rule is number ${words[at + 1]} when the script runs` };
    placement = 'delete'; at++;
  } else if (words[at] === 'insert') {
    const position = words[at + 1] ?? '';
    if (!isDigits(position)) return fail(`Invalid position '${position}'`);
    placement = { insert: Number(position) }; at += 2;
  } else if (words[at] === 'prepend') { placement = 'prepend'; at++; }
  if (!ACTIONS.has(words[at] ?? '')) return route || at > 0 ? fail('Invalid syntax') : { kind: 'unknown', why: `what \`ufw ${words.join(' ')}\` does` };
  return { kind: 'rule', rule: readRule(words.slice(at), route, profiles), placement };
}

function readDefault(rest: readonly string[]): UfwCommand {
  const [policy, direction = 'incoming', ...extra] = rest;
  if (extra.length || !policy) return fail('Invalid syntax');
  if (policy !== 'allow' && policy !== 'deny' && policy !== 'reject') return fail('Invalid syntax');
  const named = ({ incoming: 'incoming', input: 'incoming', outgoing: 'outgoing', output: 'outgoing', routed: 'routed', forward: 'routed' } as const)[direction as 'incoming'];
  if (!named) return fail('Invalid syntax');
  return { kind: 'default', policy, direction: named };
}

/** `ACTION [in|out [on IFACE]] [log|log-all] SPEC` or the extended `... [proto P] [from A [port P|app N]] [to A [port P|app N]] [comment C]`. */
function readRule(words: readonly string[], route: boolean, profiles: UfwProfiles): UfwRule {
  const rule: UfwRule = { action: words[0] as UfwAction, direction: 'in', route, protocol: 'any', to: { address: 'any' }, from: { address: 'any' } };
  let at = 1;
  if (words[at] === 'in' || words[at] === 'out') {
    rule.direction = words[at] as UfwDirection;
    at++;
    if (words[at] === 'on') {
      const name = words[at + 1];
      if (!name || !/^[A-Za-z0-9_.:+@-]{1,15}$/.test(name) || name.includes(':')) fail('Invalid interface clause');
      if (rule.direction === 'in') rule.interfaceIn = name; else rule.interfaceOut = name;
      at += 2;
    }
  }
  if (words[at] === 'log' || words[at] === 'log-all') rule.log = words[at++] as 'log' | 'log-all';
  if (words[at] === 'in' || words[at] === 'out' || words[at] === 'on') fail('Invalid interface clause');
  const rest = words.slice(at);
  // A comment is taken off first, wherever the rule's words leave it.
  const comment = rest.lastIndexOf('comment');
  if (comment !== -1 && comment === rest.length - 2) { rule.comment = rest[comment + 1]!; rest.splice(comment, 2); }
  // Everything that comes in (or goes out) on an interface needs no clause.
  if (rest.length === 0 && (rule.interfaceIn || rule.interfaceOut)) return rule;
  if (rest.length === 0) fail(at > 1 ? 'Invalid interface clause' : 'Invalid syntax');
  if (rest.length === 1) readSimple(rule, rest[0]!, profiles);
  else readExtended(rule, rest, profiles);
  return rule;
}

/** `PORT[/PROTO]`, a service name, or an application profile. */
function readSimple(rule: UfwRule, spec: string, profiles: UfwProfiles): void {
  if (rule.interfaceIn || rule.interfaceOut) fail('Wrong number of arguments');
  const slash = spec.indexOf('/');
  const portText = slash === -1 ? spec : spec.slice(0, slash);
  const protocol = slash === -1 ? undefined : spec.slice(slash + 1);
  if (protocol !== undefined && PORTLESS_PROTOCOLS.has(protocol)) fail(`Invalid port with protocol '${protocol}'`);
  if (protocol !== undefined && protocol !== 'tcp' && protocol !== 'udp') fail('Bad port');
  const numeric = /^[0-9,:]+$/.test(portText);
  if (!numeric && protocol === undefined && !serviceProtocols(portText)) {
    if (profiles.ports(spec) === undefined) missingProfile(spec, profiles);
    rule.to.app = spec;
    return;
  }
  const { port, protocol: found } = readPorts(portText, protocol);
  rule.to.port = port;
  rule.protocol = found;
}

function readExtended(rule: UfwRule, words: readonly string[], profiles: UfwProfiles): void {
  if (!words.some((w) => w === 'from' || w === 'to') && words[0] !== 'proto') fail('Need \'to\' or \'from\' clause');
  let protocol: string | undefined;
  let side: UfwEnd | undefined;
  const ports: Array<{ end: UfwEnd; text: string }> = [];
  for (let at = 0; at < words.length; at += 2) {
    const key = words[at]!, value = words[at + 1];
    if (value === undefined) fail('Wrong number of arguments');
    switch (key) {
      case 'proto':
        if (value !== 'tcp' && value !== 'udp' && value !== 'any' && !PORTLESS_PROTOCOLS.has(value)) fail(`Unsupported protocol '${value}'`);
        protocol = value;
        break;
      case 'from': case 'to':
        side = key === 'from' ? rule.from : rule.to;
        side.address = readAddress(value!, key === 'from' ? 'Bad source address' : 'Bad destination address');
        break;
      case 'port':
        if (!side) fail('Invalid syntax');
        ports.push({ end: side!, text: value! });
        break;
      case 'app':
        if (!side) fail('Invalid syntax');
        if (profiles.ports(value!) === undefined) missingProfile(value!, profiles);
        side!.app = value!;
        break;
      case 'comment': rule.comment = value!; break;
      default: fail('Invalid syntax');
    }
  }
  if (protocol && PORTLESS_PROTOCOLS.has(protocol) && ports.length) fail(`Invalid port with protocol '${protocol}'`);
  let found = protocol ?? 'any';
  for (const { end, text } of ports) {
    const read = readPorts(text, found === 'any' ? undefined : found, true);
    end.port = read.port;
    if (found === 'any') found = read.protocol;
  }
  rule.protocol = found;
  if (familyOfAddress(rule.from.address) && familyOfAddress(rule.to.address) && familyOfAddress(rule.from.address) !== familyOfAddress(rule.to.address)) fail('Mixed IP versions for \'from\' and \'to\'');
}

/** The protocols a service name is known for in /etc/services, or undefined. */
function serviceProtocols(name: string): { port: number; protocol: 'tcp' | 'udp' | 'any' } | undefined {
  const tcp = SERVICES['tcp']?.[name], udp = SERVICES['udp']?.[name];
  if (tcp !== undefined && udp !== undefined && tcp === udp) return { port: tcp, protocol: 'any' };
  if (tcp !== undefined) return { port: tcp, protocol: 'tcp' };
  if (udp !== undefined) return { port: udp, protocol: 'udp' };
  return undefined;
}

/** A port list as ufw checks it: numbers 1-65535, ascending ranges, service names; several need tcp or udp. */
function readPorts(text: string, protocol: string | undefined, extended = false): { port: string; protocol: string } {
  if (!/^[0-9,:]+$/.test(text)) {
    const service = serviceProtocols(text);
    // The extended syntax names the word it could not read.
    if (!service) fail(extended ? `Bad port '${text}'` : 'Bad port');
    const kind = protocol ?? service!.protocol;
    if (protocol && service!.protocol !== 'any' && service!.protocol !== protocol) fail('Bad port');
    return { port: String(service!.port), protocol: kind };
  }
  const items = text.split(',');
  const multiple = items.length > 1 || text.includes(':');
  if (multiple && protocol !== 'tcp' && protocol !== 'udp') fail('Must specify \'tcp\' or \'udp\' with multiple ports');
  let slots = 0;
  for (const item of items) {
    const [low, high, extra] = item.split(':');
    if (extra !== undefined || !isPort(low!) || (high !== undefined && (!isPort(high) || Number(high) <= Number(low)))) fail('Bad port');
    slots += high === undefined ? 1 : 2;
  }
  if (slots > MAX_PORTS) fail('Bad port');
  return { port: text, protocol: protocol ?? 'any' };
}

const isPort = (text: string) => isDigits(text) && Number(text) >= 1 && Number(text) <= 65535;

/** 'any', an IPv4 address or network, or an IPv6 one, as ufw writes it back (a /32 or /128 without its length). */
function readAddress(text: string, message: string): string {
  if (text === 'any') return 'any';
  const [address = '', length, extra] = text.split('/');
  if (extra !== undefined) fail(message);
  // Four decimal parts, as inet_pton reads them ("010.0.0.0" is refused, not octal).
  const ipv4 = readStrictIpv4(address);
  if (ipv4 !== undefined) {
    if (length !== undefined && !(isDigits(length) && Number(length) <= 32)) fail(message);
    return length === undefined || length === '32' ? address : `${dottedQuad(networkBase(ipv4, Number(length)))}/${length}`;
  }
  if (address.includes(':') && readIpv6(address)) {
    if (length !== undefined && !(isDigits(length) && Number(length) <= 128)) fail(message);
    return length === undefined || length === '128' ? address : `${address}/${length}`;
  }
  return fail(message);
}

/** The family an address limits a rule to, or undefined for 'any'. */
export function familyOfAddress(address: string): 'ipv4' | 'ipv6' | undefined {
  if (address === 'any') return undefined;
  return address.includes(':') ? 'ipv6' : 'ipv4';
}
