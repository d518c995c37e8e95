import { join } from 'node:path';
import { routerSuites, type FixSequence } from './gateway-topology.js';

/* iptables and nftables routers over IPv6: routed to the server's own address, judged by their IPv6 rules and IPv6 forwarding. */
const FIXED: FixSequence[] = [
  // Forwarded only for port 21: the passive range accepted in rules.v6 for the server's IPv6 address, before FORWARD's DROP policy.
  { name: 'gw6-only-21', fixes: [/^Accept passive ports 40000-40100 to fd00:10::5 in FORWARD on gateway \.\.\/gw \(rules\.v6\)/], path: 'passive' },
  // The same in an nftables router's inet table: written as ip6 daddr.
  { name: 'gw6-nft-only-21', fixes: [/^Accept passive ports 40000-40100 to fd00:10::5 in FORWARD on gateway \.\.\/gw \(nftables\.conf\)/], path: 'passive' },
  // The router's own INPUT drops neighbour discovery: the ICMPv6 accept goes there, and opens every path.
  { name: 'gw6-input-drops-discovery', fixes: [/^Accept ICMPv6 \(neighbour discovery\) before INPUT's policy DROP on gateway \.\.\/gw \(rules\.v6\)$/], path: 'passive' },
];
routerSuites('an IPv6 router', join(import.meta.dirname, 'gateways-ipv6'), 6, FIXED, 'ipv6');
