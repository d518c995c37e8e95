import { clientsInAddress, serverInAddress } from '../../engine/client-side.js';
import { addConstraint, matchOf, NO_MATCH, portConstraint, type Constraint } from '../../engine/constraints.js';
import type { FirewallFile, FirewallIntents } from '../../engine/firewall-file.js';
import type { FirewallModel, ModelChain, ModelRule, RuleAction, RuleMatch } from '../../engine/firewall-model.js';
import { fromClient, type PacketClass } from '../../engine/packet.js';
import { PortSet } from '../../engine/port-set.js';
import { joinReasons } from '../../engine/reasons.js';
import type { Location } from '../iptables/ruleset.js';
import type { AclRule, AddressMatch, ComwareConfiguration, ComwareInterface, PacketFilter } from './configuration.js';

/** A device's saved configuration as a firewall: it forwards by nature, and its packet filters act on what it forwards. */
export interface ComwareDocument extends FirewallFile {
  readonly configuration: ComwareConfiguration;
  readonly forwards: true;
}

const at = (config: ComwareConfiguration, line: number, range = config.lines.range(config.lines.lineStarts[line]!, config.lines.lineStarts[line]!)): Location => ({ path: config.path, line, range });

/** Which packets an ACL rule's address matches on the side it is on: the client's or the server's. */
function addressConstraint(address: AddressMatch, packet: PacketClass, side: 'source' | 'destination'): { none: true } | { reason?: string } {
  if ('any' in address) return {};
  if ('unread' in address) return { reason: `only where ${address.unread} matches` };
  const clientSide = (side === 'source') === fromClient(packet);
  const matched = clientSide ? clientsInAddress(packet, address.network, false) : serverInAddress(packet, address.network, false);
  if (matched === 'none') return { none: true };
  return matched === 'all' ? {} : { reason: `only ${clientSide ? 'for clients in' : 'for a server at'} ${address.network}` };
}

/** An ACL rule as the engine walks it: `permit` lets the packet on to the next filter, `deny` drops it. */
class AclModelRule implements ModelRule {
  readonly action: RuleAction;
  constructor(readonly rule: AclRule, readonly where: Location, readonly chain: string, private readonly autoOrder: string | undefined) {
    this.action = rule.action === 'permit' ? { kind: 'return' } : { kind: 'drop' };
  }
  get actionName() { return `rule ${this.rule.id} ${this.rule.action}`; }
  get source() { return this.rule; }
  match(packet: PacketClass): RuleMatch {
    const { rule } = this;
    if (!rule.tcp || rule.fragment || (rule.established && packet.syn)) return NO_MATCH;
    const constraints: Constraint[] = [];
    let reason: string | undefined = this.autoOrder;
    for (const [address, side] of [[rule.source, 'source'], [rule.destination, 'destination']] as const) {
      const found = addressConstraint(address, packet, side);
      if ('none' in found) return NO_MATCH;
      reason = joinReasons(reason, found.reason);
    }
    if (rule.sourcePorts && !addConstraint(constraints, portConstraint(rule.sourcePorts, false, 'sport', packet))) return NO_MATCH;
    if (rule.destinationPorts && !addConstraint(constraints, portConstraint(rule.destinationPorts, false, 'dport', packet))) return NO_MATCH;
    for (const part of rule.unread) reason = joinReasons(reason, `only where \`${part}\` matches`);
    return matchOf(constraints, reason);
  }
}

/** The end of an ACL under `packet-filter default deny`: what no rule matched is dropped. */
const defaultDrop = (where: Location, chain: string): ModelRule => ({
  where, chain, action: { kind: 'drop' }, actionName: 'packet-filter default deny', source: undefined,
  match: () => ({ definite: PortSet.ALL, conditional: PortSet.EMPTY }),
});

/**
 * The interface whose filter sees the packet: entering the device from the clients' side or the
 * server's, or leaving toward one of them. Known from .ftpwall.json (the device's clientsFrom
 * interface, its serverInterface); otherwise the filter applies only perhaps.
 */
function filterApplies(filter: PacketFilter, iface: string, packet: PacketClass): RuleMatch {
  const towardServer = fromClient(packet);
  const facesClients = (filter.direction === 'inbound') === towardServer;
  const known = facesClients ? packet.clients?.interface : packet.serverInterface;
  if (known !== undefined) return known === iface ? { definite: PortSet.ALL, conditional: PortSet.EMPTY } : NO_MATCH;
  return { definite: PortSet.EMPTY, conditional: PortSet.ALL, reason: `only if interface ${iface} faces the ${facesClients ? 'clients' : 'server'} (.ftpwall.json "${facesClients ? 'clientsFrom.interface' : 'serverInterface'}" says which)` };
}

/** The firewall a device's packet filters make: one FORWARD chain that sends each packet through the ACL of every filter on its way. */
function comwareModel(config: ComwareConfiguration): FirewallModel {
  const chains = new Map<string, ModelChain>();
  const base: ModelRule[] = [];
  const start = at(config, 0);
  const add = (iface: ComwareInterface, filter: PacketFilter) => {
    const acl = config.acls.get(Number(filter.acl.text));
    // A filter naming an ACL the device does not hold filters nothing (comware/acl-missing says so).
    if (!acl || filter.ipv6) return;
    const name = `ACL ${acl.number} ${filter.direction} on ${iface.name.text}`;
    const autoOrder = acl.autoOrder ? `depending on which rule match-order auto tries first (ftpwall follows ACL ${acl.number}'s rules in ID order)` : undefined;
    const rules: ModelRule[] = acl.rules.map((r) => new AclModelRule(r, { path: config.path, line: r.line, range: r.where }, name, autoOrder));
    if (config.defaultDeny) rules.push(defaultDrop(at(config, config.defaultDeny.line, config.defaultDeny.where), name));
    chains.set(name, { name, rules, policy: 'accept', policyName: 'permit', policyWhere: at(config, filter.line, filter.where) });
    base.push({
      where: at(config, filter.line, filter.where), chain: 'packet filters', action: { kind: 'jump', chain: name }, actionName: `packet-filter ${acl.number} ${filter.direction}`, source: filter,
      match: (packet) => filterApplies(filter, iface.name.text, packet),
    });
  };
  for (const iface of config.interfaces) for (const filter of iface.filters) add(iface, filter);
  const forward: ModelChain = { name: 'packet filters', rules: base, policy: 'accept', policyName: 'permit', policyDescription: 'no packet filter of the device drops it', policyWhere: start };
  return {
    family: 'ipv4',
    baseChains: (hook) => (hook === 'FORWARD' ? [forward] : []),
    inboundChains: () => [],
    chain: (_from, name) => chains.get(name),
    helperAssigningChains: () => [],
  };
}

/** A device's configuration takes no edits from ftpwall: its ACLs are changed on the device. */
const NO_INTENTS: FirewallIntents = {
  acceptInbound: () => undefined, acceptOutboundFrom: () => undefined, acceptEstablished: () => undefined, assignFtpHelper: () => undefined,
  rewritePorts: () => undefined, moveAbove: () => undefined,
};

export function comwareDocument(configuration: ComwareConfiguration): ComwareDocument {
  let model: FirewallModel | undefined;
  return {
    path: configuration.path, text: configuration.text, lines: configuration.lines, family: 'ipv4', configuration, forwards: true,
    model: (family) => (family === 'ipv4' ? (model ??= comwareModel(configuration)) : undefined),
    intents: NO_INTENTS,
  };
}
