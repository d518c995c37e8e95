/**
 * The ICMPv6 messages of neighbour discovery (RFC 4861), each sent with code 0: router
 * solicitation and advertisement, neighbour solicitation and advertisement, redirect.
 */
const DISCOVERY_TYPES = [133, 134, 135, 136, 137] as const;

/** How many of those messages a match on ICMPv6 types lets through. */
export type DiscoveryCoverage = 'none' | 'some' | 'all';

/** The coverage of the matches of one rule, which take a message of type `type` with code 0 where `takes` says so. */
export function discoveryCoverage(takes: (type: number) => boolean): DiscoveryCoverage {
  const taken = DISCOVERY_TYPES.filter(takes).length;
  return taken === 0 ? 'none' : taken === DISCOVERY_TYPES.length ? 'all' : 'some';
}
