/** Adds `value` to the list kept under `key`, starting the list when the key is new. */
export function addToGroup<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value); else groups.set(key, [value]);
}
