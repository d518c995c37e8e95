import type { ExtensionUse, ParsedCommand } from '../languages/iptables/command.js';
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

function extensionConstraints(ext: ExtensionUse, packet: PacketClass): Constraint[] {
  const out: Constraint[] = [];
  const name = ext.spec?.name ?? ext.name.value;
  for (const option of ext.options) {
    const optionName = option.spec?.name;
    const value = option.args[0]?.value ?? '';
    switch (`${name}:${optionName}`) {
      case 'tcp:destination-port': case 'tcp:source-port': case 'udp:destination-port': case 'udp:source-port': {
        const set = portSetOf(value);
        out.push(set ? portConstraint(set, option.negated, optionName === 'destination-port' ? 'dport' : 'sport', packet) : { maybe: `port ${value}` });
        break;
      }
      case 'multiport:destination-ports': case 'multiport:source-ports': {
        const set = portSetOf(value);
        out.push(set ? portConstraint(set, option.negated, optionName === 'destination-ports' ? 'dport' : 'sport', packet) : { maybe: `ports ${value}` });
        break;
      }
      case 'multiport:ports': {
        // Either port may match: a match on the fixed port covers every varying port.
        const set = portSetOf(value);
        if (!set) { out.push({ maybe: `ports ${value}` }); break; }
        const other = portConstraint(set, false, packet.varying === 'dport' ? 'sport' : 'dport', packet);
        if ('ports' in other && !option.negated) break;
        out.push(portConstraint(set, option.negated, packet.varying, packet));
        break;
      }
      case 'tcp:syn': out.push(packet.syn !== option.negated ? { ports: PortSet.ALL } : { never: true }); break;
      case 'tcp:tcp-flags': out.push({ maybe: `depending on the TCP flags ${option.args.map((a) => a.value).join(' ')}` }); break;
      case 'state:state': case 'conntrack:ctstate': {
        const states = stateList(value);
        out.push(states.has(packet.state) !== option.negated ? { ports: PortSet.ALL } : { never: true });
        break;
      }
      case 'conntrack:ctproto': out.push(protocolNumber(value) === 6 !== option.negated ? { ports: PortSet.ALL } : { never: true }); break;
      case 'helper:helper': {
        const ftp = value === 'ftp' || value.startsWith('ftp-');
        out.push((packet.fromFtpHelper && ftp) !== option.negated ? { ports: PortSet.ALL } : { never: true });
        break;
      }
      default:
        if (name === 'comment') break;
        if (name === 'icmp' || name === 'icmp6' || name === 'udp' || name === 'sctp' || name === 'dccp' || name === 'udplite') { out.push({ never: true }); break; }
        if (name === 'conntrack') { out.push({ maybe: `depending on conntrack --${optionName}` }); break; }
        out.push({ maybe: `only where -m ${name} matches` });
    }
  }
  if (ext.options.length === 0 && !['comment', 'tcp', 'state', 'conntrack', 'multiport'].includes(name)) out.push({ maybe: `only where -m ${name} matches` });
  return out;
}

/** Which of the packet class's ports a rule matches, for all clients or only for some. */
export function matchRule(parsed: ParsedCommand, packet: PacketClass): RuleMatch {
  const constraints: Constraint[] = [];
  if (parsed.protocol) {
    const n = protocolNumber(parsed.protocol.word.value);
    const isTcp = n === 6 || n === 0;
    constraints.push(isTcp !== parsed.protocol.negated ? { ports: PortSet.ALL } : { never: true });
  }
  const clientSide = packet.hook === 'INPUT' ? parsed.source : parsed.destination;
  const serverSide = packet.hook === 'INPUT' ? parsed.destination : parsed.source;
  for (const [address, role] of [[clientSide, 'from'], [serverSide, 'to']] as const) {
    if (!address || ANY_ADDRESS.has(address.word.value)) continue;
    const loopback = /^127\.|^::1(\/128)?$/.test(address.word.value) && role === 'from';
    if (loopback) { constraints.push(address.negated ? { ports: PortSet.ALL } : { never: true }); continue; }
    constraints.push({ maybe: `only ${address.negated ? 'not ' : ''}${role} ${address.word.value}` });
  }
  const iface = packet.hook === 'INPUT' ? parsed.inInterface : parsed.outInterface;
  if (iface && iface.word.value !== '+') {
    if (iface.word.value === 'lo') constraints.push(iface.negated ? { ports: PortSet.ALL } : { never: true });
    else constraints.push({ maybe: `only ${iface.negated ? 'not ' : ''}on interface ${iface.word.value}` });
  }
  if (parsed.fragment) constraints.push(parsed.fragment.negated ? { ports: PortSet.ALL } : { never: true });
  for (const ext of parsed.matches) constraints.push(...extensionConstraints(ext, packet));

  if (constraints.some((c) => 'never' in c)) return NONE;
  let ports = PortSet.ALL;
  for (const c of constraints) if ('ports' in c) ports = ports.intersect(c.ports);
  const reasons = constraints.flatMap((c) => ('maybe' in c ? [c.maybe] : []));
  if (ports.isEmpty) return NONE;
  return reasons.length ? { definite: PortSet.EMPTY, conditional: ports, reason: reasons.join(', ') } : { definite: ports, conditional: PortSet.EMPTY };
}

/**
 * The destination ports a rule matches, for some clients or all, for a new TCP connection coming
 * in from any client port: what a rule "opens", "forwards" or "assigns a helper to".
 */
export function inboundPortsMatched(parsed: ParsedCommand, family: PacketClass['family']): PortSet {
  const match = matchRule(parsed, { family, hook: 'INPUT', state: 'NEW', syn: true, fromFtpHelper: false, varying: 'dport', other: PortSet.range(1024, 65535), label: 'a new connection' });
  return match.definite.union(match.conditional);
}
