import { TARGETS } from './catalogue/extensions.js';
import type { ExtensionSpec, RuleContext, ValueCheck } from './catalogue/types.js';
import { readAddressList, readInterface } from './catalogue/values.js';
import { NO_INPUT_INTERFACE, NO_OUTPUT_INTERFACE, type ParsedCommand } from './command.js';
import { givenValue, meaningOf, protocolMeaning, RuleMeaning, type Part, type ShapedValues } from './rule-meaning.js';
import type { AddressFamily, Word } from './syntax.js';
import { newWordPlaces, placeWords, sameAt, valueAt, type WordPlaces } from './words.js';

/**
 * A busy host's restore file is a few dozen kinds of rule written tens of thousands of times
 * with other addresses, ports, comments and chain names. A line's shape is its words with every
 * value left out: the option words, "!", and the names that decide how the rest is read (a
 * match's and a protocol's, a target's when iptables knows it). The first line of a shape is
 * read in full; what that reading did with each word is kept as the shape's plan, and a later
 * -A of the shape only has its values checked and written into its meaning. Any value the
 * checks refuse sends the line to the full reading, which reports it; so does every shape the
 * plan cannot stand for (see learn).
 */

/** Spellings after which a word is a match's or a protocol's name, or a target's; abbreviations are left to the full reading. */
const NAME_SPELLINGS = ['-m', '--match', '-p', '--protocol'];
const TARGET_SPELLINGS = ['-j', '--jump', '-g', '--goto'];
const NAME_SET = new Set(NAME_SPELLINGS), TARGET_SET = new Set(TARGET_SPELLINGS);
/** Shapes kept at most: a file of random lines does not fill memory with plans used once. */
const MAX_SHAPES = 2048;
/** Words written in shapes (option words, names) numbered at most: a file of random option words does not fill memory. */
const MAX_SHAPE_WORDS = 4096;
/** Longer words are never in a shape as written. */
const MAX_WRITTEN = 64;
const DASH = 0x2d, BANG = 0x21;

/**
 * A shape as numbers, so that a line's shape is looked up without a string made for it: the
 * family, the table, then each word's: a value's place, a chain's place (a target iptables does
 * not know), or the number of the word written there.
 */
const VALUE = 0, CHAIN = 1, IPV4 = 2, IPV6 = 3;
const shapeWords = new Map<string, number>();

/** Numbers the spellings in a row, and gives the first and last number: a word's part then tells whether it is one of them. */
function numberedInARow(spellings: readonly string[]): readonly [number, number] {
  const first = shapeWords.size + 4;
  for (const word of spellings) shapeWords.set(word, shapeWords.size + 4);
  return [first, shapeWords.size + 3];
}
const NAME_FOLLOWS = numberedInARow(NAME_SPELLINGS);
const TARGET_FOLLOWS = numberedInARow(TARGET_SPELLINGS);

/** The number of a word written in shapes, or -1 when too many are numbered already. */
function shapeWord(word: string): number {
  let number = shapeWords.get(word);
  if (number === undefined) {
    if (shapeWords.size >= MAX_SHAPE_WORDS || word.length > MAX_WRITTEN) return -1;
    shapeWords.set(word, number = shapeWords.size + 4);
  }
  return number;
}

/**
 * The numbers of words written in shapes by the hash placeWords made of their characters: most
 * words of a line are option words, and one found here needs neither its string nor a look-up by
 * name. A slot holds the last word that hashed to it; an empty slot has number 0, which no word has.
 */
const WRITTEN_SLOTS = 1024;
const writtenHash = new Int32Array(WRITTEN_SLOTS);
const writtenNumber = new Int32Array(WRITTEN_SLOTS);
const writtenWord: string[] = new Array<string>(WRITTEN_SLOTS).fill('');

/** The number of the n-th placed word as a word written in shapes (see shapeWord). */
function writtenPart(text: string, places: WordPlaces, n: number): number {
  const hash = places.hash[n]!, from = places.from[n]!;
  const slot = hash & (WRITTEN_SLOTS - 1);
  const known = writtenWord[slot]!;
  if (writtenNumber[slot] !== 0 && writtenHash[slot] === hash && known.length === places.to[n]! - from && sameAt(text, from, known)) return writtenNumber[slot]!;
  const word = valueAt(text, places, n);
  const number = shapeWord(word);
  if (number !== -1) { writtenHash[slot] = hash; writtenWord[slot] = word; writtenNumber[slot] = number; }
  return number;
}

const inRange = (part: number, [first, last]: readonly [number, number]) => part >= first && part <= last;

/** What the n-th placed word is in a line's shape, after a word whose part was `previous`: its number, or a value's or a chain's place (-1: no shape). */
function shapePart(text: string, places: WordPlaces, n: number, previous: number): number {
  const from = places.from[n]!, length = places.to[n]! - from;
  const first = length > 0 ? text.charCodeAt(from) : -1;
  // A value's place makes no string: most words of a line are values.
  if (first === DASH || (length === 1 && first === BANG) || inRange(previous, NAME_FOLLOWS)) return writtenPart(text, places, n);
  if (!inRange(previous, TARGET_FOLLOWS)) return VALUE;
  const value = valueAt(text, places, n);
  return TARGETS.has(value) ? shapeWord(value) : CHAIN;
}

/** The shape of the line read last (see readShape): its numbers, and a hash of them. */
const current = { parts: new Int32Array(64), length: 0, hash: 0 };

/** Reads the shape of an -A's placed words in a table into `current`; false for words no shape stands for. */
function readShape(text: string, places: WordPlaces, table: string, family: AddressFamily): boolean {
  const count = places.count;
  if (count + 2 > current.parts.length) current.parts = new Int32Array(2 * (count + 2));
  const { parts } = current;
  const tableNumber = shapeWord(table);
  if (tableNumber === -1) return false;
  parts[0] = family === 'ipv6' ? IPV6 : IPV4;
  parts[1] = tableNumber;
  let hash = Math.imul(parts[0], 0x9e3779b1) ^ tableNumber;
  let previous = VALUE;
  for (let n = 0; n < count; n++) {
    const part = shapePart(text, places, n, previous);
    if (part === -1) return false;
    parts[n + 2] = part;
    hash = Math.imul(hash ^ part, 0x01000193);
    previous = part;
  }
  current.length = count + 2;
  current.hash = hash;
  return true;
}

/** Is the shape read last this one? */
function isCurrent(parts: Int32Array): boolean {
  if (parts.length !== current.length) return false;
  for (let n = 0; n < parts.length; n++) if (parts[n] !== current.parts[n]) return false;
  return true;
}

/** The shape of a line in a table, written out (for tests and for a look at what was read), or undefined for a line no shape stands for. */
export function shapeOf(line: string, table: string, family: AddressFamily): string | undefined {
  const places = newWordPlaces();
  return placeWords(line, 0, line.length, places) && readShape(line, places, table, family) ? current.parts.slice(0, current.length).join(' ') : undefined;
}

/**
 * A value check the full reading made on the word at `word`: an option's, an address's, an
 * interface's; with the values it accepted so far, since many values of a busy file repeat
 * (rates, states, log levels). A check's answer depends only on the value and the shape's
 * context, which the plan fixes. Where values turn out mostly unique (addresses, comments),
 * looking them up costs more than checking them, and the test stops remembering (see accepts).
 */
interface ValueTest { word: number; check: ValueCheck; accepted: Set<string> | undefined; found: number }

/** Accepted values a test remembers at most: unique addresses do not fill memory. */
const MAX_ACCEPTED = 256;

const valueTest = (word: number, check: ValueCheck): ValueTest => ({ word, check, accepted: new Set(), found: 0 });

/** Does the test accept `value` in `context`? */
function accepts(test: ValueTest, value: string, context: RuleContext): boolean {
  const accepted = test.accepted;
  if (accepted?.has(value)) { test.found++; return true; }
  if (test.check(value, context) !== undefined) return false;
  if (accepted && accepted.size < MAX_ACCEPTED) {
    accepted.add(value);
    // Full after as many new values as it holds, and few found again: the values are mostly unique.
    if (accepted.size === MAX_ACCEPTED && test.found < MAX_ACCEPTED) test.accepted = undefined;
  }
  return true;
}

/** What a line of the shape means, given its words. */
export interface Plan {
  /** The shape's numbers (see readShape). */
  shape: Int32Array;
  context: RuleContext;
  tests: ValueTest[];
  /** Checks comparing an extension's option values with each other, with the words of those values. */
  together: Array<{ check: NonNullable<ExtensionSpec['completeWithValues']>; values: Array<[string, number]> }>;
  chain: number;
  protocol: { word: number; negated: boolean } | undefined;
  source: Placed; destination: Placed; inInterface: Placed; outInterface: Placed; fragment: Placed;
  target: { word: number; known: boolean; goto: boolean } | undefined;
  /** The parts every line of the shape shares, with -(n + 1) where a line's n-th value goes (see ShapedValues). */
  parts: readonly Part[];
  /** The index of the word whose value is a line's n-th value. */
  valueWords: Int32Array;
  targetOptionsAt: number;
  /** The indices of the words whose values are checked or held by the meaning. */
  needed: Int32Array;
}

type Placed = { word: number; negated: boolean } | undefined;

/** A shape whose lines are always read in full. */
interface Unplanned { shape: Int32Array; unplanned: true }

const addressTest = (family: AddressFamily): ValueCheck => (value) => { const read = readAddressList(value, family); return read.error ?? (read.hostnames.length ? 'a host name' : undefined); };
const ADDRESS_TESTS = { ipv4: addressTest('ipv4'), ipv6: addressTest('ipv6') };
const interfaceTest: ValueCheck = (value) => readInterface(value);

/** The words' values a shape's lines are read with, by word index (only those the plan reads are set); reused line after line. */
const valuesRead: string[] = [];

export class LineShapes {
  /** By the hash of their shapes; a second shape of the same hash is read in full. */
  private readonly plans = new Map<number, Plan | Unplanned>();

  /** The plan of the shape read last, when it has one. */
  private currentPlan(): Plan | undefined {
    const plan = this.plans.get(current.hash);
    return plan && !('unplanned' in plan) && isCurrent(plan.shape) ? plan : undefined;
  }

  /**
   * The meaning of an -A (its words placed in `text`) whose shape has a plan, when each of its
   * values is accepted, its option values kept in `shaped`; undefined when the line needs
   * reading in full.
   */
  meaningOf(text: string, places: WordPlaces, table: string, family: AddressFamily, shaped: ShapedValues): RuleMeaning | undefined {
    const plan = readShape(text, places, table, family) ? this.currentPlan() : undefined;
    if (!plan) return undefined;
    const { needed } = plan;
    for (let n = 0; n < needed.length; n++) valuesRead[needed[n]!] = valueAt(text, places, needed[n]!);
    return acceptsValues(plan, valuesRead) ? meaningFromValues(plan, valuesRead, shaped) : undefined;
  }

  /**
   * Keeps the full reading of an -A (its words, also placed in `text`) as the plan of its shape,
   * when the plan can stand for every line of the shape: an -A iptables accepts, each of whose
   * words the reading used in a way the shape fixes (an option, a value, a name written in the
   * shape; no "--name=value", no abbreviated -m, -p, -j or -g, no option outside a rule's own).
   * Otherwise the shape is always read in full.
   */
  learn(text: string, places: WordPlaces, words: readonly Word[], parsed: ParsedCommand, table: string, family: AddressFamily): void {
    if (parsed.problems.length > 0 || parsed.hostnames.length > 0 || this.plans.size >= MAX_SHAPES || places.count !== words.length) return;
    if (!readShape(text, places, table, family) || this.plans.has(current.hash)) return;
    const shape = current.parts.slice(0, current.length);
    this.plans.set(current.hash, planOf(words, parsed, table, family, shape) ?? { shape, unplanned: true });
  }
}

/** The shapes of the lines read so far: a shape's plan holds for every file, so one table serves them all. */
export const LINE_SHAPES = new LineShapes();

/** Does iptables accept each value (by word index) of a line of the plan's shape, so that the line's full reading would have no problem? */
function acceptsValues(plan: Plan, values: readonly string[]): boolean {
  const { tests, together, context } = plan;
  for (let n = 0; n < tests.length; n++) if (!accepts(tests[n]!, values[tests[n]!.word]!, context)) return false;
  for (const { check, values: given } of together) if (check(new Map(given.map(([name, word]) => [name, values[word]!]))) !== undefined) return false;
  const chain = values[plan.chain]!;
  // The chain's name is a value, and iptables refuses an -i or -o in some chains.
  return !((plan.inInterface && NO_INPUT_INTERFACE.has(chain)) || (plan.outInterface && NO_OUTPUT_INTERFACE.has(chain)));
}

/**
 * The meaning of a line of the plan's shape whose values (by word index; those in `plan.needed`)
 * were all accepted; its option values go to the end of `shaped`.
 */
export function meaningFromValues(plan: Plan, values: readonly string[], shaped: ShapedValues): RuleMeaning {
  const valuesAt = shaped.length;
  const { valueWords, protocol, target } = plan;
  for (let n = 0; n < valueWords.length; n++) shaped.push(values[valueWords[n]!]!);
  return new RuleMeaning('A', values[plan.chain], protocol && protocolMeaning(values[protocol.word]!, protocol.negated), given(plan.source, values), given(plan.destination, values),
    given(plan.inInterface, values), given(plan.outInterface, values), given(plan.fragment, values), target && values[target.word], target?.known ?? false, target?.goto ?? false,
    plan.parts, plan.targetOptionsAt, shaped, valuesAt);
}

const given = (placed: Placed, values: readonly string[]) => (placed ? givenValue(values[placed.word]!, placed.negated) : undefined);

function planOf(words: readonly Word[], parsed: ParsedCommand, table: string, family: AddressFamily, shape: Int32Array): Plan | undefined {
  if (parsed.letter !== 'A' || !parsed.commandWord || !parsed.chain) return undefined;
  const used = new Uint8Array(words.length);
  const at = (word: Word | undefined): number => {
    const index = word ? words.indexOf(word) : -1;
    if (index !== -1) used[index] = 1;
    return index;
  };
  /** An option word and its argument; -1 unless the option is written as one of `spellings`. */
  const optionAndArgument = (argument: Word, spellings?: ReadonlySet<string>): number => {
    const index = at(argument);
    if (index < 1 || (spellings && !spellings.has(words[index - 1]!.value))) return -1;
    used[index - 1] = 1;
    return index;
  };
  at(parsed.commandWord);
  const chain = optionAndArgument(parsed.chain);
  const placed = (part: { word: Word; negated: boolean } | undefined): Placed | null => {
    if (!part) return undefined;
    const word = optionAndArgument(part.word);
    return word === -1 ? null : { word, negated: part.negated };
  };
  const source = placed(parsed.source), destination = placed(parsed.destination);
  const inInterface = placed(parsed.inInterface), outInterface = placed(parsed.outInterface);
  const protocolAt = parsed.protocol ? optionAndArgument(parsed.protocol.word, NAME_SET) : undefined;
  const fragmentAt = parsed.fragment ? at(parsed.fragment.word) : undefined;
  if (chain === -1 || source === null || destination === null || inInterface === null || outInterface === null || protocolAt === -1 || fragmentAt === -1) return undefined;

  const tests: ValueTest[] = [];
  const together: Plan['together'] = [];
  if (source) tests.push(valueTest(source.word, ADDRESS_TESTS[family]));
  if (destination) tests.push(valueTest(destination.word, ADDRESS_TESTS[family]));
  if (inInterface) tests.push(valueTest(inInterface.word, interfaceTest));
  if (outInterface) tests.push(valueTest(outInterface.word, interfaceTest));
  const extensions = parsed.target ? [...parsed.matches, parsed.target] : parsed.matches;
  for (const ext of extensions) {
    const isTarget = ext === parsed.target;
    if (!ext.implicit && optionAndArgument(ext.name, isTarget ? TARGET_SET : NAME_SET) === -1) return undefined;
    const values: Array<[string, number]> = [];
    for (const option of ext.options) {
      if (at(option.name) === -1) return undefined;
      for (const arg of option.args) if (at(arg) === -1) return undefined;
      const first = option.args[0];
      if (!ext.spec?.judged || !option.spec || !first) continue;
      if (option.spec.check) tests.push(valueTest(words.indexOf(first), option.spec.check));
      values.push([option.spec.name, words.indexOf(first)]);
    }
    if (ext.spec?.judged && ext.spec.completeWithValues) together.push({ check: ext.spec.completeWithValues, values });
  }
  // Every word must have been used, "!" aside: a word the plan knows nothing of may change how a line of the shape reads.
  for (let n = 0; n < words.length; n++) if (!used[n] && words[n]!.value !== '!') return undefined;

  // The parts of the shape: a word written in the shape is the same in each line; a value has its place.
  const valueWords: number[] = [];
  const slots: number[] = [];
  let unplaced = false;
  const meaning = meaningOf(parsed, (word, index) => {
    const at = words.indexOf(word);
    if (at === -1) { unplaced = true; return; }
    const part = shape[at + 2];
    if (part !== VALUE && part !== CHAIN) return;
    slots.push(index);
    valueWords.push(at);
  });
  if (unplaced) return undefined;
  const parts = meaning.parts.slice();
  slots.forEach((slot, n) => { parts[slot] = -(n + 1); });
  const target = parsed.target;
  const protocol = parsed.protocol;
  const needed = new Set<number>([chain, ...[protocolAt, fragmentAt].filter((n): n is number => n !== undefined)]);
  for (const part of [source, destination, inInterface, outInterface]) if (part) needed.add(part.word);
  if (target) needed.add(words.indexOf(target.name));
  for (const word of valueWords) needed.add(word);
  for (const test of tests) needed.add(test.word);
  for (const { values } of together) for (const [, word] of values) needed.add(word);
  return {
    shape,
    needed: Int32Array.from(needed),
    context: { family, table, protocol: protocol && !protocol.negated ? protocol.name : undefined, protocolNegated: !!protocol?.negated },
    tests, together, chain,
    protocol: protocol && protocolAt !== undefined ? { word: protocolAt, negated: protocol.negated } : undefined,
    source, destination, inInterface, outInterface,
    fragment: parsed.fragment && fragmentAt !== undefined ? { word: fragmentAt, negated: parsed.fragment.negated } : undefined,
    target: target ? { word: words.indexOf(target.name), known: !!target.spec, goto: target.goto } : undefined,
    parts, valueWords: Int32Array.from(valueWords), targetOptionsAt: meaning.targetOptionsAt,
  };
}
