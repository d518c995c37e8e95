import { join } from 'node:path';
import { routerSuites, type FixSequence } from './gateway-topology.js';

/* Routers that are iptables and nftables firewalls (firewalld and ufw routers have suites of their own). */
const FIXED: FixSequence[] = [
  // The helper assigned on the router: it rewrites the passive reply and carries both data connections.
  { name: 'gw-helper-loaded-not-assigned', fixes: [/^Assign the FTP helper to port 21 on gateway/], path: 'passive' },
  // The public address announced: classic clients connect to where the range is forwarded.
  { name: 'gw-range-forwarded-private-address', fixes: [/^Set pasv_address=198\.51\.100\.1/], path: 'passive' },
  // Without the helper: the range forwarded, then the public address announced.
  { name: 'gw-only-21-forwarded', fixes: [/^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway/, /^Set pasv_address=198\.51\.100\.1/], path: 'passive' },
  { name: 'gw-only-21-forwarded', fixes: [/^Masquerade 10\.0\.0\.5's connections out on gateway/], path: 'active' },
  // Forwarded and then dropped: the accept goes into FORWARD before its DROP policy takes the packets.
  // An nftables router: the DNAT into its nat prerouting chain, then the accept into its forward chain.
  { name: 'gw-nft-only-21', fixes: [/^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway/, /^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD/], path: 'passive' },
  { name: 'gw-forward-drops-range', fixes: [/^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway/], path: 'passive' },
];
routerSuites('an iptables or nftables router', join(import.meta.dirname, 'gateways'), 10, FIXED);
