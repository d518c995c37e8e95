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
