import { LineSpan, type LinePlace } from './line-place.js';
import type { ReadCommand } from './read-command.js';
import type { Location } from './ruleset.js';
import type { CommandLine, Word } from './syntax.js';
import { splitRestoreWords } from './words.js';

/**
 * A command line; `reading` keeps what parseCommand made of it, for reuse while the line is
 * unchanged. It knows its file, so it is also the location of the rule it adds to a ruleset.
 */
export class CommandItem extends LineSpan implements CommandLine, Location {
  get kind(): 'command' { return 'command'; }
  // Declared and set by the constructor alone, as LineSpan's are.
  declare reading: ReadCommand | undefined;
  declare readonly path: string;
  /**
   * The line's words, or (read for a one-off check, without `keepWords`) the file's text to split
   * them from whenever they are asked for: a 100k-rule file has over a million words, and a check
   * needs each once.
   */
  declare private readonly held: Word[] | string;
  declare private readonly heldCounters: Word | undefined;
  constructor(path: string, number: number, offset: number, length: number, text: string, keepWords: boolean) {
    super(number, offset, length);
    this.path = path;
    this.reading = undefined;
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
  /** The words for one reading that keeps none of them: reused objects (see ReusedLineWord), valid until the next line is split. */
  get passingWords(): Word[] { return typeof this.held === 'string' ? commandWords(this.held, this, this.length, true).words : this.held; }
  get counters(): Word | undefined { return typeof this.held === 'string' ? commandWords(this.held, this, this.length).counters : this.heldCounters; }
}

/** A command line's arguments, and the counters iptables-save -c writes before them ("[5:10] -A ..."). */
function commandWords(text: string, place: LinePlace, length: number, reuse = false): { words: Word[]; counters?: Word } {
  const words: Word[] = splitRestoreWords(text, place.offset, place.offset + length, place, reuse);
  // Most lines start with a dash: the pattern is tried only on a word that starts as counters do.
  const counters = words[0]?.value.charCodeAt(0) === OPEN_BRACKET && COUNTERS.test(words[0].value) ? words.shift() : undefined;
  return counters ? { words, counters } : { words };
}

const COUNTERS = /^\[\d+:\d+\]$/;
const OPEN_BRACKET = 0x5b;
