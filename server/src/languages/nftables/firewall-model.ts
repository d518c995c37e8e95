import { addConstraint, isLoopback, matchOf, NO_MATCH, portConstraint, type Constraint } from '../../engine/constraints.js';
import type { FirewallModel, ModelChain, ModelRule, RuleAction, RuleMatch, StatementChain, UnknownPart } from '../../engine/firewall-model.js';
import { fromClient, type PacketClass } from '../../engine/packet.js';
import { joinReasons } from '../../engine/reasons.js';
import { clientsInAddress, clientsOnInterface, serverInAddress } from '../../engine/client-side.js';
import type { AddressFamily } from '../iptables/syntax.js';
import { neighbourDiscoveryMatch } from './neighbour-discovery.js';
import type { Condition, RuleVerdict } from './rule.js';
import { ftpHelperSetBy, startsFromWorkingDirectory, type NftChain, type NftRule, type NftRuleset, type NftTable } from './ruleset.js';

/** The hooks a packet of the class passes on its way in or out, in the order it meets them. */
const HOOKS: Record<PacketClass['hook'], readonly string[]> = { INPUT: ['prerouting', 'input'], OUTPUT: ['output', 'postrouting'], FORWARD: ['prerouting', 'forward', 'postrouting'] };
/** Chain types that filter every packet (a nat chain sees only a connection's first). */
const FILTERING = new Set(['filter', 'route']);
/** Orders base chains of different hooks: a packet meets prerouting before input. */
const HOOK_SPAN = 1_000_000;

/** Where connection tracking runs on its hooks (NF_IP_PRI_CONNTRACK). */
const CONNTRACK_PRIORITY = -200;
/** Where destination NAT runs on prerouting (NF_IP_PRI_NAT_DST). */
const DSTNAT_PRIORITY = -100;

/** Does the chain run before conntrack on its hook (priority raw, -300)? Then a packet has no connection there: `ct state` sees invalid. */
const beforeTracking = (chain: NftChain): boolean =>
  !!chain.base && ['prerouting', 'output'].includes(chain.base.hook) && (chain.base.priority ?? 0) < CONNTRACK_PRIORITY;

/** A rule of an nftables chain as the engine walks it; a verdict map makes one per element. */
class NftModelRule implements ModelRule {
  readonly action: RuleAction;
  constructor(readonly rule: NftRule, private readonly conditions: readonly Condition[], readonly verdict: RuleVerdict | undefined) {
    this.action = actionOf(verdict);
  }
  get where() { return this.rule.where; }
  get chain() { return this.rule.chain.name; }
  get actionName() { return this.verdict?.written; }
  get source() { return this.rule; }
  get neighbourDiscovery() { return neighbourDiscoveryMatch(this.rule.reading, this.conditions, beforeTracking(this.rule.chain) ? 'INVALID' : 'UNTRACKED'); }
  match(packet: PacketClass): RuleMatch {
    return matchConditions(this.conditions, packet);
  }
}

function actionOf(verdict: RuleVerdict | undefined): RuleAction {
  if (!verdict) return { kind: 'continue' };
  if (verdict.kind === 'jump' || verdict.kind === 'goto') return { kind: verdict.kind, chain: verdict.chain!.kind === 'string' ? verdict.chain!.image.slice(1, -1) : verdict.chain!.image };
  if (verdict.kind === 'elsewhere') return { kind: 'elsewhere', why: verdict.onlyIf! };
  return { kind: verdict.kind };
}

/** Which of the packet class's ports the conditions let through, for every client or only for some. */
export function matchConditions(conditions: readonly Condition[], packet: PacketClass): RuleMatch {
  const constraints: Constraint[] = [];
  let reason: string | undefined;
  for (const c of conditions) {
    switch (c.kind) {
      case 'family': if (c.family !== packet.family) return NO_MATCH; break;
      case 'protocol': if (!c.tcp) return NO_MATCH; break;
      case 'icmpv6-type': return NO_MATCH;
      case 'port': if (!addConstraint(constraints, portConstraint(c.ports, c.negated, c.dimension, packet))) return NO_MATCH; break;
      case 'state': if (c.states.has(packet.state) === c.negated) return NO_MATCH; break;
      case 'translated': if ((c.dnat && !!packet.dnatted) === c.negated) return NO_MATCH; break;
      case 'helper': if ((packet.fromFtpHelper && c.ftp) === c.negated) return NO_MATCH; break;
      case 'interface': {
        const clientSide = (c.direction === 'in') === fromClient(packet);
        if (c.name === 'lo') { if (!c.negated) return NO_MATCH; break; }
        if (packet.hook === 'FORWARD' && !clientSide) {
          // The gateway's side toward the server: known from its .ftpwall.json, or a condition.
          if (packet.serverInterface !== undefined) { if ((packet.serverInterface === c.name) === c.negated) return NO_MATCH; break; }
          reason = joinReasons(reason, `only ${c.negated ? 'not ' : ''}${c.direction === 'out' ? 'out through' : 'in from'} interface ${c.name}`);
          break;
        }
        // A packet of one direction has no interface of the other: an iifname rule never matches going out.
        if (!clientSide) return NO_MATCH;
        const clients = clientsOnInterface(packet, c.name, c.negated);
        if (clients === 'none') return NO_MATCH;
        if (clients !== 'all') reason = joinReasons(reason, `only ${c.negated ? 'not ' : ''}on interface ${c.name}`);
        break;
      }
      case 'address': {
        const clientSide = (c.side === 'source') === fromClient(packet);
        // A set's elements are written joined in `value`, which no element reads as.
        const plain = c.values ? c.value : c.plain[0]!;
        // A prefix of length 0 is every address.
        if (c.plain.some((element) => element.endsWith('/0'))) { if (c.negated) return NO_MATCH; break; }
        if (clientSide && isLoopback(plain)) { if (!c.negated) return NO_MATCH; break; }
        const matched = anyElement(c.plain, c.negated, (element) => (clientSide ? clientsInAddress(packet, element, false) : serverInAddress(packet, element, false)));
        if (matched === 'none') return NO_MATCH;
        if (matched === 'all') break;
        const read = plain === c.value || plain.startsWith(`${c.value}/`) ? '' : ` (${plain})`;
        reason = joinReasons(reason, `only ${c.negated ? 'not ' : ''}${clientSide ? 'from' : 'to'} ${c.value}${read}`);
        break;
      }
      case 'maybe': reason = joinReasons(reason, c.reason); break;
    }
  }
  return matchOf(constraints, reason);
}

/**
 * A set's match from its elements' ('all', 'none' or not known): in the set when one element holds
 * every packet, outside when none holds any; `!=` turns that round.
 */
function anyElement(values: readonly string[], negated: boolean, each: (value: string) => 'all' | 'none' | undefined): 'all' | 'none' | undefined {
  const verdicts = values.map(each);
  const inside = verdicts.includes('all') ? 'all' : verdicts.every((v) => v === 'none') ? 'none' : undefined;
  if (inside === undefined || !negated) return inside;
  return inside === 'all' ? 'none' : 'all';
}

/** The engine's rules for one of the chain's rules: one, or one per element of its verdict map. */
function modelRules(rule: NftRule): ModelRule[] {
  const { reading } = rule;
  if (reading.problems.length) return [];
  if (!reading.verdictMap) return [new NftModelRule(rule, reading.conditions, reading.verdict)];
  return reading.verdictMap.map((entry) => new NftModelRule(rule, entry.condition ? [...reading.conditions, entry.condition] : [...reading.conditions, { kind: 'maybe', reason: 'depending on the verdict map' }], entry.verdict));
}

const isSourceTranslation = (rule: NftRule) => rule.reading.verdict?.written === 'snat' || rule.reading.verdict?.written === 'masquerade';

/** Why an include's files are not known: not held by the host, or named from the directory nft runs in (at boot, /). */
const unreadWhy = (pattern: string) => startsFromWorkingDirectory(pattern)
  ? `what ${pattern} names: nft looks for it from the directory it is started in (at boot, /), which the files do not say`
  : `what ${pattern} holds (ftpwall could not read it)`;

/** Statements that act before connection tracking decides, and how to tell a rule that carries one. */
const CARRIES = {
  helper: (rule: NftRule) => !!ftpHelperSetBy(rule) && !rule.reading.problems.length,
  notrack: (rule: NftRule) => !!rule.reading.notrack && !rule.reading.problems.length,
  translation: (rule: NftRule) => (rule.reading.verdict?.written === 'dnat' || rule.reading.verdict?.written === 'redirect') && !rule.reading.problems.length,
};
type CarriedStatement = keyof typeof CARRIES;

/**
 * Each chain's lowering, with the version of its rules it was made from, which statements of
 * CARRIES its rules carry, and whether any of them translates an address (dnat, redirect, snat, masquerade).
 */
const lowered = new WeakMap<NftChain, { version: number; model: ModelChain; carries: Record<CarriedStatement, boolean>; translates: boolean }>();

/** A chain's name as a verdict writes it (quoted or not). */
const unquotedName = (image: string) => image.replace(/^"(.*)"$/, '$1');

/** Does the table hold packets of this family? */
const holds = (table: NftTable, family: AddressFamily) => table.family === 'inet' || table.family === (family === 'ipv4' ? 'ip' : 'ip6');

/**
 * The firewall an nftables ruleset makes for one address family, as the engine sees it: the
 * filter and route base chains of its tables on the hooks a packet passes, by priority; jumps
 * within a table; the FTP helper wherever a `ct helper set` of an "ftp" object sees the first
 * packet of a connection coming in. Tables of the bridge, netdev and arp families, and includes
 * ftpwall could not read, are parts it does not know.
 */
export function nftablesModel(ruleset: NftRuleset, family: AddressFamily): FirewallModel | undefined {
  const tables = ruleset.tables.filter((t) => holds(t, family) && !t.dormant);
  if (tables.length === 0 && ruleset.unreadIncludes.length === 0) return undefined;
  const modelChain = (chain: NftChain): ModelChain => {
    // Kept with the chain across edits read in place (see reread.ts): only an edited chain is lowered again.
    const kept = lowered.get(chain);
    if (kept && kept.version === (chain.version ?? 0)) return kept.model;
    const hookOrder = chain.base ? Math.max(0, HOOKS.INPUT.indexOf(chain.base.hook), HOOKS.OUTPUT.indexOf(chain.base.hook)) : 0;
    const model: ModelChain = {
      name: `${chain.table.name}/${chain.name}`,
      rules: chain.rules.flatMap(modelRules),
      policy: chain.policy,
      policyName: chain.policy,
      policyDescription: `the policy ${chain.policy} of chain ${chain.name} (table ${chain.table.family} ${chain.table.name})`,
      policyWhere: chain.policyWhere ?? chain.declaredAt,
      priority: hookOrder * HOOK_SPAN + (chain.base?.priority ?? 0),
      ...(beforeTracking(chain) ? { beforeTracking: true } : {}),
    };
    const carries = { helper: chain.rules.some(CARRIES.helper), notrack: chain.rules.some(CARRIES.notrack), translation: chain.rules.some(CARRIES.translation) };
    lowered.set(chain, { version: chain.version ?? 0, model, carries, translates: carries.translation || chain.rules.some(isSourceTranslation) });
    return model;
  };
  const owners = new Map<ModelChain, NftChain>();
  const owned = (chain: NftChain) => { const model = modelChain(chain); owners.set(model, chain); return model; };
  const unknowns: UnknownPart[] = ruleset.unreadIncludes.map((u) => ({ why: unreadWhy(u.pattern), where: u.where }));
  for (const t of ruleset.tables) {
    if (t.family !== 'netdev' && t.family !== 'bridge') continue;
    const dropping = [...t.chains.values()].find((c) => c.base && (c.policy === 'drop' || c.rules.some((r) => r.reading.verdict?.kind === 'drop')));
    if (dropping) unknowns.push({ why: `the ${t.family} chain ${dropping.name}, which ftpwall does not follow`, where: dropping.declaredAt });
  }
  /** The base chains `on` picks and the chains they may jump or go to, within their tables. */
  const reachedFrom = (on: (chain: NftChain) => boolean): Set<NftChain> => {
    const reached = new Set(tables.flatMap((t) => [...t.chains.values()].filter((c) => c.base && on(c))));
    for (const chain of reached) {
      for (const rule of owned(chain).rules) {
        const action = rule.action;
        const target = action.kind === 'jump' || action.kind === 'goto' ? chain.table.chains.get(action.chain) : undefined;
        if (target && !target.base) reached.add(target);
      }
    }
    return reached;
  };
  /**
   * Of the chains a packet may pass from the base chains `on` picks, those whose rules carry a
   * statement `carries` finds, with those rules picked. Few chains carry one: they are found by
   * the mark their lowering keeps, and jumps are followed only when one of them is not a base chain.
   */
  const statementChains = (on: (chain: NftChain) => boolean, statement: CarriedStatement, atBase: (chain: NftChain) => Partial<StatementChain> = () => ({})): StatementChain[] => {
    const carrying = tables.flatMap((t) => [...t.chains.values()].filter((chain) => loweredMarks(chain)[statement]));
    if (carrying.length === 0) return [];
    const carries = CARRIES[statement];
    const picks = (rule: ModelRule) => carries((rule as NftModelRule).rule);
    const sendsTo = statement === 'translation' ? { sendsTo: (rule: ModelRule) => (rule as NftModelRule).rule.reading.sendsTo } : {};
    if (carrying.every((chain) => chain.base)) return carrying.filter(on).map((chain) => ({ rules: owned(chain).rules, picks, ...sendsTo, ...atBase(chain) }));
    // Some are regular chains: the walk starts at the base chains and follows their jumps and gotos (firewalld assigns the helper three jumps deep).
    const reached = reachedFrom(on);
    if (!carrying.some((chain) => reached.has(chain) || (chain.base && on(chain)))) return [];
    const walkable = new Map<NftChain, StatementChain>();
    const walk = (chain: NftChain): StatementChain => {
      let known = walkable.get(chain);
      if (!known) {
        known = {
          rules: owned(chain).rules, picks, ...sendsTo,
          enter(rule) {
            const action = rule.action;
            const target = action.kind === 'jump' || action.kind === 'goto' ? chain.table.chains.get(action.chain) : undefined;
            return target && !target.base ? walk(target) : undefined;
          },
        };
        walkable.set(chain, known);
      }
      return known;
    };
    return tables.flatMap((t) => [...t.chains.values()].filter((chain) => chain.base && on(chain))).map((chain) => ({ ...walk(chain), ...atBase(chain) }));
  };
  /** A walk asks for these chains once per packet class; the model's rules never change, so the answer is kept. */
  const kept = new Map<string, StatementChain[]>();
  const remembered = (key: string, find: () => StatementChain[]) => { let found = kept.get(key); if (!found) kept.set(key, found = find()); return found; };
  const lowering = (chain: NftChain) => { modelChain(chain); return lowered.get(chain)!; };
  const loweredMarks = (chain: NftChain) => lowering(chain).carries;
  return {
    family,
    ...(unknowns.length ? { unknowns } : {}),
    ...(ruleset.flushesRuleset ? { replacesOthers: ruleset.flushesRuleset } : {}),
    baseChains(hook) {
      const hooks = HOOKS[hook];
      const base = tables.flatMap((t) => [...t.chains.values()].filter((c) => c.base && FILTERING.has(c.base.type) && hooks.includes(c.base.hook)));
      return base.map(owned).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
    },
    inboundChains() {
      const inbound = (c: NftChain) => (c.base ? FILTERING.has(c.base.type) && HOOKS.INPUT.includes(c.base.hook) : true);
      return tables.flatMap((t) => [...t.chains.values()].filter(inbound).map(owned));
    },
    chain(from, name) {
      const table = owners.get(from)?.table;
      const target = table?.chains.get(name);
      return target && !target.base ? owned(target) : undefined;
    },
    helperAssigningChains() {
      // The helper must be set on the first packet of the connection, before it is confirmed: on its way in.
      // A chain after dstnat (input, or prerouting later than priority -100) sees the port a DNAT or REDIRECT sent the connection to.
      const seesTranslatedPort = (chain: NftChain) => chain.base!.hook === 'input' || (chain.base!.priority ?? 0) > DSTNAT_PRIORITY;
      return remembered('helper', () => statementChains((chain) => ['prerouting', 'input'].includes(chain.base!.hook), 'helper', (chain) => ({ seesTranslatedPort: seesTranslatedPort(chain) })));
    },
    untrackingChains(hook) {
      // Connection tracking runs at priority -200 of prerouting (coming in) and output (going out): a notrack after it changes nothing.
      const before = (chain: NftChain) => chain.base!.hook === (hook === 'INPUT' ? 'prerouting' : 'output') && (chain.base!.priority ?? -Infinity) < CONNTRACK_PRIORITY;
      return remembered(`notrack ${hook}`, () => statementChains(before, 'notrack'));
    },
    *translations() {
      // A chain no base chain reaches translates nothing: firewalld's zones that nothing is bound to have nat chains of their own.
      // Worked out only when a regular chain translates: following every jump of a large ruleset costs an edit's time.
      let reached: Set<NftChain> | undefined;
      const isReached = (chain: NftChain) => !!chain.base || (reached ??= reachedFrom(() => true)).has(chain);
      for (const t of tables) {
        // A regular chain acts on prerouting when a prerouting base chain jumps (or goes) to it,
        // directly or not; the jumps are followed only for a table that translates at all.
        let onPrerouting: Set<NftChain> | undefined;
        const reach = (chain: NftChain) => {
          if (onPrerouting!.has(chain)) return;
          onPrerouting!.add(chain);
          for (const rule of chain.rules) {
            const target = rule.reading.verdict?.chain && t.chains.get(unquotedName(rule.reading.verdict.chain.image));
            if (target && !target.base) reach(target);
          }
        };
        const prerouting = () => {
          if (!onPrerouting) { onPrerouting = new Set(); for (const chain of t.chains.values()) if (chain.base?.hook === 'prerouting') reach(chain); }
          return onPrerouting;
        };
        for (const chain of t.chains.values()) {
          if (!lowering(chain).translates || !isReached(chain)) continue;
          for (const rule of owned(chain).rules) {
            const written = (rule as NftModelRule).verdict?.written;
            const kind = written === 'dnat' ? 'DNAT' : written === 'snat' ? 'SNAT' : written === 'masquerade' ? 'MASQUERADE' : written === 'redirect' ? 'REDIRECT' : undefined;
            const to = kind === 'DNAT' || kind === 'REDIRECT' ? (rule as NftModelRule).rule.reading.sendsTo : undefined;
            if (kind) yield { kind, prerouting: prerouting().has(chain), rule, ...(to ? { to } : {}) };
          }
        }
      }
    },
    translatingChains(hook) {
      // A nat chain sees a connection's first packet on its way in (prerouting) or out (output), before the filter chains of input and output.
      const nat = (chain: NftChain) => chain.base!.type === 'nat' && chain.base!.hook === (hook === 'INPUT' ? 'prerouting' : 'output');
      return remembered(`translation ${hook}`, () => statementChains(nat, 'translation'));
    },
  };
}
