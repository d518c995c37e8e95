import { BUILTIN_CHAIN_NAMES } from './tables.js';
import type { Destination, FirewallModel, ModelChain, ModelRule, StatementChain, Translation } from '../../engine/firewall-model.js';
import type { PacketClass } from '../../engine/packet.js';
import { readNatPorts, readNatRange } from './catalogue/values.js';
import { targetOption, type RuleMeaning } from './rule-meaning.js';
import type { Chain, Location, Rule, Ruleset } from './ruleset.js';

const NOWHERE: Location = { path: '', line: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/**
 * Each chain's lowering is kept with the chain: a ruleset re-read after an edit shares the chains
 * the edit did not touch, and a chain is never changed once its ruleset is read.
 */
const lowered = new WeakMap<Chain, ModelChain>();
/** The table each lowered chain is in, for the chains its rules jump to. */
const tableOf = new WeakMap<ModelChain, string>();
function modelChain(chain: Chain): ModelChain {
  let model = lowered.get(chain);
  if (!model) {
    const { table } = chain;
    const filter = table === 'filter';
    model = {
      name: walkedName(table, chain.name),
      // The ruleset's rules are the engine's rules (see WalkableRule).
      rules: chain.rules,
      policy: chain.policy === 'DROP' ? 'drop' : 'accept',
      policyName: chain.policy,
      ...(filter ? {} : { policyDescription: `the ${table} table's ${chain.name} policy ${chain.policy}` }),
      policyWhere: chain.policyWhere ?? chain.declaredAt ?? NOWHERE,
      ...(runsBeforeTracking(table) ? { beforeTracking: true } : {}),
      ...(filter ? {} : { acceptsAddedElsewhere: true }),
    };
    lowered.set(chain, model);
    tableOf.set(model, table);
  }
  return model;
}

/** The raw table's chains run before connection tracking: a packet has no state there yet. */
export const runsBeforeTracking = (table: string): boolean => table === 'raw';

/**
 * The name a walk knows a chain by (what PacketOutcome.entered holds): the filter table's chains
 * by their own name, as reasons name them; another table's with the table ("mangle/PREROUTING").
 */
export function walkedName(table: string, chain: string): string {
  return table === 'filter' ? chain : `${table}/${chain}`;
}

const DROPPING_TABLES = new Set(['raw', 'mangle', 'filter', 'security']);

/**
 * Can a rule put into `chain` of `table` change a walk that went into the chains `entered` says?
 * A chain of the filter table or a user chain only when the walk went into it; a built-in chain
 * of raw, mangle or security always, since a walk leaves one out while nothing in it drops.
 */
export function ruleMayMeetWalk(table: string, chain: string, entered: (name: string) => boolean): boolean {
  if (!DROPPING_TABLES.has(table)) return false;
  return (table !== 'filter' && BUILTIN_CHAIN_NAMES.has(chain)) || entered(walkedName(table, chain));
}

/**
 * The built-in chains a packet passes on each hook, in the kernel's order, as [table, chain]
 * (nat is left out: it never drops, and ftpwall reads its translations on their own).
 */
const HOOK_CHAINS: Record<PacketClass['hook'], ReadonlyArray<readonly [string, string]>> = {
  INPUT: [['raw', 'PREROUTING'], ['mangle', 'PREROUTING'], ['mangle', 'INPUT'], ['filter', 'INPUT'], ['security', 'INPUT']],
  OUTPUT: [['raw', 'OUTPUT'], ['mangle', 'OUTPUT'], ['filter', 'OUTPUT'], ['security', 'OUTPUT'], ['mangle', 'POSTROUTING']],
  FORWARD: [['raw', 'PREROUTING'], ['mangle', 'PREROUTING'], ['mangle', 'FORWARD'], ['filter', 'FORWARD'], ['security', 'FORWARD'], ['mangle', 'POSTROUTING']],
};

/** A built-in chain of a table nothing was loaded into: empty, with its ACCEPT policy. */
const emptyChain = (name: string): ModelChain => ({ name, rules: [], policy: 'accept', policyName: 'ACCEPT (no rules loaded)', policyWhere: NOWHERE });

const models = new WeakMap<Ruleset, FirewallModel>();

/** Each nat chain's address translations, kept with the chain as its lowering is (see modelChain). */
const translated = new WeakMap<Chain, readonly Translation[]>();
function chainTranslations(chain: Chain, family: Ruleset['family']): readonly Translation[] {
  let found = translated.get(chain);
  if (!found) {
    const list: Translation[] = [];
    for (const rule of chain.rules) {
      const kind = rule.meaning.targetKnown ? rule.meaning.targetName : undefined;
      if (kind !== 'DNAT' && kind !== 'SNAT' && kind !== 'MASQUERADE' && kind !== 'REDIRECT') continue;
      const to = kind === 'DNAT' || kind === 'REDIRECT' ? destinationOf(rule.meaning, family) : undefined;
      list.push({ kind, prerouting: chain.name === 'PREROUTING', rule, ...(to ? { to } : {}) });
    }
    translated.set(chain, found = list);
  }
  return found;
}

/** The iptables firewall for `family` among the rulesets a file or a way of running it leaves, if any. */
export function modelOf(rulesets: readonly Ruleset[], family: Ruleset['family']): FirewallModel | undefined {
  const ruleset = rulesets.find((r) => r.family === family);
  return ruleset && iptablesModel(ruleset);
}

function assignsFtpHelper(meaning: RuleMeaning): boolean {
  const helper = targetOption(meaning, 'CT', 'helper');
  return helper === 'ftp' || !!helper?.startsWith('ftp-');
}

/** NOTRACK, or CT --notrack: the packet is never tracked (CT and NOTRACK let it go on to the next rule). */
const untracks = (meaning: RuleMeaning): boolean =>
  meaning.targetKnown && (meaning.targetName === 'NOTRACK' || (meaning.targetName === 'CT' && meaning.hasTargetOption('notrack')));

/** DNAT and REDIRECT send a connection to another address or port before the filter table sees it. */
const translatesDestination = (meaning: RuleMeaning): boolean => meaning.targetKnown && (meaning.targetName === 'DNAT' || meaning.targetName === 'REDIRECT');

/** The addresses a --to-destination names, without its ports: IPv6 addresses are bracketed where ports follow ("[2001:db8::1-2001:db8::9]:21"). */
function natAddressText(to: string, family: Ruleset['family']): string {
  if (to.startsWith('[')) return to.slice(0, to.lastIndexOf(']') + 1);
  return family === 'ipv6' ? to : to.split(':')[0]!;
}

/**
 * Where a DNAT (--to-destination) or REDIRECT (--to-ports; this host's address) sends the
 * connection, read as iptables reads it (`:021` is port 17).
 */
function destinationOf(meaning: RuleMeaning, family: Ruleset['family']): Destination | undefined {
  if (!meaning.targetKnown) return undefined;
  if (meaning.targetName === 'REDIRECT') {
    const ports = meaning.targetOptionValue('to-ports');
    if (ports === undefined) return {};
    const range = readNatPorts(ports, 'REDIRECT');
    return 'error' in range ? { unread: `which port of ${ports} the connection is sent to` } : { ports: range };
  }
  const to = targetOption(meaning, 'DNAT', 'to-destination');
  if (to === undefined) return undefined;
  const range = readNatRange(to, family, 'DNAT');
  if (range.error) return { unread: `where \`${to}\` sends the connection` };
  if (range.address === undefined) return { unread: `which address of ${natAddressText(to, family)} the connection is sent to` };
  const sent = { ...(range.address ? { address: range.address } : {}), ...(range.ports ? { ports: range.ports } : {}) };
  return sent.address || sent.ports ? sent : { unread: `where \`${to}\` sends the connection` };
}

/**
 * The built-in chain `builtIn` of a table met before filtering (raw, nat), with its jumps
 * followed into the table's user chains, when any rule of the table is one `picks` finds.
 */
function chainsBeforeFilter(ruleset: Ruleset, table: 'raw' | 'nat', builtIn: 'PREROUTING' | 'OUTPUT', picks: (rule: Rule) => boolean): StatementChain[] {
  const chains = ruleset.tables.get(table);
  const start = chains?.get(builtIn);
  if (!chains || !start || ![...chains.values()].some((chain) => chain.rules.some(picks))) return [];
  const statementChain = (chain: Chain): StatementChain => ({
    rules: chain.rules,
    picks: (rule) => picks(rule as Rule),
    ...(table === 'nat' ? { sendsTo: (rule: ModelRule) => destinationOf((rule as Rule).meaning, ruleset.family) } : {}),
    enter(rule) {
      const action = rule.action;
      const target = action.kind === 'jump' || action.kind === 'goto' ? chains.get(action.chain) : undefined;
      return target && !target.builtin ? statementChain(target) : undefined;
    },
  });
  return [statementChain(start)];
}

/**
 * The firewall an iptables ruleset makes, as the engine sees it: on each hook the built-in chains
 * of the tables that can drop (raw, mangle, filter, security) in the kernel's order, rules jumping
 * to their tables' user chains, and the raw table's CT and NOTRACK rules (which run before
 * connection tracking: they assign the FTP helper or exempt packets from tracking).
 */
export function iptablesModel(ruleset: Ruleset): FirewallModel {
  let model = models.get(ruleset);
  if (model) return model;
  let translations: readonly Translation[] | undefined;
  model = {
    family: ruleset.family,
    // A ruleset is not changed once read (an edit makes a new one, see Ruleset.rewritten), and it has one model.
    unchanging: true,
    exclusiveGroup: 'iptables',
    baseChains(hook) {
      // The filter chain is walked even when nothing was loaded into it; another table's only
      // where it can drop something (a rule, or a DROP policy).
      const chains: ModelChain[] = [];
      for (const [table, name] of HOOK_CHAINS[hook]) {
        const chain = ruleset.chain(table, name);
        if (table === 'filter') chains.push(chain ? modelChain(chain) : emptyChain(hook));
        else if (chain && (chain.rules.length > 0 || chain.policy === 'DROP')) chains.push(modelChain(chain));
      }
      return chains;
    },
    inboundChains() {
      // OUTPUT and FORWARD never see a packet coming in to this host.
      return [...(ruleset.tables.get('filter')?.values() ?? [])].filter((c) => c.name !== 'OUTPUT' && c.name !== 'FORWARD').map(modelChain);
    },
    chain(from, name) {
      const chain = ruleset.chain(tableOf.get(from) ?? 'filter', name);
      return chain ? modelChain(chain) : undefined;
    },
    helperAssigningChains: () => chainsBeforeFilter(ruleset, 'raw', 'PREROUTING', (rule) => assignsFtpHelper(rule.meaning)),
    untrackingChains: (hook) => chainsBeforeFilter(ruleset, 'raw', hook === 'INPUT' ? 'PREROUTING' : 'OUTPUT', (rule) => untracks(rule.meaning)),
    translations() {
      // A user chain nothing jumps to translates nothing (iptables/unused-chain says so of the file).
      if (translations) return translations;
      const reached = ruleset.chainsJumpedTo('nat');
      const all: Translation[] = [];
      for (const chain of ruleset.tables.get('nat')?.values() ?? []) {
        if (chain.builtin || reached.has(chain.name)) for (const t of chainTranslations(chain, ruleset.family)) all.push(t);
      }
      return translations = all;
    },
    translatingChains: (hook) => chainsBeforeFilter(ruleset, 'nat', hook === 'INPUT' ? 'PREROUTING' : 'OUTPUT', (rule) => translatesDestination(rule.meaning)),
  };
  models.set(ruleset, model);
  return model;
}
