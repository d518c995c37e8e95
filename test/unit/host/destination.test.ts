import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDestination } from '../../../server/src/languages/nftables/destination.js';
import { readRestoreDocument } from '../../../server/src/languages/iptables/restore-document.js';
import { checkFiles, filter, HOST, lines, RULES, VSFTPD } from '../../helpers/hosts.js';

/** The destinations of a host's DNAT and REDIRECT rules, as its firewall model hands them to the engine. */
function destinations(files: Record<string, string>) {
  const translations = [...checkFiles(files).paths.firewall?.translations?.() ?? []];
  return translations.filter((t) => t.kind === 'DNAT' || t.kind === 'REDIRECT').map((t) => t.to);
}

describe('where a DNAT or REDIRECT sends a connection', () => {
  it('reads an address, a port, both, and an IPv6 address in brackets', () => {
    assert.deepEqual(readDestination('10.0.0.5'), { address: '10.0.0.5' });
    assert.deepEqual(readDestination('10.0.0.5:21'), { address: '10.0.0.5', ports: { min: 21, max: 21 } });
    assert.deepEqual(readDestination(':2121'), { ports: { min: 2121, max: 2121 } });
    assert.deepEqual(readDestination('10.0.0.5:8080-8999'), { address: '10.0.0.5', ports: { min: 8080, max: 8999 } });
    assert.deepEqual(readDestination('[2001:db8::5]:21'), { address: '2001:db8::5', ports: { min: 21, max: 21 } });
    assert.deepEqual(readDestination('2001:db8::5'), { address: '2001:db8::5' });
  });

  it('says it cannot tell for an address range, a port out of range and words it does not read', () => {
    assert.match(readDestination('10.0.0.5-10.0.0.9:21').unread!, /which address of 10\.0\.0\.5-10\.0\.0\.9/);
    assert.ok(readDestination('10.0.0.5:70000').unread);
    assert.ok(readDestination('jhash').unread);
  });

  it('hands the engine what iptables\' --to-destination and --to-ports say', () => {
    const nat = lines('*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]',
      '-A PREROUTING -p tcp --dport 2121 -j REDIRECT --to-ports 21', '-A PREROUTING -p tcp --dport 2122 -j REDIRECT',
      '-A PREROUTING -p tcp --dport 2123 -j DNAT --to-destination 192.0.2.7:21', 'COMMIT') + filter();
    assert.deepEqual(destinations({ [VSFTPD]: 'listen=YES\n', [RULES]: nat }), [{ ports: { min: 21, max: 21 } }, {}, { address: '192.0.2.7', ports: { min: 21, max: 21 } }]);
  });

  it('reads ports and addresses as iptables and nft read them: a leading 0 is octal, 0x hexadecimal', () => {
    const nat = lines('*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]',
      '-A PREROUTING -p tcp --dport 2121 -j REDIRECT --to-ports 021', '-A PREROUTING -p tcp --dport 2122 -j DNAT --to-destination 192.0.2.7:0x15-027', 'COMMIT') + filter();
    assert.deepEqual(destinations({ [VSFTPD]: 'listen=YES\n', [RULES]: nat }), [{ ports: { min: 17, max: 17 } }, { address: '192.0.2.7', ports: { min: 21, max: 23 } }]);
    const nft = lines('table ip nat {', '\tchain prerouting {', '\t\ttype nat hook prerouting priority dstnat;',
      '\t\ttcp dport 2121 redirect to :021', '\t\ttcp dport 2123 dnat to 012.0.02.07:08', '\t}', '}');
    assert.deepEqual(destinations({ [VSFTPD]: 'listen=YES\n', [`${HOST}/etc/nftables.conf`]: nft }), [{ ports: { min: 17, max: 17 } }, { address: '10.0.2.7', ports: { min: 8, max: 8 } }]);
  });

  it('names the address range of an iptables DNAT it cannot pick from, IPv6 ranges whole', () => {
    const unread = (family: 'ipv4' | 'ipv6', to: string) => {
      const text = lines('*nat', ':PREROUTING ACCEPT [0:0]', `-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination ${to}`, 'COMMIT');
      const doc = readRestoreDocument(text, family === 'ipv6' ? '/h/etc/iptables/rules.v6' : '/h/etc/iptables/rules.v4', family);
      return [...doc.model(family)!.translations!()][0]!.to!.unread;
    };
    assert.equal(unread('ipv4', '10.0.0.5-10.0.0.9:21'), 'which address of 10.0.0.5-10.0.0.9 the connection is sent to');
    assert.equal(unread('ipv6', '[2001:db8::5-2001:db8::9]:21'), 'which address of [2001:db8::5-2001:db8::9] the connection is sent to');
    assert.equal(unread('ipv6', '2001:db8::5-2001:db8::9'), 'which address of 2001:db8::5-2001:db8::9 the connection is sent to');
  });

  it('hands the engine what nft\'s dnat and redirect statements say, and nothing certain for a map', () => {
    const nft = lines('table ip nat {', '\tchain prerouting {', '\t\ttype nat hook prerouting priority dstnat;',
      '\t\ttcp dport 2121 redirect to :21', '\t\ttcp dport 2122 redirect', '\t\ttcp dport 2123 dnat to 192.0.2.7:21 persistent',
      '\t\ttcp dport 2124 dnat ip to 192.0.2.8', '\t\ttcp dport 2125 dnat to tcp dport map { 2125 : 192.0.2.9 }', '\t}', '}');
    const found = destinations({ [VSFTPD]: 'listen=YES\n', [`${HOST}/etc/nftables.conf`]: nft });
    assert.deepEqual(found.slice(0, 4), [{ ports: { min: 21, max: 21 } }, {}, { address: '192.0.2.7', ports: { min: 21, max: 21 } }, { address: '192.0.2.8' }]);
    assert.ok(found[4]?.unread, JSON.stringify(found[4]));
  });
});
