import type { TextEdit } from '../../core/findings.js';
import { addToGroup } from '../../core/grouping.js';
import { runScript, scriptSource, type HostFiles } from '../shell/run.js';
import { Unknown, type ScriptSource, type Value } from '../shell/values.js';
import { everyWay } from '../shell/worlds.js';
import { eachNode, literalOf, type ShellNode, type SimpleCommand } from '../shell/syntax.js';
import type { ModuleFile } from '../modules/mentions.js';
import { parseCommand } from './command.js';
import type { FirewallDocument, FirewallVariant, FirewallVariants } from './document.js';
import { insertLineBefore } from './edits.js';
import { iptablesIntents } from './firewall-intents.js';
import { modelOf } from './firewall-model.js';
import { readCommand, type ReadCommand } from './read-command.js';
import { iptablesFamily, ScriptEffects, ScriptWord, tableOf, type ModuleLoad, type UfwScriptCommand } from './script-effects.js';
import type { FirewalldScriptCommand } from '../firewalld/script-commands.js';
import { bootArguments } from './script-arguments.js';
import type { AddressFamily, CommandLine, Word } from './syntax.js';

export type { ModuleLoad } from './script-effects.js';

/** What a script is run with inside its host: the host's files and the variables its .ftpwall.json pins. */
export interface ScriptHostContext {
  files: HostFiles;
  variables: ReadonlyMap<string, string>;
  /** The host folder, when the files are a host's. */
  root?: string;
  /** The arguments a unit of the host's own starts the script with, where one does (else told by where it lies: see bootArguments). */
  arguments?: readonly string[];
}

export interface ScriptDocument extends FirewallDocument, ModuleFile {
  kind: 'iptables-script';
  source: ScriptSource;
  variants: FirewallVariants;
  /** Modules this file loads, in any way it runs. */
  moduleLoads: ModuleLoad[];
  /** How the script calls iptables per family ("$IPT"), for lines added to it. */
  style: ReadonlyMap<AddressFamily, string>;
  /** The files it loads with iptables-restore, in any way it runs: they are part of this firewall, not firewalls of their own. */
  restores: string[];
  /** Did running it ask about anything outside the file (a file, a variable the script does not set)? */
  asksHost: boolean;
  /** The same script run inside its host. */
  inHost(context: ScriptHostContext): ScriptDocument;
  /** The host it was run in (undefined: read alone), and every file it read there with the text it got (undefined: not held). */
  ranIn: { root: string; variables: ReadonlyMap<string, string>; read: ReadonlyMap<string, string | undefined>; arguments?: readonly string[] } | undefined;
  /** What each `$NAME` of the file expanded to, in every way the script runs, by where it is written. */
  expansions: Expansion[];
  /** Per way the script runs (as in `variants`), the lines of this file whose iptables commands ran. */
  ranLines: ReadonlyArray<ReadonlySet<number>>;
  /** The ufw commands written in this file that any way ran, each once. */
  ufwCommands: UfwScriptCommand[];
  /** The firewall-cmd commands written in this file that any way ran, each once. */
  firewalldCommands: FirewalldScriptCommand[];
  /** Does it change rules itself (iptables commands, iptables-restore)? A script that only runs ufw commands is not a firewall of its own. */
  loadsRules: boolean;
}

/** A parameter written in the script and the values it took (an Unknown says why it is not known). */
export interface Expansion { start: number; end: number; name: string; values: Value[] }

/** Values shown per parameter at most: a loop over a thousand ports says so instead. */
const MAX_SHOWN_VALUES = 12;

/** Ways through a script followed at most; past them, what the script leaves is not known for sure. */
export const MAX_VARIANTS = 64;

/** The words after `ufw` that make a line a ufw command that changes the firewall, not prose. */
const UFW_VERBS = /^(allow|deny|reject|limit|insert|prepend|delete|route|default|enable|disable|reset|--force|--dry-run)$/;

/** A shell script one of whose first 5,000 lines starts by calling iptables (or "$IPT"), ufw or firewall-cmd (perhaps through sudo). */
export function isFirewallScript(text: string): boolean {
  for (const line of text.split('\n', 5000)) {
    // A command, not prose that starts with the word: an option follows ("iptables -A ...").
    const words = line.trim().split(/\s+/);
    const [first = '', second = ''] = words[0] === 'sudo' ? words.slice(1) : words;
    if (iptablesFamily(first, first) && second.startsWith('-')) return true;
    if (/^(\/usr)?(\/s?bin\/)?ufw$/.test(first) && UFW_VERBS.test(second)) return true;
    if (/^(\/usr)?(\/s?bin\/)?firewall-(cmd|offline-cmd)$/.test(first) && second.startsWith('--')) return true;
  }
  return false;
}

/** The file read alone: nothing outside it is known. */
const ALONE: HostFiles = {
  read: () => undefined,
  test: (_operator, file) => new Unknown(`whether ${file} exists (read without its host)`),
};

/** Reads and runs a script; `host` gives the files and variables of the host it sits in (read alone without). */
export function readScriptDocument(text: string, path: string, host?: ScriptHostContext): ScriptDocument {
  return runScriptSource(scriptSource(path, text), host);
}

/** Runs a script already read (after an edit, from the previous reading). */
export function runScriptSource(source: ScriptSource, host?: ScriptHostContext): ScriptDocument {
  const asked = { host: false };
  return runDocument(source, host ?? { files: ALONE, variables: new Map() }, asked);
}

function runDocument(source: ScriptSource, context: ScriptHostContext, asked: { host: boolean }): ScriptDocument {
  const parsed = new Map<string, ScriptSource>([[`${source.path}\u0000${source.text}`, source]]);
  const parse = (file: string, text: string) => {
    const key = `${file}\u0000${text}`;
    let known = parsed.get(key);
    if (!known) parsed.set(key, known = scriptSource(file, text));
    return known;
  };
  // The files the run reads are remembered, so the host can tell whether running again would read the same.
  const read = new Map<string, string | undefined>();
  const files: HostFiles = {
    read: (path) => { asked.host = true; const file = context.files.read(path); if (file) read.set(file.path, file.text); else read.set(path, undefined); return file; },
    test: (operator, path) => { asked.host = true; return context.files.test(operator, path); },
  };
  const style = new Map<AddressFamily, string>();
  const observed = new Map<number, Expansion>();
  const observe = (start: number, end: number, name: string, value: Value) => {
    let entry = observed.get(start);
    if (!entry) observed.set(start, entry = { start, end, name, values: [] });
    if (entry.values.length > MAX_SHOWN_VALUES) return;
    const seen = value instanceof Unknown ? entry.values.some((v) => v instanceof Unknown && v.why === value.why) : entry.values.includes(value);
    if (!seen) entry.values.push(value);
  };
  const started = context.arguments ?? bootArguments(source.path, context.root);
  const ways = everyWay((choices) => {
    const effects = new ScriptEffects(source.path, files);
    const result = runScript({ entry: source, files, effects, variables: context.variables, choices, parse, observe, arguments: started });
    for (const [family, command] of effects.style) if (!style.has(family)) style.set(family, command);
    return { result, outcome: effects };
  }, MAX_VARIANTS);
  if (ways.worlds.some((w) => w.decisions.length > 0 || w.outcome.unknownRules.length > 0)) asked.host = true;

  const list: FirewallVariant[] = ways.worlds.map(({ decisions, result, outcome }) => {
    const mainFamily: AddressFamily = outcome.rulesets.has('ipv4') || !outcome.rulesets.has('ipv6') ? 'ipv4' : 'ipv6';
    outcome.ruleset(mainFamily);
    const rulesets = [...outcome.rulesets.values()];
    return {
      rulesets, model: (family: AddressFamily) => modelOf(rulesets, family), decisions, unknownRules: outcome.unknownRules, moduleLoads: outcome.moduleLoads, ufwCommands: outcome.ufwCommands, firewalldCommands: outcome.firewalldCommands,
      ...(result.stopped ? { stopped: result.stopped } : {}), ...(result.incomplete ? { incomplete: result.incomplete } : {}),
    };
  });
  const first = list[0]!;
  const commands = commandsOf(ways.worlds.map((w) => w.outcome.commands), source);
  // A name read from a command substitution's text (an unclosed backquote swallows the lines after it) has no place of its own in the file: it is not shown.
  const inFile = (m: ModuleLoad) => m.path === source.path && source.text.startsWith(m.name.raw, m.name.start);
  const moduleLoads = distinct(ways.worlds.flatMap((w) => w.outcome.moduleLoads.filter(inFile)), (m) => `${m.name.start}\u0000${m.name.value}`);
  const family: AddressFamily = first.rulesets.some((r) => r.family === 'ipv4') ? 'ipv4' : 'ipv6';
  const { text, path, lines } = source;
  const doc: ScriptDocument = {
    kind: 'iptables-script', path, text, lines, family, commands, rulesets: first.rulesets, source, variants: { list, complete: ways.complete },
    moduleLoads, style, asksHost: asked.host, restores: [...new Set(ways.worlds.flatMap((w) => w.outcome.restored))],
    mentions: moduleLoads.map((m) => ({ name: m.name, role: 'load' as const })),
    declareChain(table, name, beforeLine, chainFamily): TextEdit | undefined {
      const command = style.get(chainFamily) ?? (chainFamily === 'ipv6' ? 'ip6tables' : 'iptables');
      const indent = /^[ \t]*/.exec(lines.lineText(beforeLine))![0];
      return insertLineBefore(beforeLine, `${indent}${command}${table === 'filter' ? '' : ` -t ${table}`} -N ${name}`);
    },
    get intents() { return iptablesIntents(this); },
    model: (modelFamily) => first.model(modelFamily),
    inHost: (hostContext) => runDocument(source, hostContext, { host: true }),
    ranIn: context.root === undefined ? undefined : { root: context.root, variables: context.variables, read, ...(context.arguments ? { arguments: context.arguments } : {}) },
    expansions: [...observed.values()].sort((a, b) => a.start - b.start),
    ranLines: ways.worlds.map((w) => new Set(w.outcome.commands.map((c) => c.commandLine.line))),
    ufwCommands: distinct(ways.worlds.flatMap((w) => w.outcome.ufwCommands.filter((c) => c.path === source.path)), (c) => `${c.line}\u0000${c.range.start.character}\u0000${c.args?.join('\u0000') ?? c.unknown}`),
    firewalldCommands: distinct(ways.worlds.flatMap((w) => w.outcome.firewalldCommands.filter((c) => c.path === source.path)), (c) => `${c.line}\u0000${c.range.start.character}\u0000${c.args?.join('\u0000') ?? c.unknown}`),
    loadsRules: ways.worlds.some((w) => w.outcome.commands.length > 0 || w.outcome.restored.length > 0 || w.outcome.unknownRules.length > 0),
  };
  return doc;
}

function distinct<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => { const k = key(item); if (seen.has(k)) return false; seen.add(k); return true; });
}

/**
 * The script's iptables commands as its own checks see them: every one any way ran (a loop's
 * each turn, once per value), and those no way reached (a function never called, a branch never
 * taken) read as written, with what only running them would tell left unknown.
 */
function commandsOf(runs: ReadonlyArray<readonly ReadCommand[]>, source: ScriptSource): ReadCommand[] {
  // The same command with the same words (a function called twice alike, each way's own run) is checked once.
  const byLine = new Map<number, ReadCommand[]>();
  for (const run of runs) for (const command of run) addToGroup(byLine, command.commandLine.line, command);
  const ran = [...byLine.values()].flatMap((same) => (same.length === 1 ? same : distinct(same, (c) => `${c.commandLine.range.start.character}\u0000${c.commandLine.words.map((w) => w.value).join('\u0000')}`)));
  const lines = new Set(byLine.keys());
  const unrun = simpleCommands(source.script.commands).filter((node) => !lines.has(source.lines.positionAt(node.start).line)).flatMap((node) => asWritten(node, source));
  return [...ran, ...unrun].sort((a, b) => a.commandLine.line - b.commandLine.line);
}

function simpleCommands(nodes: readonly ShellNode[]): SimpleCommand[] {
  const found: SimpleCommand[] = [];
  eachNode(nodes, (node) => { if (node.kind === 'simple') found.push(node); });
  return found;
}

/** An iptables command no way ran, read with its literal words known and the rest unknown. */
function asWritten(node: SimpleCommand, source: ScriptSource): ReadCommand[] {
  const [program, ...rest] = node.words;
  if (!program) return [];
  const family = iptablesFamily(literalOf(program), source.text.slice(program.start, program.end));
  if (!family) return [];
  const words: Word[] = rest.map((word) => {
    const value = literalOf(word);
    const raw = source.text.slice(word.start, word.end);
    return new ScriptWord(value ?? raw, raw, word.start, word.end, source.lines, value === undefined);
  });
  const table = tableOf(words);
  const parsed = parseCommand(words, family, table);
  parsed.problems = parsed.problems.filter((p) => !p.word?.unresolved);
  const line = source.lines.positionAt(node.start).line;
  const commandLine: CommandLine = { kind: 'command', line, range: source.lines.range(node.start, node.end), words };
  return [readCommand(commandLine, table, family, parsed)];
}
