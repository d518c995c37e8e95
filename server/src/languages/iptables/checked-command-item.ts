import { acceptedCommand } from './accepted-command.js';
import { CommandItem, commandWords } from './command-item.js';
import type { RuleMeaning } from './rule-meaning.js';
import type { AddressFamily, Word } from './syntax.js';

/** What the command lines of one file read for a one-off check share. */
export interface CheckedFile { readonly path: string; readonly text: string; readonly family: AddressFamily }

/**
 * A command line of a restore file read for a one-off check (the CLI). Once read as a command
 * iptables accepts (see readAs), it is that command, its own reading and the rule it adds (see
 * acceptedCommand): a check keeps one per rule of a 100k-rule file, and each object kept per rule
 * cost about a tenth of the reading in garbage collection. Its words are split from the text
 * whenever they are asked for (a check needs each once, and a finding again).
 */
export class CheckedCommandItem extends acceptedCommand(CommandItem) {
  // Declared, and set by the constructor (see LineSpan); readAs sets the reading once the table is known.
  declare private readonly file: CheckedFile;
  declare table: string;
  declare meaning: RuleMeaning;
  constructor(file: CheckedFile, number: number, offset: number, length: number) {
    super(number, offset, length);
    this.file = file;
    // Unread until readAs; set here all the same, so that every item has one layout.
    this.table = '';
    this.meaning = undefined as never;
  }

  get path(): string { return this.file.path; }
  get family(): AddressFamily { return this.file.family; }
  get words(): Word[] { return commandWords(this.file.text, this, this.length).words; }
  get passingWords(): Word[] { return commandWords(this.file.text, this, this.length, true).words; }
  get counters(): Word | undefined { return commandWords(this.file.text, this, this.length).counters; }

  /** This line as the reading of an accepted command that means `meaning` in `table`. */
  readAs(table: string, meaning: RuleMeaning): this {
    this.table = table;
    this.meaning = meaning;
    this.reading = this;
    return this;
  }

  get commandLine(): this { return this; }
}
