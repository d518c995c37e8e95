import type { FirewallModel, ModelChain } from './firewall-model.js';

/**
 * Several firewalls loaded on one host (iptables rules beside an nftables ruleset) as one: on
 * each hook the base chains of all of them in priority order, since the kernel runs every base
 * chain of a hook; a jump stays inside the firewall whose chain made it.
 */
export function combinedModel(models: readonly FirewallModel[]): FirewallModel | undefined {
  if (models.length <= 1) return models[0];
  const owners = new WeakMap<ModelChain, FirewallModel>();
  const own = (model: FirewallModel, chain: ModelChain) => { owners.set(chain, model); return chain; };
  return {
    family: models[0]!.family,
    unknowns: models.flatMap((m) => m.unknowns ?? []),
    baseChains(hook) {
      const chains = models.flatMap((model) => model.baseChains(hook).map((chain) => own(model, chain)));
      // A stable sort: chains of one priority keep the order they were loaded in.
      return chains.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
    },
    chain(from, name) {
      const model = owners.get(from);
      const chain = model?.chain(from, name);
      return model && chain ? own(model, chain) : undefined;
    },
    inboundChains: () => models.flatMap((m) => m.inboundChains().map((chain) => own(m, chain))),
    helperAssigningChains: () => models.flatMap((m) => m.helperAssigningChains()),
    untrackingChains: (hook) => models.flatMap((m) => m.untrackingChains?.(hook) ?? []),
    translatingChains: (hook) => models.flatMap((m) => m.translatingChains?.(hook) ?? []),
    *translations() { for (const m of models) yield* m.translations?.() ?? []; },
  };
}
