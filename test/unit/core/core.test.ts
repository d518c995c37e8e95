import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/analysis/apply-edits.js';
import { recognize } from '../../../server/src/analysis/languages.js';
import { ChosenEdits, fixAll } from '../../../server/src/analysis/fix-all.js';
import { restoreLanguage } from '../../../server/src/languages/iptables/restore-language.js';
import { comparePositions, rangesOverlap } from '../../../server/src/core/text.js';
import fc from 'fast-check';
import { BoundedMemo } from '../../../server/src/core/bounded-memo.js';
import { editDistance, nearestNames } from '../../../server/src/core/nearest-names.js';
import { readTextFile } from '../../../server/src/analysis/read-file.js';
import { scratch } from '../../helpers/temp.js';
import { join } from 'node:path';
import { rulesField } from '../../../server/src/host/settings-definition.js';
import { readSuppressions } from '../../../server/src/core/suppression.js';
import { LineIndex } from '../../../server/src/core/text.js';
import { check, conf } from '../../helpers/vsftpd.js';

describe('core', () => {
  it('tells an edit that overlaps one chosen before by its neighbours, as a look at every chosen edit does', () => {
    const position = fc.record({ line: fc.nat(6), character: fc.nat(6) });
    const range = fc.tuple(position, position).map(([a, b]) => (comparePositions(a, b) <= 0 ? { start: a, end: b } : { start: b, end: a }));
    fc.assert(fc.property(fc.array(range, { maxLength: 40 }), (ranges) => {
      const chosen = new ChosenEdits();
      const plain: typeof ranges = [];
      for (const r of ranges) {
        const overlaps = plain.some((c) => rangesOverlap(c, r));
        assert.equal(chosen.overlaps(r), overlaps, JSON.stringify({ r, plain }));
        if (!overlaps) { chosen.add({ range: r, newText: '' }); plain.push(r); }
      }
      assert.deepEqual(chosen.edits.map((e) => e.range), [...plain].sort((a, b) => comparePositions(a.start, b.start)));
    }), { numRuns: 500 });
  });

  it('fixes every one of a thousand fixable rules in one pass', () => {
    const text = ['*filter', ':INPUT DROP [0:0]', ...Array.from({ length: 1000 }, (_, i) => `-A INPUT -p tcp --dport ${2000 + i}:1000 -j ACCEPT`), 'COMMIT', ''].join('\n');
    const { text: fixed, applied } = fixAll(restoreLanguage, text, '/srv/host/etc/iptables/rules.v4');
    assert.equal(applied, 1000);
    assert.ok(fixed.includes('--dport 1000:2999 -j ACCEPT') && !/--dport 2\d{3}:1000/.test(fixed));
  });

  it('remembers values (undefined among them) for up to its limit of keys, and works out the rest each time', () => {
    const computed: string[] = [];
    const parse = (key: string) => { computed.push(key); return /^\d+$/.test(key) ? Number(key) : undefined; };
    const memo = new BoundedMemo<string, number | undefined>(2);
    assert.equal(memo.get('7', parse), 7);
    assert.equal(memo.get('x', parse), undefined);
    assert.equal(memo.get('7', parse), 7);
    assert.equal(memo.get('x', parse), undefined, 'an undefined value is remembered too');
    assert.deepEqual(computed, ['7', 'x']);
    assert.equal(memo.get('9', parse), 9);
    assert.equal(memo.get('9', parse), 9);
    assert.deepEqual(computed, ['7', 'x', '9', '9'], 'past the limit nothing more is kept');
  });

  it('moves a line index over an edit exactly as a fresh index reads the new text', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '\n', '\r', ' '), { maxLength: 60 }).map((cs) => cs.join(''));
    fc.assert(fc.property(text, text, fc.nat(), fc.nat(), (before, inserted, at, cut) => {
      const start = before.length ? at % (before.length + 1) : 0;
      const end = Math.min(before.length, start + (cut % 8));
      const after = before.slice(0, start) + inserted + before.slice(end);
      // The common prefix and suffix as the restore parser finds them.
      let prefix = 0;
      while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
      let suffix = 0;
      while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
      const moved = LineIndex.afterEdit(new LineIndex(before), after, prefix, before.length - suffix);
      assert.deepEqual(moved.lineStarts, new LineIndex(after).lineStarts);
    }), { numRuns: 2000 });
  });

  it('maps offsets and positions both ways, clamping out-of-range input', () => {
    const lines = new LineIndex('ab\ncd\n');
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 1 });
    assert.equal(lines.offsetAt({ line: 1, character: 1 }), 4);
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 5);
    assert.equal(lines.offsetAt({ line: 99, character: 0 }), 6);
    assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
    assert.equal(lines.lineCount, 3);
  });

  it('measures edit distance as the textbook table does, and stops past a bound with bound + 1', () => {
    /** Optimal string alignment distance, the whole table filled in. */
    const plain = (a: string, b: string) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
      return d[a.length]![b.length]!;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 9 });
    fc.assert(fc.property(word, word, fc.nat(6), (a, b, bound) => {
      assert.equal(editDistance(a, b), plain(a, b), `${a} ${b}`);
      assert.equal(editDistance(a, b, bound), Math.min(plain(a, b), bound + 1), `${a} ${b} within ${bound}`);
    }), { numRuns: 2000 });
  });

  it('suggests near names, case-insensitively, and nothing for far ones', () => {
    const names = ['pasv_min_port', 'pasv_max_port', 'listen', 'listen_ipv6'];
    assert.deepEqual(nearestNames('pasv_min_prot', names), ['pasv_min_port', 'pasv_max_port']);
    assert.deepEqual(nearestNames('LISTEN', names), ['listen']);
    assert.deepEqual(nearestNames('completely_different', names), []);
  });

  it('applies user severities and turns rules off', () => {
    const text = conf('listen=YES', 'anonymous_enable=YES', 'pasv_promiscuous=YES');
    const base = check(text);
    assert.equal(base.find((f) => f.ruleId === 'vsftpd/pasv-promiscuous')?.severity, 'warning');
    const changed = check(text, { 'vsftpd/pasv-promiscuous': 'error', 'vsftpd/anonymous-login': 'off' });
    assert.equal(changed.find((f) => f.ruleId === 'vsftpd/pasv-promiscuous')?.severity, 'error');
    assert.equal(changed.some((f) => f.ruleId === 'vsftpd/anonymous-login'), false);
    assert.deepEqual(rulesField.read({ a: 'off', b: 'loud', c: 3, d: 'hint' }), { value: { a: 'off', d: 'hint' }, problems: ['"rules"."b" must be one of error, warning, information, hint, off', '"rules"."c" must be one of error, warning, information, hint, off'] });
    assert.deepEqual(rulesField.read('nonsense'), { problems: ['"rules" must be an object of check ids and severities'] });
  });

  it('honours suppression comments for one line, one file, or every rule', () => {
    const finding = 'vsftpd/pasv-promiscuous';
    const has = (text: string) => check(text).some((f) => f.ruleId === finding);
    assert.equal(has(conf('anonymous_enable=NO', 'local_enable=YES', 'pasv_promiscuous=YES')), true);
    assert.equal(has(conf('# ftpwall-disable-next-line vsftpd/pasv-promiscuous', 'pasv_promiscuous=YES')), false);
    assert.equal(has(conf('# ftpwall-disable-next-line vsftpd/other', 'pasv_promiscuous=YES')), true);
    assert.equal(has(conf('# ftpwall-disable-next-line vsftpd/pasv-promiscuous', 'listen=YES', 'pasv_promiscuous=YES')), true);
    assert.equal(has(conf('# ftpwall-disable vsftpd/anonymous-login, vsftpd/pasv-promiscuous', 'listen=YES', 'pasv_promiscuous=YES')), false);
    assert.equal(check(conf('# ftpwall-disable', 'listen=YES', 'pasv_promiscuous=YES', 'bogus=1')).length, 0);
  });

  it('reads a text\'s suppression comments once, and a new text afresh', () => {
    const lines = new LineIndex('# ftpwall-disable-next-line vsftpd/bogus\nlisten=YES\n');
    const first = readSuppressions(lines);
    assert.equal(readSuppressions(lines), first, 'the same text is not scanned again');
    assert.deepEqual([...first.byLine.keys()], [1]);
    const edited = readSuppressions(new LineIndex('listen=YES\n# ftpwall-disable\n'));
    assert.notEqual(edited, first);
    assert.equal(edited.file, 'all');
    assert.equal(edited.byLine.size, 0);
  });

  it('applies edits and reports overlapping ones instead of corrupting the text', () => {
    const r = (l: number, a: number, b: number) => ({ start: { line: l, character: a }, end: { line: l, character: b } });
    const result = applyEdits('abc\ndef\n', [{ range: r(1, 0, 1), newText: 'D' }, { range: r(0, 0, 2), newText: 'X' }, { range: r(0, 1, 3), newText: 'Y' }]);
    assert.equal(result.text, 'Xc\nDef\n');
    assert.equal(result.skipped.length, 1);
  });

  it('recognises vsftpd files by name and by content', () => {
    for (const path of ['/etc/vsftpd.conf', 'a/b/site.vsftpd.conf', 'vsftpd-ftps.conf', '/etc/vsftpd/main.conf', 'C:\\etc\\vsftpd.conf']) {
      assert.equal(recognize(path)?.id, 'vsftpd', path);
    }
    for (const path of ['/etc/nginx.conf', '/etc/vsftpd/user_list', 'notes.txt']) assert.equal(recognize(path), undefined, path);
    assert.equal(recognize('/srv/ftp-settings', 'listen=YES\nlocal_enable=YES\n# x\n')?.id, 'vsftpd');
    assert.equal(recognize('/srv/other', 'hello=world\nfoo=bar\n'), undefined);
  });
});

describe('reading a file from disk', () => {
  it('gives the same text for ASCII and for UTF-8 files, and refuses binary ones', () => {
    const dir = scratch({ 'ascii.conf': 'listen=YES\n# plain\n', 'utf8.conf': '# Motörhead’s server, 東京\nlisten=YES\n', 'binary.conf': 'listen=YES\0\n', 'binary-utf8.conf': '# Motörhead\0\n' });
    assert.deepEqual(readTextFile(join(dir, 'ascii.conf')), { ok: true, text: 'listen=YES\n# plain\n' });
    assert.deepEqual(readTextFile(join(dir, 'utf8.conf')), { ok: true, text: '# Motörhead’s server, 東京\nlisten=YES\n' });
    assert.deepEqual(readTextFile(join(dir, 'binary.conf')), { ok: false, reason: 'binary file (contains NUL bytes)' });
    assert.deepEqual(readTextFile(join(dir, 'binary-utf8.conf')), { ok: false, reason: 'binary file (contains NUL bytes)' });
  });
});
