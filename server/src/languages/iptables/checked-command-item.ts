import { parseCommand, type CommandProblem, type ParsedCommand } from './command.js';
import { CommandItem } from './command-item.js';
import type { ReadCommand } from './read-command.js';
import type { RuleMeaning } from './rule-meaning.js';
import type { Location, Rule } from './ruleset.js';
import type { AddressFamily, Word } from './syntax.js';
import { walkable } from './walkable-rule.js';

const NONE: never[] = Object.freeze([]) as never[];

/**
 * A command line of a restore file read for a one-off check (the CLI). Once read as a command
 * iptables accepts (see readAs), it is its own reading and the rule it adds: a check keeps one
 * per rule of a 100k-rule file, and each object kept per rule cost about a tenth of the reading
 * in garbage collection. Its words are read again when a finding needs them.
 */
export class CheckedCommandItem extends walkable(CommandItem) implements ReadCommand, Rule {
  // Declared, and set by the constructor (see LineSpan); readAs sets them once the table is known.
  declare table: string;
  declare family: AddressFamily;
  declare meaning: RuleMeaning;
  constructor(path: string, number: number, offset: number, length: number, text: string, family: AddressFamily) {
    super(path, number, offset, length, text, false);
    // Unread until readAs; set here all the same, so that every item has one layout.
    this.table = '';
    this.family = family;
    this.meaning = undefined as never;
  }

  /** This line as the reading of an accepted command that means `meaning` in `table`. */
  readAs(table: string, meaning: RuleMeaning): this {
    this.table = table;
    this.meaning = meaning;
    this.reading = this;
    return this;
  }

  get commandLine(): this { return this; }
  get parsed(): ParsedCommand { return parseCommand(this.words, this.family, this.table); }
  get problems(): readonly CommandProblem[] { return NONE; }
  get hostnames(): readonly Word[] { return NONE; }
  get chain(): string { return this.meaning.chain!; }
  get where(): Location { return this; }
  /** The chain it jumps or goes to, named by its target: it is its own reference to it (see ChainReference). */
  get jumpsTo(): string | undefined { return this.meaning.targetName; }

  /** Its own rule, when it is the rule it adds where it says. */
  ruleIn(table: string, chain: string, where: Location): Rule | undefined {
    return table === this.table && chain === this.meaning.chain && where === this ? this : undefined;
  }
}
