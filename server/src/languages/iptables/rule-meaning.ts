import { BoundedMemo } from '../../core/bounded-memo.js';
import type { CommandLetter, OptionOccurrence, ParsedCommand } from './command.js';
import { plainNetwork, protocolName } from './catalogue/values.js';
import type { AddressFamily, Word } from './syntax.js';
import type { RuleAction } from '../../engine/firewall-model.js';

const CONTINUE: RuleAction = { kind: 'continue' };
const DROP: RuleAction = { kind: 'drop' };
/**
 * Targets that take the packet out of the rules, to be decided elsewhere: NFQUEUE and QUEUE hand it
 * to a program, which accepts or drops it; TPROXY to a proxy's socket (or drops it); SYNPROXY answers a connection's opening itself and lets
 * the connection through only once the client completes it, with connection tracking set up for
 * that. Either verdict may follow (see walkChain), and each says what it depends on.
 */
export const DECIDED_ELSEWHERE: Readonly<Record<string, string>> = {
  NFQUEUE: 'depending on the program that reads the queue',
  QUEUE: 'depending on the program that reads queue 0',
  TPROXY: 'depending on the transparent proxy TPROXY hands the connection to (a packet no proxy socket takes is dropped)',
  SYNPROXY: 'depending on SYNPROXY completing the opening handshake in the server\'s place (and on the connection-tracking settings it needs)',
};
export const isDecidedElsewhere = (meaning: { targetKnown: boolean; targetName: string | undefined }): boolean =>
  meaning.targetKnown && meaning.targetName !== undefined && Object.hasOwn(DECIDED_ELSEWHERE, meaning.targetName);
const TERMINAL_ACTIONS: Record<string, RuleAction> = {
  ACCEPT: { kind: 'accept' }, DROP, REJECT: DROP, RETURN: { kind: 'return' },
  ...Object.fromEntries(Object.entries(DECIDED_ELSEWHERE).map(([name, why]) => [name, { kind: 'elsewhere', why } satisfies RuleAction])),
};

/**
 * How a walk reads an -s or -d value: the network iptables reads (see plainNetwork) for one
 * address family, whether it is every address, and how a reason shows it: as written, and as
 * read where that differs ("010.0.0.1 (8.0.0.1/32)").
 */
export interface NetworkReading { readonly family: AddressFamily; readonly network: string; readonly any: boolean; readonly shown: string }

/** A value given to a rule, and whether "!" negated it. */
export class Given {
  // Declared, and set by the constructor alone (see LineSpan).
  declare readonly value: string;
  declare readonly negated: boolean;
  declare private reading: NetworkReading | undefined;
  constructor(value: string, negated: boolean) {
    this.value = value;
    this.negated = negated;
    this.reading = undefined;
  }

  /**
   * The network an -s or -d value names as iptables reads it ("010.0.0.0/8" is 8.0.0.0/8), and
   * whether it is every address. Kept once read: a walk asks it of every rule it meets, and most
   * addresses of a large firewall are each written once, too many for a table of read values.
   */
  network(family: AddressFamily): NetworkReading {
    if (this.reading?.family === family) return this.reading;
    const network = plainNetwork(this.value, family);
    const written = this.value;
    const plain = network === written || (network.startsWith(`${written}/`) && /\/(32|128)$/.test(network));
    this.reading = { family, network, any: network.endsWith('/0'), shown: plain ? written : `${written} (${network})` };
    return this.reading;
  }
}

/**
 * An option of a match or target: its catalogue name (none for extensions ftpwall does not
 * judge), its first argument and any others (nearly every option has one, so no list is kept), "!".
 */
export interface OptionMeaning { readonly name: string | undefined; readonly value: string | undefined; readonly rest: readonly string[]; readonly negated: boolean }

/** A match: the catalogue's name for it when it knows it (`known`), else the name as written. */
export interface ExtensionMeaning { readonly name: string; readonly known: boolean; readonly options: readonly OptionMeaning[] }

/** A target, by the name written (a chain's, or one the catalogue knows: `known`), and whether -g sent the packet there. */
export type TargetMeaning = ExtensionMeaning & { readonly goto: boolean };

const NONE: never[] = Object.freeze([]) as never[];

/**
 * Protocols, interfaces and the like take few values across a whole file: each value is one
 * shared frozen object, in a table for plain and one for negated values (so no key is built).
 * A table stops growing at a bound, so unique addresses do not fill it.
 */
const SHARED_LIMIT = 4096;
const plainGiven = (value: string): Given => new Given(value, false);
const negatedGiven = (value: string): Given => new Given(value, true);
const givenTables = [new BoundedMemo<string, Given>(SHARED_LIMIT), new BoundedMemo<string, Given>(SHARED_LIMIT)] as const;

interface ProtocolMeaning { readonly value: string; readonly negated: boolean; readonly name: string }
const plainProtocol = (value: string): ProtocolMeaning => Object.freeze({ value, negated: false, name: protocolName(value) });
const negatedProtocol = (value: string): ProtocolMeaning => Object.freeze({ value, negated: true, name: protocolName(value) });
const protocolTables = [new BoundedMemo<string, ProtocolMeaning>(SHARED_LIMIT), new BoundedMemo<string, ProtocolMeaning>(SHARED_LIMIT)] as const;

/** A value given to a rule, shared with every other rule that gives it (see givenTables). */
export function givenValue(value: string, negated: boolean): Given {
  return negated ? givenTables[1].get(value, negatedGiven) : givenTables[0].get(value, plainGiven);
}

function given(part: { word: { value: string }; negated: boolean } | undefined): Given | undefined {
  return part ? givenValue(part.word.value, part.negated) : undefined;
}

/** A -p value as a rule keeps it, shared like givenValue's. */
export function protocolMeaning(value: string, negated: boolean): ProtocolMeaning {
  return negated ? protocolTables[1].get(value, negatedProtocol) : protocolTables[0].get(value, plainProtocol);
}

function protocolOf(parsed: ParsedCommand): ProtocolMeaning | undefined {
  const protocol = parsed.protocol;
  return protocol ? protocolMeaning(protocol.word.value, protocol.negated) : undefined;
}

/**
 * The matches and the target's options of one rule, written one after the other into one list
 * (`parts`), so that a rule is three objects however many options it has; a check of a 100k-rule
 * file keeps every rule's meaning, and objects kept are what the garbage collector pays for.
 *
 * Each match is its name, then `(options << 1) | known`; each option its catalogue name (or, for an
 * extension not judged, its name as written), its
 * first argument, `(more arguments << 1) | negated`, then those arguments. The target's options
 * follow the matches, from `targetOptionsAt`, in the same form.
 */
export type Part = string | number | undefined;

/** Told which word's value went to which index of the parts (see LineShapes, which fills them in for other lines). */
export type WordPlaced = (word: Word, at: number) => void;

/** Writes the options into `parts` from `at`; returns the index after them. */
function writeOptions(parts: Part[], at: number, options: readonly OptionOccurrence[], placed: WordPlaced | undefined): number {
  for (let n = 0; n < options.length; n++) {
    const { spec, name, args, negated } = options[n]!;
    // An option of an extension ftpwall does not judge keeps its name as written ("--dst-type").
    if (!spec) placed?.(name, at);
    parts[at++] = spec ? spec.name : name.value;
    if (args[0]) placed?.(args[0], at);
    parts[at++] = args[0]?.value;
    parts[at++] = ((args.length > 1 ? args.length - 1 : 0) << 1) | (negated ? 1 : 0);
    for (let a = 1; a < args.length; a++) { placed?.(args[a]!, at); parts[at++] = args[a]!.value; }
  }
  return at;
}

/** The option read at `at` of a rule's parts: what `everyMatch` hands out (one object reused, so valid only during the call). */
class OptionAt implements OptionMeaning {
  rule: RuleMeaning | undefined = undefined;
  at = 0;
  get name(): string | undefined { return this.rule!.part(this.at) as string | undefined; }
  get value(): string | undefined { return this.rule!.part(this.at + 1) as string | undefined; }
  get negated(): boolean { return ((this.rule!.part(this.at + 2) as number) & 1) === 1; }
  get restCount(): number { return (this.rule!.part(this.at + 2) as number) >> 1; }
  get rest(): readonly string[] {
    const count = this.restCount;
    if (count === 0) return NONE;
    const rest: string[] = [];
    for (let n = 0; n < count; n++) rest.push(this.rule!.part(this.at + 3 + n) as string);
    return rest;
  }
  /** The index after this option. */
  get next(): number { return this.at + 3 + this.restCount; }
  copy(): OptionMeaning { return { name: this.name, value: this.value, rest: this.rest, negated: this.negated }; }
}

const reading = new OptionAt();

/** Copies of the options from `at` on, `count` of them or up to `end`, and the index after them. */
function optionsFrom(rule: RuleMeaning, at: number, count: number, end: number): { options: readonly OptionMeaning[]; next: number } {
  if (count === 0 || at >= end) return { options: NONE, next: at };
  const option = new OptionAt();
  option.rule = rule;
  option.at = at;
  const options: OptionMeaning[] = [];
  for (let n = 0; n < count && option.at < end; n++) { options.push(option.copy()); option.at = option.next; }
  return { options, next: option.at };
}

/**
 * Where the rules read by their shape (see LineShapes) keep their values: one list per document,
 * each rule's values one after another from its `valuesAt`. Such a rule's parts are its shape's,
 * shared by every rule of the shape, with -(n + 1) where its n-th value goes (no part is negative
 * otherwise), so a rule keeps no list of its own: at 100k rules those lists were a quarter of
 * what a check keeps.
 */
export type ShapedValues = string[];

/** -i, -o and -f of a rule that gives one of them. */
interface RareGiven { readonly inInterface: Given | undefined; readonly outInterface: Given | undefined; readonly fragment: Given | undefined }

/** The command letters, numbered from 1 in a meaning's flags (0: none). */
const LETTERS: readonly CommandLetter[] = ['A', 'C', 'D', 'I', 'R', 'L', 'S', 'F', 'Z', 'N', 'X', 'P', 'E', 'V', 'h'];
/** A meaning's flags: the letter's number in the low bits, then two flags, then where the target's options start. */
const FLAGS = { letter: 0x1f, targetKnown: 0x20, goto: 0x40, targetOptionsShift: 7 } as const;

/**
 * What a command tells iptables, without where it was written: all the engine and the host-wide
 * rules read of a rule. It keeps no word of the line, so a check of a 100k-rule file keeps a
 * meaning for every rule and reads a line again only when a finding needs its words.
 */
export class RuleMeaning {
  // Declared, and set by the constructor alone (see LineSpan): a check makes one for each rule,
  // so what most rules leave empty or small is packed (see `rare` and `flags`).
  declare readonly chain: string | undefined;
  /** `-p` as written, and the protocol's name ("6" is tcp). */
  declare readonly protocol: ProtocolMeaning | undefined;
  declare readonly source: Given | undefined;
  declare readonly destination: Given | undefined;
  /** The target's name as written; `targetKnown` when the catalogue knows it (else it is a chain's, or unknown). */
  declare readonly targetName: string | undefined;
  /** The matches' and the target's options, laid out as described at Part; read through `part` (and made into a shape's by LineShapes). */
  declare readonly parts: readonly Part[];
  /** -i, -o and -f, which few rules give. */
  declare private readonly rare: RareGiven | undefined;
  /** The command's letter, whether the target is known, -g, and where the target's options start in `parts` (see FLAGS). */
  declare private readonly flags: number;
  /** For a rule read by its shape: where its values are (see ShapedValues). */
  declare private readonly values: readonly string[];
  declare private readonly valuesAt: number;

  constructor(
    letter: CommandLetter | undefined, chain: string | undefined, protocol: ProtocolMeaning | undefined,
    source: Given | undefined, destination: Given | undefined, inInterface: Given | undefined, outInterface: Given | undefined, fragment: Given | undefined,
    targetName: string | undefined, targetKnown: boolean, goto: boolean, parts: readonly Part[], targetOptionsAt: number, values: readonly string[] = NONE, valuesAt = 0,
  ) {
    this.chain = chain;
    this.protocol = protocol;
    this.source = source;
    this.destination = destination;
    this.targetName = targetName;
    this.parts = parts;
    this.rare = inInterface || outInterface || fragment ? { inInterface, outInterface, fragment } : undefined;
    this.flags = (targetOptionsAt << FLAGS.targetOptionsShift) | (goto ? FLAGS.goto : 0) | (targetKnown ? FLAGS.targetKnown : 0) | (letter ? LETTERS.indexOf(letter) + 1 : 0);
    this.values = values;
    this.valuesAt = valuesAt;
    this.walkAction = undefined;
  }

  get letter(): CommandLetter | undefined { return LETTERS[(this.flags & FLAGS.letter) - 1]; }
  get inInterface(): Given | undefined { return this.rare?.inInterface; }
  get outInterface(): Given | undefined { return this.rare?.outInterface; }
  get fragment(): Given | undefined { return this.rare?.fragment; }
  get targetKnown(): boolean { return (this.flags & FLAGS.targetKnown) !== 0; }
  /** -g instead of -j. */
  get goto(): boolean { return (this.flags & FLAGS.goto) !== 0; }
  get targetOptionsAt(): number { return this.flags >>> FLAGS.targetOptionsShift; }

  /** The part at `at`, read from the rule's own values where its parts are its shape's. */
  part(at: number): Part {
    const part = this.parts[at];
    return typeof part === 'number' && part < 0 ? this.values[this.valuesAt + ~part] : part;
  }

  /** What the rule does with what it matches, as the engine walks it; worked out once (a walk asks it of every rule it meets). */
  get action(): RuleAction {
    if (this.walkAction) return this.walkAction;
    const name = this.targetName;
    // A target iptables does not know is a user chain's name (whether the chain exists is the walk's to ask).
    this.walkAction = name === undefined ? CONTINUE : TERMINAL_ACTIONS[name] ?? (this.targetKnown ? CONTINUE : { kind: this.goto ? 'goto' : 'jump', chain: name });
    return this.walkAction;
  }

  declare private walkAction: RuleAction | undefined;

  /** The same rule with its target renamed (a chain renamed by -E). */
  withTargetName(name: string): RuleMeaning {
    return new RuleMeaning(this.letter, this.chain, this.protocol, this.source, this.destination, this.inInterface, this.outInterface, this.fragment, name, this.targetKnown, this.goto, this.parts, this.targetOptionsAt, this.values, this.valuesAt);
  }

  get hasMatches(): boolean { return this.targetOptionsAt > 0; }

  /** The matches as objects of their own: for readers that look at few rules. */
  get matches(): readonly ExtensionMeaning[] {
    if (this.targetOptionsAt === 0) return NONE;
    const matches: ExtensionMeaning[] = [];
    for (let at = 0; at < this.targetOptionsAt;) {
      const header = this.part(at + 1) as number;
      const { options, next } = optionsFrom(this, at + 2, header >> 1, this.targetOptionsAt);
      matches.push({ name: this.part(at) as string, known: (header & 1) === 1, options });
      at = next;
    }
    return matches;
  }

  /** The target as an object of its own: for readers that look at few rules. */
  get target(): TargetMeaning | undefined {
    if (this.targetName === undefined) return undefined;
    return { name: this.targetName, known: this.targetKnown, goto: this.goto, options: optionsFrom(this, this.targetOptionsAt, Infinity, this.parts.length).options };
  }

  /**
   * Goes through the matches in order without making an object for any of them: `onOption` for
   * each option (the option handed out is only valid during the call), `onBare` for a match
   * given without options. Stops with false as soon as one of them returns false.
   */
  everyMatch<T>(state: T, onOption: (match: string, option: OptionMeaning, state: T) => boolean, onBare: (match: string, state: T) => boolean): boolean {
    const option = reading;
    for (let at = 0; at < this.targetOptionsAt;) {
      const match = this.part(at) as string;
      const count = (this.part(at + 1) as number) >> 1;
      at += 2;
      if (count === 0 && !onBare(match, state)) return false;
      for (let n = 0; n < count; n++) {
        option.rule = this;
        option.at = at;
        at = option.next;
        if (!onOption(match, option, state)) return false;
      }
    }
    return true;
  }

  /** Does the target have the option `name` (one without arguments, like CT's --notrack, included)? */
  hasTargetOption(name: string): boolean {
    const option = reading;
    option.rule = this;
    for (option.at = this.targetOptionsAt; option.at < this.parts.length; option.at = option.next) if (option.name === name) return true;
    return false;
  }

  /** The first value of the target's option `name`. */
  targetOptionValue(name: string): string | undefined {
    const option = reading;
    option.rule = this;
    for (option.at = this.targetOptionsAt; option.at < this.parts.length; option.at = option.next) if (option.name === name) return option.value;
    return undefined;
  }
}

/**
 * Where each rule's parts are written before they are copied out at their exact size (one list
 * for all rules: the copy is what a rule keeps). It is written by index and never shortened:
 * setting a list's length is a call into the runtime.
 */
const written: Part[] = [];

/** The meaning of a complete reading; `placed` is told where each word's value went in its parts. */
export function meaningOf(parsed: ParsedCommand, placed?: WordPlaced): RuleMeaning {
  const { matches, target } = parsed;
  let at = 0;
  for (let n = 0; n < matches.length; n++) {
    const match = matches[n]!;
    if (!match.spec) placed?.(match.name, at);
    written[at++] = match.spec?.name ?? match.name.value;
    written[at++] = (match.options.length << 1) | (match.spec ? 1 : 0);
    at = writeOptions(written, at, match.options, placed);
  }
  const targetOptionsAt = at;
  if (target) at = writeOptions(written, at, target.options, placed);
  const parts = at === 0 ? NONE : written.slice(0, at);
  return new RuleMeaning(parsed.letter, parsed.chain?.value, protocolOf(parsed), given(parsed.source), given(parsed.destination), given(parsed.inInterface),
    given(parsed.outInterface), given(parsed.fragment), target?.name.value, !!target?.spec, target?.goto ?? false, parts, targetOptionsAt);
}

/** The first value of a target's option (`--log-prefix`, `--reject-with`, `--helper`), when the target is the catalogue's `name`. */
export function targetOption(meaning: RuleMeaning, name: string, option: string): string | undefined {
  if (!meaning.targetKnown || meaning.targetName !== name) return undefined;
  return meaning.targetOptionValue(option);
}

/** The written first argument of a target's option (for a finding's range), from a full reading. */
export function targetOptionWord(parsed: ParsedCommand, option: string): Word | undefined {
  return parsed.target?.options.find((o) => o.spec?.name === option)?.args[0];
}
