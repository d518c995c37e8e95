import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { GatewayNetwork } from '../helpers/netns.js';
import { scratch } from '../helpers/temp.js';
import { makeCertificate, needs } from './kernel-host.js';
import { fixesOpenPath, matchesKernel, type FixSequence } from './gateway-topology.js';

/*
 * Routers running ufw as the Ubuntu guides set one up (the real /lib/ufw/ufw-init in the router's
 * namespace, ufw's own sysctl.conf applied there), in a file of their own so that each kernel
 * suite stays well within the runner's time per file.
 */
const topologies = join(import.meta.dirname, 'gateways-ufw');
const NAMES = readdirSync(topologies).sort();
const work = scratch({});

describe('paths through a ufw router match the real kernel, ufw and vsftpd', { skip: needs }, () => {
  const networks: GatewayNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  it(`covers at least 3 topologies (${NAMES.length})`, () => assert.ok(NAMES.length >= 3));

  NAMES.forEach((name, index) => it(name, () => { makeCertificate(); matchesKernel(join(topologies, name), index + 1, networks); }));
});

const FIXED: FixSequence[] = [
  // The DNAT into before.rules' nat block, the routed accept into user.rules as `ufw route allow` writes it, then the public address.
  { name: 'gw-ufw-only-21', fixes: [/^Forward passive ports 40000-40100 to 10\.0\.0\.5 on gateway \.\.\/gw \(before\.rules\)/, /^Accept passive ports 40000-40100 to 10\.0\.0\.5 in FORWARD on gateway \.\.\/gw \(user\.rules\)/, /^Set pasv_address=198\.51\.100\.1/], path: 'passive' },
  // Or the FTP helper assigned in before.rules' raw table: ufw's forward chains accept what it relates, and it rewrites the 227 reply.
  { name: 'gw-ufw-only-21', fixes: [/^Assign the FTP helper to port 21 on gateway \.\.\/gw \(before\.rules\)/], path: 'passive' },
];

describe('the fixes of ftp/gateway-blocks on a ufw router open the path in the real kernel', { skip: needs }, () => {
  const networks: GatewayNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  FIXED.forEach((sequence, index) => it(`${sequence.name}: ${sequence.fixes.map((f) => f.source).join(', then ')}`, () => {
    makeCertificate();
    fixesOpenPath(topologies, sequence, join(work, `${sequence.name}-${index}`), NAMES.length + index + 1, networks);
  }));
});
