import type { ControlPorts } from './helper.js';
import type { TextEdit } from '../core/findings.js';
import type { LineIndex, Range } from '../core/text.js';
import type { Location } from '../languages/iptables/ruleset.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import type { FirewallModel, ModelRule } from './firewall-model.js';
import type { DiscoveryDropped } from './neighbour-discovery.js';
import type { PortSet } from './port-set.js';

/** Where an added rule goes: before the line of the rule the packets meet first (else at the end of its chain's rules). */
export interface Placement { beforeLine?: number; comment?: string }

/** The edits that may go into a file of the firewall other than its own (see FirewallIntents.fileOf). */
export type EditIntent = 'assign-helper' | 'forward-to' | 'forward-accept' | 'forward-accept-from' | 'masquerade' | 'accept-neighbour-discovery';

/**
 * Edits by intent, in the firewall file's own syntax: what the host checks ask for ("accept these
 * ports inbound", "assign the FTP helper"), never the syntax itself. Undefined where the file
 * cannot take the edit.
 */
export interface FirewallIntents {
  /** Accept new TCP connections to `ports` (with `established`, only the replies of connections already made). */
  acceptInbound(ports: PortSet, placement?: Placement & { established?: boolean }): TextEdit | undefined;
  /** Accept the server's TCP connections from `ports`. */
  acceptOutboundFrom(ports: PortSet, placement?: Placement): TextEdit | undefined;
  /** Accept every packet of a connection already made (ESTABLISHED, RELATED), inbound. */
  acceptEstablished(placement?: Placement): TextEdit | undefined;
  /**
   * Assign the FTP conntrack helper to control connections, before anything else sees them: to
   * `connect` where the rule runs before NAT (iptables' raw table), to `arrives` where after.
   */
  assignFtpHelper(port: ControlPorts): TextEdit | undefined;
  /**
   * Accept new TCP connections to `ports` through a service of their own, named `name` (firewalld:
   * a services/NAME.xml created beside the zones, named in the zone): the edits and the files they create.
   */
  acceptInboundAsService?(ports: PortSet, name: string, description: string): { edits: Record<string, TextEdit[]>; creates: string[] } | undefined;
  /** On a gateway: send new connections to `ports` on to `address` (a DNAT before routing); undefined where the front-end cannot. */
  forwardTo?(ports: PortSet, address: string): TextEdit | undefined;
  /**
   * On a gateway: let new connections to `ports` of `address` through FORWARD (`fromAddress`: the
   * connections `address` makes from `ports`, as a server's active data), before the rule on `beforeLine` when given.
   */
  forwardAccept?(ports: PortSet, address: string, placement?: Placement & { fromAddress?: boolean }): TextEdit | undefined;
  /** On a gateway: give connections from `address` the gateway's own address on their way out (MASQUERADE). */
  masqueradeFrom?(address: string): TextEdit | undefined;
  /**
   * The file an edit goes into, when it is not the firewall file itself (ufw: before.rules for the
   * helper and the nat table, user.rules for a route rule; firewalld: the clients' zone for a
   * gateway's edits, a policy file of its own for a FORWARD accept, which the edit creates).
   */
  fileOf?(intent: EditIntent): string | undefined;
  /** Make a rule of this file open `ports` (one range) instead of the range it opens now. */
  rewritePorts(rule: ModelRule, ports: PortSet): TextEdit | undefined;
  /** Move a rule of this file above the line given: the edits, or undefined when it cannot be moved as a line. */
  moveAbove(rule: ModelRule, line: number): TextEdit[] | undefined;
  /** Accept ICMPv6 (IPv6 neighbour discovery) where `drop` surely drops it: just before its rule, or at the end of the chain whose policy it is. */
  acceptNeighbourDiscovery?(drop: DiscoveryDropped, placement?: Placement): TextEdit | undefined;
  /**
   * Where the firewall keeps each address family's rules apart (ufw's user6.rules, a script's
   * ip6tables commands): the file that takes `family`'s rules and the intents that write them
   * there, undefined where it cannot write that family. Unset where every intent serves the
   * file's families alike (an nft inet table, a firewalld zone, rules.v6 for IPv6 alone).
   */
  inFamily?(family: AddressFamily): { path: string; intents: FirewallIntents } | undefined;
  /** The command that makes the same change, for front-ends edited through one (`ufw allow 40000:40100/tcp`). */
  commandFor?(intent: 'accept-inbound' | 'accept-outbound-from', ports: PortSet): string | undefined;
}

/**
 * Where a firewall writes the rules of `family`, and with which intents: the file that keeps that
 * family apart (`inFamily`), else its own file. Undefined where it cannot write that family.
 */
export function writerFor(firewall: { readonly path: string; readonly doc: { readonly intents: FirewallIntents } }, family: AddressFamily): { path: string; intents: FirewallIntents } | undefined {
  const { intents } = firewall.doc;
  return intents.inFamily ? intents.inFamily(family) : { path: firewall.path, intents };
}

/** Something in a firewall file whose effect on the rules is not known (a script's command built from an unknown value). */
export interface UnknownEffect {
  readonly path: string;
  readonly line: number;
  readonly why: string;
}

/** One way a firewall file can be loaded, when what it loads depends on what its files do not fix. */
export interface FirewallLoad {
  /** The firewall this way leaves for `family`, if it configures that family. */
  model(family: AddressFamily): FirewallModel | undefined;
}

/**
 * A firewall file as the engine and the host checks see it, whichever front-end reads it (an
 * iptables restore file or script, an nftables ruleset): the firewall it loads, and edits by intent.
 */
export interface FirewallFile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  /** The file's main family. */
  readonly family: AddressFamily;
  /** The firewall the file loads for `family` (the first way it runs, for a script), if it configures that family. */
  model(family: AddressFamily): FirewallModel | undefined;
  readonly intents: FirewallIntents;
  /**
   * What the front-end refuses (`refused`) or warns about only when it reads the host's files
   * together (firewalld: a zone's service that no file defines), where it is written.
   */
  readonly hostProblems?: ReadonlyArray<{
    readonly path: string; readonly range: Range; readonly message: string; readonly refused: boolean;
    /** Set when what is written is accepted and kept but never applies (a policy from a zone nothing is bound to). */
    readonly unused?: boolean;
    /** A correction in place of the range (the nearest name that exists). */
    readonly replacement?: { readonly title: string; readonly newText: string };
  }>;
  /** Where the firewall sets the host's forwarding (of either family) as it starts, after the sysctl files (firewalld turns it on; ufw applies its own sysctl file). */
  readonly setsForwarding?: readonly ForwardingSet[];
}

/**
 * Forwarding of one address family as a firewall sets it when it starts. `surely` is false where
 * it only may (ufw perhaps not enabled, an element whose effect ftpwall does not follow); `why`
 * then says on what it depends, as a clause: "firewalld turns it on if ...".
 */
export interface ForwardingSet {
  readonly family: AddressFamily;
  readonly on: boolean; readonly at: Location; readonly surely: boolean; readonly why: string;
  /** Whether it starts after systemd-sysctl, always (firewalld does); ufw's boot is not ordered with it. */
  readonly afterSysctlFiles: boolean;
}
