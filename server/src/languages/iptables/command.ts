import { IMPLICIT_MATCH, MATCHES, TARGETS } from './catalogue/extensions.js';
import type { ExtensionSpec, OptionSpec, OptionUse, Refusal, RuleContext } from './catalogue/types.js';
import { protocolName, protocolNumber, readAddressList, readInterface } from './catalogue/values.js';
import { renamedWord, spanningWord, wordTail, type AddressFamily, type Word } from './syntax.js';

/** The kinds of problem an iptables command line can have; each becomes one rule id. */
export type ProblemKind =
  | 'unknown-option' | 'unknown-extension' | 'invalid-value' | 'port-range-inverted' | 'option-needs-protocol'
  | 'duplicate-option' | 'bad-argument' | 'interface-direction' | 'incomplete-extension' | 'missing-argument' | 'no-command';

/** `atLoad`: iptables-restore --test accepts it; the kernel refuses it when the rules are loaded. */
export interface CommandProblem { kind: ProblemKind; message: string; word?: Word; data?: Record<string, string>; atLoad?: boolean }

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

const NO_INPUT_INTERFACE = new Set(['OUTPUT', 'POSTROUTING']);
const NO_OUTPUT_INTERFACE = new Set(['INPUT', 'PREROUTING']);

interface OptionNames<T> { exact: ReadonlyMap<string, T>; names: ReadonlyArray<readonly [string, T]> }

function optionNamesOf<T>(names: ReadonlyArray<readonly [string, T]>): OptionNames<T> {
  return { exact: new Map(names), names };
}

/** getopt_long's reading of a typed long name: the exact name, else the one option it is a prefix of. */
function resolveLong<T>(typed: string, { exact, names }: OptionNames<T>): { found?: T; ambiguous?: boolean } {
  const hit = exact.get(typed);
  if (hit !== undefined) return { found: hit };
  let found: T | undefined;
  for (const [name, value] of names) {
    if (!name.startsWith(typed) || value === found) continue;
    if (found !== undefined) return { ambiguous: true };
    found = value;
  }
  return found === undefined ? {} : { found };
}

/** iptables' own long option names, computed once. */
const CORE_NAMES = optionNamesOf(CORE.flatMap((o) => [[o.name, o] as const, ...(o.aliases ?? []).map((a) => [a, o] as const)]));
const CORE_BY_SHORT = new Map(CORE.filter((o) => o.short).map((o) => [o.short!, o]));

/** Each extension's long option names (aliases included), computed once per extension. */
const namesBySpec = new Map<ExtensionSpec, OptionNames<OptionSpec>>();
function specOptionNames(spec: ExtensionSpec): OptionNames<OptionSpec> {
  let names = namesBySpec.get(spec);
  if (!names) { names = optionNamesOf(spec.options.flatMap((o) => [o.name, ...(o.aliases ?? [])].map((n) => [n, o] as const))); namesBySpec.set(spec, names); }
  return names;
}

/**
 * The option of a loaded extension a typed long name stands for. The most recently loaded
 * match comes first (iptables binds an option to the latest instance), the target last.
 */
function resolveExtensionOption(typed: string, loaded: readonly ExtensionUse[], target: ExtensionUse | undefined): { ext: ExtensionUse; spec: OptionSpec } | undefined {
  const inOrder = target ? [...loaded].reverse().concat(target) : [...loaded].reverse();
  for (const ext of inOrder) {
    const spec = ext.spec && specOptionNames(ext.spec).exact.get(typed);
    if (spec) return { ext, spec };
  }
  let hit: { ext: ExtensionUse; spec: OptionSpec } | undefined;
  for (const ext of inOrder) {
    if (!ext.spec) continue;
    const own = resolveLong(typed, specOptionNames(ext.spec));
    if (own.ambiguous || (own.found && hit)) return undefined;
    if (own.found) hit = { ext, spec: own.found };
  }
  return hit;
}

const isNumber = (w: Word | undefined) => !!w && /^\d+$/.test(w.value);

/**
 * Reads the arguments of one iptables invocation (everything after `iptables`, or a restore
 * file's command line). `chainIsKnown` tells whether a -j/-g name is a chain when it is not a target.
 */
export function parseCommand(words: Word[], family: AddressFamily, table: string): ParsedCommand {
  // Every field is set from the start so all readings share one object shape (V8 keeps property access fast).
  const result: ParsedCommand = {
    words, letter: undefined, commandWord: undefined, chain: undefined, second: undefined, position: undefined, table: undefined,
    protocol: undefined, source: undefined, destination: undefined, inInterface: undefined, outInterface: undefined, fragment: undefined,
    matches: [], target: undefined, problems: [], hostnames: [],
  };
  const problem = (kind: ProblemKind, message: string, word?: Word, data?: Record<string, string>) => result.problems.push({ kind, message, ...(word ? { word } : {}), ...(data ? { data } : {}) });
  const loaded: ExtensionUse[] = [];
  let current: ExtensionUse | undefined;
  let negate: Word | undefined;
  let i = 0;

  const takeArgs = (optionWord: Word, count: number): Word[] | undefined => {
    const args = words.slice(i, i + count);
    if (args.length < count) { problem('missing-argument', `option "${optionWord.value}" requires an argument`, optionWord); i = words.length; return undefined; }
    i += count;
    return args;
  };

  const loadMatch = (nameWord: Word, implicit: boolean): ExtensionUse | undefined => {
    const spec = MATCHES.get(nameWord.value) ?? (nameWord.value === 'icmpv6' ? MATCHES.get('icmp6') : undefined);
    if (!spec || (spec.family && spec.family !== family)) {
      problem('unknown-extension', `Couldn't load match \`${nameWord.value}':No such file or directory`, nameWord, { kind: 'match' });
      return undefined;
    }
    const use: ExtensionUse = { name: nameWord, spec, options: [], implicit };
    loaded.push(use);
    result.matches.push(use);
    return use;
  };

  while (i < words.length) {
    const word = words[i++]!;
    const text = word.value;
    if (text === '!') {
      if (negate) problem('bad-argument', 'multiple consecutive ! not allowed', word);
      negate = word;
      continue;
    }
    if (!text.startsWith('-') || text === '-') {
      // One report for a run of stray words (such as an end-of-line "# comment"), quoting the first as iptables does.
      let last = word;
      while (i < words.length && !words[i]!.value.startsWith('-')) last = words[i++]!;
      problem('bad-argument', `Bad argument \`${text}'`, last === word ? word : spanningWord(word, last));
      negate = undefined;
      continue;
    }
    const negated = !!negate;
    negate = undefined;
    // "--name=value" is getopt's other spelling of "--name value".
    let inlineValue: Word | undefined;
    let optionText = text;
    const eq = text.startsWith('--') ? text.indexOf('=') : -1;
    if (eq !== -1) {
      optionText = text.slice(0, eq);
      inlineValue = wordTail(word, word.raw.length - word.value.length + eq + 1, text.slice(eq + 1));
    }
    const argsFor = (count: number): Word[] | undefined => {
      if (count === 0) return [];
      if (inlineValue) { const rest = takeArgs(word, count - 1); return rest ? [inlineValue, ...rest] : undefined; }
      return takeArgs(word, count);
    };

    let core: CoreOption | undefined;
    if (/^-[A-Za-z0-9]$/.test(optionText)) core = CORE_BY_SHORT.get(optionText.slice(1));
    else if (optionText.startsWith('--')) {
      const typed = optionText.slice(2);
      const exactCore = CORE_NAMES.exact.get(typed);
      const extHit = exactCore ? undefined : resolveExtensionOption(typed, loaded, result.target);
      const coreHit = exactCore ?? (extHit ? undefined : resolveLong(typed, CORE_NAMES).found);
      if (coreHit) core = coreHit;
      else if (extHit) {
        const { ext, spec } = extHit;
        const args = argsFor(spec.args);
        if (args) ext.options.push({ spec, owner: ext.spec!, name: word, args, negated });
        current = ext;
        continue;
      }
    }

    if (!core) {
      // Not a core option nor one of a loaded extension: iptables tries the protocol's own match, then gives up.
      const typed = optionText.replace(/^--?/, '');
      const implicitName = result.protocol && !result.protocol.negated ? IMPLICIT_MATCH[result.protocol.name] : undefined;
      const implicitSpec = implicitName ? MATCHES.get(implicitName) : undefined;
      if (implicitSpec && !loaded.some((m) => m.spec === implicitSpec) && optionText.startsWith('--')) {
        const hit = resolveLong(typed, specOptionNames(implicitSpec));
        if (hit.found) {
          const use = loadMatch(renamedWord(result.protocol!.word, implicitSpec.name), true)!;
          const args = argsFor(hit.found.args);
          if (args) use.options.push({ spec: hit.found, owner: implicitSpec, name: word, args, negated });
          current = use;
          continue;
        }
      }
      // An option of an extension we accept without judging: take its arguments up to the next option.
      const host = current && !current.spec?.judged ? current : result.target && !result.target.spec?.judged && result.target.spec ? result.target : undefined;
      if (host && optionText.startsWith('--')) {
        const args: Word[] = inlineValue ? [inlineValue] : [];
        while (i < words.length && !words[i]!.value.startsWith('-') && words[i]!.value !== '!') args.push(words[i++]!);
        host.options.push({ name: word, args, negated });
        continue;
      }
      // iptables stops at the first error; the words after an unknown option are taken as its arguments, not as more errors.
      while (i < words.length && !words[i]!.value.startsWith('-') && words[i]!.value !== '!') i++;
      const forProtocol = Object.values(IMPLICIT_MATCH).map((n) => MATCHES.get(n)!).find((spec) => spec && resolveLong(typed, specOptionNames(spec)).found);
      problem(forProtocol && !result.protocol ? 'option-needs-protocol' : 'unknown-option', `unknown option "${optionText}"`, word, forProtocol ? { protocol: forProtocol.name } : undefined);
      continue;
    }

    if (inlineValue) {
      // iptables reads its own options' values only as the next word; "--protocol=tcp" is taken whole.
      problem('invalid-value', core.name === 'protocol' ? `unknown protocol "${text}" specified` : `Bad argument \`${text}'`, word);
      continue;
    }
    const args = argsFor(core.args);
    if (!args) continue;
    if (core.letter) {
      if (result.letter) { problem('bad-argument', 'Cannot use more than one command at a time', word); continue; }
      result.letter = core.letter;
      result.commandWord = word;
      result.chain = args[0];
      if (core.letter === 'P' || core.letter === 'E' || core.letter === 'R') result.second = args[1];
      if (core.letter === 'R') { result.position = args[1]; result.second = undefined; }
      // Optional positional arguments: a rule number for -I/-D/-Z, a chain for -L/-S/-F/-X/-Z.
      if (core.optionalArgs && core.args === 1 && (core.letter === 'I' || core.letter === 'D') && isNumber(words[i])) result.position = words[i++];
      if (core.optionalArgs && core.args === 0 && words[i] && !words[i]!.value.startsWith('-') && words[i]!.value !== '!') {
        result.chain = words[i++];
        if (core.letter === 'Z' && isNumber(words[i])) result.position = words[i++];
      }
      continue;
    }
    const arg = args[0]!;
    switch (core.name) {
      case 'protocol':
        if (result.protocol) { problem('duplicate-option', 'multiple -p flags not allowed', word); break; }
        if (protocolNumber(arg.value) === undefined) problem('invalid-value', `unknown protocol "${arg.value}" specified`, arg);
        else if (negated && protocolNumber(arg.value) === 0) problem('invalid-value', 'rule would never match protocol', arg);
        result.protocol = { word: arg, name: protocolName(arg.value), negated };
        break;
      case 'source': case 'destination': {
        const key = core.name;
        if (result[key]) { problem('duplicate-option', `multiple -${core.short} flags not allowed`, word); break; }
        result[key] = { word: arg, negated };
        const reading = readAddressList(arg.value, family);
        if (reading.error) problem('invalid-value', reading.error, arg);
        else if (reading.hostnames.length) result.hostnames.push(arg);
        break;
      }
      case 'in-interface': case 'out-interface': {
        const key = core.name === 'in-interface' ? 'inInterface' : 'outInterface';
        if (result[key]) { problem('duplicate-option', `multiple -${core.short} flags not allowed`, word); break; }
        result[key] = { word: arg, negated };
        const error = readInterface(arg.value);
        if (error) problem('invalid-value', error, arg);
        break;
      }
      case 'fragment':
        result.fragment = { word, negated };
        break;
      case 'match': {
        const use = loadMatch(arg, false);
        if (use) current = use;
        break;
      }
      case 'jump': case 'goto': {
        if (result.target) { problem('duplicate-option', `multiple -${core.short} flags not allowed`, word); break; }
        const spec = TARGETS.get(arg.value);
        result.target = { name: arg, spec: spec && (!spec.family || spec.family === family) ? spec : undefined, options: [], implicit: false, goto: core.name === 'goto' };
        if (core.name === 'goto' && spec) problem('invalid-value', `goto '${arg.value}' is not a chain`, arg);
        current = undefined;
        break;
      }
      case 'set-counters':
        if (!/^\d+,\d+$/.test(arg.value) && !(isNumber(arg) && isNumber(words[i]) && ++i)) problem('invalid-value', `-c requires packet and byte counter`, arg);
        break;
      case 'table':
        result.table = arg;
        break;
      default:
        break;
    }
  }
  if (negate) problem('bad-argument', 'Bad argument `!\'', negate);
  if (!result.letter && result.problems.length === 0) problem('no-command', 'no command specified', words[0]);
  checkValues(result, { family, table, protocol: result.protocol && !result.protocol.negated ? result.protocol.name : undefined });
  return result;
}

/** Value and completeness checks, run once the whole rule (and so its protocol) is known. */
function checkValues(result: ParsedCommand, context: RuleContext): void {
  const chain = result.chain?.value;
  if (chain && (result.letter === 'A' || result.letter === 'I' || result.letter === 'R' || result.letter === 'C')) {
    if (result.inInterface && NO_INPUT_INTERFACE.has(chain)) result.problems.push({ kind: 'interface-direction', message: `Can't use -i with ${chain}`, word: result.inInterface.word });
    if (result.outInterface && NO_OUTPUT_INTERFACE.has(chain)) result.problems.push({ kind: 'interface-direction', message: `Can't use -o with ${chain}`, word: result.outInterface.word });
  }
  const extensions = result.target ? result.matches.concat(result.target) : result.matches;
  for (const ext of extensions) {
    if (!ext.spec?.judged) continue;
    const given = new Map<string, OptionUse>();
    for (const option of ext.options) {
      if (!option.spec) continue;
      if (given.has(option.spec.name) && !option.spec.repeatable) {
        result.problems.push({ kind: 'duplicate-option', message: option.spec.repeatMessage ?? `${ext.spec.name}: "--${option.spec.name}" option may only be specified once`, word: option.name });
      }
      given.set(option.spec.name, { spec: option.spec, negated: option.negated });
      const value = option.args[0];
      if (!value || !option.spec.check) continue;
      const refusal = option.spec.check(value.value, context);
      if (!refusal) continue;
      const { message, atLoad } = unpack(refusal);
      const inverted = message === 'invalid portrange (min > max)';
      result.problems.push({ kind: inverted ? 'port-range-inverted' : 'invalid-value', message, word: value, ...(atLoad ? { atLoad } : {}) });
    }
    const refusal = ext.spec.complete?.(given, context) ?? ext.spec.completeWithValues?.(givenValues(ext));
    if (refusal) {
      const { message, atLoad } = unpack(refusal);
      const needsProtocol = /requires '-p|needs `-p/.test(message);
      result.problems.push({ kind: needsProtocol ? 'option-needs-protocol' : 'incomplete-extension', message, word: ext.name, ...(atLoad ? { atLoad } : {}), ...(needsProtocol ? { data: { protocol: ext.spec.name === 'multiport' ? 'tcp' : ext.spec.name === 'icmp' ? 'icmp' : ext.spec.name } } : {}) });
    }
  }
}

function givenValues(ext: ExtensionUse): Map<string, string> {
  return new Map(ext.options.filter((o) => o.spec && o.args[0]).map((o) => [o.spec!.name, o.args[0]!.value]));
}

function unpack(refusal: Refusal): { message: string; atLoad: boolean } {
  return typeof refusal === 'string' ? { message: refusal.trimEnd(), atLoad: false } : { message: refusal.message, atLoad: true };
}
