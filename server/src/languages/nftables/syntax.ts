/** What a token of an nftables file is, as far as its block structure and its words go. */
export type TokenKind = 'word' | 'string' | 'variable' | 'set-reference' | 'operator' | 'equals' | 'comma';

/** A token of an nftables file: its text and where it is (offsets into the file's text). */
export interface NftToken {
  readonly kind: TokenKind;
  readonly image: string;
  readonly start: number;
  readonly end: number;
}

/** A `{ ... }`: a table's, a chain's or a set's body, or an anonymous set or map inside a rule. */
export interface Block {
  readonly kind: 'block';
  readonly start: number;
  /** After its `}`; the end of the file when it is never closed. */
  readonly end: number;
  readonly closed: boolean;
  readonly items: readonly Item[];
}

export type Term = NftToken | Block;

/**
 * A statement: the terms up to a newline or `;`. `terminated` is false when a `}` or the end of
 * the file came first, which nft accepts only inside anonymous sets.
 */
export interface Item {
  readonly terms: readonly Term[];
  readonly terminated: boolean;
  readonly start: number;
  readonly end: number;
}

export const isBlock = (term: Term | undefined): term is Block => term?.kind === 'block';
export const isToken = (term: Term | undefined): term is NftToken => term !== undefined && term.kind !== 'block';

/** A word token with exactly this text. */
export const isWord = (term: Term | undefined, image: string): boolean => isToken(term) && term.kind === 'word' && term.image === image;
