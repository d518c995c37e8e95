import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inetAton, isIpv6Address, readBool, readUint } from '../../../server/src/languages/vsftpd/values.js';
import { VsftpdSettings } from '../../../server/src/languages/vsftpd/model.js';
import { parseVsftpd } from '../../../server/src/languages/vsftpd/parser.js';

describe('vsftpd values', () => {
  it('reads booleans in any case, and nothing else', () => {
    for (const v of ['YES', 'yes', 'True', 'TRUE', '1']) assert.equal(readBool(v), true, v);
    for (const v of ['NO', 'no', 'false', '0']) assert.equal(readBool(v), false, v);
    for (const v of ['YES ', ' YES', 'Y', 'on', '', 'YES\r', '2']) assert.equal(readBool(v), undefined, JSON.stringify(v));
  });

  it('reads numbers like vsftpd: octal after a leading 0, atoi otherwise', () => {
    const cases: Array<[string, number]> = [
      ['022', 18], ['089', 0], ['0x1F', 0], [' 022', 22], ['2222pasv_max_port=2225', 2222], ['abc', 0],
      ['-5', 4294967291], ['70000', 70000], ['4294967296', 0], ['99999999999999999999', 4294967295], ['+7', 7], ['21\r', 21],
    ];
    for (const [text, value] of cases) assert.equal(readUint(text).value, value, text);
    assert.equal(readUint('022').octal, true);
    assert.equal(readUint('abc').noDigits, true);
    assert.equal(readUint('-5').negative, true);
    assert.equal(readUint('99999999999').overflow, true);
    assert.equal(readUint('12ab').used, 2);
  });

  it('reads IPv4 addresses like inet_aton', () => {
    assert.equal(inetAton('1.2.3.4'), 0x01020304);
    assert.equal(inetAton('1.2.3'), 0x01020003);
    assert.equal(inetAton('0x7f.1'), 0x7f000001);
    assert.equal(inetAton('010.0.0.1'), 0x08000001);
    for (const bad of ['', 'abc', '1.2.3.4.5', '256.1.1.1', '1.2.3.256', '1..2', '08.1.1.1']) assert.equal(inetAton(bad), undefined, bad);
  });

  it('recognises IPv6 addresses', () => {
    for (const good of ['::1', '::', '2001:db8::1', 'fe80::1:2:3:4', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8']) assert.ok(isIpv6Address(good), good);
    for (const bad of ['zz', '1:2:3:4:5:6:7:8:9', '2001:db8:::1', '1.2.3.4', ':::', '12345::1']) assert.ok(!isIpv6Address(bad), bad);
  });

  it('computes the passive range as vsftpd does', () => {
    const range = (text: string) => { const r = new VsftpdSettings(parseVsftpd(text)).passiveRange(); return `${r.min}-${r.max}`; };
    assert.equal(range(''), '5001-65535');
    assert.equal(range('pasv_min_port=0\n'), '1024-65535');
    assert.equal(range('pasv_min_port=1024\npasv_max_port=2000\n'), '1024-2000');
    assert.equal(range('pasv_min_port=3000\npasv_max_port=2000\n'), '3000-65535');
    assert.equal(range('pasv_min_port=40000\npasv_max_port=40000\n'), '40000-40000');
    assert.equal(range('pasv_min_port=40000\npasv_max_port=65535\n'), '40000-65535');
    assert.equal(range('pasv_min_port=70000\npasv_max_port=2000\n'), '1024-2000');
    assert.equal(range('pasv_min_port=2222pasv_max_port=2225\n'), '2222-65535');
  });

  it('uses the last occurrence and keeps defaults for the rest', () => {
    const settings = new VsftpdSettings(parseVsftpd('listen=YES\nlisten=NO\nftpd_banner=hi\nftpd_banner=\n'));
    assert.equal(settings.bool('listen').value, false);
    assert.equal(settings.bool('listen').source?.line, 1);
    assert.equal(settings.bool('anonymous_enable').value, true);
    assert.equal(settings.string('ftpd_banner').value, undefined);
    assert.equal(settings.string('secure_chroot_dir').value, '/var/run/vsftpd/empty');
    assert.equal(settings.uint('pasv_min_port').value, 5001);
  });
});
