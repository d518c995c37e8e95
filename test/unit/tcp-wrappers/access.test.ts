import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostsAccess } from '../../../server/src/languages/tcp-wrappers/access.js';
import { readHostsAccess } from '../../../server/src/languages/tcp-wrappers/hosts-access.js';
import { ACCESS_CASES } from './access-cases.js';

const files = (allow: string, deny: string) => [readHostsAccess(allow, '/h/etc/hosts.allow'), readHostsAccess(deny, '/h/etc/hosts.deny')];

describe('libwrap\'s answer, as hosts_access(5) reads hosts.allow and hosts.deny', () => {
  for (const { allow, deny, says } of ACCESS_CASES) {
    it(`${says}: allow ${JSON.stringify(allow)}, deny ${JSON.stringify(deny)}`, () => {
      assert.equal(hostsAccess(files(allow, deny), 'vsftpd', '127.0.0.1', 'ipv4').outcome, says);
    });
  }

  it('judges a network of clients as a whole: sure only where the whole network is inside or outside', () => {
    const access = (deny: string, clients: string | undefined) => hostsAccess(files('', deny), 'vsftpd', clients, 'ipv4').outcome;
    assert.equal(access('vsftpd: 10.0.0.0/8\n', '10.1.0.0/16'), 'refused');
    assert.equal(access('vsftpd: 10.0.0.0/8\n', '192.168.0.0/16'), 'granted');
    assert.equal(access('vsftpd: 10.1.2.0/24\n', '10.0.0.0/8'), 'depends');
    // Any client: a network pattern lets some in and keeps others out.
    assert.equal(access('vsftpd: 10.0.0.0/8\n', undefined), 'depends');
    assert.equal(access('ALL: ALL\n', undefined), 'refused');
    // A mask that is not one run of ones names no prefix: left open.
    assert.equal(access('vsftpd: 10.0.0.0/255.0.255.0\n', '10.1.0.0/16'), 'depends');
  });

  it('keeps the families apart: bracketed patterns are IPv6 clients\', dotted ones IPv4 clients\'', () => {
    const access = (deny: string, clients: string | undefined, family: 'ipv4' | 'ipv6') => hostsAccess(files('', deny), 'vsftpd', clients, family).outcome;
    assert.equal(access('vsftpd: [2001:db8::]/32\n', '2001:db8:1::/48', 'ipv6'), 'refused');
    assert.equal(access('vsftpd: [2001:db8::]/32\n', '10.0.0.0/8', 'ipv4'), 'granted');
    assert.equal(access('vsftpd: 10.0.0.0/8\n', '2001:db8::/32', 'ipv6'), 'granted');
    assert.equal(access('vsftpd: [2001:db8::]/32\n', undefined, 'ipv6'), 'depends');
  });

  it('names the entries the answer turns on, first to last, with their lines', () => {
    const access = hostsAccess(files('vsftpd: .example.com\n', '# everything else\nALL: ALL\n'), 'vsftpd', undefined, 'ipv4');
    assert.equal(access.outcome, 'depends');
    assert.deepEqual(access.deciding.map(({ file, entry }) => `${file.path.split('/').pop()}:${entry.line + 1} ${entry.text}`), ['hosts.allow:1 vsftpd: .example.com', 'hosts.deny:2 ALL: ALL']);
  });

  it('never throws and always ends, whatever the text', () => {
    const noise = ['', ':', '::::', '[', ']]]:[', 'EXCEPT', 'ALL EXCEPT EXCEPT: EXCEPT', '\\', 'a\\\n\\\n\\', '\u0000:\u0000', 'x'.repeat(10000) + ': ALL', 'vsftpd: [::1/200]', 'vsftpd: 300.1.2.3', 'vsftpd: 1.2.3.4/99'];
    for (const text of noise) for (const family of ['ipv4', 'ipv6'] as const) hostsAccess(files(text, text), 'vsftpd', undefined, family);
    const many = Array.from({ length: 20000 }, (_, n) => `vsftpd: .host${n}.example.com`).join('\n');
    assert.equal(hostsAccess(files('', many), 'vsftpd', undefined, 'ipv4').outcome, 'depends');
  });
});
