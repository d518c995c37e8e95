import type { Location } from '../languages/iptables/ruleset.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import type { PacketClass } from './packet.js';
import type { PortSet } from './port-set.js';

/** Where a rule matches a class of packets: for every client (`definite`), or only for some (`conditional`, with why). */
export interface RuleMatch { definite: PortSet; conditional: PortSet; reason?: string }

/** What a rule does with the packets it matches. */
export type RuleAction =
  | { kind: 'accept' }
  | { kind: 'drop' }
  | { kind: 'return' }
  | { kind: 'jump' | 'goto'; chain: string }
  /** Logs, marks, counts: the packet goes on to the next rule. */
  | { kind: 'continue' }
  /**
   * The packet leaves the rules to be accepted or dropped by something the files do not show (a
   * program reading a queue, SYNPROXY answering the handshake): `why` says what it depends on.
   */
  | { kind: 'elsewhere'; why: string };

/** How a rule meets IPv6 neighbour discovery: surely not at all, or every such packet. */
export type NeighbourDiscoveryMatch = 'misses' | 'all';

/** A rule as the engine walks it, whichever firewall wrote it. */
export interface ModelRule {
  /** Set where the front-end can tell how the rule meets IPv6 neighbour discovery; unset, it may match some of it. */
  readonly neighbourDiscovery?: NeighbourDiscoveryMatch | undefined;
  readonly where: Location;
  readonly action: RuleAction;
  /** Its verdict as the firewall's own file names it, for messages ("REJECT"). */
  readonly actionName: string | undefined;
  /** The chain it is in. */
  readonly chain: string;
  /** The front-end's own rule, for the findings and fixes that speak its language. */
  readonly source: unknown;
  match(packet: PacketClass): RuleMatch;
}

export interface ModelChain {
  readonly name: string;
  readonly rules: readonly ModelRule[];
  /** For a base chain: what happens to the packets no rule decides, and where that is said. */
  readonly policy: 'accept' | 'drop';
  readonly policyName: string;
  /** How a reason names the policy, when "INPUT policy DROP" would not say which chain it is (nftables names its own base chains). */
  readonly policyDescription?: string;
  readonly policyWhere: Location | undefined;
  /** For a base chain: where on its hook it runs (lower first); iptables' filter chains run at 0. */
  readonly priority?: number;
  /**
   * For a base chain that runs before connection tracking (iptables' raw table): a packet there
   * has no connection yet, so a rule on its state sees INVALID (UNTRACKED once a notrack exempted
   * it), and no helper made it.
   */
  readonly beforeTracking?: boolean;
  /**
   * For a base chain other than those the front-end adds rules to that let FTP in (iptables adds
   * them to the filter table; its raw, mangle and security chains drop too): no rule added there
   * gets a packet past a drop here.
   */
  readonly acceptsAddedElsewhere?: boolean;
}

/**
 * A chain whose rules carry a statement that acts before connection tracking decides (an FTP
 * helper assignment, a notrack, a DNAT): `picks` tells the rules that carry it. A walk starts at
 * the base chains and goes on into the chains `enter` leads to.
 */
export interface StatementChain {
  readonly rules: readonly ModelRule[];
  picks(rule: ModelRule): boolean;
  /** The chain a rule's jump or goto enters, walked as part of this one (when the front-end follows them). */
  enter?(rule: ModelRule): StatementChain | undefined;
  /** Where a picked rule sends the connection, for chains of DNAT and REDIRECT rules; undefined where the front-end cannot tell. */
  sendsTo?(rule: ModelRule): Destination | undefined;
  /**
   * The chain runs after the nat chains have translated the connection's first packet (an nft
   * chain on input, or on prerouting after priority dstnat), so its rules see the translated
   * port; iptables' raw table and nft chains before dstnat see the port the client used.
   */
  readonly seesTranslatedPort?: boolean;
}

/**
 * Where a DNAT or REDIRECT sends a connection. `address` is the one written (none: the
 * connection keeps its own, as REDIRECT and a port-only DNAT do); `ports` the port or range (none:
 * it keeps its port). `unread` says the rule sends it somewhere ftpwall does not read (a map, a
 * hash), with the words to say so.
 */
export interface Destination {
  readonly address?: string;
  readonly ports?: { readonly min: number; readonly max: number };
  readonly unread?: string;
}

/** An address translation rule: what it does, and whether it acts on connections coming in before routing (iptables' nat PREROUTING, an nft nat chain on prerouting). */
export interface Translation {
  readonly kind: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT';
  readonly prerouting: boolean;
  readonly rule: ModelRule;
  /** For DNAT and REDIRECT. */
  readonly to?: Destination;
}

/** Something in a firewall file whose effect the model does not know (an include of a file the host does not hold). */
export interface UnknownPart { readonly why: string; readonly where: Location }

/**
 * A firewall as the engine sees it, whichever front-end wrote it (an iptables file or script
 * lowers into it; nftables, firewalld and ufw will): per hook the base chains a packet must pass
 * in order, the chains rules jump to, and where the FTP helper is assigned.
 */
export interface FirewallModel {
  readonly family: AddressFamily;
  /**
   * Set where the model is made once for rules that never change afterwards (an edit makes a new
   * model), so what a walk met in its chains may be remembered with the model: a host checked
   * again after an edit that only moved lines meets the same rules, at their new lines.
   */
  readonly unchanging?: boolean;
  /** The base chains a packet passes on a hook, in order; each must let it through. */
  baseChains(hook: PacketClass['hook']): readonly ModelChain[];
  /** Every chain a packet coming in may pass (base chains on its way in, and the chains they can jump to): where rules open ports. */
  inboundChains(): readonly ModelChain[];
  /** The chain a rule of `from` names in a jump or goto, if it exists. */
  chain(from: ModelChain, name: string): ModelChain | undefined;
  /** The chains that may assign the FTP helper to a new connection coming in (before it is confirmed), and its rules that do. */
  helperAssigningChains(): readonly StatementChain[];
  /** The chains met on the hook before connection tracking, and their rules that exempt packets from it (none when absent). */
  untrackingChains?(hook: PacketClass['hook']): readonly StatementChain[];
  /**
   * The chains met on the hook before filtering that may send a connection elsewhere (DNAT,
   * REDIRECT), and their rules that do: the filter then sees other ports than the ones FTP uses.
   */
  translatingChains?(hook: PacketClass['hook']): readonly StatementChain[];
  /** Every address translation the firewall writes, one at a time (a kube-proxy nat table has tens of thousands, and a check may stop at the first). */
  translations?(): Iterable<Translation>;
  /** What the firewall loads that the model does not know: a verdict it could change is never stated as certain. */
  readonly unknowns?: readonly UnknownPart[];
  /**
   * Firewalls of one group write into the same tables (two iptables files: each iptables-restore
   * replaces the tables the other loaded), so the rules that stand are those of the one loaded last.
   */
  readonly exclusiveGroup?: string;
  /** Where loading this firewall removes every rule loaded before it (nft's `flush ruleset`): then the order the files are loaded in matters. */
  readonly replacesOthers?: Location;
  /** For a firewall made of several loaded together (iptables rules beside an nftables ruleset): each of them. */
  readonly parts?: readonly FirewallModel[];
}
