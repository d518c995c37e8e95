import type { Location } from '../languages/iptables/ruleset.js';
import type { Destination, FirewallModel, ModelRule, StatementChain } from './firewall-model.js';
import { newInbound } from './constraints.js';
import type { PacketClass } from './packet.js';
import type { ClientSide } from './client-side.js';
import { PortSet } from './port-set.js';
import { evaluate, type PacketOutcome } from './walk.js';

/** The ports for which a packet surely meets a statement (an FTP helper assignment, a notrack), and those for which it only may. */
export interface PortsMet {
  surely: PortSet; maybe: PortSet; where: Location[];
  /** The first rule met surely, in the chain that holds it (for one port: the translation that applies), and whether a rule may have been met before it. */
  first?: { rule: ModelRule; chain: StatementChain; perhapsBefore: boolean };
  /** Whether some rule was only perhaps met and none surely. */
  onlyPerhaps?: boolean;
}

const NOTHING_MET: PortsMet = { surely: PortSet.EMPTY, maybe: PortSet.EMPTY, where: [] };

/** How deep jumps are followed; deeper chains are taken as perhaps reached. */
const MAX_DEPTH = 16;

/**
 * Walks one chain's rules in order for a packet class: a port is met surely when every earlier
 * rule surely lets the packet on and the statement's rule surely matches it; it is met perhaps
 * when an earlier rule may end the chain first (an accept for some clients, a jump into a chain
 * that may decide) or the rule matches only some clients. `sure` and `perhaps` are the ports that
 * surely, or perhaps, reach the chain's first rule. Jumps are followed where the chain says where
 * they lead.
 */
function metInChain(chain: StatementChain, packet: PacketClass, sure: PortSet, perhaps: PortSet, depth: number): PortsMet & { back: PortSet } {
  let surely = PortSet.EMPTY, maybe = PortSet.EMPTY;
  /** Ports that surely leave the chain to its caller (a RETURN, a goto's chain giving them back). */
  let back = PortSet.EMPTY;
  const where: Location[] = [];
  let first: PortsMet['first'];
  let perhapsBefore = false;
  for (const rule of chain.rules) {
    if (sure.isEmpty && perhaps.isEmpty) break;
    const kind = rule.action.kind;
    const picked = chain.picks(rule);
    if (!picked && kind === 'continue') continue;
    const match = rule.match(packet);
    const any = match.definite.union(match.conditional);
    if (picked) {
      const metSurely = match.definite.intersect(sure);
      const metPerhaps = any.intersect(sure.union(perhaps)).minus(metSurely);
      if (!metSurely.isEmpty || !metPerhaps.isEmpty) where.push(rule.where);
      if (!first && !metSurely.isEmpty) first = { rule, chain, perhapsBefore };
      if (!metPerhaps.isEmpty) perhapsBefore = true;
      surely = surely.union(metSurely);
      maybe = maybe.union(metPerhaps);
    }
    if (kind === 'continue') continue;
    const target = kind === 'jump' || kind === 'goto' ? chain.enter?.(rule) : undefined;
    let cameBack = PortSet.EMPTY;
    if (target && !any.isEmpty) {
      const deep = depth >= MAX_DEPTH;
      const enteringSurely = deep ? PortSet.EMPTY : sure.intersect(match.definite);
      const enteringPerhaps = perhaps.intersect(any).union(sure.intersect(deep ? any : match.conditional));
      const inner = metInChain(target, packet, enteringSurely, enteringPerhaps, depth + 1);
      if (!first && inner.first) first = { ...inner.first, perhapsBefore: perhapsBefore || inner.first.perhapsBefore };
      if (!inner.maybe.isEmpty) perhapsBefore = true;
      surely = surely.union(inner.surely);
      maybe = maybe.union(inner.maybe);
      where.push(...inner.where);
      // What the entered chain surely gives back goes on here after a jump, and to this chain's caller after a goto.
      if (kind === 'jump') cameBack = inner.back; else back = back.union(inner.back);
    }
    if (kind === 'return') back = back.union(sure.intersect(match.definite));
    // A jump comes back unless the chain it enters decides; every other verdict ends the chain.
    const ends = kind === 'jump' ? PortSet.EMPTY : match.definite;
    perhaps = perhaps.minus(ends).union(sure.intersect(any.minus(ends)));
    sure = sure.minus(any).union(cameBack);
  }
  // Ports still surely here at the end fall off it, back to the caller.
  return { surely, maybe: maybe.minus(surely), where, back: back.union(sure), ...(first ? { first } : {}), ...(perhapsBefore && !first ? { onlyPerhaps: true } : {}) };
}

/** What the chains met before connection tracking do to a packet class, all of them together. */
function metInChains(chains: readonly StatementChain[], packet: PacketClass, ports: PortSet): PortsMet {
  if (chains.length === 0) return NOTHING_MET;
  let surely = PortSet.EMPTY, maybe = PortSet.EMPTY;
  const where: Location[] = [];
  let first: PortsMet['first'];
  for (const chain of chains) {
    const met = metInChain(chain, packet, ports, PortSet.EMPTY, 0);
    surely = surely.union(met.surely);
    maybe = maybe.union(met.maybe);
    where.push(...met.where);
    first ??= met.first;
  }
  return { surely, maybe: maybe.minus(surely), where, ...(first ? { first } : {}) };
}

/** The chains met before connection tracking that a walk goes through: which kind, on which hook. */
type BeforeTracking = `${'translating' | 'untracking'} ${PacketClass['hook']}` | 'helper, port before NAT' | 'helper, port after NAT';

/**
 * What earlier walks of an unchanging model met, by what they were asked. Kept as rules and
 * locations, never as words: a location follows its line when the line moves, and the reasons
 * that quote it are worded from it afresh. A model's host asks a few dozen questions at most.
 */
const remembered = new WeakMap<FirewallModel, Map<string, PortsMet>>();
const MAX_REMEMBERED = 256;

/** Everything of a packet class that its match against a rule can depend on (its label is only words). */
const packetKey = (p: PacketClass) => [p.family, p.hook, p.toward, p.state, p.syn, p.fromFtpHelper, p.varying, p.other.key(), p.clients?.network, p.clients?.network6, p.clients?.interface, p.serverAddresses?.join(','), p.serverInterface, p.dnatted].join('|');

function metBeforeTracking(model: FirewallModel, kind: BeforeTracking, chains: () => readonly StatementChain[], packet: PacketClass, ports: PortSet): PortsMet {
  if (!model.unchanging) return metInChains(chains(), packet, ports);
  let known = remembered.get(model);
  if (!known) remembered.set(model, (known = new Map()));
  const key = `${kind}|${packetKey(packet)}|${ports.key()}`;
  const hit = known.get(key);
  if (hit) return hit;
  const met = metInChains(chains(), packet, ports);
  Object.freeze(met.where);
  if (known.size < MAX_REMEMBERED) known.set(key, met);
  return met;
}

/** The ports of a new connection coming in that a DNAT or REDIRECT of the nat chains before filtering surely, or perhaps, sends elsewhere. */
export function translatedPorts(model: FirewallModel, packet: PacketClass, ports: PortSet): PortsMet {
  return metBeforeTracking(model, 'translating INPUT', () => model.translatingChains?.('INPUT') ?? [], packet, ports);
}

/** The ports of a packet class that a notrack (iptables' NOTRACK or CT --notrack, nft's notrack) exempts from connection tracking. */
export function untrackedPorts(model: FirewallModel, packet: PacketClass, ports: PortSet): PortsMet {
  return metBeforeTracking(model, `untracking ${packet.hook}`, () => model.untrackingChains?.(packet.hook) ?? [], packet, ports);
}

/**
 * The destination ports a new connection coming in is assigned the FTP helper for, surely or
 * perhaps: `before` by the chains that see the port the client used, `after` by those that see
 * the port a DNAT or REDIRECT sent it to.
 */
export function helperAssignedPorts(model: FirewallModel, ports: PortSet, clients?: ClientSide): { before: PortsMet; after: PortsMet } {
  const packet = newInbound(model.family, clients);
  const chains = (translated: boolean) => () => model.helperAssigningChains().filter((c) => !!c.seesTranslatedPort === translated);
  return { before: metBeforeTracking(model, 'helper, port before NAT', chains(false), packet, ports), after: metBeforeTracking(model, 'helper, port after NAT', chains(true), packet, ports) };
}

/**
 * Where a new connection to `port` arrives after the nat chains: `unchanged`, `moved` to a port
 * of this host (REDIRECT, a DNAT to one of `ownAddresses` or to a port alone), `away` to another
 * address (it never reaches this host's server), or `unsure`, with why.
 */
export type Arrival =
  | { kind: 'unchanged' }
  /** `address`: the one a DNAT wrote, where it changes the address the client used. */
  | { kind: 'moved'; port: number; rule: ModelRule; address?: string }
  | { kind: 'away'; address: string; rule: ModelRule }
  | { kind: 'unsure'; why: string; where: Location };

export function arrivalOf(model: FirewallModel, first: PacketClass, port: number, ownAddresses: readonly string[]): Arrival {
  const met = metBeforeTracking(model, `translating ${first.hook}`, () => model.translatingChains?.(first.hook) ?? [], first, PortSet.range(port, port));
  const [firstWhere] = met.where;
  if (!firstWhere) return { kind: 'unchanged' };
  const at = named(firstWhere);
  if (!met.first || met.first.perhapsBefore) return { kind: 'unsure', why: `whether the address translation at ${at} applies: it, or a rule before it, matches only some connections`, where: firstWhere };
  const { rule, chain } = met.first;
  const to: Destination | undefined = chain.sendsTo?.(rule);
  const here = named(rule.where);
  if (!to || to.unread) return { kind: 'unsure', why: `${to?.unread ?? 'where the address translation sends the connection'} (${here}): ftpwall does not follow it`, where: rule.where };
  if (to.ports && to.ports.min !== to.ports.max) return { kind: 'unsure', why: `which port of ${to.ports.min}-${to.ports.max} the translation at ${here} sends the connection to`, where: rule.where };
  const moved: Arrival = { kind: 'moved', port: to.ports?.min ?? port, rule, ...(to.address !== undefined ? { address: to.address } : {}) };
  if (to.address === undefined || ownAddresses.includes(to.address)) return moved;
  if (ownAddresses.length > 0) return { kind: 'away', address: to.address, rule };
  return { kind: 'unsure', why: `whether ${to.address}, where the translation at ${here} sends the connection, is this host's own address (say so in .ftpwall.json's "addresses")`, where: rule.where };
}

/**
 * A packet class's outcome where two ways are possible for `both` (the packets tracked or not,
 * RELATED through the helper or NEW): a port is open or blocked only where both ways agree, and
 * depends on `why` where they differ. `first` covers its ports, `second` its own.
 */
export function eitherOutcome(first: PacketOutcome, second: PacketOutcome, both: PortSet, why: string, where: Location): PacketOutcome {
  const agreed = (a: PortSet, b: PortSet) => a.minus(both).union(b.minus(both)).union(a.intersect(b).intersect(both));
  const open = agreed(first.open, second.open);
  const blocked = agreed(first.blocked, second.blocked);
  const differing = both.minus(open).minus(blocked).minus(PortSet.unionOf([...first.conditional, ...second.conditional].map((c) => c.ports)));
  const conditional = [...first.conditional, ...second.conditional];
  if (!differing.isEmpty) conditional.push({ ports: differing, reason: `depending on ${why}`, where });
  return { packet: first.packet, open, blocked, conditional, decisions: [...first.decisions, ...second.decisions], entered: new Set([...first.entered, ...second.entered]) };
}

/**
 * The outcome of a packet class through the filter chains, with what connection tracking does
 * before them: ports a notrack exempts are evaluated as untracked packets (no state but UNTRACKED
 * matches them, and the helper never made them RELATED), and where a notrack only may exempt
 * them, it depends on that.
 */
export function evaluatePacket(model: FirewallModel, packet: PacketClass, ports: PortSet): PacketOutcome {
  const untracked = untrackedPorts(model, packet, ports);
  if (untracked.surely.isEmpty && untracked.maybe.isEmpty) return evaluate(model, packet, ports);
  const asUntracked = evaluate(model, { ...packet, state: 'UNTRACKED', fromFtpHelper: false, label: `${packet.label}, untracked` }, untracked.surely.union(untracked.maybe));
  const asTracked = evaluate(model, packet, ports.minus(untracked.surely));
  const [where] = untracked.where;
  return eitherOutcome(asTracked, asUntracked, untracked.maybe, `whether the notrack at ${named(where!)} exempts these packets from connection tracking`, where!);
}

/**
 * The outcomes of a connection's packet classes where a DNAT or REDIRECT may send it elsewhere:
 * a nat chain sees the connection's `first` packet, and every later one is translated as it was.
 * ftpwall does not follow address translation, so it states nothing certain for those ports.
 */
export function withTranslation(model: FirewallModel, first: PacketClass, ports: PortSet, outcomes: PacketOutcome[]): PacketOutcome[] {
  const translated = metBeforeTracking(model, `translating ${first.hook}`, () => model.translatingChains?.(first.hook) ?? [], first, ports);
  const moved = translated.surely.union(translated.maybe);
  if (moved.isEmpty) return outcomes;
  const [where] = translated.where;
  const reason = `depending on where the address translation at ${named(where!)} sends the connection (ftpwall does not follow it)`;
  return outcomes.map((outcome) => ({ ...outcome, open: outcome.open.minus(moved), blocked: outcome.blocked.minus(moved), conditional: [...outcome.conditional, { ports: moved, reason, where: where! }] }));
}

const named = (where: Location) => `${where.path.split('/').pop()}:${where.line + 1}`;
