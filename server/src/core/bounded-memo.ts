/**
 * Values worked out from a key once and looked up after, for keys that repeat across a large file
 * (option names, port lists, protocol values). It stops remembering at `limit` keys, so input full
 * of distinct keys cannot grow it without end; past that, values are worked out each time.
 * `compute` must be a function made once, not a new closure per call.
 */
export class BoundedMemo<K, V> {
  private readonly known = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: (key: K) => V): V {
    const known = this.known.get(key);
    if (known !== undefined || this.known.has(key)) return known as V;
    const value = compute(key);
    if (this.known.size < this.limit) this.known.set(key, value);
    return value;
  }
}
