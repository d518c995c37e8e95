import { createToken, Lexer } from 'chevrotain';
import { SUPPRESSION_MARK } from '../../core/suppression.js';
import { commonPrefixLength, commonSuffixLength, LineIndex } from '../../core/text.js';
import { LineSpan, LineWord, type LinePlace } from './line-place.js';
import type { ReadCommand } from './read-command.js';
import type { Location } from './ruleset.js';
import type { AddressFamily, ChainLine, CommandLine, CommentLine, CommitLine, RestoreFile, TableLine, Word } from './syntax.js';
import { splitRestoreWords } from './words.js';

/**
 * The restore format is line-oriented and iptables-restore judges a line by its first character
 * alone ("#" comment, "*" table, ":" chain) or by being exactly "COMMIT"; anything else is a
 * command, even an indented "#". So every token here is a whole line with its newline (one
 * token per line, not two: a 100k-line file is lexed in half the tokens).
 */
const BlankLine = createToken({ name: 'BlankLine', pattern: /\n/, line_breaks: true });
const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*\n?/, line_breaks: true });
const TableHeader = createToken({ name: 'TableHeader', pattern: /\*[^\n]*\n?/, line_breaks: true });
const ChainHeader = createToken({ name: 'ChainHeader', pattern: /:[^\n]*\n?/, line_breaks: true });
const Commit = createToken({
  name: 'Commit',
  pattern: {
    exec(text: string, offset: number) {
      if (!text.startsWith('COMMIT', offset)) return null;
      // A carriage return before the newline is read past here and reported by its own rule.
      const cr = text.charCodeAt(offset + 6) === 0x0d ? 1 : 0;
      const next = text.charCodeAt(offset + 6 + cr);
      if (!Number.isNaN(next) && next !== 0x0a) return null;
      return [text.slice(offset, offset + 6 + cr + (Number.isNaN(next) ? 0 : 1))] as unknown as RegExpExecArray;
    },
  },
  start_chars_hint: ['C'],
  line_breaks: true,
});
const Command = createToken({ name: 'Command', pattern: /[^\n]+\n?/, line_breaks: true });
const allTokens = [BlankLine, Comment, TableHeader, ChainHeader, Commit, Command];
/** One lexer for every file; its token types are the whole grammar of this format. */
const restoreLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });

class CommentItem extends LineSpan implements CommentLine {
  readonly kind = 'comment';
  constructor(number: number, offset: number, length: number, readonly text: string) { super(number, offset, length); }
}
class TableItem extends LineSpan implements TableLine {
  readonly kind = 'table';
  readonly name: Word;
  constructor(number: number, offset: number, length: number, text: string) {
    super(number, offset, length);
    this.name = splitRestoreWords(text, offset + 1, offset + length, this)[0] ?? new LineWord('', this, 1, 1);
  }
}
class ChainItem extends LineSpan implements ChainLine {
  readonly kind = 'chain';
  readonly name: Word;
  readonly policy: Word | undefined;
  readonly counters: Word | undefined;
  constructor(number: number, offset: number, length: number, text: string) {
    super(number, offset, length);
    const [name, policy, counters] = splitRestoreWords(text, offset + 1, offset + length, this);
    this.name = name ?? new LineWord('', this, 1, 1);
    this.policy = policy;
    this.counters = counters;
  }
}
class CommitItem extends LineSpan implements CommitLine {
  readonly kind = 'commit';
  readonly word: Word;
  constructor(number: number, offset: number, length: number, text: string) {
    super(number, offset, length);
    this.word = splitRestoreWords(text, offset, offset + length, this)[0]!;
  }
}
/**
 * A command line; `reading` keeps what parseCommand made of it, for reuse while the line is
 * unchanged. It knows its file, so it is also the location of the rule it adds to a ruleset.
 */
export class CommandItem extends LineSpan implements CommandLine, Location {
  readonly kind = 'command';
  reading?: ReadCommand;
  /**
   * The line's words, or (read for a one-off check, without `keepWords`) the file's text to split
   * them from whenever they are asked for: a 100k-rule file has over a million words, and a check
   * needs each once.
   */
  private readonly held: Word[] | string;
  private readonly heldCounters: Word | undefined;
  constructor(readonly path: string, number: number, offset: number, length: number, text: string, keepWords: boolean) {
    super(number, offset, length);
    if (keepWords) {
      const { words, counters } = commandWords(text, this, length);
      this.held = words;
      this.heldCounters = counters;
    } else {
      this.held = text;
      this.heldCounters = undefined;
    }
  }

  get words(): Word[] { return typeof this.held === 'string' ? commandWords(this.held, this, this.length).words : this.held; }
  get counters(): Word | undefined { return typeof this.held === 'string' ? commandWords(this.held, this, this.length).counters : this.heldCounters; }
}

/** A command line's arguments, and the counters iptables-save -c writes before them ("[5:10] -A ..."). */
function commandWords(text: string, place: LinePlace, length: number): { words: Word[]; counters?: Word } {
  const words: Word[] = splitRestoreWords(text, place.offset, place.offset + length, place);
  const counters = words[0] && COUNTERS.test(words[0].value) ? words.shift() : undefined;
  return counters ? { words, counters } : { words };
}

type RestoreItem = CommentItem | TableItem | ChainItem | CommitItem | CommandItem;

/**
 * Parses an iptables-save / iptables-restore file. Never throws. With `previous` (the same
 * document before an edit), only the lines between the unchanged start and the unchanged end
 * of the text are read again; the other lines' readings are kept and moved to their new place.
 * `previous` must not be used afterwards. Without `keepWords` (a one-off check, never re-read)
 * command lines hold no words: they are split from the text each time they are asked for.
 */
export function parseRestore(text: string, path = '', family: AddressFamily = 'ipv4', previous?: RestoreFile, keepWords = true): RestoreFile {
  if (!previous || previous.family !== family) {
    const lines = new LineIndex(text);
    return { kind: 'iptables-restore', path, text, lines, family, items: readLines(text, path, 0, text.length, lines, keepWords) };
  }

  const old = previous.text;
  const prefix = commonPrefixLength(old, text);
  const unchangedEnd = old.length - commonSuffixLength(old, text, prefix);
  const lines = LineIndex.afterEdit(previous.lines, text, prefix, unchangedEnd);
  const oldItems = previous.items as RestoreItem[];
  // A line is unchanged when its newline comes before the first change, or when it starts after
  // the unchanged end begins (so the newline before it is unchanged too).
  let before = 0;
  while (before < oldItems.length && previous.lines.lineEnd(oldItems[before]!.number) < prefix) before++;
  let after = oldItems.length;
  while (after > before && oldItems[after - 1]!.offset > unchangedEnd) after--;
  const shift = text.length - old.length;
  const lineShift = lines.lineCount - previous.lines.lineCount;
  const keptAfter = oldItems.slice(after);
  if (shift !== 0 || lineShift !== 0) for (const item of keptAfter) { item.offset += shift; item.number += lineShift; }
  const from = before ? lines.lineStarts[oldItems[before - 1]!.number + 1]! : 0;
  const to = keptAfter.length ? keptAfter[0]!.offset : text.length;
  const fresh = readLines(text, path, from, to, lines);
  const replaced = oldItems.slice(before, after);
  const sameMeaning = lineShift === 0 && replaced.length === fresh.length && replaced.every((item, n) => meansTheSame(item, fresh[n]!));
  const items = oldItems.slice(0, before).concat(fresh, keptAfter);
  const movedFrom = keptAfter.length ? keptAfter[0]!.number - lineShift : Infinity;
  return { kind: 'iptables-restore', path, text, lines, family, items, sameMeaning, inPlace: { at: before, replaced, fresh, lineShift, movedFrom } };
}

/**
 * Do two readings of a line tell iptables-restore the same, at the same columns? A comment
 * never tells it anything, but one may hold a suppression, which changes ftpwall's findings.
 */
function meansTheSame(a: RestoreItem, b: RestoreItem): boolean {
  if (a.kind === 'comment' && b.kind === 'comment') return !a.text.includes(SUPPRESSION_MARK) && !b.text.includes(SUPPRESSION_MARK);
  if (a.kind === 'comment' || b.kind === 'comment' || a.kind !== b.kind || a.length !== b.length) return false;
  const aw = wordsOf(a), bw = wordsOf(b);
  return aw.length === bw.length && aw.every((w, n) => sameWord(w, bw[n]));
}

function wordsOf(item: Exclude<RestoreItem, CommentItem>): readonly (Word | undefined)[] {
  switch (item.kind) {
    case 'table': return [item.name];
    case 'chain': return [item.name, item.policy, item.counters];
    case 'commit': return [item.word];
    case 'command': return [item.counters, ...item.words];
  }
}

function sameWord(a: Word | undefined, b: Word | undefined): boolean {
  if (!a || !b) return a === b;
  return a.value === b.value && a.raw === b.raw && (a as LineWord).from === (b as LineWord).from && (a as LineWord).to === (b as LineWord).to;
}

/** Reads the whole lines in text[from, to); without `keepWords`, command lines split their words only when asked. */
function readLines(text: string, path: string, from: number, to: number, lines: LineIndex, keepWords = true): RestoreItem[] {
  const items: RestoreItem[] = [];
  let line = lines.positionAt(from).line;
  for (let chunk = from; chunk < to;) {
    const chunkEnd = endOfChunk(text, chunk, to);
    line = readChunk(text, path, chunk, chunkEnd, line, items, keepWords);
    chunk = chunkEnd;
  }
  return items;
}

/**
 * Lexing a 100k-line file at once makes a token for every line before the first is read, and
 * they all outlive the young generation: lexed a chunk of whole lines at a time, each chunk's
 * tokens are gone before the next.
 */
const CHUNK_LENGTH = 64 * 1024;

/** Where a chunk starting at `from` ends: after the newline that follows CHUNK_LENGTH characters, or at `to`. */
function endOfChunk(text: string, from: number, to: number): number {
  if (to - from <= CHUNK_LENGTH) return to;
  const newline = text.indexOf('\n', from + CHUNK_LENGTH);
  return newline === -1 || newline + 1 >= to ? to : newline + 1;
}

/** Reads the lines of one chunk into `items`; returns the line number after it. */
function readChunk(text: string, path: string, from: number, to: number, firstLine: number, items: RestoreItem[], keepWords: boolean): number {
  let line = firstLine;
  for (const token of restoreLexer.tokenize(text.slice(from, to)).tokens) {
    const number = line++;
    if (token.tokenType === BlankLine) continue;
    const start = from + token.startOffset;
    const { image } = token;
    const newline = image.charCodeAt(image.length - 1) === 0x0a ? 1 : 0;
    // Words stop before a line's carriage return: iptables-restore would fail on it, and the
    // iptables/carriage-return rule says so once instead of a cascade of bad names.
    const cr = image.charCodeAt(image.length - 1 - newline) === 0x0d ? 1 : 0;
    const end = start + image.length - newline - cr;
    const length = end - start;
    switch (token.tokenType) {
      case Comment: items.push(new CommentItem(number, start, length, newline ? image.slice(0, -1) : image)); break;
      case TableHeader: items.push(new TableItem(number, start, length, text)); break;
      case ChainHeader: items.push(new ChainItem(number, start, length, text)); break;
      case Commit: items.push(new CommitItem(number, start, length, text)); break;
      default: items.push(new CommandItem(path, number, start, length, text, keepWords));
    }
  }
  return line;
}

const COUNTERS = /^\[\d+:\d+\]$/;
