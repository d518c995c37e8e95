import type { LineIndex, Range } from '../../core/text.js';

/** One argument as iptables receives it, with where it was written. */
export interface Word {
  /** The argument after quotes are removed (and, in scripts, variables expanded). */
  value: string;
  /** The written text, quotes included. */
  raw: string;
  start: number;
  end: number;
  range: Range;
  /** In scripts: the argument came from a variable whose value the reader could not resolve. */
  unresolved?: boolean;
}

export interface TableLine { kind: 'table'; line: number; range: Range; name: Word }
export interface ChainLine { kind: 'chain'; line: number; range: Range; name: Word; policy?: Word; counters?: Word }
export interface CommitLine { kind: 'commit'; line: number; range: Range; word: Word }
/** A line of arguments, as after "iptables" on a command line (`-A INPUT -p tcp ...`). */
export interface CommandLine { kind: 'command'; line: number; range: Range; words: Word[]; counters?: Word }
export interface CommentLine { kind: 'comment'; line: number; range: Range; text: string }

export type RestoreLine = TableLine | ChainLine | CommitLine | CommandLine | CommentLine;

export type AddressFamily = 'ipv4' | 'ipv6';

export interface RestoreFile {
  kind: 'iptables-restore';
  path: string;
  text: string;
  lines: LineIndex;
  family: AddressFamily;
  items: RestoreLine[];
}
