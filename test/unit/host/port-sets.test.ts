import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PortSet } from '../../../server/src/engine/port-set.js';
import { RemainingPorts } from '../../../server/src/engine/remaining-ports.js';

// Port sets checked against the plainest model there is: the list of the ports themselves. The
// ports are drawn from a small stretch (and its edges at 0 and 65535) so that sets overlap often.

const port = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(0, 65535, 65534));
const range = fc.tuple(port, port).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
/** Sets of a few ranges, and sets cut into many short ones (against a few, intersect looks them up instead of going through them). */
const fewRanges = fc.array(range, { maxLength: 4 }).map((ranges) => PortSet.of(...ranges));
const manyRanges = fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 40, maxLength: 150 })
  .map((starts) => PortSet.of(...starts.map((p) => [p * 3, p * 3 + (p % 2)] as const)));
const portSet = fc.oneof(fewRanges, manyRanges);

/** One flag per port 0-65535. */
function portsOf(set: PortSet): Uint8Array {
  const ports = new Uint8Array(65536);
  for (const [a, b] of set.ranges) ports.fill(1, a, b + 1);
  return ports;
}

/** The normal form: sorted, disjoint, not even adjacent. */
function assertNormal(set: PortSet): void {
  set.ranges.forEach(([a, b], i) => {
    assert.ok(a <= b && a >= 0 && b <= 65535, `range ${a}-${b}`);
    if (i > 0) assert.ok(a > set.ranges[i - 1]![1] + 1, `${set} is not in normal form`);
  });
}

const model = {
  union: (x: Uint8Array, y: Uint8Array) => x.map((p, i) => p | y[i]!),
  intersect: (x: Uint8Array, y: Uint8Array) => x.map((p, i) => p & y[i]!),
  minus: (x: Uint8Array, y: Uint8Array) => x.map((p, i) => p & (1 - y[i]!)),
};

describe('port sets', () => {
  it('intersect, unite and subtract as the sets of their ports do, in normal form', () => {
    fc.assert(fc.property(portSet, portSet, (x, y) => {
      for (const [name, result] of [['intersect', x.intersect(y)], ['union', x.union(y)], ['minus', x.minus(y)]] as const) {
        assertNormal(result);
        assert.deepEqual(portsOf(result), model[name](portsOf(x), portsOf(y)), `${x} ${name} ${y}`);
      }
      assert.equal(x.intersect(y).equals(y.intersect(x)), true);
    }), { numRuns: 400 });
  });

  it('unite any number of sets at once as one after another', () => {
    fc.assert(fc.property(fc.array(portSet, { maxLength: 12 }), (sets) => {
      const all = PortSet.unionOf(sets);
      assertNormal(all);
      assert.ok(all.equals(sets.reduce((a, b) => a.union(b), PortSet.EMPTY)));
    }), { numRuns: 300 });
  });

  it('keep what a walk has not decided: ports taken out a set at a time, and looked up', () => {
    fc.assert(fc.property(portSet, fc.array(fc.tuple(portSet, portSet), { maxLength: 10 }), (start, steps) => {
      const remaining = new RemainingPorts(start);
      let expected = start;
      for (const [asked, decided] of steps) {
        const within = remaining.within(asked);
        assertNormal(within);
        assert.ok(within.equals(asked.intersect(expected)), `${asked} within ${expected}`);
        remaining.remove(decided);
        expected = expected.minus(decided);
        assert.ok(remaining.toPortSet().equals(expected), `${expected} after taking out ${decided}`);
        assert.equal(remaining.isEmpty, expected.isEmpty);
      }
    }), { numRuns: 400 });
  });

  it('are written out in full up to ten ranges, and as the first ten and a count beyond', () => {
    assert.equal(PortSet.EMPTY.toString(), 'none');
    assert.equal(PortSet.of([20, 21], [40000, 40100]).toString(), '20-21, 40000-40100');
    const ten = PortSet.of(...Array.from({ length: 10 }, (_, i) => [i * 10, i * 10] as const));
    assert.equal(ten.toString(), '0, 10, 20, 30, 40, 50, 60, 70, 80, 90');
    const many = PortSet.of(...Array.from({ length: 6667 }, (_, i) => [30001 + i * 3, 30001 + i * 3] as const));
    assert.equal(many.toString(), '30001, 30004, 30007, 30010, 30013, 30016, 30019, 30022, 30025, 30028 and 6657 more ranges');
  });
});
