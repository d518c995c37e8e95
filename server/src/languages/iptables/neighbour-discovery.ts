import type { NeighbourDiscoveryMatch } from '../../engine/firewall-model.js';
import { protocolNumber } from './catalogue/values.js';
import type { RuleMeaning } from './rule-meaning.js';

/** ICMPv6's protocol number; 0 is "all". */
const ICMPV6 = 58;

/**
 * How an iptables rule meets IPv6 neighbour discovery: the ICMPv6 solicitations and
 * advertisements every IPv6 host exchanges before anything else, which conntrack leaves
 * UNTRACKED and which never cross the loopback interface. 'misses' where the rule surely does not
 * match them (another protocol, `-i lo`, states without UNTRACKED), 'all' where it matches every
 * packet, undefined where it may match some.
 */
export function neighbourDiscoveryMatch(meaning: RuleMeaning): NeighbourDiscoveryMatch | undefined {
  const { protocol, inInterface, outInterface } = meaning;
  const number = protocol && !protocol.negated ? protocolNumber(protocol.value) : undefined;
  // A name ftpwall cannot read may well be ICMPv6's.
  if (number !== undefined && number !== ICMPV6 && number !== 0) return 'misses';
  if ((inInterface && !inInterface.negated && inInterface.value === 'lo') || (outInterface && !outInterface.negated && outInterface.value === 'lo')) return 'misses';
  let trackedOnly = false;
  meaning.everyMatch(undefined, (match, option) => {
    const states = (match === 'state' && option.name === 'state') || (match === 'conntrack' && option.name === 'ctstate');
    if (states && !option.negated && option.value !== undefined && !option.value.toUpperCase().split(',').includes('UNTRACKED')) trackedOnly = true;
    return true;
  }, () => true);
  if (trackedOnly) return 'misses';
  const bare = !protocol && !meaning.source && !meaning.destination && !inInterface && !outInterface && !meaning.fragment && !meaning.hasMatches;
  return bare ? 'all' : undefined;
}
