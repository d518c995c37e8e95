import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { GatewayNetwork } from '../helpers/netns.js';
import { scratch } from '../helpers/temp.js';
import { makeCertificate, needs } from './kernel-host.js';
import { fixesOpenPath, matchesKernel, type FixSequence } from './gateway-topology.js';

/* Topologies whose routers are iptables and nftables firewalls (gateway-topology.ts runs them; ufw routers are in gateways-ufw.test.ts). */

const topologies = join(import.meta.dirname, 'gateways');
const NAMES = readdirSync(topologies).sort();
const work = scratch({});

describe('paths through a gateway match the real kernel, router and vsftpd', { skip: needs }, () => {
  const networks: GatewayNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  it(`covers at least 10 topologies (${NAMES.length})`, () => assert.ok(NAMES.length >= 10));

  NAMES.forEach((name, index) => it(name, () => { makeCertificate(); matchesKernel(join(topologies, name), index + 1, networks); }));
});

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

describe('the fixes of ftp/gateway-blocks open the path in the real kernel', { skip: needs }, () => {
  const networks: GatewayNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  FIXED.forEach((sequence, index) => it(`${sequence.name}: ${sequence.fixes.map((f) => f.source).join(', then ')}`, () => {
    fixesOpenPath(topologies, sequence, join(work, `${sequence.name}-${index}`), NAMES.length + index + 1, networks);
  }));
});
