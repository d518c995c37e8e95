import type { CompletionEntry } from '../../core/features.js';
import type { Position } from '../../core/text.js';
import type { NftablesDocument } from './document.js';
import { IN_CHAIN, IN_TABLE, KEYWORDS, TOP_LEVEL } from './keywords.js';
import type { NftChain, NftTable } from './ruleset.js';

/**
 * What may follow the words before the cursor in a statement: the fields of a protocol, the
 * states conntrack knows, the hooks and priorities of a base chain, and so on. A key is the last
 * one or two words before the word being typed.
 */
const FOLLOWERS: Record<string, readonly string[]> = {
  tcp: ['dport', 'sport', 'flags'],
  udp: ['dport', 'sport'],
  th: ['dport', 'sport'],
  ip: ['saddr', 'daddr', 'protocol'],
  ip6: ['saddr', 'daddr', 'nexthdr'],
  ct: ['state', 'helper', 'status', 'mark'],
  'ct state': ['new', 'established', 'related', 'invalid', 'untracked'],
  'ct helper': ['set'],
  meta: ['l4proto', 'nfproto', 'iifname', 'oifname', 'mark'],
  'meta l4proto': ['tcp', 'udp', 'icmp', 'ipv6-icmp'],
  'ip protocol': ['tcp', 'udp', 'icmp'],
  'ip6 nexthdr': ['tcp', 'udp', 'ipv6-icmp'],
  policy: ['accept', 'drop'],
  type: ['filter', 'nat', 'route'],
  priority: ['raw', 'mangle', 'dstnat', 'filter', 'security', 'srcnat'],
  reject: ['with'],
  'reject with': ['tcp reset', 'icmpx type admin-prohibited', 'icmp type port-unreachable'],
  table: ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'],
  flush: ['ruleset', 'table', 'chain', 'set'],
  add: ['table', 'chain', 'rule', 'set', 'element'],
  insert: ['rule'],
  delete: ['table', 'chain', 'rule', 'set', 'element'],
  limit: ['rate'],
  log: ['prefix', 'level'],
};

/** The hooks a base chain of each family may use. */
const HOOKS_OF: Record<string, readonly string[]> = {
  netdev: ['ingress', 'egress'],
  arp: ['input', 'output'],
  default: ['prerouting', 'input', 'forward', 'output', 'postrouting'],
};

/** The chain or table whose block the position is in. */
function blockAt(doc: NftablesDocument, position: Position): { chain?: NftChain; table?: NftTable } {
  for (const table of doc.ruleset.tables) {
    for (const chain of table.chains.values()) {
      if (chain.declaredAt.path === doc.path && chain.closeAt && chain.declaredAt.line < position.line && position.line <= chain.closeAt.line) return { chain, table };
    }
  }
  const depth = [...doc.text.slice(0, doc.lines.offsetAt(position))].reduce((d, c) => d + (c === '{' ? 1 : c === '}' ? -1 : 0), 0);
  if (depth <= 0) return {};
  // Inside a table block but in no chain: the nearest table declared above is the one.
  const above = doc.ruleset.tables.filter((t) => t.declaredAt.path === doc.path && t.declaredAt.line <= position.line);
  return { table: above.at(-1) };
}

/** The words of the statement before the cursor, without the word being typed. */
function wordsBefore(doc: NftablesDocument, position: Position): { words: string[]; typing: string } {
  const line = doc.text.slice(doc.lines.offsetAt({ line: position.line, character: 0 }), doc.lines.offsetAt(position));
  const statement = line.slice(Math.max(line.lastIndexOf(';'), line.lastIndexOf('{')) + 1);
  const typing = /[^\s,]*$/.exec(statement)![0];
  const words = statement.slice(0, statement.length - typing.length).split(/[\s,]+/).filter(Boolean);
  return { words, typing };
}

const keyword = (label: string): CompletionEntry => ({ label, kind: 'keyword', ...(KEYWORDS[label] ? { documentation: KEYWORDS[label] } : {}) });
const value = (label: string, detail: string, insertText?: string): CompletionEntry => ({ label, kind: 'value', detail, ...(insertText ? { insertText } : {}) });

/** Names the words before the cursor ask for: a chain to jump to, a helper object, a named set. */
function namesFor(words: readonly string[], typing: string, table: NftTable | undefined, family: string | undefined): CompletionEntry[] | undefined {
  const last = words.at(-1);
  if (typing.startsWith('@')) return [...(table?.sets.keys() ?? [])].map((name) => value(`@${name}`, 'named set'));
  if (!table && (last === 'jump' || last === 'goto')) return [];
  if (last === 'jump' || last === 'goto') return [...table!.chains.values()].filter((c) => !c.base).map((c) => value(c.name, 'chain'));
  if (words.slice(-3).join(' ') === 'ct helper set') return [...(table?.helpers.values() ?? [])].map((h) => value(`"${h.name}"`, `ct helper of type ${h.helperType || '?'}`));
  if (last === 'hook') return (HOOKS_OF[family ?? ''] ?? HOOKS_OF['default']!).map((hook) => keyword(hook));
  return undefined;
}

/**
 * What may stand at the cursor: after a keyword that takes a field or a value, those (ports of
 * the protocol, conntrack states, hooks, chain and helper names of the table); at the start of a
 * statement, the statements of the block the cursor is in.
 */
export function nftablesCompletions(doc: NftablesDocument, position: Position): CompletionEntry[] {
  const { chain, table } = blockAt(doc, position);
  const { words, typing } = wordsBefore(doc, position);
  const names = namesFor(words, typing, table, table?.family);
  if (names) return names;
  // In a list of states (`ct state { new, established` or `ct state new,established`) the states go on.
  const stateList = words.lastIndexOf('state') > 0 && words[words.lastIndexOf('state') - 1] === 'ct' && /^[a-z,{\s]*$/.test(words.slice(words.lastIndexOf('state') + 1).join(' '));
  // Own keys only: a typed word such as "toString" must not find Object's methods.
  const follows = (key: string) => (Object.hasOwn(FOLLOWERS, key) ? FOLLOWERS[key] : undefined);
  const key = stateList ? 'ct state' : follows(words.slice(-2).join(' ')) ? words.slice(-2).join(' ') : words.at(-1) ?? '';
  const followers = follows(key);
  if (followers) return followers.map(keyword);
  if (words.length > 0 && chain) return IN_CHAIN.filter((w) => w !== 'type' && w !== 'policy').map(keyword);
  return (chain ? IN_CHAIN : table ? IN_TABLE : TOP_LEVEL).map(keyword);
}
