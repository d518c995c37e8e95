import type { Location } from '../languages/iptables/ruleset.js';
import type { FirewallModel, ModelChain, ModelRule } from './firewall-model.js';

/** Where neighbour discovery is surely dropped: by what and where, the chain, and the rule (none for a policy). */
interface Drop { readonly by: string; readonly at: Location | undefined; readonly chain: string; readonly rule?: ModelRule }

/** What a chain surely does with neighbour discovery: accept it, drop it, or let it fall through (a user chain's end, RETURN). */
type Fate = { kind: 'accept' } | ({ kind: 'drop' } & Drop) | { kind: 'through' };

/** Where a host's IPv6 rules surely drop neighbour discovery: the hook, the rule's target or the chain's policy, its line, and its chain. */
export interface DiscoveryDropped extends Drop { readonly hook: 'INPUT' | 'OUTPUT' }

/**
 * Whether the IPv6 rules surely drop neighbour discovery (the ICMPv6 solicitations and
 * advertisements by which neighbours find each other's link addresses) in INPUT or OUTPUT: then
 * no IPv6 packet reaches the host or leaves it, whatever its TCP rules say. Undefined wherever
 * some rule may match it and ftpwall cannot tell how (the engine walks TCP), so only a certain
 * drop counts: a DROP policy that no rule before it could change, or a rule that takes everything.
 */
export function neighbourDiscoveryDropped(model: FirewallModel): DiscoveryDropped | undefined {
  for (const hook of ['INPUT', 'OUTPUT'] as const) {
    for (const chain of model.baseChains(hook)) {
      const fate = fateIn(model, chain, true, new Set());
      if (fate?.kind === 'drop') return { hook, by: fate.by, at: fate.at, chain: fate.chain, ...(fate.rule ? { rule: fate.rule } : {}) };
    }
  }
  return undefined;
}

function fateIn(model: FirewallModel, chain: ModelChain, base: boolean, entered: Set<ModelChain>): Fate | undefined {
  if (entered.has(chain)) return undefined;
  entered.add(chain);
  for (const rule of chain.rules) {
    const action = rule.action;
    // A log, a mark, a counter: whatever it matches, the packet goes on (ufw logs what its policy drops, with a rate limit).
    if (action.kind === 'continue') continue;
    const meets = rule.neighbourDiscovery;
    if (meets === 'misses') continue;
    if (meets !== 'all') return undefined;
    if (action.kind === 'accept') return { kind: 'accept' };
    if (action.kind === 'drop') return { kind: 'drop', by: rule.actionName ?? 'DROP', at: rule.where, chain: rule.chain, rule };
    if (action.kind === 'return') return base ? policyOf(chain) : { kind: 'through' };
    // What a queue's program or a proxy does with discovery is not in the files.
    if (action.kind === 'elsewhere') return undefined;
    const target = model.chain(chain, action.chain);
    const inner = target && fateIn(model, target, false, entered);
    if (!inner) return undefined;
    if (inner.kind !== 'through') return inner;
    if (action.kind === 'goto') return base ? policyOf(chain) : { kind: 'through' };
  }
  return base ? policyOf(chain) : { kind: 'through' };
}

function policyOf(chain: ModelChain): Fate {
  return chain.policy === 'accept' ? { kind: 'accept' } : { kind: 'drop', by: chain.policyDescription ?? `${chain.name}'s policy ${chain.policyName}`, at: chain.policyWhere, chain: chain.name };
}
