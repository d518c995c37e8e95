import type { SemanticTokenEntry, SemanticTokenType } from '../../core/features.js';
import type { Range } from '../../core/text.js';
import type { NftablesDocument } from './document.js';
import { KEYWORDS } from './keywords.js';
import { nftLexer, Operator, QuotedString, SetReference, Variable, Word } from './lexer.js';

const FAMILIES = new Set(['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']);
/** Values from nft's fixed lists: hooks, chain types, priorities by name, conntrack states, verdict-like policies. */
const FIXED_VALUES = new Set([
  'prerouting', 'input', 'forward', 'output', 'postrouting', 'ingress', 'egress',
  'filter', 'nat', 'route', 'raw', 'mangle', 'dstnat', 'srcnat', 'security',
  'new', 'established', 'related', 'invalid', 'untracked',
]);
/** Words after which the next one names a chain. */
const NAMES_CHAIN = new Set(['chain', 'jump', 'goto']);
/** Words after which the next one names an object of the table (a set, a map, a helper). */
const NAMES_OBJECT = new Set(['set', 'map', 'helper']);

/** A word's type, from the word itself and the one before it. */
function wordType(word: string, previous: string | undefined, beforePrevious: string | undefined): SemanticTokenType | undefined {
  if (previous && NAMES_CHAIN.has(previous)) return 'function';
  if (previous === 'table') return FAMILIES.has(word) ? 'type' : 'namespace';
  if (beforePrevious === 'table' && FAMILIES.has(previous ?? '')) return 'namespace';
  // `ct helper set "NAME"` assigns; `ct helper NAME {` and `set NAME {` declare.
  if (previous && NAMES_OBJECT.has(previous) && word !== 'set') return 'variable';
  if (/^[0-9][0-9.:\-/a-fx]*$/i.test(word) && /\d/.test(word)) return 'number';
  if (FIXED_VALUES.has(word)) return 'enumMember';
  if (Object.hasOwn(KEYWORDS, word) || FAMILIES.has(word)) return 'keyword';
  return undefined;
}

/**
 * The semantic tokens of the lines in `range` (every line without one): each is lexed as nft
 * lexes it, so a string, a `$variable` or an `@set` is never taken for a keyword.
 */
export function nftablesSemanticTokens(doc: NftablesDocument, range?: Range): SemanticTokenEntry[] {
  const from = range ? doc.lines.offsetAt({ line: range.start.line, character: 0 }) : 0;
  const to = range ? doc.lines.offsetAt({ line: range.end.line + 1, character: 0 }) : doc.text.length;
  const tokens: SemanticTokenEntry[] = [];
  let previous: string | undefined, beforePrevious: string | undefined;
  for (const token of nftLexer().tokenize(doc.text.slice(from, to)).tokens) {
    const type = token.tokenType === QuotedString ? 'string'
      : token.tokenType === Variable || token.tokenType === SetReference ? 'variable'
      : token.tokenType === Operator ? 'operator'
      : token.tokenType === Word ? wordType(token.image, previous, beforePrevious)
      : undefined;
    if (token.tokenType === Word) { beforePrevious = previous; previous = token.image; } else { beforePrevious = previous = undefined; }
    if (!type) continue;
    const start = doc.lines.positionAt(from + token.startOffset);
    tokens.push({ line: start.line, character: start.character, length: token.image.length, type });
  }
  return tokens;
}
