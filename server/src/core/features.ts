import type { Range } from './text.js';

/** Editor features as plain data; the LSP layer maps them 1:1 onto protocol types. */
export interface HoverResult { markdown: string; range: Range }

export type CompletionKind = 'property' | 'value' | 'keyword';
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text that replaces `range`; the label when absent. */
  insertText?: string;
  range?: Range;
  sortText?: string;
}

export type SymbolKind = 'namespace' | 'property' | 'object' | 'function' | 'event';
export interface SymbolEntry { name: string; detail?: string; kind: SymbolKind; range: Range; selectionRange: Range; children?: SymbolEntry[] }

export interface FoldingEntry { startLine: number; endLine: number; kind?: 'comment' | 'region' }

/** Where a name is defined, in this file or another. */
export interface DefinitionEntry { path: string; range: Range }

/** A short label shown in the text after `position` (a variable's value). */
export interface InlayHintEntry { position: { line: number; character: number }; label: string; tooltip?: string }

/**
 * What a word is, beyond what a grammar of patterns can tell: a chain's name where it is declared
 * and where a jump names it, a set or a variable, a value from a fixed list (a hook, a state).
 * The order is the legend the server announces; a token's type is its index in it.
 */
export const SEMANTIC_TOKEN_TYPES = ['keyword', 'function', 'variable', 'string', 'number', 'enumMember', 'namespace', 'operator', 'type'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
/** One token on one line (a token never spans lines). */
export interface SemanticTokenEntry { line: number; character: number; length: number; type: SemanticTokenType }
