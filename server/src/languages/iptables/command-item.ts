import { LineSpan, type LinePlace } from './line-place.js';
import type { ReadCommand } from './read-command.js';
import type { Location } from './ruleset.js';
import type { CommandLine, Word } from './syntax.js';
import { splitRestoreWords } from './words.js';

/**
 * A command line of a restore file; `reading` keeps what was read of it, for reuse while the
 * line is unchanged. It knows its file, so it is also the location of the rule it adds to a
 * ruleset.
 */
export abstract class CommandItem extends LineSpan implements CommandLine, Location {
  get kind(): 'command' { return 'command'; }
  // Declared and set by the constructor alone, as LineSpan's are.
  declare reading: ReadCommand | undefined;
  abstract readonly path: string;
  abstract readonly words: Word[];
  /** The words for one reading that keeps none of them: possibly reused objects (see ReusedLineWord), valid until the next line is split. */
  abstract readonly passingWords: Word[];
  abstract readonly counters: Word | undefined;
  constructor(number: number, offset: number, length: number) {
    super(number, offset, length);
    this.reading = undefined;
  }
}

/** A command line that keeps its words: the editor's, whose text changes under the lines it keeps. */
export class KeptCommandItem extends CommandItem {
  declare readonly path: string;
  declare readonly words: Word[];
  declare readonly counters: Word | undefined;
  constructor(path: string, number: number, offset: number, length: number, text: string) {
    super(number, offset, length);
    this.path = path;
    const { words, counters } = commandWords(text, this, length);
    this.words = words;
    this.counters = counters;
  }
  get passingWords(): Word[] { return this.words; }
}

/** A command line's arguments, and the counters iptables-save -c writes before them ("[5:10] -A ..."). */
export function commandWords(text: string, place: LinePlace, length: number, reuse = false): { words: Word[]; counters?: Word } {
  const words: Word[] = splitRestoreWords(text, place.offset, place.offset + length, place, reuse);
  // Most lines start with a dash: the pattern is tried only on a word that starts as counters do.
  const counters = words[0]?.value.charCodeAt(0) === OPEN_BRACKET && COUNTERS.test(words[0].value) ? words.shift() : undefined;
  return counters ? { words, counters } : { words };
}

const COUNTERS = /^\[\d+:\d+\]$/;
const OPEN_BRACKET = 0x5b;
