import type { LineIndex, Range } from '../../core/text.js';

/** A piece of source text with its offsets in the document and its range. */
export interface Span { text: string; start: number; end: number; range: Range }

/**
 * One non-comment, non-blank line, split as vsftpd splits it: leading whitespace dropped,
 * the name up to the first '=', the value after it (verbatim, '\r' included).
 */
export interface DirectiveLine {
  line: number;
  range: Range;
  start: number;
  end: number;
  indent?: Span;
  name: Span;
  equals?: Span;
  /** Present whenever there is an '='; may be empty. */
  value?: Span;
  /** True when the line begins past vsftpd's 100,000-byte read limit, so vsftpd never sees it. */
  beyondLimit: boolean;
  /** Set when the limit falls inside this line: vsftpd reads only the text before this offset. */
  cutAt?: number;
}

export interface CommentLine { line: number; span: Span }

export interface VsftpdFile {
  kind: 'vsftpd';
  path: string;
  text: string;
  lines: LineIndex;
  directives: DirectiveLine[];
  comments: CommentLine[];
  /** Offset in `text` where vsftpd stops reading, or undefined when it reads everything. */
  limitOffset?: number;
}
