import { parseCommand, type CommandProblem, type ParsedCommand } from './command.js';
import type { ReadCommand } from './read-command.js';
import type { Location, Rule } from './ruleset.js';
import type { AddressFamily, CommandLine, Word } from './syntax.js';
import { walkable, type AnyClass } from './walkable-rule.js';

const NONE: never[] = Object.freeze([]) as never[];

/**
 * A command iptables accepts, read for a one-off check (the CLI) and known by its meaning alone:
 * it is its own reading and the rule it adds, and its line is read again on the rare occasions a
 * finding needs its words. On a large file this is what keeps memory and garbage collection in
 * proportion. A script's command is one (RereadCommand); a restore file's line is one itself
 * (CheckedCommandItem).
 */
export function acceptedCommand<Base extends AnyClass>(base: Base) {
  abstract class AcceptedCommand extends walkable(base) implements ReadCommand, Rule {
    abstract readonly commandLine: CommandLine & Location;
    abstract readonly family: AddressFamily;
    get parsed(): ParsedCommand { return parseCommand(this.commandLine.words, this.family, this.table); }
    get problems(): readonly CommandProblem[] { return NONE; }
    get hostnames(): readonly Word[] { return NONE; }
    get chain(): string { return this.meaning.chain!; }
    get where(): Location { return this.commandLine; }
    /** The chain it jumps or goes to, named by its target: a rule that jumps is its own reference to the chain (see ChainReference). */
    get jumpsTo(): string | undefined { return this.meaning.targetName; }

    /** Its own rule: the ruleset keeps the command instead of a second object per rule. Only for the rule it adds where it says, from its own line. */
    ruleIn(table: string, chain: string, where: Location): Rule | undefined {
      return table === this.table && chain === this.meaning.chain && where === this.where ? this : undefined;
    }
  }
  return AcceptedCommand;
}
