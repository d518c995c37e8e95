import { LineWord } from './line-place.js';
import type { LineIndex, Range } from '../../core/text.js';

/** One argument as iptables receives it, with where it was written. */
export interface Word {
  /** The argument after quotes are removed (and, in scripts, variables expanded). */
  readonly value: string;
  /** The written text, quotes included. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  readonly range: Range;
  /** In scripts: the argument came from a variable whose value the reader could not resolve. */
  readonly unresolved?: boolean;
}

export interface TableLine { readonly kind: 'table'; readonly line: number; readonly range: Range; readonly name: Word }
export interface ChainLine { readonly kind: 'chain'; readonly line: number; readonly range: Range; readonly name: Word; readonly policy?: Word; readonly counters?: Word }
export interface CommitLine { readonly kind: 'commit'; readonly line: number; readonly range: Range; readonly word: Word }
/** A line of arguments, as after "iptables" on a command line (`-A INPUT -p tcp ...`). */
export interface CommandLine { readonly kind: 'command'; readonly line: number; readonly range: Range; readonly words: Word[]; readonly counters?: Word }
export interface CommentLine { readonly kind: 'comment'; readonly line: number; readonly range: Range; readonly text: string }

export type RestoreLine = TableLine | ChainLine | CommitLine | CommandLine | CommentLine;

export type AddressFamily = 'ipv4' | 'ipv6';

export interface RestoreFile {
  kind: 'iptables-restore';
  path: string;
  text: string;
  lines: LineIndex;
  family: AddressFamily;
  items: RestoreLine[];
  /**
   * Set when the file was re-read after an edit: the edit changed no command, table, chain or
   * COMMIT line (not even a column), no suppression comment, and moved no line.
   */
  sameMeaning?: boolean;
  /**
   * Set when the file was re-read after an edit: the lines read again (`fresh`, from index `at`
   * of `items`) and the ones they replaced (`replaced`); every line from `movedFrom` on (counted
   * before the edit) moved by `lineShift` lines (Enter, Backspace, a pasted line).
   */
  inPlace?: { readonly at: number; readonly replaced: readonly RestoreLine[]; readonly fresh: readonly RestoreLine[]; readonly lineShift: number; readonly movedFrom: number };
}

/** The same place with another value (a renamed chain, an implied match name). */
export function renamedWord(word: Word, value: string): Word {
  if (word instanceof LineWord) return LineWord.written(value, word.raw, word.place, word.from, word.to);
  return { value, raw: word.raw, start: word.start, end: word.end, range: word.range, ...(word.unresolved ? { unresolved: true } : {}) };
}

/** One word covering a run of words, from the first's start to the last's end. */
export function spanningWord(first: Word, last: Word): Word {
  if (first instanceof LineWord && last instanceof LineWord && first.place === last.place) return LineWord.written(first.value, first.raw, first.place, first.from, last.to);
  return { value: first.value, raw: first.raw, start: first.start, end: last.end, range: { start: first.range.start, end: last.range.end }, ...(first.unresolved ? { unresolved: true } : {}) };
}

/** The end of a word from `at` written characters on, with its own value ("80" of "--dport=80"). */
export function wordTail(word: Word, at: number, value: string): Word {
  if (word instanceof LineWord) return new LineWord(value, word.place, word.from + at, word.to);
  return { value, raw: value, start: word.start + at, end: word.end, range: { start: { line: word.range.start.line, character: word.range.start.character + at }, end: word.range.end }, ...(word.unresolved ? { unresolved: true } : {}) };
}
