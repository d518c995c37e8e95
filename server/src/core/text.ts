import { firstAtOrAfter } from './sorted.js';

function hasNewline(text: string, from: number, to: number): boolean {
  const at = text.indexOf('\n', from);
  return at !== -1 && at < to;
}

/** Positions as LSP counts them: 0-based lines, UTF-16 code units within a line. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

/** Maps string offsets to positions and back, for one version of a document's text. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string, lineStarts?: number[]) {
    this.starts = lineStarts;
  }

  /**
   * Offset of the first character of each line; lines end at '\n' only, as vsftpd and iptables
   * split them. Found when first asked for: a check of a large file that finds nothing never asks.
   */
  get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    return (this.starts = starts);
  }

  /**
   * The index of `text`, which is `previous.text` with [prefix, unchangedEnd) replaced: the lines
   * before the change are kept, the changed part is searched for newlines, and the lines after it
   * are moved. An edit in a 5 MB file then costs a copy of the line starts, not a search of 5 MB.
   */
  static afterEdit(previous: LineIndex, text: string, prefix: number, unchangedEnd: number): LineIndex {
    const old = previous.lineStarts;
    const shift = text.length - previous.text.length;
    // The usual keystroke: no newline typed or erased, so every line starts where it did.
    if (shift === 0 && !hasNewline(previous.text, prefix, unchangedEnd) && !hasNewline(text, prefix, unchangedEnd)) return new LineIndex(text, old);
    // A line start belongs to the newline just before it.
    const kept = firstAtOrAfter(old, prefix + 1, (start) => start);
    const movedFrom = firstAtOrAfter(old, unchangedEnd + 1, (start) => start);
    const starts = old.slice(0, kept);
    for (let i = text.indexOf('\n', prefix); i !== -1 && i < unchangedEnd + shift; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    for (let n = movedFrom; n < old.length; n++) starts.push(old[n]! + shift);
    return new LineIndex(text, starts);
  }

  get lineCount(): number { return this.lineStarts.length; }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0, high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid; else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    return Math.max(start, Math.min(start + position.character, this.lineEnd(position.line)));
  }

  range(start: number, end: number): Range { return { start: this.positionAt(start), end: this.positionAt(end) }; }

  /** Offset just before the line's '\n' (or the end of the text). */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }

  lineText(line: number): string { return this.text.slice(this.lineStarts[line] ?? this.text.length, this.lineEnd(line)); }
}

export function containsPosition(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

const CHUNK = 4096;

/** How many leading characters two texts share (compared a chunk at a time, then a character at a time). */
export function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let at = 0;
  while (at + CHUNK <= limit && a.slice(at, at + CHUNK) === b.slice(at, at + CHUNK)) at += CHUNK;
  while (at < limit && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** Where the line holding `offset` starts (lastIndexOf from -1 would search from 0, and find a newline there). */
export function lineStartAt(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** How many trailing characters two texts share, not reaching into their first `prefix` characters. */
export function commonSuffixLength(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let n = 0;
  while (n + CHUNK <= limit && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < limit && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}
