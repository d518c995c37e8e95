import { BoundedMemo } from '../../core/bounded-memo.js';
import type { CommandLetter, ExtensionUse, OptionOccurrence, ParsedCommand } from './command.js';
import { protocolName } from './catalogue/values.js';
import type { Word } from './syntax.js';

/** A value given to a rule, and whether "!" negated it. */
export interface Given { readonly value: string; readonly negated: boolean }

/**
 * An option of a match or target: its catalogue name (none for extensions ftpwall does not
 * judge), its first argument and any others (nearly every option has one, so no list is kept), "!".
 */
export interface OptionMeaning { readonly name: string | undefined; readonly value: string | undefined; readonly rest: readonly string[]; readonly negated: boolean }

/** A match or a target: the catalogue's name for it when it knows it (`known`), else the name as written. */
export interface ExtensionMeaning { readonly name: string; readonly known: boolean; readonly options: readonly OptionMeaning[] }

/**
 * What a command tells iptables, without where it was written: all the engine and the host-wide
 * rules read of a rule. It is a few small objects, against dozens for the full reading (every
 * word with its columns), so a check of a 100k-rule file keeps a meaning for every rule and
 * reads a line again only when a finding needs its words.
 */
export interface RuleMeaning {
  readonly letter: CommandLetter | undefined;
  readonly chain: string | undefined;
  /** `-p` as written, and the protocol's name ("6" is tcp). */
  readonly protocol: (Given & { readonly name: string }) | undefined;
  readonly source: Given | undefined;
  readonly destination: Given | undefined;
  readonly inInterface: Given | undefined;
  readonly outInterface: Given | undefined;
  readonly fragment: Given | undefined;
  readonly matches: readonly ExtensionMeaning[];
  readonly target: (ExtensionMeaning & { readonly goto: boolean }) | undefined;
}

const NONE: never[] = Object.freeze([]) as never[];

/**
 * Protocols, interfaces and the like take few values across a whole file: each value is one
 * shared frozen object, in a table for plain and one for negated values (so no key is built).
 * A table stops growing at a bound, so unique addresses do not fill it.
 */
const SHARED_LIMIT = 4096;
const plainGiven = (value: string): Given => Object.freeze({ value, negated: false });
const negatedGiven = (value: string): Given => Object.freeze({ value, negated: true });
const givenTables = [new BoundedMemo<string, Given>(SHARED_LIMIT), new BoundedMemo<string, Given>(SHARED_LIMIT)] as const;

type ProtocolMeaning = NonNullable<RuleMeaning['protocol']>;
const plainProtocol = (value: string): ProtocolMeaning => Object.freeze({ value, negated: false, name: protocolName(value) });
const negatedProtocol = (value: string): ProtocolMeaning => Object.freeze({ value, negated: true, name: protocolName(value) });
const protocolTables = [new BoundedMemo<string, ProtocolMeaning>(SHARED_LIMIT), new BoundedMemo<string, ProtocolMeaning>(SHARED_LIMIT)] as const;

function given(part: { word: { value: string }; negated: boolean } | undefined): Given | undefined {
  if (!part) return undefined;
  const { negated, word: { value } } = part;
  return negated ? givenTables[1].get(value, negatedGiven) : givenTables[0].get(value, plainGiven);
}

function protocolOf(parsed: ParsedCommand): RuleMeaning['protocol'] {
  const protocol = parsed.protocol;
  if (!protocol) return undefined;
  const { negated, word: { value } } = protocol;
  return negated ? protocolTables[1].get(value, negatedProtocol) : protocolTables[0].get(value, plainProtocol);
}

function optionOf(option: OptionOccurrence): OptionMeaning {
  const { args } = option;
  return { name: option.spec?.name, value: args[0]?.value, rest: args.length > 1 ? args.slice(1).map((a) => a.value) : NONE, negated: option.negated };
}

function optionsOf(ext: ExtensionUse): readonly OptionMeaning[] {
  return ext.options.length === 0 ? NONE : ext.options.map(optionOf);
}

const matchOf = (m: ExtensionUse): ExtensionMeaning => ({ name: m.spec?.name ?? m.name.value, known: !!m.spec, options: optionsOf(m) });

/** The meaning of a complete reading. */
export function meaningOf(parsed: ParsedCommand): RuleMeaning {
  const target = parsed.target;
  return {
    letter: parsed.letter,
    chain: parsed.chain?.value,
    protocol: protocolOf(parsed),
    source: given(parsed.source),
    destination: given(parsed.destination),
    inInterface: given(parsed.inInterface),
    outInterface: given(parsed.outInterface),
    fragment: given(parsed.fragment),
    matches: parsed.matches.length === 0 ? NONE : parsed.matches.map(matchOf),
    target: target && { name: target.name.value, known: !!target.spec, options: optionsOf(target), goto: target.goto },
  };
}

/** The first value of a target's option (`--log-prefix`, `--reject-with`, `--helper`), when the target is the catalogue's `name`. */
export function targetOption(meaning: RuleMeaning, name: string, option: string): string | undefined {
  const target = meaning.target;
  if (!target?.known || target.name !== name) return undefined;
  for (const given of target.options) if (given.name === option) return given.value;
  return undefined;
}

/** The written first argument of a target's option (for a finding's range), from a full reading. */
export function targetOptionWord(parsed: ParsedCommand, option: string): Word | undefined {
  return parsed.target?.options.find((o) => o.spec?.name === option)?.args[0];
}
