/**
 * Values worked out from a key once and looked up after, for keys that repeat across a large file
 * (option names, port lists, protocol values). It stops remembering at `limit` keys, so input full
 * of distinct keys cannot grow it without end; past that, values are worked out each time.
 * `compute` must be a function made once, not a new closure per call.
 */
const NOTHING: unique symbol = Symbol('nothing');

export class BoundedMemo<K, V> {
  /** An undefined value is kept as NOTHING, so that one lookup tells a remembered undefined from a key never seen. */
  private readonly known = new Map<K, V | typeof NOTHING>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: (key: K) => V): V {
    const known = this.known.get(key);
    if (known !== undefined) return known === NOTHING ? (undefined as V) : known;
    const value = compute(key);
    if (this.known.size < this.limit) this.known.set(key, value === undefined ? NOTHING : value);
    return value;
  }
}
