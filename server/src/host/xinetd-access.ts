import { anyMatches, clientMatchWithin, type ClientMatch as Match } from '../engine/client-side.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';

/** A service's only_from and no_access as xinetd applies them (undefined: not set). */
export interface XinetdClientLists { readonly onlyFrom?: readonly string[]; readonly noAccess?: readonly string[] }

/**
 * Whether xinetd runs a service for the clients of `network` (.ftpwall.json's; undefined for any
 * client of the family): for 'all' of them, 'none', or only 'some' or it cannot tell. Measured
 * with xinetd 2.3.15: a client is served when only_from is not set or one of its entries matches
 * it, and no entry of no_access matches it, however much more precise the only_from entry is
 * (the manual's "better match" is not what it does); `only_from =` with no value serves nobody.
 */
export function xinetdServes(lists: XinetdClientLists, network: string | undefined, family: AddressFamily): Match {
  const allowed: Match = lists.onlyFrom ? listMatch(lists.onlyFrom, network, family) : 'all';
  const denied: Match = lists.noAccess ? listMatch(lists.noAccess, network, family) : 'none';
  if (allowed === 'none' || denied === 'all') return 'none';
  return allowed === 'all' && denied === 'none' ? 'all' : 'some';
}

function listMatch(entries: readonly string[], network: string | undefined, family: AddressFamily): Match {
  return anyMatches(entries.map((entry) => entryMatch(entry, network, family)));
}

/**
 * One entry against the clients. An IPv4 address whose last parts are 0 stands for the network
 * they leave open (10.1.0.0 is 10.1.0.0/16, 0.0.0.0 every IPv4 client), "a.b.c.d/n" for that
 * network; IPv4 clients on xinetd's IPv6 socket match IPv4 entries, and an entry of one family
 * never matches a client of the other (all measured). Host names, domains,
 * factorized addresses ("10.0.0.{1,2}") and network names are not read: they may match some.
 */
function entryMatch(entry: string, network: string | undefined, family: AddressFamily): Match {
  const entryFamily = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(entry) ? 'ipv4' : /^[\da-f:]+:[\da-f:.]*(\/\d{1,3})?$/i.test(entry) ? 'ipv6' : undefined;
  if (entryFamily === undefined || /^::ffff:/i.test(entry)) return 'some';
  if (entryFamily !== family) return 'none';
  return clientMatchWithin(network, entryFamily === 'ipv4' ? withWildcards(entry) : entry, family);
}

/** "10.1.0.0" as the network its trailing zeros leave open: "10.1.0.0/16". */
function withWildcards(entry: string): string {
  if (entry.includes('/')) return entry;
  const parts = entry.split('.');
  let open = 0;
  while (open < 4 && parts[3 - open] === '0') open++;
  return `${entry}/${32 - open * 8}`;
}
