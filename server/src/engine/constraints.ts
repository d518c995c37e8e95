import type { RuleMatch } from './firewall-model.js';
import type { PacketClass } from './packet.js';
import type { ClientSide } from './client-side.js';
import { PortSet } from './port-set.js';
import { joinReasons } from './reasons.js';

/** What one part of a rule says about a packet class: these ports, only some clients (why), or never. */
export type Constraint = { ports: PortSet } | { maybe: string } | { never: true };

export const NO_MATCH: RuleMatch = { definite: PortSet.EMPTY, conditional: PortSet.EMPTY };

/** How a rule's ports constrain the packet, on the dimension that varies and on the fixed one. */
export function portConstraint(set: PortSet, negated: boolean, dimension: 'dport' | 'sport', packet: PacketClass): Constraint {
  const effective = negated ? set.complement() : set;
  if (dimension === packet.varying) return { ports: effective };
  if (effective.contains(packet.other)) return { ports: PortSet.ALL };
  if (effective.intersect(packet.other).isEmpty) return { never: true };
  return { maybe: `only when the client uses ${dimension === 'dport' ? 'destination' : 'source'} port${effective.size === 1 ? '' : 's'} ${effective}` };
}

/** Adds a constraint; false when it can never hold. One that lets every port through changes nothing and is left out. */
export function addConstraint(out: Constraint[], c: Constraint): boolean {
  if ('never' in c) return false;
  if (!('ports' in c && c.ports === PortSet.ALL)) out.push(c);
  return true;
}

/** The match the constraints of a rule make together, with `reason` (addresses, interfaces) saying for which clients. */
export function matchOf(constraints: readonly Constraint[], reason: string | undefined): RuleMatch {
  let ports = PortSet.ALL;
  for (const c of constraints) if ('ports' in c) ports = ports.intersect(c.ports);
  if (ports.isEmpty) return NO_MATCH;
  for (const c of constraints) if ('maybe' in c) reason = joinReasons(reason, c.maybe);
  return reason ? { definite: PortSet.EMPTY, conditional: ports, reason } : { definite: ports, conditional: PortSet.EMPTY };
}

/** Is an address on the client's side loopback (a packet from a remote client never comes from there)? */
export const isLoopback = (value: string): boolean => value.startsWith('127.') || value === '::1' || value === '::1/128';

/** A new TCP connection coming in from any client port: what a rule "opens" or "assigns a helper to". */
export const newInbound = (family: PacketClass['family'], clients?: ClientSide): PacketClass => ({ family, hook: 'INPUT', state: 'NEW', syn: true, fromFtpHelper: false, varying: 'dport', other: PortSet.range(1024, 65535), label: 'a new connection', ...(clients ? { clients } : {}) });
