import type { LineIndex } from '../../core/text.js';
import type { ShellScript, ShellWord } from './syntax.js';

/**
 * A value the script's own files do not fix: a variable set outside the host, a command's
 * output, a file the host does not hold. `why` names it the way a reason quotes it
 * ("$ROLE, set outside this host").
 */
export class Unknown {
  constructor(readonly why: string) {}
}

export type Value = string | Unknown;

/** A command's exit status: a number, or unknown. */
export type Status = number | Unknown;

export const isUnknown = (value: unknown): value is Unknown => value instanceof Unknown;

/** A script file as the interpreter runs it: its text, lines and commands. */
export interface ScriptSource {
  path: string;
  text: string;
  lines: LineIndex;
  script: ShellScript;
}

/** One argument after expansion, with the word it came from. */
export interface Field {
  text: string;
  /** Set when the argument's text is not known; `text` then holds what is known of it. */
  unknown?: Unknown;
  /** An unquoted unknown expansion: it may be any number of arguments. */
  splits?: boolean;
  word: ShellWord;
  source: ScriptSource;
}

/** The first unknown among values, or undefined when all are known. */
export function firstUnknown(values: readonly Value[]): Unknown | undefined {
  for (const value of values) if (value instanceof Unknown) return value;
  return undefined;
}

/** Unknowns joined into one ("$A, set outside this host; the output of `hostname`"), each named once. */
export function unknownOf(unknowns: readonly Unknown[]): Unknown | undefined {
  if (unknowns.length <= 1) return unknowns[0];
  return new Unknown([...new Set(unknowns.map((u) => u.why))].join('; '));
}
