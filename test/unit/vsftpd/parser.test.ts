import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { visibleName, visibleValue, VsftpdSettings } from '../../../server/src/languages/vsftpd/model.js';
import { parseVsftpd } from '../../../server/src/languages/vsftpd/parser.js';

describe('vsftpd parser', () => {
  it('splits lines as vsftpd does, with exact ranges', () => {
    const file = parseVsftpd('# comment\nlisten=YES\n\n  local_umask=022\nftpd_banner=a=b\n');
    assert.equal(file.comments.length, 1);
    assert.deepEqual(file.directives.map((d) => [d.line, d.name.text, d.value?.text]), [[1, 'listen', 'YES'], [3, 'local_umask', '022'], [4, 'ftpd_banner', 'a=b']]);
    const umask = file.directives[1]!;
    assert.deepEqual(umask.indent?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } });
    assert.deepEqual(umask.name.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 13 } });
    assert.deepEqual(umask.value?.range, { start: { line: 3, character: 14 }, end: { line: 3, character: 17 } });
  });

  it('treats "#" as a comment only in the first column', () => {
    const file = parseVsftpd('#a\n #b\nx=#c\n');
    assert.deepEqual(file.comments.map((c) => c.span.text), ['#a']);
    assert.deepEqual(file.directives.map((d) => d.name.text), ['#b', 'x']);
    assert.equal(file.directives[1]!.value?.text, '#c');
  });

  it('keeps carriage returns and trailing spaces in names and values', () => {
    const file = parseVsftpd('listen=YES\r\nlisten_port=21 \r\nbare\r\n \r\n');
    assert.deepEqual(file.directives.map((d) => [d.name.text, d.value?.text]), [['listen', 'YES\r'], ['listen_port', '21 \r'], ['bare\r', undefined]]);
  });

  it('handles no final newline, empty values, a bare "=" and a BOM', () => {
    const file = parseVsftpd('\uFEFFlisten=YES\nftpd_banner=\n=x\nmax_clients=5');
    assert.deepEqual(file.directives.map((d) => [d.name.text, d.value?.text, d.equals !== undefined]), [['\uFEFFlisten', 'YES', true], ['ftpd_banner', '', true], ['', 'x', true], ['max_clients', '5', true]]);
    assert.deepEqual(file.directives[1]!.value!.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } });
  });

  it('parses empty text and whitespace-only text to nothing', () => {
    for (const text of ['', '\n\n', ' \t\n\r\n', '\r']) {
      const file = parseVsftpd(text);
      assert.equal(file.directives.length, 0, JSON.stringify(text));
    }
  });

  it('stops reading at 100,000 bytes, as vsftpd does', () => {
    const filler = '#' + 'x'.repeat(99_980) + '\n';
    const text = `${filler}anonymous_enable=NO\nlisten=YES\n`;
    const file = parseVsftpd(text);
    const [anon, listen] = file.directives;
    assert.equal(file.limitOffset, 100_000);
    assert.equal(anon!.beyondLimit, false);
    assert.equal(anon!.cutAt, 100_000);
    assert.equal(visibleName(anon!), 'anonymous_enable');
    // The cut falls after "anonymous_enable=N": vsftpd reads the value N.
    assert.equal(visibleValue(anon!), 'N');
    assert.equal(listen!.beyondLimit, true);
    const settings = new VsftpdSettings(file);
    assert.equal(settings.isSet('listen'), false);
  });

  it('counts bytes, not characters, against the limit', () => {
    const text = '#' + 'é'.repeat(50_000) + '\nlisten=YES\n';
    const file = parseVsftpd(text);
    assert.ok(file.limitOffset !== undefined && file.limitOffset < 50_001);
    assert.equal(file.directives[0]!.beyondLimit, true);
  });
});
