import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isDigits, listedNames, readAddressList, readAddressListInFull, readIpv4, readNatRange, readNatRangeInFull, readStrictIpv4, unknownName } from '../../../server/src/languages/iptables/catalogue/values.js';
import { CONNTRACK_STATES } from '../../../server/src/languages/iptables/catalogue/values.js';
import { defaultVsftpdSettings, readVsftpdDocument } from '../../../server/src/languages/vsftpd/document.js';
import { DIRECTIVES } from '../../../server/src/languages/vsftpd/directives.js';

/** xtables' numeric IPv4 rule stated plainly: 1-4 dot-separated parts of 1-3 digits, each at most 255, missing parts zero at the end. */
function ipv4BySpec(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((p) => !/^[0-9]{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return [...parts, '0', '0', '0'].slice(0, 4).reduce((acc, p) => acc * 256 + Number(p), 0);
}

const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.stringMatching(/^[0-9]{0,4}$/), fc.constantFrom('a', '-1', ' 1', '1 '));

describe('iptables value readers', () => {
  it('reads IPv4 addresses as the plain rule says, for any dotted text', () => {
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
      const text = parts.join('.');
      assert.equal(readIpv4(text), ipv4BySpec(text), JSON.stringify(text));
    }), { numRuns: 3000 });
    assert.equal(readIpv4('10.1'), (10 * 256 + 1) * 65536);
    assert.equal(readIpv4('255.255.255.255'), 2 ** 32 - 1);
    for (const bad of ['', '.', '1.', '.1', '1..2', '256.0.0.0', '1.2.3.4.5', '0001.2.3.4', '1.2.3.4/8']) assert.equal(readIpv4(bad), undefined, bad);
  });

  it('reads NAT addresses as inet_pton does: four decimal parts, none with a leading zero, for any dotted text', () => {
    const bySpec = (text: string) => {
      const parts = text.split('.');
      return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p)) ? ipv4BySpec(text) : undefined;
    };
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
      const text = parts.join('.');
      assert.equal(readStrictIpv4(text), bySpec(text), JSON.stringify(text));
    }), { numRuns: 3000 });
    for (const bad of ['010.0.0.1', '10.0.0', '10.0.0.01', '1.2.3.256', '1.2.3.4.', '']) assert.equal(readStrictIpv4(bad), undefined, bad);
    assert.equal(readStrictIpv4('10.0.0.1'), 10 * 2 ** 24 + 1);
  });

  it('reads address lists item by item, as a split at each comma would', () => {
    const item = fc.oneof(fc.constantFrom('10.0.0.1', '10.0.0.0/8', '010.1', '10.0.0.1/33', 'ftp.example.org', 'bad_host', '', '::1', '2001:db8::/32', '10.0.0.0/255.0.0.0', '1.2.3.4/255.0.255.0'), fc.stringMatching(/^[0-9a-z.:/]{0,8}$/));
    const bySplit = (text: string, family: 'ipv4' | 'ipv6') => {
      const hostnames: string[] = [];
      for (const one of text.split(',')) {
        const read = readAddressList(one, family);
        hostnames.push(...read.hostnames);
        if (read.error) return { error: read.error, hostnames };
      }
      return { hostnames };
    };
    fc.assert(fc.property(fc.array(item, { minLength: 1, maxLength: 4 }), fc.constantFrom('ipv4' as const, 'ipv6' as const), (items, family) => {
      const text = items.join(',');
      assert.deepEqual(readAddressList(text, family), bySplit(text, family), JSON.stringify(text));
    }), { numRuns: 2000 });
    assert.deepEqual(readAddressList('10.0.0.1,ftp.example.org', 'ipv4'), { hostnames: ['ftp.example.org'] });
    assert.deepEqual(readAddressList('10.0.0.1,', 'ipv4'), { error: "host/network `' not found", hostnames: [] });
  });

  it('reads plain addresses, networks and NAT targets the quick way exactly as in full', () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 256 }).map(String), fc.constantFrom('00', '01', '010', '255', '2555', ''));
    const address = fc.array(octet, { minLength: 3, maxLength: 5 }).map((parts) => parts.join('.'));
    const number = fc.oneof(fc.integer({ min: 0, max: 70000 }).map(String), fc.constantFrom('0', '00', '032', '33', '65535', '65536', '', 'x', '1-2', '80-90'));
    const value = fc.tuple(address, fc.constantFrom('', '/', ':', ',', '-', '[', ' '), number).map(([a, joint, n]) => (joint === '' ? a : `${a}${joint}${n}`));
    fc.assert(fc.property(value, fc.constantFrom('DNAT', 'SNAT'), (text, target) => {
      assert.deepEqual(readAddressList(text, 'ipv4'), readAddressListInFull(text, 'ipv4'), JSON.stringify(text));
      assert.deepEqual(readNatRange(text, 'ipv4', target), readNatRangeInFull(text, 'ipv4', target), JSON.stringify(text));
    }), { numRuns: 5000 });
  });

  it('tells runs of decimal digits from everything else', () => {
    fc.assert(fc.property(fc.string({ maxLength: 8 }), (text) => { assert.equal(isDigits(text), /^[0-9]+$/.test(text), JSON.stringify(text)); }), { numRuns: 2000 });
  });

  it('finds the first state name iptables does not know, in any ASCII case and as any prefix', () => {
    assert.equal(unknownName('NEW,ESTABLISHED', CONNTRACK_STATES), undefined);
    assert.equal(unknownName('new,rel,Est', CONNTRACK_STATES), undefined);
    assert.equal(unknownName('NEW,BOGUS,ALSO', CONNTRACK_STATES), 'BOGUS');
    assert.equal(unknownName('NEW,,RELATED', CONNTRACK_STATES), '');
    assert.equal(unknownName('', CONNTRACK_STATES), '');
    assert.equal(unknownName('NEWER', CONNTRACK_STATES), 'NEWER');
    // strncasecmp folds only ASCII letters: a dotless i is not an I.
    assert.equal(unknownName('\u0131nvalid', CONNTRACK_STATES), '\u0131nvalid');
  });

  it('reads a state list into the names it stands for, as the check reads it', () => {
    assert.deepEqual(listedNames('new,Est,RELATED', CONNTRACK_STATES), ['NEW', 'ESTABLISHED', 'RELATED']);
    assert.deepEqual(listedNames('NEW,,BOGUS', CONNTRACK_STATES), ['NEW', undefined, undefined]);
    fc.assert(fc.property(fc.array(fc.constantFrom('new', 'NEW', 'est', 'Rel', 'inv', 'x', '', 'SNAT', 'd'), { maxLength: 5 }), (items) => {
      const text = items.join(',');
      const listed = listedNames(text, CONNTRACK_STATES);
      assert.equal(listed.length, text.split(',').length);
      // The first item that names nothing is the one the check reports.
      const firstUnknown = listed.indexOf(undefined);
      assert.equal(unknownName(text, CONNTRACK_STATES), firstUnknown === -1 ? undefined : text.split(',')[firstUnknown]);
    }), { numRuns: 500 });
  });
});

describe('vsftpd defaults without a vsftpd.conf', () => {
  it('are the settings an empty vsftpd.conf leaves, directive by directive', () => {
    const fromEmptyFile = readVsftpdDocument('', '').settings;
    const defaults = defaultVsftpdSettings();
    for (const [name, info] of DIRECTIVES) {
      const read = (s: typeof defaults) => (info.kind === 'bool' ? s.bool(name) : info.kind === 'uint' ? s.uint(name) : s.string(name));
      assert.deepEqual(read(defaults), read(fromEmptyFile), name);
    }
    assert.deepEqual(defaults.passiveRange(), fromEmptyFile.passiveRange());
  });
});
