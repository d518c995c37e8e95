import { discoveryCoverage, type DiscoveryCoverage } from '../../engine/discovery-types.js';
import type { NeighbourDiscoveryMatch } from '../../engine/firewall-model.js';
import type { Condition, ReadRule } from './rule.js';

/**
 * Does the condition surely let no neighbour discovery packet through? Those are ICMPv6,
 * IPv6, UNTRACKED by conntrack (INVALID before it runs: `stateThere`), so no helper and no
 * translation, and never on loopback.
 */
function excludesNeighbourDiscovery(condition: Condition, stateThere: 'INVALID' | 'UNTRACKED'): boolean {
  switch (condition.kind) {
    case 'family': return condition.family === 'ipv4';
    case 'protocol': return !condition.icmpv6;
    case 'state': return condition.states.has(stateThere) === condition.negated;
    case 'translated': case 'helper': return !condition.negated;
    case 'interface': return condition.name === 'lo' && !condition.negated;
    default: return false;
  }
}

/** Does the condition let every neighbour discovery packet through (it asks only what all of them are)? */
function passesAllNeighbourDiscovery(condition: Condition, stateThere: 'INVALID' | 'UNTRACKED'): boolean {
  switch (condition.kind) {
    case 'family': return condition.family === 'ipv6';
    case 'protocol': return condition.icmpv6;
    case 'state': return condition.states.has(stateThere) !== condition.negated;
    case 'icmpv6-type': return true;
    default: return false;
  }
}

/** Which discovery messages the rule's `icmpv6 type` matches take, together. */
function typeCoverage(conditions: readonly Condition[]): DiscoveryCoverage {
  const typeMatches = conditions.flatMap((c) => (c.kind === 'icmpv6-type' ? [c] : []));
  return discoveryCoverage((type) => typeMatches.every((c) => c.types.some(([low, high]) => low <= type && type <= high) !== c.negated));
}

/**
 * How an nftables rule (one reading of it: a verdict map's element has its own conditions) meets
 * IPv6 neighbour discovery: 'misses' where a condition surely excludes it (ICMPv6 types none of
 * which is discovery's among them); 'all' where every condition takes all of it (none at all, the
 * family, ICMPv6, types that include all of discovery's), with no verdict map and a verdict that
 * holds for every packet; undefined where it may match some of it.
 */
export function neighbourDiscoveryMatch(reading: ReadRule, conditions: readonly Condition[], stateThere: 'INVALID' | 'UNTRACKED' = 'UNTRACKED'): NeighbourDiscoveryMatch | undefined {
  const coverage = typeCoverage(conditions);
  if (coverage === 'none' || conditions.some((c) => excludesNeighbourDiscovery(c, stateThere))) return 'misses';
  const bare = coverage === 'all' && conditions.every((c) => passesAllNeighbourDiscovery(c, stateThere)) && !reading.verdictMap && !reading.verdict?.onlyIf;
  return bare ? 'all' : undefined;
}
