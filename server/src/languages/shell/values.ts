import type { LineIndex } from '../../core/text.js';
import type { ShellScript, ShellWord } from './syntax.js';

/**
 * A value the script's own files do not fix: a variable set outside the host, a command's
 * output, a file the host does not hold. `why` names it the way a reason quotes it
 * ("$ROLE, set outside this host").
 */
export class Unknown {
  /** `variable`: the value is exactly that variable's, which nothing in the host sets (tests on it can be kept consistent). */
  constructor(readonly why: string, readonly variable?: string) {}
}

/**
 * A test of an unknown variable against a known text (`[ "$ROLE" = ftp ]`, `case $ROLE in ftp)`):
 * a way through the script that takes it keeps the answer, so a second test of the same
 * variable agrees with the first.
 */
export class Comparison extends Unknown {
  constructor(readonly of: Unknown & { variable: string }, readonly text: string, readonly negated: boolean) {
    super(of.why, of.variable);
  }
}

/** An unknown that stands for a variable's whole value. */
export function isVariable(value: Value): value is Unknown & { variable: string } {
  return value instanceof Unknown && value.variable !== undefined;
}

export type Value = string | Unknown;

/** A command's exit status: a number, or unknown. */
export type Status = number | Unknown;

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
  unknown: Unknown | undefined;
  /** An unquoted unknown expansion: it may be any number of arguments. */
  splits: boolean;
  word: ShellWord;
  source: ScriptSource;
}

/** Unknowns joined into one ("$A, set outside this host; the output of `hostname`"), each named once. */
export function unknownOf(unknowns: readonly Unknown[]): Unknown | undefined {
  if (unknowns.length <= 1) return unknowns[0];
  return new Unknown([...new Set(unknowns.map((u) => u.why))].join('; '));
}
