import type { Given, NetworkReading, OptionMeaning, RuleMeaning } from './rule-meaning.js';
import { CONNTRACK_STATES, listedNames, protocolNumber, readPortList, readPortRange, readTcpFlags, TCP_FLAG_BITS } from './catalogue/values.js';
import { cNumber } from '../../core/c-number.js';
import { BoundedMemo } from '../../core/bounded-memo.js';
import { fromClient, type PacketClass } from '../../engine/packet.js';
import type { RuleMatch } from '../../engine/firewall-model.js';
import { addConstraint, isLoopback, matchOf, newInbound, NO_MATCH, portConstraint, type Constraint } from '../../engine/constraints.js';
import { joinReasons } from '../../engine/reasons.js';
import { PortSet } from '../../engine/port-set.js';
import { clientsInAddress, clientsOnInterface, serverInAddress } from '../../engine/client-side.js';


const NONE = NO_MATCH;

/**
 * Port and state values repeat across a large firewall, and a walk meets the same rules for
 * every packet class: each distinct value is read once. The tables stop growing at a bound.
 */
const VALUE_MEMORY = 4096;
const portSets = new BoundedMemo<string, PortSet | undefined>(VALUE_MEMORY);
const stateLists = new BoundedMemo<string, ReadonlySet<string | undefined>>(VALUE_MEMORY);

function readPortSet(text: string): PortSet | undefined {
  const single = readPortRange(text, 'tcp');
  if (typeof single !== 'string') return PortSet.range(single.min, single.max);
  const list = readPortList(text, 'tcp', true);
  return typeof list === 'string' ? undefined : PortSet.of(...list.map((r) => [r.min, r.max] as const));
}

/** The states a --state or --ctstate list names (a rule with an unknown one never reaches a ruleset). */
function readStateList(text: string): ReadonlySet<string | undefined> {
  return new Set(listedNames(text, CONNTRACK_STATES));
}

/** Each single port's set, made the first time a walk meets the port. */
const singlePorts: Array<PortSet | undefined> = new Array(65536);
/** A single port is read on the spot (cheaper than looking it up); ranges and lists are remembered. */
const portSetOf = (text: string): PortSet | undefined => {
  const port = cNumber(text);
  if (port === undefined) return portSets.get(text, readPortSet);
  return port <= 65535 ? (singlePorts[port] ??= PortSet.range(port, port)) : undefined;
};
const stateList = (text: string): ReadonlySet<string | undefined> => stateLists.get(text, readStateList);

/** A port option's constraint, or why it is unknown when its value cannot be read. */
function portOptionConstraint(value: string, negated: boolean, dimension: 'dport' | 'sport', packet: PacketClass, unread: string): Constraint {
  const set = portSetOf(value);
  return set ? portConstraint(set, negated, dimension, packet) : { maybe: `${unread} ${value}` };
}

/** The address types (-m addrtype) of the server's own address, and of a client's. */
const SERVER_ADDRESS_TYPES = new Set(['LOCAL', 'UNICAST']);
const CLIENT_ADDRESS_TYPES = new Set(['UNICAST']);

const { FIN, SYN, RST, PSH, ACK, URG } = TCP_FLAG_BITS as Record<'FIN' | 'SYN' | 'RST' | 'PSH' | 'ACK' | 'URG', number>;

/**
 * The flags an FTP packet may carry: a connection's first packet SYN alone; every later one ACK
 * with any of FIN, PSH, URG and RST, or the SYN-ACK that answers the first, or a bare RST.
 */
const LATER_PACKET_FLAGS: readonly number[] = (() => {
  const sets = [RST, ACK | SYN];
  for (const extra of [0, FIN, PSH, URG, FIN | PSH, FIN | URG, PSH | URG, FIN | PSH | URG]) sets.push(ACK | extra, ACK | RST | extra);
  return sets;
})();

/** Does `--tcp-flags MASK SET` match the packet whatever flags it carries (true), never (false), or only sometimes (undefined)? */
function tcpFlagsMatch(mask: string, set: string, syn: boolean): boolean | undefined {
  const examined = readTcpFlags(mask), wanted = readTcpFlags(set);
  if (typeof examined !== 'number' || typeof wanted !== 'number') return undefined;
  const answers = (syn ? [SYN] : LATER_PACKET_FLAGS).map((flags) => (flags & examined) === wanted);
  return answers.every((a) => a === answers[0]) ? answers[0] : undefined;
}

/** Options of -m recent that only qualify its check (which list, how long, whose address). */
const RECENT_QUALIFIERS = new Set(['seconds', 'name', 'rsource', 'rdest', 'mask', 'reap', 'rttl']);

/** Extensions that constrain nothing when given no options. */
const NO_CONSTRAINT_ALONE = new Set(['comment', 'tcp', 'state', 'conntrack', 'multiport']);
/** Protocol matches other than TCP's: a TCP packet never matches them. */
const OTHER_PROTOCOL_MATCHES = new Set(['icmp', 'icmp6', 'udp', 'sctp', 'dccp', 'udplite']);

/**
 * Adds how one option of an extension constrains the packet to `out`; false as soon as it can
 * never match (most rules of a large firewall fail on their first constraint, so nothing more is
 * worked out).
 */
function addOptionConstraint(name: string, option: OptionMeaning, packet: PacketClass, out: Constraint[]): boolean {
  const optionName = option.name;
  const value = option.value ?? '';
  if (name === 'tcp' || name === 'udp') {
    if (optionName === 'destination-port' || optionName === 'source-port') return addConstraint(out, portOptionConstraint(value, option.negated, optionName === 'destination-port' ? 'dport' : 'sport', packet, 'port'));
    if (name === 'tcp' && optionName === 'syn') return packet.syn !== option.negated;
    if (name === 'tcp' && optionName === 'tcp-flags') {
      const matched = tcpFlagsMatch(value, option.rest[0] ?? '', packet.syn);
      if (matched !== undefined) return matched !== option.negated;
      out.push({ maybe: `depending on the TCP flags ${[option.value, ...option.rest].join(' ')}` });
      return true;
    }
  } else if (name === 'multiport') {
    if (optionName === 'destination-ports' || optionName === 'source-ports') return addConstraint(out, portOptionConstraint(value, option.negated, optionName === 'destination-ports' ? 'dport' : 'sport', packet, 'ports'));
    if (optionName === 'ports') {
      // Either port may match: a match on the fixed port covers every varying port.
      const set = portSetOf(value);
      if (!set) { out.push({ maybe: `ports ${value}` }); return true; }
      const other = portConstraint(set, false, packet.varying === 'dport' ? 'sport' : 'dport', packet);
      if ('ports' in other && !option.negated) return true;
      return addConstraint(out, portConstraint(set, option.negated, packet.varying, packet));
    }
  } else if ((name === 'state' && optionName === 'state') || (name === 'conntrack' && optionName === 'ctstate')) {
    return stateList(value).has(packet.state) !== option.negated;
  } else if (name === 'conntrack' && optionName === 'ctproto') {
    return (protocolNumber(value) === 6) !== option.negated;
  } else if (name === 'addrtype') {
    // FTP's packets go between this host's own unicast address and a client's unicast address.
    // (addrtype is not judged, so its options keep their written names.)
    if (optionName === '--dst-type' || optionName === '--src-type') {
      const serverSide = (optionName === '--dst-type') === fromClient(packet);
      const types = serverSide ? SERVER_ADDRESS_TYPES : CLIENT_ADDRESS_TYPES;
      return value.split(',').some((type) => types.has(type)) !== option.negated;
    }
    if (optionName === '--limit-iface-in' || optionName === '--limit-iface-out') return true;
  } else if (name === 'recent') {
    // A rate limit (ufw limit): matching only a source seen N times lately, it never matches a
    // client's first connection, which is what a path's verdict is about.
    if (optionName === 'hitcount') return !(Number(value) >= 2);
    if (optionName === 'set' || RECENT_QUALIFIERS.has(optionName ?? '')) return true;
    if (optionName === 'rcheck' || optionName === 'update' || optionName === 'remove') { out.push({ maybe: 'only for a source -m recent has seen' }); return true; }
  } else if (name === 'rt') {
    // An FTP client's packets carry no routing header of type 0: RFC 5095 deprecated it (ufw's before6.rules drops it).
    // (rt is not judged, so its options keep their written names.)
    if (optionName === '--rt-type' && value === '0' && !option.negated) return false;
  } else if (name === 'helper' && optionName === 'helper') {
    const ftp = value === 'ftp' || value.startsWith('ftp-');
    return (packet.fromFtpHelper && ftp) !== option.negated;
  }
  if (name === 'comment') return true;
  if (OTHER_PROTOCOL_MATCHES.has(name)) return false;
  out.push({ maybe: name === 'conntrack' ? `depending on conntrack --${optionName}` : `only where -m ${name} matches` });
  return true;
}

/** The packet and the list the extensions of the rule being matched add their constraints to. */
interface Matching { packet: PacketClass; out: Constraint[] }

function addMatchOption(match: string, option: OptionMeaning, { packet, out }: Matching): boolean {
  // A comment constrains nothing; its options are not even looked at.
  return match === 'comment' || addOptionConstraint(match, option, packet, out);
}

function addBareMatch(match: string, { out }: Matching): boolean {
  if (!NO_CONSTRAINT_ALONE.has(match)) out.push({ maybe: `only where -m ${match} matches` });
  return true;
}


/**
 * Why a rule's address makes it match only some clients, or undefined when it makes no
 * difference: the address as written, and as iptables reads it where that differs ("010.0.0.1" is 8.0.0.1).
 */
function addressReason(address: Given | undefined, reading: NetworkReading | undefined, role: 'from' | 'to'): string | undefined {
  if (!address || !reading || reading.any) return undefined;
  return `only ${address.negated ? 'not ' : ''}${role} ${reading.shown}`;
}


/** One list of constraints for every call (none outlives it): a walk matches every rule of the chains it enters, and most fail at once. */
const scratch: Matching = { packet: undefined as never, out: [] };

/** Which of the packet class's ports a rule matches, for all clients or only for some. */
export function matchRule(rule: RuleMeaning, packet: PacketClass): RuleMatch {
  if (rule.protocol) {
    // The protocol's name is read once with the rule: "6", "TCP" and "tcp" are all "tcp", and 0 is "all".
    const { name } = rule.protocol;
    if ((name === 'tcp' || name === 'all') === rule.protocol.negated) return NONE;
  }
  // What rules a packet out is decided before any reason is worded, the extensions (where most
  // rules of a large firewall fail) before the addresses (which are rarely shared between rules,
  // so reading them costs a trip to memory per rule).
  if (rule.fragment && !rule.fragment.negated) return NONE;
  const inbound = fromClient(packet);
  const iface = inbound ? rule.inInterface : rule.outInterface;
  const anyInterface = !iface || iface.value === '+';
  if (!anyInterface && iface.value === 'lo' && !iface.negated) return NONE;
  const constraints = scratch.out;
  // Setting an array's length is a call into the runtime even when it changes nothing, and most rules leave the list empty.
  if (constraints.length !== 0) constraints.length = 0;
  scratch.packet = packet;
  if (!rule.everyMatch(scratch, addMatchOption, addBareMatch)) return NONE;
  if (constraints.some((c) => 'ports' in c && c.ports.isEmpty)) return NONE;
  const clientSide = inbound ? rule.source : rule.destination;
  const serverSide = inbound ? rule.destination : rule.source;
  const client = clientSide?.network(packet.family);
  const server = serverSide?.network(packet.family);
  const fromLoopback = !!client && !client.any && isLoopback(client.network);
  if (fromLoopback && !clientSide!.negated) return NONE;

  // Where .ftpwall.json says where the clients are, their address and interface are known.
  const byAddress = client && !fromLoopback && !client.any ? clientsInAddress(packet, client.network, clientSide!.negated) : undefined;
  const byInterface = !anyInterface && iface.value !== 'lo' ? clientsOnInterface(packet, iface.value, iface.negated) : undefined;
  const byServer = server && !server.any ? serverInAddress(packet, server.network, serverSide!.negated) : undefined;
  if (byAddress === 'none' || byInterface === 'none' || byServer === 'none') return NONE;
  let reason = fromLoopback || byAddress === 'all' ? undefined : addressReason(clientSide, client, 'from');
  if (byServer !== 'all') reason = joinReasons(reason, addressReason(serverSide, server, 'to'));
  if (!anyInterface && iface.value !== 'lo' && byInterface !== 'all') reason = joinReasons(reason, `only ${iface.negated ? 'not ' : ''}on interface ${iface.value}`);
  // A gateway passes the packet from one interface to another: the side toward the server is not the client's.
  const serverInterface = packet.hook === 'FORWARD' ? (inbound ? rule.outInterface : rule.inInterface) : undefined;
  if (serverInterface && serverInterface.value !== '+') {
    const known = packet.serverInterface;
    const named = serverInterface.value.endsWith('+') ? known?.startsWith(serverInterface.value.slice(0, -1)) : known === serverInterface.value;
    if (known !== undefined && named === serverInterface.negated) return NONE;
    if (known === undefined) reason = joinReasons(reason, `only ${serverInterface.negated ? 'not ' : ''}${inbound ? 'out through' : 'in from'} interface ${serverInterface.value}`);
  }
  return matchOf(constraints, reason);
}

const NEW_INBOUND = { ipv4: newInbound('ipv4'), ipv6: newInbound('ipv6') };

/**
 * The destination ports a rule matches, for some clients or all, for a new TCP connection coming
 * in from any client port: what a rule "opens", "forwards" or "assigns a helper to".
 */
export function inboundPortsMatched(rule: RuleMeaning, family: PacketClass['family']): PortSet {
  const known = inboundPortsOf[family].get(rule);
  if (known) return known;
  const match = matchRule(rule, NEW_INBOUND[family]);
  const ports = match.definite.union(match.conditional);
  inboundPortsOf[family].set(rule, ports);
  return ports;
}

/**
 * A reading (and its meaning) lives as long as its line is unchanged (see parseRestore), so after
 * an edit the host rules that ask this of every rule work it out only for the rules read again.
 */
const inboundPortsOf = { ipv4: new WeakMap<RuleMeaning, PortSet>(), ipv6: new WeakMap<RuleMeaning, PortSet>() };
