/** The index of the first of `items` (sorted by `keyOf`) whose key is `key` or more: where an item with that key goes. */
export function firstAtOrAfter<T>(items: readonly T[], key: number, keyOf: (item: T) => number): number {
  let low = 0, high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keyOf(items[middle]!) < key) low = middle + 1; else high = middle;
  }
  return low;
}
