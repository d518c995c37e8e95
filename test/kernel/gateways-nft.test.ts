import { join } from 'node:path';
import { routerSuites, type FixSequence } from './gateway-topology.js';

/* Routers whose firewall is an nftables ruleset, in a file of their own so that each kernel suite stays well within the runner's time per file. */
const FIXED: FixSequence[] = [
  // The DNAT into the router's nat prerouting chain, then the accept into its forward chain.
  { name: 'gw-nft-only-21', fixes: [/^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway/, /^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD/], path: 'passive' },
  // The server's active data, from port 20, new in the forward chain: accepted by its source address and port.
  { name: 'gw-nft-forward-drop', fixes: [/^Accept 10\.0\.0\.5's active data from port 20 in FORWARD on gateway/], path: 'active' },
];
routerSuites('an nftables router', join(import.meta.dirname, 'gateways-nft'), 3, FIXED);
