import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vsftpdLanguage } from '../../../server/src/languages/vsftpd/language.js';
import { readVsftpdDocument } from '../../../server/src/languages/vsftpd/document.js';

const doc = (text: string) => readVsftpdDocument(text, 'vsftpd.conf');

describe('vsftpd editor features', () => {
  it('hover explains a directive, its default and the value in effect', () => {
    const d = doc('listen=YES\npasv_min_port=20480\npasv_max_port=10240\nlocal_umask=22\n');
    const onName = vsftpdLanguage.hover(d, { line: 1, character: 3 })!;
    assert.match(onName.markdown, /\*\*pasv_min_port\*\* — number, default `5001`/);
    assert.match(onName.markdown, /In effect: `20480` \(line 2\)/);
    assert.match(onName.markdown, /Passive data ports in effect: \*\*20480-65535\*\*/);
    assert.match(onName.markdown, /below the minimum 20480 and is ignored/);
    assert.deepEqual(onName.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } });
    const onValue = vsftpdLanguage.hover(d, { line: 3, character: 13 })!;
    assert.match(onValue.markdown, /vsftpd reads `22` as 22\./);
    assert.match(onValue.markdown, /In effect: `026`/);
    const listen = vsftpdLanguage.hover(d, { line: 0, character: 1 })!;
    assert.match(listen.markdown, /Debian's build changes the default; upstream vsftpd uses `YES`/);
    assert.equal(vsftpdLanguage.hover(d, { line: 9, character: 0 }), undefined);
    assert.equal(vsftpdLanguage.hover(doc('nonsense=1\n'), { line: 0, character: 1 }), undefined);
  });

  it('completes directive names with documentation, unset ones first', () => {
    const items = vsftpdLanguage.completions(doc('listen=YES\npasv_m'), { line: 1, character: 6 });
    const min = items.find((i) => i.label === 'pasv_min_port')!;
    assert.equal(min.insertText, 'pasv_min_port=');
    assert.deepEqual(min.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
    assert.match(min.documentation!, /passive data connections/);
    const listen = items.find((i) => i.label === 'listen')!;
    assert.ok(listen.sortText! > min.sortText!, 'a directive already set sorts after unset ones');
    assert.equal(items.length, 135);
  });

  it('completes YES/NO after a boolean and the default after a number', () => {
    const bool = vsftpdLanguage.completions(doc('anonymous_enable='), { line: 0, character: 17 });
    assert.deepEqual(bool.map((i) => i.label).sort(), ['NO', 'YES']);
    const number = vsftpdLanguage.completions(doc('local_umask='), { line: 0, character: 12 });
    assert.deepEqual(number.map((i) => i.label), ['077']);
    assert.deepEqual(vsftpdLanguage.completions(doc('# list'), { line: 0, character: 6 }), []);
  });

  it('groups document symbols by purpose', () => {
    const symbols = vsftpdLanguage.symbols(doc('listen=YES\npasv_min_port=1\nanonymous_enable=NO\npasv_max_port=2\nbogus=1\n'));
    assert.deepEqual(symbols.map((s) => [s.name, s.children!.map((c) => c.name)]), [
      ['Listening', ['listen']], ['Passive mode', ['pasv_min_port', 'pasv_max_port']], ['Access and logins', ['anonymous_enable']], ['Unknown directives', ['bogus']],
    ]);
  });

  it('folds comment blocks and paragraphs', () => {
    const folds = vsftpdLanguage.folding(doc('# a\n# b\nlisten=YES\n\nx=1\ny=2\n'));
    assert.deepEqual(folds, [{ startLine: 0, endLine: 1, kind: 'comment' }, { startLine: 0, endLine: 2, kind: 'region' }, { startLine: 4, endLine: 5, kind: 'region' }]);
  });
});
