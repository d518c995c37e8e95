import { firstAtOrAfter } from '../core/sorted.js';

const LISTED_RANGES = 10;

/** A set of ports 0-65535 as sorted, disjoint, non-adjacent inclusive ranges; immutable. */
export class PortSet {
  static readonly EMPTY = new PortSet([]);
  static readonly ALL = new PortSet([[0, 65535]]);

  private constructor(readonly ranges: ReadonlyArray<readonly [number, number]>) {}

  static range(low: number, high: number): PortSet {
    return low > high ? PortSet.EMPTY : new PortSet([[Math.max(0, low), Math.min(65535, high)]]);
  }

  static of(...ranges: Array<readonly [number, number]>): PortSet {
    return PortSet.merged(ranges.filter(([a, b]) => a <= b).map(([a, b]) => [Math.max(0, a), Math.min(65535, b)]));
  }

  /** Every port of any of the sets: one sort of all their ranges, however many sets (adding them one by one would cost the square). */
  static unionOf(sets: readonly PortSet[]): PortSet {
    const nonEmpty = sets.filter((s) => !s.isEmpty);
    if (nonEmpty.length <= 1) return nonEmpty[0] ?? PortSet.EMPTY;
    return PortSet.merged(nonEmpty.flatMap((s) => s.ranges));
  }

  /** Ranges already sorted, disjoint and not adjacent, as `ranges` holds them (RemainingPorts hands its own over). */
  static ofNormalRanges(ranges: ReadonlyArray<readonly [number, number]>): PortSet {
    return ranges.length === 0 ? PortSet.EMPTY : new PortSet(ranges);
  }

  /** Any ranges within 0-65535, sorted and joined into the normal form. */
  private static merged(ranges: ReadonlyArray<readonly [number, number]>): PortSet {
    const all = [...ranges].sort((x, y) => x[0] - y[0]);
    const merged: Array<[number, number]> = [];
    for (const [a, b] of all) {
      const last = merged.at(-1);
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b); else merged.push([a, b]);
    }
    return merged.length === 0 ? PortSet.EMPTY : new PortSet(merged);
  }

  get isEmpty(): boolean { return this.ranges.length === 0; }

  get size(): number { return this.ranges.reduce((n, [a, b]) => n + b - a + 1, 0); }

  union(other: PortSet): PortSet {
    // Sets are immutable, so the common cases can answer with an operand.
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return PortSet.merged([...this.ranges, ...other.ranges]);
  }

  intersect(other: PortSet): PortSet {
    // A walk intersects every rule's (mostly empty) match with the ports still undecided.
    if (this.isEmpty || other === PortSet.ALL) return this;
    if (other.isEmpty || this === PortSet.ALL) return other;
    // A set of a range or two against one cut into thousands: look up where each of its ranges falls instead of going through them all.
    if (this.ranges.length * 16 < other.ranges.length) return PortSet.ofNormalRanges(overlaps(this.ranges, other.ranges));
    if (other.ranges.length * 16 < this.ranges.length) return PortSet.ofNormalRanges(overlaps(other.ranges, this.ranges));
    const out: Array<[number, number]> = [];
    let i = 0, j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a, b] = this.ranges[i]!, [c, d] = other.ranges[j]!;
      const low = Math.max(a, c), high = Math.min(b, d);
      if (low <= high) out.push([low, high]);
      if (b < d) i++; else j++;
    }
    return new PortSet(out);
  }

  complement(): PortSet {
    const out: Array<[number, number]> = [];
    let next = 0;
    for (const [a, b] of this.ranges) { if (a > next) out.push([next, a - 1]); next = b + 1; }
    if (next <= 65535) out.push([next, 65535]);
    return new PortSet(out);
  }

  minus(other: PortSet): PortSet { return other.isEmpty ? this : this.intersect(other.complement()); }

  contains(other: PortSet): boolean { return covers(this.ranges, other.ranges); }

  has(port: number): boolean { return this.ranges.some(([a, b]) => port >= a && port <= b); }

  equals(other: PortSet): boolean {
    // The ranges are kept in one normal form, so equal sets have equal ranges.
    return this.ranges.length === other.ranges.length && this.ranges.every(([a, b], i) => a === other.ranges[i]![0] && b === other.ranges[i]![1]);
  }

  /** Every range written out ("20-21,40000-40100"): equal sets, and only they, have equal keys. */
  key(): string {
    return this.ranges.map(([a, b]) => `${a}-${b}`).join(',');
  }

  /**
   * "21", "40000-40100", "20-21, 40000-40100", or "none"; a set cut into more than
   * LISTED_RANGES pieces names the first of them and how many more there are, so that a message
   * about a firewall that decides thousands of ports one by one stays a line long.
   */
  toString(): string {
    if (this.isEmpty) return 'none';
    const listed = this.ranges.slice(0, LISTED_RANGES).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ');
    return this.ranges.length > LISTED_RANGES ? `${listed} and ${this.ranges.length - LISTED_RANGES} more ranges` : listed;
  }
}

type Ranges = ReadonlyArray<readonly [number, number]>;

const rangeEnd = (range: readonly [number, number]) => range[1];

/** The index of the first of `ranges` (normal form) that ends at `port` or after it. */
export function firstEndingAtOrAfter(ranges: Ranges, port: number): number {
  return firstAtOrAfter(ranges, port, rangeEnd);
}

/** Is every port of `inner` in `outer` (both in normal form)? Each of `inner` is looked up in `outer`, and no set is made. */
export function covers(outer: Ranges, inner: Ranges): boolean {
  for (let n = 0; n < inner.length; n++) {
    const range = outer[firstEndingAtOrAfter(outer, inner[n]![1])];
    if (!range || range[0] > inner[n]![0]) return false;
  }
  return true;
}

/** Where `few` and `many` overlap, found by looking up each of `few` in `many` (both in normal form). */
export function overlaps(few: Ranges, many: Ranges): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of few) {
    for (let i = firstEndingAtOrAfter(many, a); i < many.length && many[i]![0] <= b; i++) out.push([Math.max(a, many[i]![0]), Math.min(b, many[i]![1])]);
  }
  return out;
}
