import type { CompletionEntry, FoldingEntry, HoverResult, SymbolEntry } from '../../core/features.js';
import { containsPosition, type Position } from '../../core/text.js';
import { EXTENSIONS, IMPLICIT_MATCH, MATCHES, TARGETS } from './catalogue/extensions.js';
import type { ExtensionSpec } from './catalogue/types.js';
import { CONNTRACK_STATES } from './catalogue/values.js';
import type { ParsedCommand } from './command.js';
import { CORE_OPTION_TEXT, STATE_TEXT, TABLE_TEXT } from './describe.js';
import { rulesetOf, type FirewallDocument } from './document.js';
import type { Word } from './syntax.js';
import { TABLE_NAMES } from './tables.js';

function extensionText(spec: ExtensionSpec): string {
  const judged = spec.judged ? '' : '\n\nftpwall does not check this extension\'s options; it accepts them as written and does not know how they affect FTP.';
  return `**${spec.kind === 'match' ? '-m' : '-j'} ${spec.name}** — ${spec.describe}${judged}`;
}

function chainText(doc: FirewallDocument, table: string, name: string, family = doc.family): string | undefined {
  const ruleset = rulesetOf(doc, family);
  const chain = ruleset?.chain(table, name);
  if (!chain) return undefined;
  const policy = chain.builtin ? `, policy **${chain.policy}** (what happens to packets no rule decides)` : '';
  const uses = ruleset!.references.filter((r) => r.table === table && r.jumpsTo === name).map((r) => `line ${r.where.line + 1}`);
  return `**${chain.builtin ? 'Built-in' : 'User'} chain ${name}** in table ${table}: ${chain.rules.length} rule${chain.rules.length === 1 ? '' : 's'}${policy}.${chain.builtin ? '' : uses.length ? ` Reached from ${uses.join(', ')}.` : ' No rule jumps to it.'}`;
}

function wordAt(doc: FirewallDocument, position: Position): { word: Word; parsed: ParsedCommand; table: string; index: number } | undefined {
  for (const c of doc.commands) {
    // The line's own words decide whether it is under the cursor: a lean reading is read again only then.
    const words = c.commandLine.words;
    if (c.commandLine.line !== position.line && !(words[0] && words[0].range.start.line <= position.line && words.at(-1)!.range.end.line >= position.line)) continue;
    const index = c.parsed.words.findIndex((w) => containsPosition(w.range, position));
    if (index !== -1) return { word: c.parsed.words[index]!, parsed: c.parsed, table: c.table, index };
  }
  return undefined;
}

function optionSpecFor(parsed: ParsedCommand, word: Word) {
  for (const ext of [...parsed.matches, ...(parsed.target ? [parsed.target] : [])]) {
    const hit = ext.options.find((o) => o.name === word);
    if (hit) return { ext, option: hit };
  }
  return undefined;
}

/** `tableName` is set when the position is on a `*table` header line. */
export function firewallHover(doc: FirewallDocument, position: Position, tableName?: string): HoverResult | undefined {
  if (tableName && TABLE_TEXT[tableName]) return { markdown: TABLE_TEXT[tableName]!, range: { start: { line: position.line, character: 0 }, end: { line: position.line, character: tableName.length + 1 } } };
  const at = wordAt(doc, position);
  if (!at) return undefined;
  const { word, parsed, table, index } = at;
  const previous = parsed.words[index - 1]?.value;
  const range = word.range;
  if (previous === '-m' || previous === '--match') {
    const spec = MATCHES.get(word.value);
    return spec ? { markdown: extensionText(spec), range } : undefined;
  }
  if (previous === '-j' || previous === '--jump' || previous === '-g' || previous === '--goto') {
    const spec = TARGETS.get(word.value);
    const text = spec ? extensionText(spec) : chainText(doc, table, word.value);
    return text ? { markdown: text, range } : undefined;
  }
  if (word === parsed.chain) { const text = chainText(doc, table, word.value); return text ? { markdown: text, range } : undefined; }
  if (previous === '--state' || previous === '--ctstate') {
    const lines = word.value.split(',').map((s) => CONNTRACK_STATES.find((n) => n.toLowerCase().startsWith(s.toLowerCase()))).filter((s): s is (typeof CONNTRACK_STATES)[number] => !!s).map((s) => `**${s}** — ${STATE_TEXT[s]}`);
    return lines.length ? { markdown: lines.join('\n\n'), range } : undefined;
  }
  const option = optionSpecFor(parsed, word);
  if (option) {
    const owner = option.ext.spec;
    const text = option.option.spec ? `**--${option.option.spec.name}** (${owner?.kind === 'target' ? 'target' : 'match'} ${owner?.name}) — ${option.option.spec.describe}` : `**${word.value}** — an option of ${owner?.name ?? 'an extension'} that ftpwall accepts without checking.`;
    return { markdown: text, range };
  }
  const core = CORE_OPTION_TEXT[word.value];
  return core ? { markdown: `**${word.value}** — ${core}`, range } : undefined;
}

const entries = (labels: Iterable<string>, kind: CompletionEntry['kind'], describe?: (l: string) => string | undefined): CompletionEntry[] =>
  [...labels].map((label) => { const documentation = describe?.(label); return { label, kind, ...(documentation ? { documentation } : {}) }; });

/** Completion that knows where it is in a rule line. */
export function firewallCompletions(doc: FirewallDocument, position: Position, linePrefix: string, tableOf: (line: number) => string): CompletionEntry[] {
  const words = linePrefix.split(/[ \t]+/);
  const typing = words.at(-1) ?? '';
  const previous = words.at(-2) ?? '';
  const table = tableOf(position.line);
  const family = doc.family;
  const ok = (e: ExtensionSpec) => !e.family || e.family === family;
  if (previous === '-m' || previous === '--match') return entries(EXTENSIONS.filter((e) => e.kind === 'match' && ok(e)).map((e) => e.name), 'value', (n) => extensionText(MATCHES.get(n)!));
  if (previous === '-j' || previous === '--jump' || previous === '-g' || previous === '--goto') {
    const chains = [...(rulesetOf(doc, doc.family)?.tables.get(table)?.values() ?? [])].filter((c) => !c.builtin).map((c) => c.name);
    return [...entries(EXTENSIONS.filter((e) => e.kind === 'target' && ok(e)).map((e) => e.name), 'value', (n) => extensionText(TARGETS.get(n)!)), ...entries(chains, 'keyword', () => `User chain in table ${table}.`)];
  }
  if (previous === '--state') return entries(['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'ESTABLISHED,RELATED'], 'value', (s) => STATE_TEXT[s]);
  if (previous === '--ctstate') return entries([...CONNTRACK_STATES, 'ESTABLISHED,RELATED'], 'value', (s) => STATE_TEXT[s]);
  if (previous === '-p' || previous === '--protocol') return entries(['tcp', 'udp', 'icmp', 'all', 'icmpv6', 'sctp', 'gre', 'esp', 'ah'], 'value');
  if (['-A', '-I', '-D', '-R', '-F', '-P', '-X', '--append', '--insert'].includes(previous)) return entries(rulesetOf(doc, doc.family)?.tables.get(table)?.keys() ?? [], 'keyword', (c) => chainText(doc, table, c));
  if (previous === '--reject-with') return entries(['icmp-port-unreachable', 'icmp-host-prohibited', 'icmp-admin-prohibited', 'tcp-reset'], 'value');
  if (typing.startsWith('--')) {
    const loaded = words.map((w, i) => (words[i - 1] === '-m' ? MATCHES.get(w) : words[i - 1] === '-j' ? TARGETS.get(w) : words[i - 1] === '-p' ? MATCHES.get(IMPLICIT_MATCH[w] ?? '') : undefined)).filter((s): s is ExtensionSpec => !!s);
    return loaded.flatMap((spec) => spec.options.map((o): CompletionEntry => ({ label: `--${o.name}`, kind: 'property', detail: `${spec.kind} ${spec.name}`, documentation: o.describe })));
  }
  if (words.length <= 1) {
    return [
      ...entries(['-A', '-I', '-N', '-P'], 'keyword', (o) => CORE_OPTION_TEXT[o]),
      ...entries(TABLE_NAMES.map((t) => `*${t}`), 'keyword', (t) => TABLE_TEXT[t.slice(1)]),
      { label: 'COMMIT', kind: 'keyword', documentation: 'Applies the table block above.' },
    ];
  }
  return entries(['-p', '-s', '-d', '-i', '-o', '-m', '-j', '-g'], 'keyword', (o) => CORE_OPTION_TEXT[o]);
}

/** Tables, their chains, and each chain's rules. */
export function firewallSymbols(doc: FirewallDocument, tableRanges: Map<string, SymbolEntry['range']>): SymbolEntry[] {
  const result: SymbolEntry[] = [];
  for (const [table, chains] of doc.rulesets.flatMap((r) => [...r.tables])) {
    const tableRange = tableRanges.get(table);
    if (!tableRange) continue;
    const children: SymbolEntry[] = [];
    for (const chain of chains.values()) {
      // A script's chains also hold the rules of files it restores: only this file's are its symbols.
      const rules = chain.rules.filter((r) => r.where.path === doc.path).map((r): SymbolEntry => ({ name: r.parsed.words.map((w) => w.value).join(' '), kind: 'function', range: r.where.range, selectionRange: r.where.range }));
      const anchor = chain.declaredAt?.range ?? rules[0]?.range;
      if (!anchor) continue;
      children.push({ name: chain.name, detail: chain.builtin ? `policy ${chain.policy}` : 'user chain', kind: 'object', range: anchor, selectionRange: anchor, children: rules });
    }
    result.push({ name: `*${table}`, kind: 'namespace', range: tableRange, selectionRange: tableRange, children });
  }
  return result;
}

export function blockFolding(blocks: Array<{ start: number; endLine: number }>): FoldingEntry[] {
  return blocks.filter((b) => b.endLine > b.start).map((b) => ({ startLine: b.start, endLine: b.endLine, kind: 'region' as const }));
}
