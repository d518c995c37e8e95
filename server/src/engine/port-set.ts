/** A set of ports 0-65535 as sorted, disjoint, non-adjacent inclusive ranges; immutable. */
export class PortSet {
  static readonly EMPTY = new PortSet([]);
  static readonly ALL = new PortSet([[0, 65535]]);

  private constructor(readonly ranges: ReadonlyArray<readonly [number, number]>) {}

  static range(low: number, high: number): PortSet {
    return low > high ? PortSet.EMPTY : new PortSet([[Math.max(0, low), Math.min(65535, high)]]);
  }

  static of(...ranges: Array<readonly [number, number]>): PortSet {
    return ranges.reduce((set, [a, b]) => set.union(PortSet.range(a, b)), PortSet.EMPTY);
  }

  get isEmpty(): boolean { return this.ranges.length === 0; }

  get size(): number { return this.ranges.reduce((n, [a, b]) => n + b - a + 1, 0); }

  union(other: PortSet): PortSet {
    // Sets are immutable, so the common cases can answer with an operand.
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    const all = [...this.ranges, ...other.ranges].sort((x, y) => x[0] - y[0]);
    const merged: Array<[number, number]> = [];
    for (const [a, b] of all) {
      const last = merged.at(-1);
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b); else merged.push([a, b]);
    }
    return new PortSet(merged);
  }

  intersect(other: PortSet): PortSet {
    // A walk intersects every rule's (mostly empty) match with the ports still undecided.
    if (this.isEmpty || other === PortSet.ALL) return this;
    if (other.isEmpty || this === PortSet.ALL) return other;
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

  contains(other: PortSet): boolean { return other.minus(this).isEmpty; }

  has(port: number): boolean { return this.ranges.some(([a, b]) => port >= a && port <= b); }

  equals(other: PortSet): boolean {
    // The ranges are kept in one normal form, so equal sets have equal ranges.
    return this.ranges.length === other.ranges.length && this.ranges.every(([a, b], i) => a === other.ranges[i]![0] && b === other.ranges[i]![1]);
  }

  /** "21", "40000-40100", "20-21, 40000-40100", or "none". */
  toString(): string {
    return this.isEmpty ? 'none' : this.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ');
  }
}
