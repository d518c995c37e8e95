import type { NeighbourDiscoveryMatch } from '../../engine/firewall-model.js';
import type { Condition, ReadRule } from './rule.js';

/**
 * Does the condition surely let no neighbour discovery packet through? Those are ICMPv6,
 * IPv6, UNTRACKED by conntrack (so no helper and no translation), and never on loopback.
 */
function excludesNeighbourDiscovery(condition: Condition): boolean {
  switch (condition.kind) {
    case 'family': return condition.family === 'ipv4';
    case 'protocol': return !condition.icmpv6;
    case 'state': return condition.states.has('UNTRACKED') === condition.negated;
    case 'translated': case 'helper': return !condition.negated;
    case 'interface': return condition.name === 'lo' && !condition.negated;
    default: return false;
  }
}

/**
 * How an nftables rule (one reading of it: a verdict map's element has its own conditions) meets
 * IPv6 neighbour discovery: 'misses' where a condition surely excludes it; 'all' where the rule
 * has no condition (a named set's elements are one), no verdict map, and a verdict that holds
 * for every packet; undefined where it may match some of it.
 */
export function neighbourDiscoveryMatch(reading: ReadRule, conditions: readonly Condition[]): NeighbourDiscoveryMatch | undefined {
  if (conditions.some(excludesNeighbourDiscovery)) return 'misses';
  const bare = conditions.length === 0 && !reading.verdictMap && !reading.verdict?.onlyIf;
  return bare ? 'all' : undefined;
}
