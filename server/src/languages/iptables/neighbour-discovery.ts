import { discoveryCoverage } from '../../engine/discovery-types.js';
import type { NeighbourDiscoveryMatch } from '../../engine/firewall-model.js';
import { protocolNumber } from './catalogue/values.js';
import { readIcmpType } from './catalogue/icmp-types.js';
import { isDecidedElsewhere, type RuleMeaning } from './rule-meaning.js';

/** ICMPv6's protocol number; 0 is "all". */
const ICMPV6 = 58;

/** Does the --icmpv6-type value (with its "!") take a message of `type` with code 0? A value iptables refuses leaves no rule to ask. */
function takesType(value: string, negated: boolean, type: number): boolean {
  const read = readIcmpType(value, 'ipv6');
  const takes = !('error' in read) && read.type === type && read.codes[0] <= 0 && read.codes[1] >= 0;
  return takes !== negated;
}

/**
 * How an iptables rule meets IPv6 neighbour discovery: the ICMPv6 solicitations and
 * advertisements every IPv6 host exchanges before anything else, which conntrack leaves
 * UNTRACKED (`stateThere`: INVALID in the raw table, before conntrack) and which never cross the
 * loopback interface. 'misses' where the rule surely does not
 * match them (another protocol, ICMPv6 types none of which is theirs, `-i lo`, states without
 * UNTRACKED, a type 0 routing header), 'all' where it matches every one of them (nothing but
 * ICMPv6, types that include all of theirs, hop limit 255, a comment), undefined where it may
 * match some.
 */
export function neighbourDiscoveryMatch(meaning: RuleMeaning, stateThere: 'INVALID' | 'UNTRACKED' = 'UNTRACKED'): NeighbourDiscoveryMatch | undefined {
  const { protocol, inInterface, outInterface } = meaning;
  const number = protocol && !protocol.negated ? protocolNumber(protocol.value) : undefined;
  // A name ftpwall cannot read may well be ICMPv6's.
  if (number !== undefined && number !== ICMPV6 && number !== 0) return 'misses';
  if ((inInterface && !inInterface.negated && inInterface.value === 'lo') || (outInterface && !outInterface.negated && outInterface.value === 'lo')) return 'misses';
  const seen = { excluded: false, otherConditions: false, types: [] as Array<{ value: string; negated: boolean }> };
  meaning.everyMatch(seen, (match, option, state) => {
    const states = (match === 'state' && option.name === 'state') || (match === 'conntrack' && option.name === 'ctstate');
    const takesTheirs = states && option.value !== undefined && option.value.toUpperCase().split(',').includes(stateThere) !== option.negated;
    if (states && !option.negated && !takesTheirs) state.excluded = true;
    // rt and hl are not judged, so their options keep their written names.
    const written = option.name?.replace(/^--/, '');
    // A type 0 routing header (ufw's before6.rules drops it): no discovery message carries one.
    if (match === 'rt' && written === 'rt-type' && !option.negated && option.value === '0') state.excluded = true;
    if (match === 'icmp6' && option.name === 'icmpv6-type' && option.value !== undefined) state.types.push({ value: option.value, negated: option.negated });
    // Every discovery message is sent with hop limit 255, and the kernel takes no other (ufw's rules for them ask it).
    else if (!(match === 'comment' || takesTheirs || (match === 'hl' && written === 'hl-eq' && !option.negated && option.value === '255'))) state.otherConditions = true;
    return true;
  }, (match, state) => { if (match !== 'comment') state.otherConditions = true; return true; });
  const coverage = discoveryCoverage((type) => seen.types.every((t) => takesType(t.value, t.negated, type)));
  if (seen.excluded || coverage === 'none') return 'misses';
  const onlyIcmpv6 = !protocol || number === ICMPV6 || number === 0;
  // A queue's program decides what becomes of what the rule takes.
  const bare = !isDecidedElsewhere(meaning) && onlyIcmpv6 && coverage === 'all' && !seen.otherConditions && !meaning.source && !meaning.destination && !inInterface && !outInterface && !meaning.fragment;
  return bare ? 'all' : undefined;
}
