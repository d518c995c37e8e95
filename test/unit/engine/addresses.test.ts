import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientsInAddress, serverInAddress } from '../../../server/src/engine/client-side.js';
import { packet } from '../../../server/src/engine/paths.js';
import type { AddressFamily } from '../../../server/src/languages/iptables/syntax.js';

// How a rule's address is matched against the server's own addresses (.ftpwall.json "addresses"),
// which may hold both families: a packet is only ever addressed to those of its own family.

const toServer = (family: AddressFamily, serverAddresses: string[], network?: string) =>
  packet({ family, serverAddresses, ...(network ? { clients: { network } } : {}) }, 'INPUT', 'NEW', true, 'dport', 'a new control connection');
const DUAL = ['10.0.0.5', 'fd00:10::5'];

describe('the server\'s own addresses in rules', () => {
  it('matches an IPv6 rule address however it is written, by prefix', () => {
    const p = toServer('ipv6', DUAL);
    for (const address of ['fd00:10::5', 'fd00:10::5/128', 'fd00:10:0:0:0:0:0:5', 'FD00:10::5', 'fd00:10::/64', '::/0', 'fd00::/8']) {
      assert.equal(serverInAddress(p, address, false), 'all', address);
    }
    for (const address of ['fd00:11::/64', 'fd00:10::6', '2001:db8::/32', '::ffff:10.0.0.5']) assert.equal(serverInAddress(p, address, false), 'none', address);
    assert.equal(serverInAddress(p, 'fd00:10::5', true), 'none');
  });

  it('reads IPv4 rules by the IPv4 addresses alone where both families are given', () => {
    const p = toServer('ipv4', DUAL);
    assert.equal(serverInAddress(p, '10.0.0.5', false), 'all');
    assert.equal(serverInAddress(p, '10.0.0.0/8', false), 'all');
    assert.equal(serverInAddress(p, '192.168.0.0/16', false), 'none');
  });

  it('cannot tell where none of the packet\'s family is given, or one cannot be read', () => {
    assert.equal(serverInAddress(toServer('ipv6', ['10.0.0.5']), 'fd00:10::5', false), undefined);
    assert.equal(serverInAddress(toServer('ipv6', ['fd00:10::5', 'fe80::1%eth0']), 'fd00:10::5', false), undefined);
    assert.equal(serverInAddress(toServer('ipv6', DUAL), 'fd00:10::zz', false), undefined);
  });

  it('reads an address embedding IPv4 in its last 32 bits', () => {
    const p = toServer('ipv6', ['::ffff:10.0.0.5']);
    assert.equal(serverInAddress(p, '::ffff:a00:5', false), 'all');
    assert.equal(serverInAddress(p, '::ffff:0:0/96', false), 'all');
  });

  it('takes a rule for the server\'s own IPv6 address, on the client\'s side, to match no client', () => {
    assert.equal(clientsInAddress(toServer('ipv6', DUAL), 'fd00:10::5', false), 'none');
    assert.equal(clientsInAddress(toServer('ipv6', DUAL), 'fd00:10::5', true), 'all');
    assert.equal(clientsInAddress(toServer('ipv6', DUAL), '2001:db8::7', false), undefined);
  });
});
