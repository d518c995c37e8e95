import type { LineIndex, Range } from '../../core/text.js';
import type { CommandContext, CommandEffects } from '../shell/run.js';
import { PlainWord } from '../shell/syntax.js';
import { Unknown, type Field, type Status } from '../shell/values.js';
import { parseCommand } from './command.js';
import { readCommand, readCommandForCheck, type ReadCommand } from './read-command.js';
import { loadRefusal } from './load-refusal.js';
import { readRestoreDocument } from './restore-document.js';
import { helperTheKernelMayLack, kernelRefusal } from './rules/kernel.js';
import { Ruleset, type Location } from './ruleset.js';
import type { AddressFamily, CommandLine, Word } from './syntax.js';
import { readUfwCommand } from '../ufw/command.js';
import { profileLookup } from '../ufw/applications.js';
import type { FirewalldScriptCommand } from '../firewalld/script-commands.js';

/**
 * A `ufw` command a script runs, as written: its arguments (undefined when one is not known,
 * with why), and where. ufw applies it to its saved state; the host reads it with the host's
 * application profiles (see ufw/script-state.ts).
 */
export interface UfwScriptCommand { args: string[] | undefined; unknown?: string; path: string; line: number; range: Range }

/** A module a script loads (`modprobe NAME`, `insmod`), with where. */
export interface ModuleLoad { name: Word; via: string; path: string; line: number }

/**
 * A command that changes the rules in a way the host's files do not fix: an iptables command
 * with a word from outside the host, a ruleset restored from a file the host does not hold.
 * What it does to a path is not known; `table` and `chain` when they are known.
 */
export interface UnknownRule {
  path: string;
  line: number;
  range: Range;
  family: AddressFamily;
  table?: string;
  chain?: string;
  /** The command letter (A, I, P, F, ...), when known. */
  letter?: string;
  /** The target, when its word is known; `targetKnown`: it is one of iptables' targets, not a chain. */
  target?: string;
  targetKnown?: boolean;
  why: string;
}

const IPTABLES = /^(ip6?tables)(?:-legacy|-nft)?$/;
const RESTORE = /^(ip6?tables)(?:-legacy|-nft)?-restore$/;
/** "$IPT" or "${IPTABLES}" set by a command substitution ("IPT=$(which iptables)"): judged by the variable's name. */
const IPTABLES_VARIABLE = /^\$\{?(IP6?T(?:ABLES)?\d?)\}?$/i;

/** The options that make an iptables command change the rules. */
const IPTABLES_COMMAND_OPTION = /^(-[AIDRPFNXE]|--(append|insert|delete|replace|policy|flush|new-chain|delete-chain|rename-chain))$/;

/** Programs that run the command after their options with more rights: the command is what counts. */
const ELEVATORS = new Set(['sudo', 'doas']);

/** Programs that run a text or a script: reaching the effects, it is one the interpreter could not read. */
const OPAQUE_RUNNERS = new Set(['eval', 'sh', 'bash', 'dash', 'source', '.']);

function familyOf(program: string): AddressFamily {
  return program.startsWith('ip6') ? 'ipv6' : 'ipv4';
}

/** The family an iptables command configures, by its program ("/sbin/ip6tables") or the variable written for it ("$IPT"); undefined for any other command. */
export function iptablesFamily(program: string | undefined, written: string): AddressFamily | undefined {
  const name = program === undefined ? undefined : IPTABLES.exec(program.split('/').pop()!);
  if (name) return familyOf(name[1]!);
  const variable = IPTABLES_VARIABLE.exec(written);
  return variable ? (variable[1]!.includes('6') ? 'ipv6' : 'ipv4') : undefined;
}

/** The table a command names with -t or --table, filter otherwise. */
export function tableOf(words: readonly Word[]): string {
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i]!.value;
    if (w === '-t' || w === '--table') return words[i + 1]!.value;
    if (w.startsWith('--table=')) return w.slice(8);
  }
  return 'filter';
}

/** An argument as iptables' reader takes it: its value, and the place of the word it came from (its range worked out when asked). */
export class ScriptWord implements Word {
  constructor(
    readonly value: string,
    readonly raw: string,
    readonly start: number,
    readonly end: number,
    private readonly lines: LineIndex,
    readonly unresolved: boolean,
  ) {}

  get range(): Range { return this.lines.range(this.start, this.end); }
}

function wordOf(field: Field): Word {
  const { word, source } = field;
  // A plain word taken as it is written is its own argument: no second object per argument.
  if (word instanceof PlainWord && word.lines && !field.unknown && field.text === word.plain) return word;
  return new ScriptWord(field.text, source.text.slice(word.start, word.end), word.start, word.end, source.lines, !!field.unknown);
}

/**
 * Where a command of a script is written: its line, and its range worked out when asked for (a
 * script's thousands of commands are run again after every edit, and few ranges are ever shown).
 */
class ScriptCommandPlace implements Location {
  readonly line: number;
  constructor(readonly path: string, private readonly lines: LineIndex, private readonly start: number, private readonly end: number) {
    this.line = lines.positionAt(start).line;
  }
  get range(): Range { return this.lines.range(this.start, this.end); }
  /** As plain data, the range worked out (for the few commands whose effect is unknown). */
  plain(): { path: string; line: number; range: Range } { return { path: this.path, line: this.line, range: this.range }; }
  /** The same place as an iptables command line with these words. */
  withWords(words: Word[]): CommandLine & Location { return new ScriptCommandLine(this.path, this.lines, this.start, this.end, words); }
}

class ScriptCommandLine extends ScriptCommandPlace implements CommandLine {
  readonly kind = 'command';
  constructor(path: string, lines: LineIndex, start: number, end: number, readonly words: Word[]) { super(path, lines, start, end); }
}

/** What one way through a script leaves: the rules per family, the commands of the script itself, the modules it loads. */
export class ScriptEffects implements CommandEffects {
  readonly rulesets = new Map<AddressFamily, Ruleset>();
  readonly commands: ReadCommand[] = [];
  readonly moduleLoads: ModuleLoad[] = [];
  readonly unknownRules: UnknownRule[] = [];
  /** The ufw commands it runs, in order. */
  readonly ufwCommands: UfwScriptCommand[] = [];
  /** The firewall-cmd (and firewall-offline-cmd) commands it runs, in order. */
  readonly firewalldCommands: FirewalldScriptCommand[] = [];
  /** The files iptables-restore loaded. */
  readonly restored: string[] = [];
  /** How the script calls iptables ("$IPT", "/sbin/iptables"), per family, for added lines. */
  readonly style = new Map<AddressFamily, string>();

  /** `files`: the host's files, for iptables-restore FILE. */
  constructor(private readonly path: string, private readonly files: { read(path: string): { path: string; text: string } | undefined }) {}

  ruleset(family: AddressFamily): Ruleset {
    let ruleset = this.rulesets.get(family);
    if (!ruleset) this.rulesets.set(family, ruleset = new Ruleset(family));
    return ruleset;
  }

  command(name: string | undefined, args: readonly Field[], context: CommandContext): Status | undefined {
    if (name === undefined) {
      const [first, ...rest] = args;
      const written = first ? first.source.text.slice(first.word.start, first.word.end) : '';
      const family = iptablesFamily(undefined, written);
      if (family) return this.iptables(family, first!, rest, context);
      // A command whose name is not known ("$CMD -A INPUT ...") that reads like an iptables command may be one.
      return rest.some((a) => IPTABLES_COMMAND_OPTION.test(a.text)) ? this.opaque(written, first!.unknown!.why, context) : undefined;
    }
    const program = name.split('/').pop()!;
    if (ELEVATORS.has(program)) {
      const at = args.findIndex((a) => !a.text.startsWith('-') || a.unknown);
      const elevated = args[at];
      return elevated && !elevated.unknown ? this.command(elevated.text, args.slice(at + 1), context) : undefined;
    }
    if (program === 'ufw') return this.ufw(args, context);
    if (program === 'firewall-cmd' || program === 'firewall-offline-cmd') return this.firewallCmd(args, program === 'firewall-offline-cmd', context);
    const family = iptablesFamily(program, '');
    if (family) return this.iptables(family, undefined, args, context);
    const restore = RESTORE.exec(program);
    if (restore) return this.restore(familyOf(restore[1]!), args, context);
    if (/^ip6?tables(?:-legacy|-nft)?-save$/.test(program)) return 0;
    if (program === 'modprobe' || program === 'insmod') return this.loadModules(program, args, context);
    if (program === 'sysctl' || program === 'rmmod') return 0;
    // Commands that run other commands ftpwall could not read (eval of an unknown text, a script the host does not hold) may load any rule.
    if (OPAQUE_RUNNERS.has(program)) {
      return this.opaque(program, args.find((a) => a.unknown)?.unknown?.why ?? `what ${args.map((a) => a.text).join(' ') || program} runs`, context);
    }
    // A program that runs another one with its arguments (xargs, find -exec, timeout, ...) and names iptables.
    if (args.some((a) => /(^|\/)ip6?tables/.test(a.text))) return this.opaque(program, `the iptables command it runs (${args.map((a) => a.text).join(' ').slice(0, 60)})`, context);
    return undefined;
  }

  /** A command that may load any rule, in a way ftpwall cannot follow: what it leaves is unknown. */
  private opaque(program: string, why: string, context: CommandContext): Status {
    this.unknownRules.push({ ...this.where(context).plain(), family: 'ipv4', why: `what ${program} runs: ${why}` });
    return new Unknown(`whether ${program} succeeds`);
  }

  private where(context: CommandContext): ScriptCommandPlace {
    return new ScriptCommandPlace(context.source.path, context.source.lines, context.node.start, context.node.end);
  }

  private iptables(family: AddressFamily, programWord: Field | undefined, args: readonly Field[], context: CommandContext): Status {
    const words = args.map(wordOf);
    const where = this.where(context);
    if (!this.style.has(family)) this.style.set(family, programWord ? context.source.text.slice(programWord.word.start, programWord.word.end) : context.source.text.slice(context.node.words[0]!.start, context.node.words[0]!.end));
    const table = tableOf(words);
    const parsed = parseCommand(words, family, table);
    // A value the host does not fix is never judged by itself.
    parsed.problems = parsed.problems.filter((p) => !p.word?.unresolved);
    // The command's line is the location of the rule it adds, so a lean reading can stand for that rule.
    const line = where.withWords(words);
    const unknown = args.find((a) => a.unknown);
    // A command iptables accepts keeps only its meaning, and is read again if a finding needs its
    // words: a script is run again after every edit, and keeping every reading costs more in
    // garbage collection than reading the few asked for again.
    const reading = unknown ? readCommand(line, table, family, parsed) : readCommandForCheck(line, table, family, parsed);
    if (context.source.path === this.path) this.commands.push(reading);
    if (unknown) {
      this.unknownRules.push({ ...where.plain(), family, ...(words.some((w) => w.unresolved && (w.value === table || /^-t|--table/.test(w.value))) ? {} : { table }), ...(parsed.chain && !parsed.chain.unresolved ? { chain: parsed.chain.value } : {}), ...(parsed.letter ? { letter: parsed.letter } : {}), ...(parsed.target && !parsed.target.name.unresolved ? { target: parsed.target.name.value, targetKnown: !!parsed.target.spec } : {}), why: unknown.unknown!.why });
      return new Unknown(`whether iptables accepts the command with ${unknown.unknown!.why}`);
    }
    if (parsed.problems.length > 0) return 2;
    const ruleset = this.ruleset(family);
    // The kernel refuses some rules that iptables reads well: the command fails and adds nothing.
    if (kernelRefusal(reading, (t, chain) => ruleset.chain(t, chain)?.builtin)) return 1;
    const lacked = helperTheKernelMayLack(reading);
    if (lacked) {
      const why = `whether the kernel has a helper named "${lacked.helper}" when the script runs (only if ${lacked.registeredBy}; otherwise the command fails)`;
      this.unknownRules.push({ ...where.plain(), family, table, ...(parsed.chain ? { chain: parsed.chain.value } : {}), letter: parsed.letter!, target: 'CT', targetKnown: true, why });
      return new Unknown(why);
    }
    const problems = ruleset.problems.length;
    ruleset.apply(table, parsed, reading, line);
    return ruleset.problems.length > problems ? 1 : 0;
  }

  /** `iptables-restore [-n] [FILE]` or `< FILE`: the file's ruleset, loaded onto the running one. */
  private restore(family: AddressFamily, args: readonly Field[], context: CommandContext): Status {
    const where = this.where(context);
    const keep = args.some((a) => a.text === '-n' || a.text === '--noflush' || /^-[a-zA-Z]*n/.test(a.text));
    if (args.some((a) => a.text === '-t' || a.text === '--test')) return 0;
    const fileArgument = args.find((a) => !a.text.startsWith('-') || a.unknown);
    let text: string | undefined, path: string | undefined, why: string | undefined;
    if (fileArgument) {
      const read = fileArgument.unknown ? undefined : this.files.read(fileArgument.text);
      if (read) ({ text, path } = read);
      else why = fileArgument.unknown?.why ?? `what ${fileArgument.text} holds (this host does not hold it)`;
    } else if (context.input && !context.input.unknown && context.input.text !== undefined) {
      text = context.input.text;
      path = context.input.path;
    } else {
      why = context.input?.unknown?.why ?? 'what iptables-restore reads';
    }
    if (text === undefined || path === undefined) {
      this.unknownRules.push({ ...where.plain(), family, why: why! });
      return new Unknown(`whether iptables-restore loads ${why}`);
    }
    this.restored.push(path);
    const restored = readRestoreDocument(text, path, family);
    const ruleset = restored.rulesets[0]!;
    // A rule the kernel refuses when the rules go in fails the load as well.
    if (loadRefusal(restored)) {
      this.unknownRules.push({ ...where.plain(), family, why: `what iptables-restore loads from ${path.split('/').pop()} before it fails on it` });
      return 1;
    }
    this.ruleset(family).load(ruleset, keep);
    return 0;
  }

  /** `ufw ...`: kept with its place; what it changes is worked out with the host's application profiles. */
  private ufw(args: readonly Field[], context: CommandContext): Status {
    const where = this.where(context).plain();
    const unknown = args.find((a) => a.unknown);
    if (unknown) {
      this.ufwCommands.push({ args: undefined, unknown: unknown.unknown!.why, ...where });
      return new Unknown(`whether ufw accepts the command with ${unknown.unknown!.why}`);
    }
    const words = args.map((a) => a.text);
    this.ufwCommands.push({ args: words, ...where });
    // Its status as far as the script alone tells: a profile the host defines is not known here.
    const read = readUfwCommand(words, profileLookup(new Map()));
    return read.kind === 'error' ? 1 : read.kind === 'unknown' ? new Unknown(`whether ufw knows ${read.why}`) : 0;
  }

  /** `firewall-cmd ...`: kept with its place; the host applies it to firewalld's configuration. */
  private firewallCmd(args: readonly Field[], offline: boolean, context: CommandContext): Status {
    const where = this.where(context).plain();
    const unknown = args.find((a) => a.unknown);
    this.firewalldCommands.push(unknown ? { args: undefined, unknown: unknown.unknown!.why, offline, ...where } : { args: args.map((a) => a.text), offline, ...where });
    return unknown ? new Unknown(`whether firewall-cmd succeeds with ${unknown.unknown!.why}`) : 0;
  }

  private loadModules(program: string, args: readonly Field[], context: CommandContext): Status {
    // `modprobe NAME ARGS...` loads one module (the rest are its parameters); `modprobe -a` loads several.
    const names = args.filter((a) => !a.text.startsWith('-') && !a.text.includes('=') && !a.unknown);
    const all = program === 'modprobe' && args.some((a) => a.text === '-a' || a.text === '--all');
    const { path, line } = this.where(context);
    for (const name of all ? names : names.slice(0, 1)) this.moduleLoads.push({ name: wordOf(name), via: program, path, line });
    return 0;
  }
}
