import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * nft's tokens as far as ftpwall reads its files: words (nft's own lexer tells keywords, numbers,
 * addresses and names apart; here a rule's reader does), strings, `$variables`, `@sets`,
 * relational operators, and the punctuation that shapes blocks and lists.
 */
export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED });
/** A backslash before the newline joins two lines into one statement. */
export const Continuation = createToken({ name: 'Continuation', pattern: /\\\r?\n/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, group: Lexer.SKIPPED });
export const Newline = createToken({ name: 'Newline', pattern: /\n/, line_breaks: true });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/ });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const QuotedString = createToken({ name: 'QuotedString', pattern: /"[^"\n]*"/ });
export const Variable = createToken({ name: 'Variable', pattern: /\$[A-Za-z0-9_]*/ });
export const SetReference = createToken({ name: 'SetReference', pattern: /@[A-Za-z0-9_.\-/]*/ });
export const Operator = createToken({ name: 'Operator', pattern: /==|!=|<=|>=|<|>|!/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });
export const Word = createToken({ name: 'Word', pattern: /[^\s{};,"#$@=!<>\\]+|\\/ });

export const NFT_TOKENS: TokenType[] = [Whitespace, Continuation, Comment, Newline, Semicolon, LCurly, RCurly, Comma, QuotedString, Variable, SetReference, Operator, Equals, Word];

let lexer: Lexer | undefined;
/** One lexer for the process: chevrotain's set-up is the expensive part. */
export const nftLexer = (): Lexer => (lexer ??= new Lexer(NFT_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: false }));
