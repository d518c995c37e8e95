import type { ExtensionMeaning, RuleMeaning } from '../languages/iptables/rule-meaning.js';
import { protocolNumber, readPortList, readPortRange } from '../languages/iptables/catalogue/values.js';
import type { PacketClass } from './packet.js';
import { PortSet } from './port-set.js';

/** Where a rule matches: for every client (`definite`), or only for some (`conditional`, with why). */
export interface RuleMatch { definite: PortSet; conditional: PortSet; reason?: string }

const NONE: RuleMatch = { definite: PortSet.EMPTY, conditional: PortSet.EMPTY };

/** A constraint on the ports: all of them, some of them, none, or only some clients. */
type Constraint = { ports: PortSet } | { maybe: string } | { never: true };

const ANY_ADDRESS = new Set(['0.0.0.0/0', '::/0', '0/0', '0.0.0.0/0.0.0.0']);
const STATE_NAMES = ['INVALID', 'ESTABLISHED', 'NEW', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT'];

function portSetOf(text: string): PortSet | undefined {
  const single = readPortRange(text, 'tcp');
  if (typeof single !== 'string') return PortSet.range(single.min, single.max);
  const list = readPortList(text, 'tcp', true);
  return typeof list === 'string' ? undefined : PortSet.of(...list.map((r) => [r.min, r.max] as const));
}

function stateList(text: string): Set<string> {
  return new Set(text.split(',').map((s) => STATE_NAMES.find((n) => n.toLowerCase().startsWith(s.toLowerCase())) ?? s.toUpperCase()));
}

/** How the rule's port options constrain the packet, on the varying and the fixed dimension. */
function portConstraint(set: PortSet, negated: boolean, dimension: 'dport' | 'sport', packet: PacketClass): Constraint {
  const effective = negated ? set.complement() : set;
  if (dimension === packet.varying) return { ports: effective };
  if (effective.contains(packet.other)) return { ports: PortSet.ALL };
  if (effective.intersect(packet.other).isEmpty) return { never: true };
  return { maybe: `only when the client uses ${dimension === 'dport' ? 'destination' : 'source'} port${effective.size === 1 ? '' : 's'} ${effective}` };
}

/** Adds a constraint; false when it can never hold. One that lets every port through changes nothing and is left out. */
function addConstraint(out: Constraint[], c: Constraint): boolean {
  if ('never' in c) return false;
  if (!('ports' in c && c.ports === PortSet.ALL)) out.push(c);
  return true;
}

/**
 * Adds how one extension constrains the packet to `out`; false as soon as it can never match
 * (most rules of a large firewall fail on their first constraint, so nothing more is worked out).
 */
function addExtensionConstraints(ext: ExtensionMeaning, packet: PacketClass, out: Constraint[]): boolean {
  const name = ext.name;
  for (const option of ext.options) {
    const optionName = option.name;
    const value = option.value ?? '';
    switch (`${name}:${optionName}`) {
      case 'tcp:destination-port': case 'tcp:source-port': case 'udp:destination-port': case 'udp:source-port': {
        const set = portSetOf(value);
        if (!addConstraint(out, set ? portConstraint(set, option.negated, optionName === 'destination-port' ? 'dport' : 'sport', packet) : { maybe: `port ${value}` })) return false;
        break;
      }
      case 'multiport:destination-ports': case 'multiport:source-ports': {
        const set = portSetOf(value);
        if (!addConstraint(out, set ? portConstraint(set, option.negated, optionName === 'destination-ports' ? 'dport' : 'sport', packet) : { maybe: `ports ${value}` })) return false;
        break;
      }
      case 'multiport:ports': {
        // Either port may match: a match on the fixed port covers every varying port.
        const set = portSetOf(value);
        if (!set) { out.push({ maybe: `ports ${value}` }); break; }
        const other = portConstraint(set, false, packet.varying === 'dport' ? 'sport' : 'dport', packet);
        if ('ports' in other && !option.negated) break;
        if (!addConstraint(out, portConstraint(set, option.negated, packet.varying, packet))) return false;
        break;
      }
      case 'tcp:syn': if (packet.syn === option.negated) return false; break;
      case 'tcp:tcp-flags': out.push({ maybe: `depending on the TCP flags ${[option.value, ...option.rest].join(' ')}` }); break;
      case 'state:state': case 'conntrack:ctstate':
        if (stateList(value).has(packet.state) === option.negated) return false;
        break;
      case 'conntrack:ctproto': if ((protocolNumber(value) === 6) === option.negated) return false; break;
      case 'helper:helper': {
        const ftp = value === 'ftp' || value.startsWith('ftp-');
        if ((packet.fromFtpHelper && ftp) === option.negated) return false;
        break;
      }
      default:
        if (name === 'comment') break;
        if (name === 'icmp' || name === 'icmp6' || name === 'udp' || name === 'sctp' || name === 'dccp' || name === 'udplite') return false;
        if (name === 'conntrack') { out.push({ maybe: `depending on conntrack --${optionName}` }); break; }
        out.push({ maybe: `only where -m ${name} matches` });
    }
  }
  if (ext.options.length === 0 && !['comment', 'tcp', 'state', 'conntrack', 'multiport'].includes(name)) out.push({ maybe: `only where -m ${name} matches` });
  return true;
}

/** Which of the packet class's ports a rule matches, for all clients or only for some. */
export function matchRule(rule: RuleMeaning, packet: PacketClass): RuleMatch {
  // Constraints that can never hold end the match at once; those that let every port through are left out.
  const constraints: Constraint[] = [];
  if (rule.protocol) {
    const n = protocolNumber(rule.protocol.value);
    const isTcp = n === 6 || n === 0;
    if (isTcp === rule.protocol.negated) return NONE;
  }
  const clientSide = packet.hook === 'INPUT' ? rule.source : rule.destination;
  const serverSide = packet.hook === 'INPUT' ? rule.destination : rule.source;
  for (const [address, role] of [[clientSide, 'from'], [serverSide, 'to']] as const) {
    if (!address || ANY_ADDRESS.has(address.value)) continue;
    const loopback = /^127\.|^::1(\/128)?$/.test(address.value) && role === 'from';
    if (loopback) { if (!address.negated) return NONE; continue; }
    constraints.push({ maybe: `only ${address.negated ? 'not ' : ''}${role} ${address.value}` });
  }
  const iface = packet.hook === 'INPUT' ? rule.inInterface : rule.outInterface;
  if (iface && iface.value !== '+') {
    if (iface.value === 'lo') { if (!iface.negated) return NONE; }
    else constraints.push({ maybe: `only ${iface.negated ? 'not ' : ''}on interface ${iface.value}` });
  }
  if (rule.fragment && !rule.fragment.negated) return NONE;
  for (const ext of rule.matches) if (!addExtensionConstraints(ext, packet, constraints)) return NONE;

  let ports = PortSet.ALL;
  for (const c of constraints) if ('ports' in c) ports = ports.intersect(c.ports);
  const reasons = constraints.flatMap((c) => ('maybe' in c ? [c.maybe] : []));
  if (ports.isEmpty) return NONE;
  return reasons.length ? { definite: PortSet.EMPTY, conditional: ports, reason: reasons.join(', ') } : { definite: ports, conditional: PortSet.EMPTY };
}

const newInbound = (family: PacketClass['family']): PacketClass => ({ family, hook: 'INPUT', state: 'NEW', syn: true, fromFtpHelper: false, varying: 'dport', other: PortSet.range(1024, 65535), label: 'a new connection' });
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
