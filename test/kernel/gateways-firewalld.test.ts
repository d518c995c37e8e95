import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { GatewayNetwork } from '../helpers/netns.js';
import { scratch } from '../helpers/temp.js';
import { makeCertificate, needs } from './kernel-host.js';
import { fixesOpenPath, matchesKernel, type FixSequence } from './gateway-topology.js';

/*
 * Routers running the real firewalld 1.3.3 (zones bound by source, forward ports, masquerade,
 * a policy between zones): what firewalld does with the connections it routes, as the kernel
 * shows it.
 */
const topologies = join(import.meta.dirname, 'gateways-firewalld');
const NAMES = readdirSync(topologies).sort();
const work = scratch({});

describe('paths through a firewalld router match the real kernel, firewalld and vsftpd', { skip: needs }, () => {
  const networks: GatewayNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  it(`covers at least 3 topologies (${NAMES.length})`, () => assert.ok(NAMES.length >= 3));

  NAMES.forEach((name, index) => it(name, () => { makeCertificate(); matchesKernel(join(topologies, name), index + 1, networks); }));
});

/** Fixes written into the zone the clients come in through, as firewall-cmd --permanent writes them. */
const FIXED: FixSequence[] = [
  // The range forwarded (firewalld lets DNATed connections through its forward chain by itself), then the public address announced.
  { name: 'gwf-21-forwarded-masquerade', fixes: [/^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway \.\.\/gw \(external\.xml\)/, /^Set pasv_address=198\.51\.100\.1/], path: 'passive' },
  { name: 'gwf-policy-without-masquerade', fixes: [/^Masquerade 10\.0\.0\.5's connections out on gateway \.\.\/gw \(external\.xml\)/], path: 'active' },
];

describe('the fixes of ftp/gateway-blocks on a firewalld router open the path in the real kernel', { skip: needs }, () => {
  const networks: GatewayNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  FIXED.forEach((sequence, index) => it(`${sequence.name}: ${sequence.fixes.map((f) => f.source).join(', then ')}`, () => {
    makeCertificate();
    fixesOpenPath(topologies, sequence, join(work, `${sequence.name}-${index}`), NAMES.length + index + 1, networks);
  }));
});
