/** The tables iptables knows and the chains each has built in. */
export const BUILTIN_CHAINS: Readonly<Record<string, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export const TABLE_NAMES = Object.keys(BUILTIN_CHAINS);

/** The names some table has a built-in chain by. */
export const BUILTIN_CHAIN_NAMES: ReadonlySet<string> = new Set(Object.values(BUILTIN_CHAINS).flat());

export const MAX_CHAIN_NAME = 28;

export function isBuiltinChain(table: string, chain: string): boolean {
  return BUILTIN_CHAINS[table]?.includes(chain) ?? false;
}
