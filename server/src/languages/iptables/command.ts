import { cNumber } from '../../core/c-number.js';
import { BoundedMemo } from '../../core/bounded-memo.js';
import { IMPLICIT_MATCH, MATCHES, TARGETS } from './catalogue/extensions.js';
import type { ExtensionSpec, GivenOptions, OptionSpec, Refusal, RuleContext } from './catalogue/types.js';
import { protocolName, protocolNumber, readAddressList, readInterface } from './catalogue/values.js';
import { renamedWord, spanningWord, wordTail, type AddressFamily, type Word } from './syntax.js';

/** The kinds of problem an iptables command line can have; each becomes one rule id. */
export type ProblemKind =
  | 'unknown-option' | 'unknown-extension' | 'invalid-value' | 'port-range-inverted' | 'option-needs-protocol'
  | 'duplicate-option' | 'bad-argument' | 'interface-direction' | 'incomplete-extension' | 'missing-argument' | 'no-command';

/**
 * `atLoad`: iptables-restore --test accepts it; the kernel refuses it when the rules are loaded.
 * `loadedAs`: iptables 1.8.9 loads it, read that way; iptables' own tests expect it refused.
 */
export interface CommandProblem { kind: ProblemKind; message: string; word?: Word; data?: Record<string, string>; atLoad?: boolean; loadedAs?: string }

export interface OptionOccurrence { spec?: OptionSpec; owner?: ExtensionSpec; name: Word; args: Word[]; negated: boolean }

export interface ExtensionUse { name: Word; spec?: ExtensionSpec; options: OptionOccurrence[]; implicit: boolean }

export type CommandLetter = 'A' | 'C' | 'D' | 'I' | 'R' | 'L' | 'S' | 'F' | 'Z' | 'N' | 'X' | 'P' | 'E' | 'V' | 'h';

export interface ParsedCommand {
  words: Word[];
  letter?: CommandLetter;
  commandWord?: Word;
  chain?: Word;
  /** -E's new name, -P's policy. */
  second?: Word;
  position?: Word;
  table?: Word;
  protocol?: { word: Word; name: string; negated: boolean };
  source?: { word: Word; negated: boolean };
  destination?: { word: Word; negated: boolean };
  inInterface?: { word: Word; negated: boolean };
  outInterface?: { word: Word; negated: boolean };
  fragment?: { word: Word; negated: boolean };
  matches: ExtensionUse[];
  target?: ExtensionUse & { goto: boolean };
  problems: CommandProblem[];
  /** Host names in addresses: iptables resolves them once, when the rules are loaded. */
  hostnames: Word[];
}

interface CoreOption { name: string; short?: string; aliases?: string[]; args: number; optionalArgs?: number; letter?: CommandLetter }

const CORE: CoreOption[] = [
  { name: 'append', short: 'A', args: 1, letter: 'A' },
  { name: 'check', short: 'C', args: 1, letter: 'C' },
  { name: 'delete', short: 'D', args: 1, optionalArgs: 1, letter: 'D' },
  { name: 'insert', short: 'I', args: 1, optionalArgs: 1, letter: 'I' },
  { name: 'replace', short: 'R', args: 2, letter: 'R' },
  { name: 'list', short: 'L', args: 0, optionalArgs: 1, letter: 'L' },
  { name: 'list-rules', short: 'S', args: 0, optionalArgs: 1, letter: 'S' },
  { name: 'flush', short: 'F', args: 0, optionalArgs: 1, letter: 'F' },
  { name: 'zero', short: 'Z', args: 0, optionalArgs: 2, letter: 'Z' },
  { name: 'new-chain', short: 'N', aliases: ['new'], args: 1, letter: 'N' },
  { name: 'delete-chain', short: 'X', args: 0, optionalArgs: 1, letter: 'X' },
  { name: 'policy', short: 'P', args: 2, letter: 'P' },
  { name: 'rename-chain', short: 'E', args: 2, letter: 'E' },
  { name: 'protocol', short: 'p', args: 1 },
  { name: 'source', short: 's', aliases: ['src'], args: 1 },
  { name: 'destination', short: 'd', aliases: ['dst'], args: 1 },
  { name: 'in-interface', short: 'i', args: 1 },
  { name: 'out-interface', short: 'o', args: 1 },
  { name: 'jump', short: 'j', args: 1 },
  { name: 'goto', short: 'g', args: 1 },
  { name: 'match', short: 'm', args: 1 },
  { name: 'fragment', short: 'f', args: 0 },
  { name: 'set-counters', short: 'c', args: 1 },
  { name: 'table', short: 't', args: 1 },
  { name: 'ipv4', short: '4', args: 0 },
  { name: 'ipv6', short: '6', args: 0 },
  { name: 'wait', short: 'w', args: 0, optionalArgs: 1 },
  { name: 'wait-interval', short: 'W', args: 1 },
  { name: 'verbose', short: 'v', args: 0 },
  { name: 'numeric', short: 'n', args: 0 },
  { name: 'exact', short: 'x', args: 0 },
  { name: 'line-numbers', args: 0 },
  { name: 'modprobe', args: 1 },
  { name: 'version', short: 'V', args: 0, letter: 'V' },
  { name: 'help', short: 'h', args: 0, letter: 'h' },
];

/** Chains where iptables refuses an -i, and where it refuses an -o. */
export const NO_INPUT_INTERFACE: ReadonlySet<string> = new Set(['OUTPUT', 'POSTROUTING']);
export const NO_OUTPUT_INTERFACE: ReadonlySet<string> = new Set(['INPUT', 'PREROUTING']);

interface PrefixReading<T> { found?: T; ambiguous?: boolean }

/**
 * Long option names; `typed` remembers what each typed name stood for (`read`), since a file
 * types the same few over and over.
 */
interface OptionNames<T> { exact: ReadonlyMap<string, T>; typed: BoundedMemo<string, PrefixReading<T>>; read: (typed: string) => PrefixReading<T> }

/** Bounds each table of typed names, so a file of random option names cannot grow it without end. */
const TYPED_MEMORY = 1024;
const NOTHING_FOUND: PrefixReading<never> = Object.freeze({});

function optionNamesOf<T>(names: ReadonlyArray<readonly [string, T]>): OptionNames<T> {
  const exact = new Map(names);
  return { exact, typed: new BoundedMemo(TYPED_MEMORY), read: (typed) => readLong(typed, exact, names) };
}

/** getopt_long's reading of a typed long name: the exact name, else the one option it is a prefix of. */
function resolveLong<T>(typed: string, names: OptionNames<T>): PrefixReading<T> {
  return names.typed.get(typed, names.read);
}

function readLong<T>(typed: string, exact: ReadonlyMap<string, T>, names: ReadonlyArray<readonly [string, T]>): PrefixReading<T> {
  const hit = exact.get(typed);
  if (hit !== undefined) return Object.freeze({ found: hit });
  let found: T | undefined;
  for (const [name, value] of names) {
    if (!name.startsWith(typed) || value === found) continue;
    if (found !== undefined) return Object.freeze({ ambiguous: true });
    found = value;
  }
  return found === undefined ? NOTHING_FOUND : Object.freeze({ found });
}

/**
 * The name of a long option without its dashes. Option words are shared strings (see
 * splitRestoreWords), so the same name object comes back for each and the tables above look
 * it up by a hash already known.
 */
const longNames = new BoundedMemo<string, string>(TYPED_MEMORY);
const withoutDashes = (optionText: string) => optionText.slice(2);
const longName = (optionText: string): string => longNames.get(optionText, withoutDashes);

/** iptables' own long option names, computed once. */
const CORE_NAMES = optionNamesOf(CORE.flatMap((o) => [[o.name, o] as const, ...(o.aliases ?? []).map((a) => [a, o] as const)]));
/** Core options by the character code of their short name (`-A` at 0x41): read for most words of every command. */
const CORE_BY_SHORT: Array<CoreOption | undefined> = new Array(128).fill(undefined);
for (const o of CORE) if (o.short) CORE_BY_SHORT[o.short.charCodeAt(0)] = o;

/** Each extension's long option names (aliases included), computed once per extension. */
const namesBySpec = new Map<ExtensionSpec, OptionNames<OptionSpec>>();
function specOptionNames(spec: ExtensionSpec): OptionNames<OptionSpec> {
  let names = namesBySpec.get(spec);
  if (!names) { names = optionNamesOf(spec.options.flatMap((o) => [o.name, ...(o.aliases ?? [])].map((n) => [n, o] as const))); namesBySpec.set(spec, names); }
  return names;
}

/** An extension and the option of it a typed name stands for. */
interface ExtensionOptionHit { ext: ExtensionUse; spec: OptionSpec }

/** A rule number as iptables reads one (strtoul, base 0: "0x2" is one). */
const isRuleNumber = (w: Word | undefined) => !!w && cNumber(w.value) !== undefined;
const isNumber = (w: Word | undefined) => !!w && /^\d+$/.test(w.value);
const startsOption = (w: Word) => w.value.startsWith('-');

/** "-x": a short option letter or digit. */
/** Starts with "--" (compared in place: startsWith is a call into the runtime, and this is asked of most words). */
const isLongOption = (text: string): boolean => text.charCodeAt(0) === 0x2d && text.charCodeAt(1) === 0x2d;

function isShortOption(text: string): boolean {
  if (text.length !== 2 || text.charCodeAt(0) !== 0x2d) return false;
  const c = text.charCodeAt(1);
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Reads the arguments of one iptables invocation (everything after `iptables`, or a restore
 * file's command line).
 */
export function parseCommand(words: Word[], family: AddressFamily, table: string): ParsedCommand {
  return new CommandReader(words, family).read(table);
}

/** The state of reading one command; a class so that no closures are made per command. */
class CommandReader {
  // Every field is set from the start so all readings share one object shape (V8 keeps property access fast).
  readonly result: ParsedCommand;
  /** The extension the next unknown option may belong to. */
  private current: ExtensionUse | undefined;
  private next = 0;
  /** What resolveExtensionOption found (one per reader rather than a new pair per option). */
  private readonly hit: ExtensionOptionHit = { ext: undefined as unknown as ExtensionUse, spec: undefined as unknown as OptionSpec };

  constructor(private readonly words: Word[], private readonly family: AddressFamily) {
    this.result = {
      words, letter: undefined, commandWord: undefined, chain: undefined, second: undefined, position: undefined, table: undefined,
      protocol: undefined, source: undefined, destination: undefined, inInterface: undefined, outInterface: undefined, fragment: undefined,
      matches: NONE, target: undefined, problems: NONE, hostnames: NONE,
    };
  }

  read(table: string): ParsedCommand {
    const { words, result } = this;
    let negate: Word | undefined;
    while (this.next < words.length) {
      const word = words[this.next++]!;
      const text = word.value;
      if (text === '!') {
        if (negate) this.problem('bad-argument', 'multiple consecutive ! not allowed', word);
        negate = word;
        continue;
      }
      if (!text.startsWith('-') || text === '-') {
        // One report for a run of stray words (such as an end-of-line "# comment"), quoting the first as iptables does.
        let last = word;
        while (this.next < words.length && !startsOption(words[this.next]!)) last = words[this.next++]!;
        this.problem('bad-argument', `Bad argument \`${text}'`, last === word ? word : spanningWord(word, last));
        negate = undefined;
        continue;
      }
      this.readOption(word, !!negate);
      negate = undefined;
    }
    if (negate) this.problem('bad-argument', 'Bad argument `!\'', negate);
    if (!result.letter && result.problems.length === 0) this.problem('no-command', 'no command specified', words[0]);
    const protocol = result.protocol;
    checkValues(result, { family: this.family, table, protocol: protocol && !protocol.negated ? protocol.name : undefined, protocolNegated: !!protocol?.negated });
    return result;
  }

  private problem(kind: ProblemKind, message: string, word?: Word, data?: Record<string, string>): void {
    addProblem(this.result, { kind, message, ...(word ? { word } : {}), ...(data ? { data } : {}) });
  }

  /**
   * The option of a loaded extension a typed long name stands for, in `hit`. The most recently
   * loaded match comes first (iptables binds an option to the latest instance), the target last.
   */
  private resolveExtensionOption(typed: string): ExtensionOptionHit | undefined {
    const { hit } = this;
    const loaded = this.result.matches;
    const target = this.result.target;
    const count = loaded.length + (target ? 1 : 0);
    for (let n = 0; n < count; n++) {
      const ext = n < loaded.length ? loaded[loaded.length - 1 - n]! : target!;
      const spec = ext.spec && specOptionNames(ext.spec).exact.get(typed);
      if (spec) { hit.ext = ext; hit.spec = spec; return hit; }
    }
    let found = false;
    for (let n = 0; n < count; n++) {
      const ext = n < loaded.length ? loaded[loaded.length - 1 - n]! : target!;
      if (!ext.spec) continue;
      const own = resolveLong(typed, specOptionNames(ext.spec));
      if (own.ambiguous || (own.found && found)) return undefined;
      if (own.found) { hit.ext = ext; hit.spec = own.found; found = true; }
    }
    return found ? hit : undefined;
  }

  /** The next `count` words as the arguments of `optionWord` ("--name=value" supplies the first). */
  private args(optionWord: Word, count: number, inlineValue: Word | undefined): Word[] | undefined {
    if (count === 0) return [];
    const from = this.next;
    const taken = count - (inlineValue ? 1 : 0);
    if (from + taken > this.words.length) {
      this.problem('missing-argument', `option "${optionWord.value}" requires an argument`, optionWord);
      this.next = this.words.length;
      return undefined;
    }
    this.next += taken;
    const args = taken === 1 ? [this.words[from]!] : this.words.slice(from, from + taken);
    if (inlineValue) args.unshift(inlineValue);
    return args;
  }

  /** The words up to the next option or "!" (an unjudged option's arguments, or what follows an unknown option). */
  private skipToOption(): number {
    const from = this.next;
    while (this.atArgument()) this.next++;
    return from;
  }

  /** Is the next word an argument (neither an option nor "!")? */
  private atArgument(): boolean {
    const word = this.words[this.next];
    return !!word && !startsOption(word) && word.value !== '!';
  }

  private hasLoaded(spec: ExtensionSpec): boolean {
    const { matches } = this.result;
    for (let n = 0; n < matches.length; n++) if (matches[n]!.spec === spec) return true;
    return false;
  }

  private loadMatch(nameWord: Word, implicit: boolean): ExtensionUse | undefined {
    const spec = MATCHES.get(nameWord.value) ?? (nameWord.value === 'icmpv6' ? MATCHES.get('icmp6') : undefined);
    if (!spec || (spec.family && spec.family !== this.family)) {
      this.problem('unknown-extension', `Couldn't load match \`${nameWord.value}':No such file or directory`, nameWord, { kind: 'match', ...(spec?.family ? { onlyFor: spec.family } : {}) });
      return undefined;
    }
    const use: ExtensionUse = { name: nameWord, spec, options: NONE, implicit };
    this.result.matches = appended(this.result.matches, use);
    return use;
  }

  private readOption(word: Word, negated: boolean): void {
    const { result } = this;
    const text = word.value;
    // "--name=value" is getopt's other spelling of "--name value".
    let inlineValue: Word | undefined;
    let optionText = text;
    const eq = isLongOption(text) ? text.indexOf('=') : -1;
    if (eq !== -1) {
      optionText = text.slice(0, eq);
      inlineValue = wordTail(word, word.raw.length - word.value.length + eq + 1, text.slice(eq + 1));
    }

    let core: CoreOption | undefined;
    if (isShortOption(optionText)) core = CORE_BY_SHORT[optionText.charCodeAt(1)];
    else if (isLongOption(optionText)) {
      const typed = longName(optionText);
      const exactCore = CORE_NAMES.exact.get(typed);
      const extHit = exactCore ? undefined : this.resolveExtensionOption(typed);
      const coreHit = exactCore ?? (extHit ? undefined : resolveLong(typed, CORE_NAMES).found);
      if (coreHit) core = coreHit;
      else if (extHit) {
        const { ext, spec } = extHit;
        const args = this.args(word, spec.args, inlineValue);
        if (args) ext.options = appended(ext.options, { spec, owner: ext.spec!, name: word, args, negated });
        this.current = ext;
        return;
      }
    }
    if (!core) { this.readOtherOption(word, optionText, inlineValue, negated); return; }

    if (inlineValue) {
      // iptables reads its own options' values only as the next word; "--protocol=tcp" is taken whole.
      this.problem('invalid-value', core.name === 'protocol' ? `unknown protocol "${text}" specified` : `Bad argument \`${text}'`, word);
      return;
    }
    const args = this.args(word, core.args, undefined);
    if (!args) return;
    if (core.letter) { this.readCommandLetter(word, core, args); return; }
    const arg = args[0]!;
    switch (core.name) {
      case 'protocol':
        if (result.protocol) { this.problem('duplicate-option', 'multiple -p flags not allowed', word); break; }
        if (protocolNumber(arg.value) === undefined) this.problem('invalid-value', `unknown protocol "${arg.value}" specified`, arg);
        else if (negated && protocolNumber(arg.value) === 0) this.problem('invalid-value', 'rule would never match protocol', arg);
        result.protocol = { word: arg, name: protocolName(arg.value), negated };
        break;
      case 'source': case 'destination': {
        const key = core.name;
        if (result[key]) { this.problem('duplicate-option', `multiple -${core.short} flags not allowed`, word); break; }
        result[key] = { word: arg, negated };
        const reading = readAddressList(arg.value, this.family);
        if (reading.error) this.problem('invalid-value', reading.error, arg);
        else if (reading.hostnames.length) result.hostnames = appended(result.hostnames, arg);
        break;
      }
      case 'in-interface': case 'out-interface': {
        const key = core.name === 'in-interface' ? 'inInterface' : 'outInterface';
        if (result[key]) { this.problem('duplicate-option', `multiple -${core.short} flags not allowed`, word); break; }
        result[key] = { word: arg, negated };
        const error = readInterface(arg.value);
        if (error) this.problem('invalid-value', error, arg);
        break;
      }
      case 'fragment':
        result.fragment = { word, negated };
        break;
      case 'match': {
        const use = this.loadMatch(arg, false);
        if (use) this.current = use;
        break;
      }
      case 'jump': case 'goto': {
        if (result.target) { this.problem('duplicate-option', `multiple -${core.short} flags not allowed`, word); break; }
        const spec = TARGETS.get(arg.value);
        result.target = { name: arg, spec: spec && (!spec.family || spec.family === this.family) ? spec : undefined, options: NONE, implicit: false, goto: core.name === 'goto' };
        if (core.name === 'goto' && spec) this.problem('invalid-value', `goto '${arg.value}' is not a chain`, arg);
        this.current = undefined;
        break;
      }
      case 'set-counters':
        if (!/^\d+,\d+$/.test(arg.value) && !(isNumber(arg) && isNumber(this.words[this.next]) && ++this.next)) this.problem('invalid-value', `-c requires packet and byte counter`, arg);
        break;
      case 'table':
        result.table = arg;
        break;
      default:
        break;
    }
  }

  /** -A, -I, -P and the other commands, with their optional positional arguments. */
  private readCommandLetter(word: Word, core: CoreOption, args: Word[]): void {
    const { result, words } = this;
    if (result.letter) { this.problem('bad-argument', 'Cannot use more than one command at a time', word); return; }
    result.letter = core.letter;
    result.commandWord = word;
    result.chain = args[0];
    if (core.letter === 'P' || core.letter === 'E') result.second = args[1];
    if (core.letter === 'R') result.position = args[1];
    // Optional positional arguments: a rule number for -I/-D/-Z, a chain for -L/-S/-F/-X/-Z.
    if (core.optionalArgs && core.args === 1 && (core.letter === 'I' || core.letter === 'D') && isRuleNumber(words[this.next])) result.position = words[this.next++];
    if (core.optionalArgs && core.args === 0 && this.atArgument()) {
      result.chain = words[this.next++];
      if (core.letter === 'Z' && isRuleNumber(words[this.next])) result.position = words[this.next++];
    }
  }

  /** An option that is neither iptables' own nor one of a loaded extension. */
  private readOtherOption(word: Word, optionText: string, inlineValue: Word | undefined, negated: boolean): void {
    const { result } = this;
    // iptables tries the protocol's own match first, then gives up.
    const typed = optionText.startsWith('--') ? longName(optionText) : optionText.slice(1);
    const implicitName = result.protocol && !result.protocol.negated ? IMPLICIT_MATCH[result.protocol.name] : undefined;
    const implicitSpec = implicitName ? MATCHES.get(implicitName) : undefined;
    // An implicit match of the other family (icmpv6 in an IPv4 file) does not exist for this one.
    const otherFamily = implicitSpec?.family && implicitSpec.family !== this.family ? implicitSpec.family : undefined;
    if (implicitSpec && !otherFamily && !this.hasLoaded(implicitSpec) && optionText.startsWith('--')) {
      const hit = resolveLong(typed, specOptionNames(implicitSpec));
      if (hit.found) {
        const use = this.loadMatch(renamedWord(result.protocol!.word, implicitSpec.name), true)!;
        const args = this.args(word, hit.found.args, inlineValue);
        if (args) use.options = appended(use.options, { spec: hit.found, owner: implicitSpec, name: word, args, negated });
        this.current = use;
        return;
      }
    }
    // An option of an extension we accept without judging: take its arguments up to the next option.
    const current = this.current;
    const host = current && !current.spec?.judged ? current : result.target && !result.target.spec?.judged && result.target.spec ? result.target : undefined;
    if (host && optionText.startsWith('--')) {
      const args = this.words.slice(this.skipToOption(), this.next);
      if (inlineValue) args.unshift(inlineValue);
      host.options = appended(host.options, { name: word, args, negated });
      return;
    }
    // iptables stops at the first error; the words after an unknown option are taken as its arguments, not as more errors.
    this.skipToOption();
    const forProtocol = Object.values(IMPLICIT_MATCH).map((n) => MATCHES.get(n)!).find((spec) => spec && resolveLong(typed, specOptionNames(spec)).found);
    const onlyFor = otherFamily && implicitSpec && resolveLong(typed, specOptionNames(implicitSpec)).found ? otherFamily : undefined;
    const data = { ...(forProtocol ? { protocol: forProtocol.name } : {}), ...(onlyFor ? { onlyFor } : {}) };
    this.problem(forProtocol && !result.protocol ? 'option-needs-protocol' : 'unknown-option', `unknown option "${optionText}"`, word, data);
  }
}

/** One empty list shared by every reading; frozen, so a change to it fails loudly. */
const NONE: never[] = Object.freeze([]) as never[];

/**
 * A list of a reading with one more item. Lists start as the shared empty one and most get one
 * item or none: made as `[item]` they hold just that, where a push onto `[]` makes room for 16.
 */
function appended<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  list.push(item);
  return list;
}

function addProblem(result: ParsedCommand, problem: CommandProblem): void {
  result.problems = appended(result.problems, problem);
}

const nameOf = (spec: OptionSpec) => spec.name;
/** What a repeat is judged by: the option, or the group it counts as one with. */
const onceKey = (spec: OptionSpec) => spec.onceWith ?? spec.name;

/** Was an option of this name (or, with onceKey, of this group) given before the n-th? */
function givenBefore(options: readonly OptionOccurrence[], n: number, name: string, keyOf = nameOf): boolean {
  for (let m = 0; m < n; m++) {
    const spec = options[m]!.spec;
    if (spec && keyOf(spec) === name) return true;
  }
  return false;
}

/** An exact-size copy (a list grown by push keeps room for 16 more items), or the shared empty one. */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? NONE : list.slice();
}

/**
 * A kept reading lasts as long as its line is unchanged, for a whole file's worth of lines, so
 * its lists are made exact: this makes a large file's reading a third smaller. (A reading that
 * is only looked at once is not worth the copies.)
 */
export function settle(result: ParsedCommand): ParsedCommand {
  result.matches = exact(result.matches);
  for (const ext of result.matches) ext.options = exact(ext.options);
  if (result.target) result.target.options = exact(result.target.options);
  result.problems = exact(result.problems);
  result.hostnames = exact(result.hostnames);
  return result;
}

/** Value and completeness checks, run once the whole rule (and so its protocol) is known. */
function checkValues(result: ParsedCommand, context: RuleContext): void {
  const chain = result.chain?.value;
  if (chain && (result.letter === 'A' || result.letter === 'I' || result.letter === 'R' || result.letter === 'C')) {
    if (result.inInterface && NO_INPUT_INTERFACE.has(chain)) addProblem(result, { kind: 'interface-direction', message: `Can't use -i with ${chain}`, word: result.inInterface.word });
    if (result.outInterface && NO_OUTPUT_INTERFACE.has(chain)) addProblem(result, { kind: 'interface-direction', message: `Can't use -o with ${chain}`, word: result.outInterface.word });
  }
  for (let n = 0; n < result.matches.length; n++) checkExtension(result, result.matches[n]!, context);
  if (result.target) checkExtension(result, result.target, context);
}

/** An extension's option values, repeats, and whether its options together are complete. */
function checkExtension(result: ParsedCommand, ext: ExtensionUse, context: RuleContext): void {
  const spec = ext.spec;
  if (!spec?.judged) return;
  const { options } = ext;
  for (let n = 0; n < options.length; n++) {
    const option = options[n]!;
    const optionSpec = option.spec;
    if (!optionSpec) continue;
    if (!optionSpec.repeatable && givenBefore(options, n, onceKey(optionSpec), onceKey)) {
      addProblem(result, { kind: 'duplicate-option', message: optionSpec.repeatMessage ?? `${spec.name}: "--${optionSpec.name}" option may only be specified once`, word: option.name });
    }
    const value = option.args[0];
    if (!value || !optionSpec.check) continue;
    const refusal = optionSpec.check(value.value, context);
    if (!refusal) continue;
    const { message, atLoad, loadedAs } = unpack(refusal);
    const inverted = message === 'invalid portrange (min > max)';
    addProblem(result, { kind: inverted ? 'port-range-inverted' : 'invalid-value', message, word: value, ...(atLoad ? { atLoad } : {}), ...(loadedAs ? { loadedAs } : {}) });
  }
  // The arguments of an optional call are worked out only when the extension has that check.
  const refusal = spec.complete?.(new OptionsGiven(options), spec.protocolFirst ? contextAtOptions(result, ext, context) : context)
    ?? spec.completeWithValues?.(givenValues(ext));
  if (refusal) {
    const { message, atLoad, loadedAs } = unpack(refusal);
    const needsProtocol = /requires '-p|needs `-p/.test(message);
    addProblem(result, { kind: needsProtocol ? 'option-needs-protocol' : 'incomplete-extension', message, word: ext.name, ...(atLoad ? { atLoad } : {}), ...(loadedAs ? { loadedAs } : {}), ...(needsProtocol ? { data: { protocol: spec.name === 'multiport' ? 'tcp' : spec.name === 'icmp' ? 'icmp' : spec.name } } : {}) });
  }
}

/** The rule's context as the extension's first option saw it: without a -p written after it. */
function contextAtOptions(result: ParsedCommand, ext: ExtensionUse, context: RuleContext): RuleContext {
  const first = ext.options[0];
  const protocol = result.protocol;
  if (!first || !protocol || protocol.word.start < first.name.start) return context;
  return { family: context.family, table: context.table };
}

/** An extension's options as its `complete` check sees them, read from the list itself (an extension has few). */
class OptionsGiven implements GivenOptions {
  constructor(private readonly options: readonly OptionOccurrence[]) {}
  has(name: string): boolean {
    for (const option of this.options) if (option.spec?.name === name) return true;
    return false;
  }
  get size(): number {
    let size = 0;
    for (let n = 0; n < this.options.length; n++) {
      const name = this.options[n]!.spec?.name;
      if (name !== undefined && !givenBefore(this.options, n, name)) size++;
    }
    return size;
  }
}

function givenValues(ext: ExtensionUse): Map<string, string> {
  return new Map(ext.options.filter((o) => o.spec && o.args[0]).map((o) => [o.spec!.name, o.args[0]!.value]));
}

function unpack(refusal: Refusal): { message: string; atLoad: boolean; loadedAs?: string } {
  if (typeof refusal === 'string') return { message: refusal.trimEnd(), atLoad: false };
  return 'loadedAs' in refusal ? { message: refusal.message, atLoad: false, loadedAs: refusal.loadedAs } : { message: refusal.message, atLoad: true };
}
