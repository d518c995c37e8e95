import { acceptedCommand } from './accepted-command.js';
import { CheckedCommandItem } from './checked-command-item.js';
import { settle, type CommandProblem, type ParsedCommand } from './command.js';
import { meaningOf, type RuleMeaning } from './rule-meaning.js';
import type { Location, Rule } from './ruleset.js';
import type { AddressFamily, CommandLine, Word } from './syntax.js';

/** What a ruleset keeps of a command: its meaning, and its full reading when asked for. */
export interface CommandSource {
  readonly meaning: RuleMeaning;
  /** Every word with its place; for a command whose reading is not kept, made again from its line. */
  readonly parsed: ParsedCommand;
  /** The command itself as the rule it adds to `chain` of `table` from `where`, when it can stand for it. */
  ruleIn?(table: string, chain: string, where: Location): Rule | undefined;
}

/** A command of a firewall file, in the table it applies to. */
export interface ReadCommand extends CommandSource {
  readonly commandLine: CommandLine;
  readonly table: string;
  readonly family: AddressFamily;
  /** What iptables refuses in the command (as in `parsed`, without reading it again). */
  readonly problems: readonly CommandProblem[];
  /** Host names in its addresses (as in `parsed`). */
  readonly hostnames: readonly Word[];
}

/** A command whose full reading is kept: the editor's (hover, completion, re-reading edits) and a script's. */
class KeptCommand implements ReadCommand {
  readonly meaning: RuleMeaning;
  readonly parsed: ParsedCommand;
  constructor(readonly commandLine: CommandLine, readonly table: string, readonly family: AddressFamily, parsed: ParsedCommand) {
    this.parsed = settle(parsed);
    this.meaning = meaningOf(parsed);
  }
  get problems(): readonly CommandProblem[] { return this.parsed.problems; }
  get hostnames(): readonly Word[] { return this.parsed.hostnames; }
}

/** A script's command that iptables accepts, read for a one-off check (see acceptedCommand). */
class RereadCommand extends acceptedCommand(class {}) {
  // Declared, and set by the constructor alone (see LineSpan): a check makes one for each rule.
  declare readonly commandLine: CommandLine & Location;
  declare readonly table: string;
  declare readonly family: AddressFamily;
  declare readonly meaning: RuleMeaning;
  constructor(commandLine: CommandLine & Location, table: string, family: AddressFamily, meaning: RuleMeaning) {
    super();
    this.commandLine = commandLine;
    this.table = table;
    this.family = family;
    this.meaning = meaning;
  }
}

/** A command and its full reading, kept: the editor's and a script's. */
export function readCommand(line: CommandLine, table: string, family: AddressFamily, parsed: ParsedCommand): ReadCommand {
  return new KeptCommand(line, table, family, parsed);
}

/**
 * A command read for a one-off check, on a line that is its own location (a restore file's): one
 * without problems or host names keeps only its meaning; those with them keep everything, since
 * their findings point into the reading (and they are few).
 */
export function readCommandForCheck(line: CommandLine & Location, table: string, family: AddressFamily, parsed: ParsedCommand): ReadCommand {
  if (parsed.problems.length > 0 || parsed.hostnames.length > 0) return new KeptCommand(line, table, family, parsed);
  if (line instanceof CheckedCommandItem) return line.readAs(table, meaningOf(parsed));
  return new RereadCommand(line, table, family, meaningOf(parsed));
}
