import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { GatewayNetwork } from '../helpers/netns.js';
import { makeCertificate, needs } from './kernel-host.js';
import { matchesKernel } from './gateway-topology.js';

/*
 * Routers running the real firewalld 1.3.3 (zones bound by source, forward ports, masquerade,
 * a policy between zones): what firewalld does with the connections it routes, as the kernel
 * shows it.
 */
const topologies = join(import.meta.dirname, 'gateways-firewalld');
const NAMES = readdirSync(topologies).sort();

describe('paths through a firewalld router match the real kernel, firewalld and vsftpd', { skip: needs }, () => {
  const networks: GatewayNetwork[] = [];
  after(() => { for (const net of networks) net.destroy(); });

  it(`covers at least 3 topologies (${NAMES.length})`, () => assert.ok(NAMES.length >= 3));

  NAMES.forEach((name, index) => it(name, () => { makeCertificate(); matchesKernel(join(topologies, name), index + 1, networks); }));
});
