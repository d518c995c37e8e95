import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCommand } from '../../../server/src/languages/iptables/command.js';
import { LineShapes, shapeOf } from '../../../server/src/languages/iptables/line-shapes.js';
import { LineSpan } from '../../../server/src/languages/iptables/line-place.js';
import { meaningOf } from '../../../server/src/languages/iptables/rule-meaning.js';
import type { AddressFamily, Word } from '../../../server/src/languages/iptables/syntax.js';
import { newWordPlaces, placeWords, splitRestoreWords, type WordPlaces } from '../../../server/src/languages/iptables/words.js';
import { meaningView } from '../../helpers/meaning-view.js';

// A line read by its shape's plan must mean exactly what its full reading means, and a line
// whose full reading has a problem (or a host name) must never be read by a plan.

const RUNS = Number(process.env['FTPWALL_PROPERTY_RUNS'] ?? 100);
const VECTORS = join(import.meta.dirname, '..', '..', 'fixtures', 'reference', 'iptables-xt-tests.tsv');

const wordsOf = (line: string): Word[] => splitRestoreWords(line, 0, line.length, new LineSpan(0, 0, line.length));

/** Where the words of a line are, when they can be placed without being split. */
function placed(line: string): WordPlaces | undefined {
  const places = newWordPlaces();
  return placeWords(line, 0, line.length, places) ? places : undefined;
}

/** A fresh table of shapes that has learned from `taught`, and what it makes of `line`. */
function readAfter(taught: string, line: string, table = 'filter', family: AddressFamily = 'ipv4') {
  const shapes = new LineShapes();
  const teacher = wordsOf(taught);
  const teacherPlaces = placed(taught);
  if (teacherPlaces) shapes.learn(taught, teacherPlaces, teacher, parseCommand(teacher, family, table), table, family);
  const full = parseCommand(wordsOf(line), family, table);
  const places = placed(line);
  const shape = shapeOf(line, table, family);
  return { sameShape: shape !== undefined && shape === shapeOf(taught, table, family), byShape: places && shapes.meaningOf(line, places, table, family, []), full };
}

/** Asserts the safety property for one pair of lines. */
function assertFaithful(taught: string, line: string, table = 'filter', family: AddressFamily = 'ipv4'): boolean {
  const { byShape, full } = readAfter(taught, line, table, family);
  if (!byShape) return false;
  assert.deepEqual(full.problems.map((p) => p.message), [], `read by a shape although refused: ${line}`);
  assert.deepEqual(full.hostnames.map((w) => w.value), [], `read by a shape although it names a host: ${line}`);
  assert.deepEqual(meaningView(byShape), meaningView(meaningOf(full)), `a different meaning: ${line}`);
  return true;
}

describe('lines read by their shape', () => {
  it('reads a line of a learned shape as its full reading does, with its own values', () => {
    const taught = '-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 21 -m comment --comment "ftp" -j ACCEPT';
    for (const line of [
      '-A INPUT -s 192.168.1.7 -p tcp -m tcp --dport 40000:40100 -m comment --comment passive -j ACCEPT',
      '-A FORWARD -s 0.0.0.0/0 -p tcp -m tcp --dport ftp -m comment --comment "two words" -j ACCEPT',
    ]) assert.ok(assertFaithful(taught, line), line);
    assert.ok(assertFaithful('-A KUBE-SVC-A ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m tcp --dport 443 -j KUBE-MARK-MASQ', '-A KUBE-SVC-B ! -s 10.0.0.0/8 -d 10.96.0.9/32 -p tcp -m tcp --dport 53 -j KUBE-SEP-X', 'nat'));
    assert.ok(assertFaithful('-A SEP -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:8080', '-A SEP2 -p tcp -m tcp -j DNAT --to-destination 10.244.9.9:80-90', 'nat'));
    assert.ok(assertFaithful('-A INPUT -p tcp --dport 21 -j ACCEPT', '[3:4] -A INPUT -p tcp --dport 22 -j ACCEPT'.replace(/^\[3:4\] /, '')));
  });

  it('sends a line with a value iptables refuses, or a host name, to the full reading', () => {
    const cases: Array<[string, string, string?]> = [
      ['-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 70000 -j ACCEPT'],
      ['-A INPUT -p tcp --dport 21:22 -j ACCEPT', '-A INPUT -p tcp --dport 22:21 -j ACCEPT'],
      ['-A INPUT -s 10.0.0.1 -j DROP', '-A INPUT -s 10.0.0.1/33 -j DROP'],
      ['-A INPUT -s 10.0.0.1 -j DROP', '-A INPUT -s ftp.example.org -j DROP'],
      ['-A INPUT -i eth0 -j DROP', '-A INPUT -i eth0/with/slashes/and-too-long -j DROP'],
      // The chain's name is a value, and an -i is refused in OUTPUT.
      ['-A INPUT -i eth0 -j DROP', '-A OUTPUT -i eth0 -j DROP'],
      ['-A INPUT -m state --state NEW -j ACCEPT', '-A INPUT -m state --state BRAND_NEW -j ACCEPT'],
      ['-A INPUT -m limit --limit 5/sec -j ACCEPT', '-A INPUT -m limit --limit 20000/sec -j ACCEPT'],
      ['-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'raw'],
    ];
    for (const [taught, line, table = 'filter'] of cases) {
      const { byShape, full, sameShape } = readAfter(taught, line, table);
      if (full.problems.length || full.hostnames.length) {
        assert.ok(sameShape, `not the same shape: ${line}`);
        assert.equal(byShape, undefined, line);
      } else assert.ok(assertFaithful(taught, line, table), line);
    }
  });

  it('still refuses a bad value after a shape has accepted the same values many times, or many different ones', () => {
    // A shape's value tests remember what they accepted, and stop remembering when the values are mostly unique.
    const shapes = new LineShapes();
    const teach = (line: string) => { const words = wordsOf(line); shapes.learn(line, placed(line)!, words, parseCommand(words, 'ipv4', 'filter'), 'filter', 'ipv4'); };
    const byShape = (line: string) => shapes.meaningOf(line, placed(line)!, 'filter', 'ipv4', []);
    teach('-A INPUT -m limit --limit 5/sec -j ACCEPT');
    teach('-A INPUT -s 10.0.0.1 -j DROP');
    for (let n = 0; n < 600; n++) {
      const repeated = `-A INPUT -m limit --limit ${n % 3 + 1}/sec -j ACCEPT`;
      const unique = `-A INPUT -s 10.${n >> 8}.${n & 255}.1 -j DROP`;
      for (const line of [repeated, unique]) assert.deepEqual(meaningView(byShape(line)!), meaningView(meaningOf(parseCommand(wordsOf(line), 'ipv4', 'filter'))), line);
    }
    for (const refused of ['-A INPUT -m limit --limit 20000/sec -j ACCEPT', '-A INPUT -s 10.0.0.1/33 -j DROP', '-A INPUT -s ftp.example.org -j DROP']) {
      assert.ok(parseCommand(wordsOf(refused), 'ipv4', 'filter').problems.length + parseCommand(wordsOf(refused), 'ipv4', 'filter').hostnames.length > 0, refused);
      assert.equal(byShape(refused), undefined, refused);
    }
    // A value remembered as accepted is read by the shape again.
    assert.ok(byShape('-A INPUT -m limit --limit 2/sec -j ACCEPT'));
  });

  it('gives the names that decide how a line reads their own shapes', () => {
    const differ = (a: string, b: string) => assert.notEqual(shapeOf(a, 'filter', 'ipv4'), shapeOf(b, 'filter', 'ipv4'), `${a} | ${b}`);
    differ('-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p udp --dport 21 -j ACCEPT');
    differ('-A INPUT -m tcp --dport 21 -j ACCEPT', '-A INPUT -m udp --dport 21 -j ACCEPT');
    differ('-A INPUT -j ACCEPT', '-A INPUT -j MYCHAIN');
    differ('-A INPUT -j ACCEPT', '-A INPUT -j DROP');
    differ('-A INPUT -j LOG', '-A INPUT -g LOG');
    assert.equal(shapeOf('-A INPUT -j ONE', 'filter', 'ipv4'), shapeOf('-A FWD -j TWO', 'filter', 'ipv4'));
    assert.notEqual(shapeOf('-A INPUT -j ACCEPT', 'filter', 'ipv4'), shapeOf('-A INPUT -j ACCEPT', 'nat', 'ipv4'));
    assert.notEqual(shapeOf('-A INPUT -j ACCEPT', 'filter', 'ipv4'), shapeOf('-A INPUT -j ACCEPT', 'filter', 'ipv6'));
  });

  it('makes no plan of a line whose shape does not fix how it reads', () => {
    // An abbreviated -p or -m is followed by a value in the shape, so its name must not be fixed by a plan.
    for (const [taught, line] of [
      ['-A INPUT --proto tcp --dport 21 -j ACCEPT', '-A INPUT --proto udp --dport 21 -j ACCEPT'],
      ['-A INPUT --mat tcp --dport 21 -j ACCEPT', '-A INPUT --mat udp --dport 21 -j ACCEPT'],
      ['-A INPUT --jum ACCEPT', '-A INPUT --jum DROP'],
      ['-A INPUT -p tcp --dport=21 -j ACCEPT', '-A INPUT -p tcp --dport=70000 -j ACCEPT'],
      ['-A INPUT -c 1 2 -j ACCEPT', '-A INPUT -c 1 -j ACCEPT'],
      ['-I INPUT 1 -j ACCEPT', '-I INPUT 2 -j ACCEPT'],
    ]) assert.equal(readAfter(taught!, line!).byShape, undefined, `${taught} | ${line}`);
  });

  it('reads by their shape only what the full reading reads alike, for iptables\' own rules with their values changed', () => {
    const rows = readFileSync(VECTORS, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
    const rules = rows.map(([, , table, chains, rule]) => ({ table: table!, line: `-A ${chains!.split(',')[0]} ${rule}` }));
    const values = [...new Set(rules.flatMap((r) => wordsOf(r.line).map((w) => w.value)).filter((v) => !v.startsWith('-')))];
    const odd = ['', '0', '65536', '1:0', '0:65535', 'x', '!', 'example.org', '10.0.0.1/33', '::1', 'eth0+', 'OUTPUT', 'POSTROUTING', 'INPUT', 'a b', '"', 'ACCEPT', '-1'];
    let readByShape = 0;
    fc.assert(fc.property(fc.constantFrom(...rules), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...values, ...odd)), { minLength: 1, maxLength: 4 }), ({ table, line }, changes) => {
      const words = wordsOf(line).map((w) => w.value);
      for (const [at, value] of changes) {
        const n = at % words.length;
        // Only values change; a change that changes the shape is a different line, read in full.
        if (!words[n]!.startsWith('-') && words[n] !== '!') words[n] = /[\s"]/.test(value) || value === '' ? `"${value.replace(/"/g, '\\"')}"` : value;
      }
      if (assertFaithful(line, words.join(' '), table)) readByShape++;
    }), { numRuns: RUNS * 20 });
    // The property says nothing if no line is ever read by a shape.
    assert.ok(readByShape > RUNS, `read by a shape: ${readByShape}`);
  });
});
