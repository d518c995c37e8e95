import { createTokenInstance, EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import { Comma, Equals, LCurly, Newline, NFT_TOKENS, nftLexer, Operator, QuotedString, RCurly, Semicolon, SetReference, Variable, Word } from './lexer.js';
import type { Block, Item, NftToken, Term, TokenKind } from './syntax.js';

/** A syntax error, at offsets of the text, in nft's words. */
export interface SyntaxProblem { message: string; start: number; end: number }

export interface ParsedNft { items: Item[]; problems: SyntaxProblem[] }

const KINDS = new Map<TokenType, TokenKind>([[Word, 'word'], [QuotedString, 'string'], [Variable, 'variable'], [SetReference, 'set-reference'], [Operator, 'operator'], [Equals, 'equals'], [Comma, 'comma']]);

const token = (t: IToken): NftToken => ({ kind: KINDS.get(t.tokenType)!, image: t.image, start: t.startOffset, end: t.startOffset + t.image.length });

/**
 * The block structure of an nftables file: statements ended by a newline or `;`, made of tokens
 * and `{ }` blocks. What each statement means is read from this tree (see structure.ts), so a
 * mistake in one statement never hides the next.
 */
class NftGrammar extends EmbeddedActionsParser {
  constructor() {
    super(NFT_TOKENS, { recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', (): Item[] => this.SUBRULE(this.items));

  items = this.RULE('items', (): Item[] => {
    const items: Item[] = [];
    this.MANY(() => this.OR([
      { ALT: () => { this.CONSUME(Newline); } },
      { ALT: () => { this.CONSUME(Semicolon); } },
      { ALT: () => { items.push(this.SUBRULE(this.item)); } },
    ]));
    return items;
  });

  item = this.RULE('item', (): Item => {
    const terms: Term[] = [];
    this.AT_LEAST_ONE(() => { terms.push(this.SUBRULE(this.term)); });
    let terminated = false;
    this.OPTION(() => this.OR([
      { ALT: () => { this.CONSUME2(Newline); terminated = true; } },
      { ALT: () => { this.CONSUME2(Semicolon); terminated = true; } },
    ]));
    const first = terms[0], last = terms.at(-1);
    return { terms, terminated, start: first?.start ?? 0, end: last?.end ?? 0 };
  });

  term = this.RULE('term', (): Term => this.OR([
    { ALT: () => this.SUBRULE(this.block) },
    { ALT: () => token(this.CONSUME(Word)) },
    { ALT: () => token(this.CONSUME(QuotedString)) },
    { ALT: () => token(this.CONSUME(Variable)) },
    { ALT: () => token(this.CONSUME(SetReference)) },
    { ALT: () => token(this.CONSUME(Operator)) },
    { ALT: () => token(this.CONSUME(Equals)) },
    { ALT: () => token(this.CONSUME(Comma)) },
  ]));

  block = this.RULE('block', (): Block => {
    const open = this.CONSUME(LCurly);
    const items = this.SUBRULE(this.items);
    const close = this.CONSUME(RCurly);
    // A `}` put in for one the file never wrote (see balanced) has no text: the block runs to the end of the file.
    const closed = close.image === '}';
    return { kind: 'block', start: open.startOffset, end: closed ? close.startOffset + 1 : Number.MAX_SAFE_INTEGER, closed, items };
  });
}

let grammarInstance: NftGrammar | undefined;
const grammar = (): NftGrammar => (grammarInstance ??= new NftGrammar());

/**
 * The tokens with every brace matched, so that the grammar reads any file whole: a `}` that
 * closes nothing is left out, and a block still open at the end of the file is closed there;
 * each is a syntax error where nft reports it.
 */
function balanced(tokens: IToken[], textLength: number, problems: SyntaxProblem[]): IToken[] {
  const kept: IToken[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.tokenType === LCurly) depth++;
    else if (t.tokenType === RCurly) {
      if (depth === 0) { problems.push({ message: "syntax error, unexpected '}'", start: t.startOffset, end: t.startOffset + 1 }); continue; }
      depth--;
    }
    kept.push(t);
  }
  if (depth > 0) {
    problems.push({ message: 'syntax error, unexpected end of file', start: textLength, end: textLength });
    const closing = createTokenInstance(RCurly, '', textLength, textLength, NaN, NaN, NaN, NaN);
    for (let n = 0; n < depth; n++) kept.push(closing);
  }
  return kept;
}

/** Parses an nftables file into statements and blocks. Never throws. */
export function parseNft(text: string): ParsedNft {
  const lexed = nftLexer().tokenize(text);
  const problems: SyntaxProblem[] = lexed.errors.map((e) => ({
    message: text[e.offset] === '"' ? 'unterminated string' : `syntax error, unexpected character '${text[e.offset]}'`,
    start: e.offset, end: e.offset + Math.max(1, e.length),
  }));
  const parser = grammar();
  parser.input = balanced(lexed.tokens, text.length, problems);
  const items = parser.file();
  // The grammar reads every balanced token sequence; an error here is a bug of ftpwall's, said as one.
  for (const error of parser.errors) problems.push({ message: `ftpwall could not read this: ${error.message}`, start: error.token.startOffset || 0, end: text.length });
  return { items: items ?? [], problems: problems.sort((a, b) => a.start - b.start) };
}
