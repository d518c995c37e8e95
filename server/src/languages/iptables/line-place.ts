import type { Range } from '../../core/text.js';
import type { Word } from './syntax.js';

/**
 * Where one line of a restore file is in the current text. Everything read from the line keeps
 * its positions relative to the line, so an edit above it moves the whole reading with one
 * update and the reading itself can be kept (see parseRestore's `previous`).
 */
export interface LinePlace { number: number; offset: number }

function rangeOnLine(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}

/**
 * An argument on one line (a restore file never continues a command onto the next line).
 * Positions are worked out when asked for: a 100k-rule file has over a million words and only
 * the few that end up in a finding or under the cursor ever need a range.
 */
export class LineWord implements Word {
  constructor(
    readonly value: string,
    readonly place: LinePlace,
    /** Columns on the line (UTF-16 code units, as LSP counts them). */
    readonly from: number,
    readonly to: number,
  ) {}

  get raw(): string { return this.value; }
  get start(): number { return this.place.offset + this.from; }
  get end(): number { return this.place.offset + this.to; }
  get range(): Range { return rangeOnLine(this.place.number, this.from, this.to); }

  /** A word at these columns whose written text (`raw`) may differ from its value. */
  static written(value: string, raw: string, place: LinePlace, from: number, to: number): LineWord {
    return raw === value ? new LineWord(value, place, from, to) : new QuotedLineWord(value, place, from, to, raw);
  }

  /** A word written as one quoted run: `"value"`. */
  static quoted(value: string, place: LinePlace, from: number, to: number): LineWord {
    return new QuotedLineWord(value, place, from, to, undefined);
  }
}

/**
 * A word of a line read once and let go (a check's command lines): the same objects serve line
 * after line, so splitting a large file makes no object per word. Anything that keeps a word
 * keeps `LineWord.kept(word)` instead.
 */
export class ReusedLineWord extends LineWord {
  /** This object, now standing for another word. */
  reuse(value: string, place: LinePlace, from: number, to: number): this {
    const self = this as { value: string; place: LinePlace; from: number; to: number };
    self.value = value; self.place = place; self.from = from; self.to = to;
    return this;
  }
}

/** A word that may be kept: a copy of a reused one, any other as it is. */
export function keptWord<W>(word: W): W {
  return word instanceof ReusedLineWord ? (new LineWord(word.value, word.place, word.from, word.to) as W) : word;
}

/** A word whose quotes make the written text differ from the value: few words, so it has its own shape. */
class QuotedLineWord extends LineWord {
  /** `written`: the text as written, or none for `"value"` (made when asked: few are). */
  constructor(value: string, place: LinePlace, from: number, to: number, private readonly written: string | undefined) { super(value, place, from, to); }
  override get raw(): string { return this.written ?? `"${this.value}"`; }
}

/**
 * A whole line (up to `length` columns), for a rule's or a chain's location. It is also the
 * place of every word read from it: moving the line moves them all, and a 100k-line file needs
 * no second object per line for it.
 */
export class LineSpan implements LinePlace {
  /*
   * Declared, and set by the constructor alone: a field written as a class field is first
   * defined empty for each object made, which took a tenth of reading a 100k-line file.
   */
  declare number: number;
  declare offset: number;
  declare readonly length: number;
  constructor(number: number, offset: number, length: number) {
    this.number = number;
    this.offset = offset;
    this.length = length;
  }
  get line(): number { return this.number; }
  get range(): Range { return rangeOnLine(this.number, 0, this.length); }
}

/** A word's place in a file, following its line when it moves: a chain's policy. */
export class WordLocation {
  constructor(readonly path: string, private readonly word: Word) {}
  get line(): number { return this.word.range.start.line; }
  get range(): Range { return this.word.range; }
}

/** A file and a line whose number may still move, for the rules and chains a line leaves in a ruleset. */
export class LineLocation {
  constructor(readonly path: string, private readonly span: { readonly line: number; readonly range: Range }) {}
  get line(): number { return this.span.line; }
  get range(): Range { return this.span.range; }
}
