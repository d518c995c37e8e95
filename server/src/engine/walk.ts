import type { Location } from '../languages/iptables/ruleset.js';
import type { FirewallModel, ModelChain, ModelRule } from './firewall-model.js';
import { joinReasons } from './reasons.js';
import type { PacketClass } from './packet.js';
import { PortSet } from './port-set.js';
import { RemainingPorts } from './remaining-ports.js';

export type Verdict = 'accept' | 'drop';

/** Ports a rule (or a policy) decided, in the order the kernel meets them. */
export interface Decision {
  ports: PortSet;
  verdict: Verdict;
  /** The rule, or the chain whose policy decided. */
  where: Location;
  rule?: ModelRule;
  policy?: string;
  /** Set when the rule matches only some clients (then the decision is not final for the others). */
  onlyIf?: string;
  /** For a decision made in a chain the walk jumped to: the rule of the base chain where it began that made the jump. */
  via?: ModelRule;
  /** Made in a base chain no rule added to let FTP in applies to (ModelChain.acceptsAddedElsewhere). */
  beyondFix?: boolean;
}

/**
 * The rule of the chain the walk began in that a decision stands for: the rule that made it, or
 * the jump that led to it. A rule must come before this one to be met first (put before the DROP
 * inside the jumped-to chain, it would still come after the jump).
 */
export function ruleMet(decision: Decision): ModelRule | undefined {
  return decision.via ?? decision.rule;
}

/**
 * Does a chain that rules added to let FTP in do not apply to (iptables' raw, mangle or security)
 * drop some of these packets for every client? Then a fix that adds such a rule would not work.
 */
export function droppedBeyondFix(outcomes: readonly PacketOutcome[]): boolean {
  return outcomes.some((o) => o.decisions.some((d) => d.beyondFix && d.verdict === 'drop' && !d.onlyIf));
}

/** Where ruleMet is written. */
export function decidedAt(decision: Decision): Location | undefined {
  return ruleMet(decision)?.where;
}

/** The outcome for every port of the class: open for all, blocked for all, or open only in some cases (for some clients). */
export interface PacketOutcome {
  packet: PacketClass;
  open: PortSet;
  blocked: PortSet;
  conditional: Array<{ ports: PortSet; reason: string; where: Location }>;
  decisions: Decision[];
  /** The chains the walk went into: a rule anywhere else cannot change this outcome. */
  entered: ReadonlySet<string>;
}

const MAX_DEPTH = 64;
const NOWHERE: Location = { path: '', line: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

interface ChainResult { decisions: Decision[]; returned: PortSet }

/**
 * Rules met in one evaluation, at most. Chains whose jumps branch on the client (a jump per
 * source network, four chains deep) have more ways through than any walk can follow; past this
 * many rules a jump is not followed, and what it would decide is left to depend on the client.
 */
const MAX_RULES_MET = 500_000;

/** What one evaluation keeps while it walks: the chains already walked (see walkChain) and the rules it may still meet. */
interface WalkState { walked: Map<string, PortSet>; rulesLeft: number; entered: Set<string> }

/** Walks a chain for the given ports; jumps, gotos and returns as the kernel follows them. */
function walkChain(model: FirewallModel, chain: ModelChain, packet: PacketClass, ports: PortSet, onlyIf: string | undefined, stack: string[], walk: WalkState, from = 0): ChainResult {
  const chainName = chain.name;
  const decisions: Decision[] = [];
  if (stack.includes(chainName) || stack.length > MAX_DEPTH) return { decisions, returned: ports };
  walk.entered.add(chainName);
  // The same chain walked again for the same ports, from the same place, decides exactly what it
  // decided the first time: those decisions are already made, and only what comes back is needed.
  // Without this, chains that jump to chains that jump (30 jumps, 4 deep) are walked 30^4 times.
  const key = `${stack.join('\u0000')}\u0001${chainName}\u0001${from}\u0001${onlyIf ?? ''}\u0001${ports.ranges.join(';')}`;
  const seen = walk.walked.get(key);
  if (seen) return { decisions, returned: seen };
  const inner = [...stack, chainName];
  const remaining = new RemainingPorts(ports);
  const returned: PortSet[] = [];
  const rules = chain.rules;
  for (let index = from; index < rules.length; index++) {
    const rule = rules[index]!;
    if (remaining.isEmpty) break;
    walk.rulesLeft--;
    const match = rule.match(packet);
    const definite = remaining.within(match.definite);
    const maybe = remaining.within(match.conditional);
    if (definite.isEmpty && maybe.isEmpty) continue;
    const reason = joinReasons(onlyIf, match.reason);
    const { action } = rule;
    const target = action.kind === 'jump' || action.kind === 'goto' ? model.chain(chain, action.chain) : undefined;
    if (action.kind === 'accept' || action.kind === 'drop') {
      if (!definite.isEmpty) decisions.push({ ports: definite, verdict: action.kind, where: rule.where, rule, ...(onlyIf ? { onlyIf } : {}) });
      if (!maybe.isEmpty) decisions.push({ ports: maybe, verdict: action.kind, where: rule.where, rule, onlyIf: reason! });
      if (!onlyIf) remaining.remove(definite);
    } else if (action.kind === 'elsewhere') {
      // Accepted or dropped by what the files do not show: either verdict, for every port it
      // takes. The walk goes on so that a final decision is found for the two to contradict.
      for (const [part, why] of [[definite, onlyIf], [maybe, reason]] as const) {
        if (part.isEmpty) continue;
        const unknown = joinReasons(why, action.why)!;
        for (const verdict of ['accept', 'drop'] as const) decisions.push({ ports: part, verdict, where: rule.where, rule, onlyIf: unknown });
      }
    } else if (action.kind === 'return') {
      if (onlyIf) continue;
      returned.push(definite);
      remaining.remove(definite);
      if (maybe.isEmpty) continue;
      // Returned for some clients only: the caller goes on with them, and the rest of this chain
      // still decides for the others.
      returned.push(maybe);
      remaining.remove(maybe);
      const unless = `unless ${match.reason ?? 'the RETURN'} at ${rule.where.path.split('/').pop()}:${rule.where.line + 1} applies`;
      for (const d of walkChain(model, chain, packet, maybe, unless, stack, walk, index + 1).decisions) decisions.push(d);
    } else if (target) {
      const goto = action.kind === 'goto';
      // The decisions of a walk are its own objects: the jump that led to them is marked on them.
      const jumped = (d: Decision) => { if (stack.length === 0) d.via ??= rule; decisions.push(d); };
      if (walk.rulesLeft <= 0) {
        // Not followed: the packets go on as if the chain returned them, and its verdict is left to depend on the client, either way.
        for (const [part, why] of [[definite, onlyIf], [maybe, reason]] as const) {
          if (part.isEmpty) continue;
          const unknown = joinReasons(why, `depending on ${target.name}, past the ${MAX_RULES_MET.toLocaleString('en')} rules ftpwall follows through jumps`)!;
          for (const verdict of ['accept', 'drop'] as const) jumped({ ports: part, verdict, where: rule.where, rule, onlyIf: unknown });
        }
        continue;
      }
      if (!definite.isEmpty) {
        const sub = walkChain(model, target, packet, definite, onlyIf, inner, walk);
        for (const d of sub.decisions) jumped(d);
        if (!onlyIf) {
          remaining.remove(goto ? definite : definite.minus(sub.returned));
          if (goto) returned.push(sub.returned);
        }
      }
      if (!maybe.isEmpty) for (const d of walkChain(model, target, packet, maybe, reason, inner, walk).decisions) jumped(d);
    }
  // Anything else (LOG, NFLOG, MARK, ...) lets the packet go on to the next rule.
  }
  returned.push(remaining.toPortSet());
  const result = { decisions, returned: PortSet.unionOf(returned) };
  walk.walked.set(key, result.returned);
  return result;
}

/**
 * Evaluates a packet class for every port in `ports` through the base chains of its hook: a port
 * is open when every base chain lets it through (an accept ends only its own chain) and blocked
 * when any drops it.
 */
export function evaluate(model: FirewallModel, packet: PacketClass, ports: PortSet): PacketOutcome {
  // The base chain is walked even when nothing was loaded into it.
  const entered = new Set<string>([packet.hook]);
  const parts = model.baseChains(packet.hook).map((chain) => evaluateChain(model, chain, packet, ports, entered));
  if (parts.length === 1) return { packet, ...parts[0]!, entered };
  const open = parts.reduce((all, part) => all.intersect(part.open), ports);
  const blocked = PortSet.unionOf(parts.map((part) => part.blocked));
  return { packet, open: open.minus(blocked), blocked, conditional: parts.flatMap((part) => part.conditional), decisions: parts.flatMap((part) => part.decisions), entered };
}

/** The packet as a chain before connection tracking sees it: no state yet, no helper, no NAT. Made once per packet class. */
const untrackedViews = new WeakMap<PacketClass, PacketClass>();
function beforeTracking(packet: PacketClass): PacketClass {
  let view = untrackedViews.get(packet);
  if (!view) untrackedViews.set(packet, view = { ...packet, state: packet.state === 'UNTRACKED' ? 'UNTRACKED' : 'INVALID', fromFtpHelper: false, dnatted: false });
  return view;
}

/** One base chain's outcome for the packet class, as if it were the only one. */
function evaluateChain(model: FirewallModel, chain: ModelChain, packet: PacketClass, ports: PortSet, entered: Set<string>): Omit<PacketOutcome, 'packet' | 'entered'> {
  const seen = chain.beforeTracking ? beforeTracking(packet) : packet;
  const result = walkChain(model, chain, seen, ports, undefined, [], { walked: new Map(), rulesLeft: MAX_RULES_MET, entered });
  const decisions = [...result.decisions];
  if (!result.returned.isEmpty) {
    decisions.push({ ports: result.returned, verdict: chain.policy, where: chain.policyWhere ?? NOWHERE, policy: chain.policyDescription ?? `${packet.hook} policy ${chain.policyName}` });
  }
  if (chain.acceptsAddedElsewhere) for (const d of decisions) d.beyondFix = true;
  // Gathered and joined once: a chain of thousands of single-port rules would otherwise cost the square of its length.
  const opened: PortSet[] = [], dropped: PortSet[] = [];
  for (const d of decisions) if (!d.onlyIf) (d.verdict === 'accept' ? opened : dropped).push(d.ports);
  const open = PortSet.unionOf(opened), blocked = PortSet.unionOf(dropped);
  // A conditional decision before the final one makes that port's outcome depend on the client.
  const conditional: PacketOutcome['conditional'] = [];
  for (const d of decisions) {
    if (!d.onlyIf) continue;
    const flips = d.verdict === 'accept' ? d.ports.intersect(blocked) : d.ports.intersect(open);
    if (flips.isEmpty) continue;
    conditional.push({ ports: flips, reason: d.verdict === 'accept' ? `open ${d.onlyIf}` : `blocked ${d.onlyIf}`, where: d.where });
  }
  const uncertain = PortSet.unionOf(conditional.map((c) => c.ports));
  return { open: open.minus(uncertain), blocked: blocked.minus(uncertain), conditional, decisions };
}
