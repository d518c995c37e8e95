import { SUPPRESSION_MARK } from '../../core/suppression.js';
import { commonPrefixLength, commonSuffixLength, LineIndex } from '../../core/text.js';
import { CheckedCommandItem, type CheckedFile } from './checked-command-item.js';
import { KeptCommandItem, type CommandItem } from './command-item.js';
import { LineSpan, LineWord } from './line-place.js';
import type { Location } from './ruleset.js';
import type { AddressFamily, ChainLine, CommentLine, CommitLine, RestoreFile, TableLine, Word } from './syntax.js';
import { splitRestoreWords } from './words.js';

/**
 * The restore format is line-oriented and iptables-restore judges a line by its first character
 * alone ("#" comment, "*" table, ":" chain) or by being exactly "COMMIT"; anything else is a
 * command, even an indented "#". So lines are told apart by a look at their start, with no
 * lexer: a grammar of whole lines would only make a token per line to be thrown away.
 */
const HASH = 0x23, STAR = 0x2a, COLON = 0x3a, CR = 0x0d;

/** Is the line text[start, end) (its carriage return, if any, included) exactly "COMMIT"? A carriage return is reported by its own rule. */
function isCommit(text: string, start: number, end: number): boolean {
  const length = end - start;
  return (length === 6 || (length === 7 && text.charCodeAt(end - 1) === CR)) && text.startsWith('COMMIT', start);
}

class CommentItem extends LineSpan implements CommentLine {
  get kind(): 'comment' { return 'comment'; }
  constructor(number: number, offset: number, length: number, readonly text: string) { super(number, offset, length); }
}
class TableItem extends LineSpan implements TableLine {
  get kind(): 'table' { return 'table'; }
  readonly name: Word;
  constructor(number: number, offset: number, length: number, text: string) {
    super(number, offset, length);
    this.name = splitRestoreWords(text, offset + 1, offset + length, this)[0] ?? new LineWord('', this, 1, 1);
  }
}
class ChainItem extends LineSpan implements ChainLine {
  get kind(): 'chain' { return 'chain'; }
  readonly name: Word;
  readonly policy: Word | undefined;
  readonly counters: Word | undefined;
  constructor(number: number, offset: number, length: number, text: string) {
    super(number, offset, length);
    [this.name, this.policy, this.counters] = chainWords(text, this);
  }
}

/**
 * A chain line of a file read for a one-off check: its words are split from the text when asked
 * (a Kubernetes node declares thousands of chains, and only a finding needs their words), and it
 * is the location of the chain it declares.
 */
export class CheckedChainItem extends LineSpan implements ChainLine, Location {
  get kind(): 'chain' { return 'chain'; }
  // Declared and set by the constructor alone, as LineSpan's are.
  declare readonly path: string;
  declare private readonly text: string;
  constructor(path: string, number: number, offset: number, length: number, text: string) {
    super(number, offset, length);
    this.path = path;
    this.text = text;
  }
  get name(): Word { return chainWords(this.text, this)[0]; }
  get policy(): Word | undefined { return chainWords(this.text, this)[1]; }
  get counters(): Word | undefined { return chainWords(this.text, this)[2]; }
  /** The words for declaring the chain, which keeps none of them: reused objects (see ReusedLineWord), valid until the next line is split. */
  get passingWords(): ChainWords { return chainWords(this.text, this, true); }
}

type ChainWords = readonly [Word, Word | undefined, Word | undefined];

/** A chain line's name (empty when it has none), policy and counters. */
function chainWords(text: string, line: LineSpan, reuse = false): ChainWords {
  const [name, policy, counters] = splitRestoreWords(text, line.offset + 1, line.offset + line.length, line, reuse);
  return [name ?? new LineWord('', line, 1, 1), policy, counters];
}

class CommitItem extends LineSpan implements CommitLine {
  get kind(): 'commit' { return 'commit'; }
  readonly word: Word;
  constructor(number: number, offset: number, length: number, text: string) {
    super(number, offset, length);
    this.word = splitRestoreWords(text, offset, offset + length, this)[0]!;
  }
}
type RestoreItem = CommentItem | TableItem | ChainItem | CheckedChainItem | CommitItem | CommandItem;

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
    return { kind: 'iptables-restore', path, text, lines, family, items: readLines(text, path, 0, text.length, lines, keepWords ? undefined : family) };
  }

  const previousText = previous.text;
  const prefix = commonPrefixLength(previousText, text);
  const unchangedEnd = previousText.length - commonSuffixLength(previousText, text, prefix);
  const lines = LineIndex.afterEdit(previous.lines, text, prefix, unchangedEnd);
  const oldItems = previous.items as RestoreItem[];
  // A line is unchanged when its newline comes before the first change, or when it starts after
  // the unchanged end begins (so the newline before it is unchanged too).
  let before = 0;
  while (before < oldItems.length && previous.lines.lineEnd(oldItems[before]!.number) < prefix) before++;
  let after = oldItems.length;
  while (after > before && oldItems[after - 1]!.offset > unchangedEnd) after--;
  const shift = text.length - previousText.length;
  const lineShift = lines.lineCount - previous.lines.lineCount;
  const keptAfter = oldItems.slice(after);
  if (shift !== 0 || lineShift !== 0) for (const item of keptAfter) { item.offset += shift; item.number += lineShift; }
  const from = before ? lines.lineStarts[oldItems[before - 1]!.number + 1]! : 0;
  const to = keptAfter.length ? keptAfter[0]!.offset : text.length;
  const replaced = oldItems.slice(before, after);
  let movedFrom = keptAfter.length ? keptAfter[0]!.number - lineShift : Infinity;
  // A line read again that is written as it was, where it was or moved as the lines after the
  // edit moved (the rule after a newline typed at the end of the one before), keeps its old item:
  // what was read from it, the ruleset included, stays valid, and it moves as the kept ones do.
  const fresh = readLines(text, path, from, to, lines).map((item, n) => {
    const old = replaced[n];
    if (!old || !writtenAlike(previousText, old, text, item)) return item;
    const moved = old.number !== item.number;
    if (moved ? old.number + lineShift !== item.number || old.offset + shift !== item.offset : old.offset !== item.offset) return item;
    if (moved) { movedFrom = Math.min(movedFrom, old.number); old.number = item.number; old.offset = item.offset; }
    return old;
  });
  const sameMeaning = lineShift === 0 && replaced.length === fresh.length && replaced.every((item, n) => meansTheSame(item, fresh[n]!));
  const items = oldItems.slice(0, before).concat(fresh, keptAfter);
  return { kind: 'iptables-restore', path, text, lines, family, items, sameMeaning, inPlace: { at: before, replaced, fresh, lineShift, movedFrom } };
}

/** Are two lines written alike, the character after them (a newline, a carriage return, or the end) included? */
function writtenAlike(oldText: string, old: RestoreItem, text: string, item: RestoreItem): boolean {
  const end = old.offset + old.length + 1;
  return old.length === item.length && text.startsWith(oldText.slice(old.offset, end), item.offset) && (end <= oldText.length) === (item.offset + item.length + 1 <= text.length);
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

/**
 * Reads the whole lines in text[from, to). With `checkedAs` (a one-off check of a file of that
 * family), command and chain lines split their words only when asked, and a command line becomes
 * its own reading (see CheckedCommandItem).
 */
function readLines(text: string, path: string, from: number, to: number, lines: LineIndex, checkedAs?: AddressFamily): RestoreItem[] {
  const items: RestoreItem[] = [];
  const checked: CheckedFile | undefined = checkedAs && { path, text, family: checkedAs };
  // The first line's number is known without the line index, which a check may never need.
  let number = from === 0 ? 0 : lines.positionAt(from).line;
  for (let start = from; start < to; number++) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 || newline >= to ? to : newline;
    const next = lineEnd === newline ? newline + 1 : lineEnd;
    // Words stop before a line's carriage return: iptables-restore would fail on it, and the
    // iptables/carriage-return rule says so once instead of a cascade of bad names.
    const end = lineEnd > start && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    const length = end - start;
    if (lineEnd > start) {
      switch (text.charCodeAt(start)) {
        case HASH: items.push(new CommentItem(number, start, length, text.slice(start, lineEnd))); break;
        case STAR: items.push(new TableItem(number, start, length, text)); break;
        case COLON: items.push(checked ? new CheckedChainItem(path, number, start, length, text) : new ChainItem(number, start, length, text)); break;
        default:
          if (isCommit(text, start, lineEnd)) items.push(new CommitItem(number, start, length, text));
          else items.push(checked ? new CheckedCommandItem(checked, number, start, length) : new KeptCommandItem(path, number, start, length, text));
      }
    }
    start = next;
  }
  return items;
}

