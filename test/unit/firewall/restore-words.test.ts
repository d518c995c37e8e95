import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSpan } from '../../../server/src/languages/iptables/line-place.js';
import fc from 'fast-check';
import { newWordPlaces, placeWords, splitRestoreWords, valueAt } from '../../../server/src/languages/iptables/words.js';

/** Each word of `line` as [value, written text, from, to]. */
function split(line: string): Array<[string, string, number, number]> {
  const text = `# before\n${line}\n`;
  const place = new LineSpan(1, 9, line.length);
  return splitRestoreWords(text, 9, 9 + line.length, place).map((w) => [w.value, w.raw, w.start - 9, w.end - 9]);
}

describe('restore-file words, split as iptables-restore splits them', () => {
  it('takes a word written as one quoted run without its quotes, and keeps what was written', () => {
    assert.deepEqual(split('--comment "ftp control" -j ACCEPT'), [['--comment', '--comment', 0, 9], ['ftp control', '"ftp control"', 10, 23], ['-j', '-j', 24, 26], ['ACCEPT', 'ACCEPT', 27, 33]]);
    assert.deepEqual(split('--comment "ftp"\t-j'), [['--comment', '--comment', 0, 9], ['ftp', '"ftp"', 10, 15], ['-j', '-j', 16, 18]]);
    assert.deepEqual(split('--comment ""'), [['--comment', '--comment', 0, 9], ['', '""', 10, 12]]);
    assert.deepEqual(split('"at the end"'), [['at the end', '"at the end"', 0, 12]]);
  });

  it('joins quoted runs with the text around them, and reads \\" inside quotes as a quote', () => {
    assert.deepEqual(split('"ab"cd x'), [['abcd', '"ab"cd', 0, 6], ['x', 'x', 7, 8]]);
    assert.deepEqual(split('pre"x y" z'), [['prex y', 'pre"x y"', 0, 8], ['z', 'z', 9, 10]]);
    assert.deepEqual(split('"a\\"b" z'), [['a"b', '"a\\"b"', 0, 6], ['z', 'z', 7, 8]]);
    assert.deepEqual(split('"a\\" b"'), [['a" b', '"a\\" b"', 0, 7]]);
    // An unclosed quote runs to the end of the line.
    assert.deepEqual(split('"open x'), [['open x', '"open x', 0, 7]]);
  });
});

/** The values of a line's words as placed without splitting, or undefined where placing leaves the line to splitRestoreWords. */
function placedValues(line: string): string[] | undefined {
  const text = `# before\n${line}\n`;
  const places = newWordPlaces();
  if (!placeWords(text, 9, 9 + line.length, places)) return undefined;
  return Array.from({ length: places.count }, (_, n) => valueAt(text, places, n));
}

describe('restore-file words placed without splitting (a line read by its shape)', () => {
  it('places plain words and words that are one quoted run, with the values splitRestoreWords gives', () => {
    assert.deepEqual(placedValues('-A INPUT -m comment --comment "ftp control" -j ACCEPT'), ['-A', 'INPUT', '-m', 'comment', '--comment', 'ftp control', '-j', 'ACCEPT']);
    assert.deepEqual(placedValues('--comment ""\t-j'), ['--comment', '', '-j']);
    assert.deepEqual(placedValues('  '), []);
  });

  it('leaves to splitRestoreWords a quote inside a word, an escaped quote, an unclosed quote, and counters', () => {
    for (const line of ['"ab"cd x', 'pre"x y" z', '"a\\"b" z', '"open x', '[5:10] -A INPUT -j ACCEPT']) assert.equal(placedValues(line), undefined, line);
  });

  it('gives what splitRestoreWords gives for every line it places (random lines)', () => {
    const line = fc.array(fc.constantFrom('a', '-', '"', '\\', ' ', '\t', '[', '1', ':', ']', '!', 'x'), { maxLength: 30 }).map((chars) => chars.join(''));
    let placedLines = 0;
    fc.assert(fc.property(line, (text) => {
      const values = placedValues(text);
      if (values === undefined) return;
      placedLines++;
      assert.deepEqual(values, split(text).map(([value]) => value), JSON.stringify(text));
    }), { numRuns: 2000 });
    assert.ok(placedLines > 200, `lines placed: ${placedLines}`);
  });
});
