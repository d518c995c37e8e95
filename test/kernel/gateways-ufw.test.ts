import { join } from 'node:path';
import { routerSuites, type FixSequence } from './gateway-topology.js';

/*
 * Routers running ufw as the Ubuntu guides set one up (the real /lib/ufw/ufw-init in the router's
 * namespace, ufw's own sysctl.conf applied there), in a file of their own so that each kernel
 * suite stays well within the runner's time per file.
 */
const FIXED: FixSequence[] = [
  // The DNAT into before.rules' nat block, the routed accept into user.rules as `ufw route allow` writes it, then the public address.
  { name: 'gw-ufw-only-21', fixes: [/^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway \.\.\/gw \(before\.rules\)/, /^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway \.\.\/gw \(user\.rules\)/, /^Set pasv_address=198\.51\.100\.1/], path: 'passive' },
  // Or the FTP helper assigned in before.rules' raw table: ufw's forward chains accept what it relates, and it rewrites the 227 reply.
  { name: 'gw-ufw-only-21', fixes: [/^Assign the FTP helper to port 21 on gateway \.\.\/gw \(before\.rules\)/], path: 'passive' },
  // Active data from port 20: the masquerade into before.rules' nat block, then the routed accept from the server's port (`ufw route allow proto tcp from 10.0.0.5 port 20`).
  { name: 'gw-ufw-only-21', fixes: [/^Masquerade 10\.0\.0\.5's connections out on gateway \.\.\/gw \(before\.rules\)/, /^Accept 10\.0\.0\.5's active data from port 20 in FORWARD on gateway \.\.\/gw \(user\.rules\)/], path: 'active' },
];
routerSuites('a ufw router', join(import.meta.dirname, 'gateways-ufw'), 3, FIXED);
