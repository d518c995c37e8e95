import type { Language } from '../../analysis/language.js';
import type { FoldingEntry, SymbolEntry } from '../../core/features.js';
import type { Position } from '../../core/text.js';
import { readNftablesDocument, type NftablesDocument } from './document.js';
import { KEYWORDS } from './keywords.js';
import { nftablesCompletions } from './completion.js';
import { nftablesSemanticTokens } from './semantic-tokens.js';
import { nftablesChecks } from './rules/index.js';
import { rereadNftablesDocument } from './reread.js';
import type { NftChain, NftRule, NftTable } from './ruleset.js';

const NAME_PATTERNS = [/(^|\/)nftables\.conf$/, /\.nft$/];

/** A file named otherwise is nftables when it starts as nft scripts do. */
const looksLikeNft = (text: string) => /^#!\s*\/(usr\/)?s?bin\/nft\b/.test(text);

/** The word under the position, if any. */
function wordAt(doc: NftablesDocument, position: Position): { word: string; start: number; end: number } | undefined {
  const offset = doc.lines.offsetAt(position);
  const isWordChar = (c: string | undefined) => !!c && /[A-Za-z0-9_-]/.test(c);
  let start = offset, end = offset;
  while (isWordChar(doc.text[start - 1])) start--;
  while (isWordChar(doc.text[end])) end++;
  return start < end ? { word: doc.text.slice(start, end), start, end } : undefined;
}

/** How long a rule's text may be as a symbol's name before it is cut. */
const RULE_NAME_LENGTH = 60;

function ruleSymbol(rule: NftRule): SymbolEntry {
  const name = rule.text.length > RULE_NAME_LENGTH ? `${rule.text.slice(0, RULE_NAME_LENGTH - 1)}…` : rule.text;
  return { name, kind: 'event', range: rule.where.range, selectionRange: rule.where.range };
}

function chainSymbol(doc: NftablesDocument, chain: NftChain): SymbolEntry {
  const end = chain.closeAt?.range.end ?? chain.declaredAt.range.end;
  const base = chain.base ? `${chain.base.type} hook ${chain.base.hook} priority ${chain.base.priority}, policy ${chain.policy}` : `${chain.rules.length} rules`;
  const rules = chain.rules.filter((r) => r.where.path === doc.path).map(ruleSymbol);
  return { name: chain.name, detail: base, kind: 'function', range: { start: { line: chain.declaredAt.line, character: 0 }, end }, selectionRange: chain.declaredAt.range, children: rules };
}

function tableSymbol(doc: NftablesDocument, table: NftTable): SymbolEntry {
  const chains = [...table.chains.values()].filter((c) => c.declaredAt.path === doc.path).map((c) => chainSymbol(doc, c));
  const end = chains.reduce((last, c) => (c.range.end.line > last.line ? c.range.end : last), table.declaredAt.range.end);
  return { name: `${table.family} ${table.name}`, kind: 'namespace', range: { start: { line: table.declaredAt.line, character: 0 }, end }, selectionRange: table.declaredAt.range, children: chains };
}

export const nftablesLanguage: Language<NftablesDocument> = {
  id: 'nftables',
  displayName: 'nftables ruleset',
  read: (text, path) => readNftablesDocument(text, path),
  reread: (text, path, previous) => rereadNftablesDocument(text, path, previous),
  lines: (doc) => doc.lines,
  rules: nftablesChecks,
  namePatterns: NAME_PATTERNS,
  matchesContent: looksLikeNft,
  hover(doc, position) {
    const at = wordAt(doc, position);
    const text = at && KEYWORDS[at.word];
    return text ? { markdown: `**${at.word}** (nftables): ${text}`, range: doc.lines.range(at.start, at.end) } : undefined;
  },
  completions: nftablesCompletions,
  semanticTokens: nftablesSemanticTokens,
  symbols: (doc) => doc.ruleset.tables.filter((t) => t.declaredAt.path === doc.path).map((t) => tableSymbol(doc, t)),
  folding(doc): FoldingEntry[] {
    const folds: FoldingEntry[] = [];
    const open: number[] = [];
    for (let i = 0; i < doc.text.length; i++) {
      const c = doc.text[i];
      if (c === '#') { const nl = doc.text.indexOf('\n', i); i = nl === -1 ? doc.text.length : nl; continue; }
      if (c === '"') { const q = doc.text.indexOf('"', i + 1); if (q !== -1) i = q; continue; }
      if (c === '{') open.push(doc.lines.positionAt(i).line);
      else if (c === '}' && open.length) {
        const startLine = open.pop()!, endLine = doc.lines.positionAt(i).line;
        if (endLine > startLine) folds.push({ startLine, endLine });
      }
    }
    return folds;
  },
};
