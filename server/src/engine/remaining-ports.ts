import { covers, firstEndingAtOrAfter, overlaps, PortSet } from './port-set.js';

/**
 * The ports a walk through a chain has not decided yet: a set that only loses ports, a rule at a
 * time. It is a sorted list of ranges changed in place, so that a chain of thousands of rules
 * that each decide a port or two costs a lookup and a short shift per rule, not a new copy of a
 * set cut into thousands of pieces (which made such a chain cost the square of its length).
 */
export class RemainingPorts {
  private readonly ranges: Array<[number, number]>;
  /** The remaining ports as a set, made when first needed after a change. */
  private snapshot: PortSet | undefined = undefined;

  constructor(ports: PortSet) {
    this.ranges = ports.ranges.map(([a, b]) => [a, b]);
  }

  get isEmpty(): boolean { return this.ranges.length === 0; }

  /** The ports of `set` not decided yet. */
  within(set: PortSet): PortSet {
    if (set.isEmpty || this.isEmpty) return PortSet.EMPTY;
    // Mostly a rule takes all the ports still remaining, or only ports still remaining: then the
    // answer is a set already made, and a walk of many rules makes no set per rule.
    if (covers(set.ranges, this.ranges)) return this.snapshot ??= PortSet.ofNormalRanges(this.ranges.map(([a, b]) => [a, b]));
    return covers(this.ranges, set.ranges) ? set : PortSet.ofNormalRanges(overlaps(set.ranges, this.ranges));
  }

  /** Decides the ports of `set`: they are no longer remaining. */
  remove(set: PortSet): void {
    for (const [c, d] of set.ranges) {
      const first = firstEndingAtOrAfter(this.ranges, c);
      let last = first;
      while (last < this.ranges.length && this.ranges[last]![0] <= d) last++;
      if (last === first) continue;
      // What is left of the ranges [first, last) around c..d: the start of the first, the end of the last.
      const pieces: Array<[number, number]> = [];
      const [a] = this.ranges[first]!, [, b] = this.ranges[last - 1]!;
      if (a < c) pieces.push([a, c - 1]);
      if (b > d) pieces.push([d + 1, b]);
      this.ranges.splice(first, last - first, ...pieces);
      this.snapshot = undefined;
    }
  }

  /** The ports still remaining, as a set of their own. */
  toPortSet(): PortSet {
    return PortSet.ofNormalRanges(this.ranges.map(([a, b]) => [a, b]));
  }
}
