import { join } from 'node:path';
import { routerSuites, type FixSequence } from './gateway-topology.js';

/*
 * Routers running the real firewalld 1.3.3 (zones bound by source, forward ports, masquerade,
 * a policy between zones): what firewalld does with the connections it routes, as the kernel
 * shows it. Fixes are written into the zone the clients come in through.
 */
/** Fixes written into the zone the clients come in through, as firewall-cmd --permanent writes them. */
const FIXED: FixSequence[] = [
  // The range forwarded (firewalld lets DNATed connections through its forward chain by itself), then the public address announced.
  { name: 'gwf-21-forwarded-masquerade', fixes: [/^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway \.\.\/gw \(external\.xml\)/, /^Set pasv_address=198\.51\.100\.1/], path: 'passive' },
  { name: 'gwf-policy-without-masquerade', fixes: [/^Masquerade 10\.0\.0\.5's connections out on gateway \.\.\/gw \(external\.xml\)/], path: 'active' },
  // The server's active data from port 20, which firewalld's forward chain rejects between zones: a policy of its own lets it out to the clients' zone.
  { name: 'gwf-21-forwarded-masquerade', fixes: [/^Accept 10\.0\.0\.5's active data from port 20 in FORWARD on gateway \.\.\/gw \(ftp-from-server\.xml\)/], path: 'active' },
  // Routed, not translated: the passive range and the active data let through by policies of ftpwall's own, between any zones, narrowed to the server.
  { name: 'gwf-routed-policy-21', fixes: [/^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway \.\.\/gw \(ftp-to-server\.xml\)/], path: 'passive' },
  { name: 'gwf-routed-policy-21', fixes: [/^Accept 10\.0\.0\.5's active data from port 20 in FORWARD on gateway \.\.\/gw \(ftp-from-server\.xml\)/], path: 'active' },
];
routerSuites('a firewalld router', join(import.meta.dirname, 'gateways-firewalld'), 3, FIXED);
