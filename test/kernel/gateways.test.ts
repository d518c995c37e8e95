import { join } from 'node:path';
import { routerSuites, type FixSequence } from './gateway-topology.js';

/* Routers that are iptables firewalls (nftables, firewalld and ufw routers have suites of their own). */
const FIXED: FixSequence[] = [
  // The helper assigned on the router: it rewrites the passive reply and carries both data connections.
  { name: 'gw-helper-loaded-not-assigned', fixes: [/^Assign the FTP helper to port 21 on gateway/], path: 'passive' },
  // The public address announced: classic clients connect to where the range is forwarded.
  { name: 'gw-range-forwarded-private-address', fixes: [/^Set pasv_address=198\.51\.100\.1/], path: 'passive' },
  // Without the helper: the range forwarded, then the public address announced.
  { name: 'gw-only-21-forwarded', fixes: [/^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway/, /^Set pasv_address=198\.51\.100\.1/], path: 'passive' },
  { name: 'gw-only-21-forwarded', fixes: [/^Masquerade 10\.0\.0\.5's connections out on gateway/], path: 'active' },
  // Forwarded and then dropped: the accept goes into FORWARD before its DROP policy takes the packets.
  { name: 'gw-forward-drops-range', fixes: [/^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway/], path: 'passive' },
  // The server's active data, from port 20 (connect_from_port_20), new in FORWARD: accepted from the server's address and port.
  { name: 'gw-forward-drop-established', fixes: [/^Accept 10\.0\.0\.5's active data from port 20 in FORWARD on gateway/], path: 'active' },
];
routerSuites('an iptables router', join(import.meta.dirname, 'gateways'), 10, FIXED);
