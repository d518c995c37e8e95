import type { TextEdit } from '../../core/findings.js';
import { LineIndex } from '../../core/text.js';
import { readShellCommands, type ShellCommand } from '../shell/shell-reader.js';
import { parseCommand } from './command.js';
import type { FirewallDocument } from './document.js';
import { insertLineBefore } from './edits.js';
import { readCommand, type ReadCommand } from './read-command.js';
import { Ruleset } from './ruleset.js';
import type { AddressFamily, CommandLine, Word } from './syntax.js';
import type { ModuleFile } from '../modules/mentions.js';

/** A module a script loads at boot (`modprobe NAME`, `insmod`), with where. */
export interface ModuleLoad { name: Word; via: string; line: number }

export interface ScriptDocument extends FirewallDocument, ModuleFile {
  kind: 'iptables-script';
  shell: ShellCommand[];
  moduleLoads: ModuleLoad[];
}

const IPTABLES = /^(?:.*\/)?(ip6?tables)(?:-legacy|-nft)?$/;

/** Which family an invocation configures, or undefined when it is not iptables. */
function iptablesFamily(first: Word): AddressFamily | undefined {
  const m = IPTABLES.exec(first.value);
  if (m) return m[1] === 'ip6tables' ? 'ipv6' : 'ipv4';
  // "$IPT" or "${IPTABLES}" set by command substitution ("IPT=$(which iptables)"): judge by the variable's name.
  const variable = first.unresolved ? /^\$\{?(IP6?T(?:ABLES)?\d?)\}?$/i.exec(first.raw) : null;
  return variable ? (variable[1]!.includes('6') ? 'ipv6' : 'ipv4') : undefined;
}

function tableOf(words: Word[]): string {
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i]!.value;
    if (w === '-t' || w === '--table') return words[i + 1]!.value;
    if (w.startsWith('--table=')) return w.slice(8);
  }
  return 'filter';
}

export function isFirewallScript(text: string): boolean {
  for (const line of text.split('\n', 5000)) {
    const first = line.trim().split(/\s+/)[0] ?? '';
    if (IPTABLES.test(first) || /^\$\{?IP6?T(ABLES)?\d?\}?$/i.test(first)) return true;
  }
  return false;
}

export function readScriptDocument(text: string, path: string): ScriptDocument {
  const lines = new LineIndex(text);
  const shell = readShellCommands(text, lines);
  const rulesets = new Map<AddressFamily, Ruleset>();
  const commands: ReadCommand[] = [];
  const moduleLoads: ModuleLoad[] = [];
  const style = new Map<AddressFamily, string>();

  for (const command of shell) {
    const [first, ...args] = command.words;
    if (!first) continue;
    const tool = first.value.split('/').pop()!;
    if (tool === 'modprobe' || tool === 'insmod') {
      // `modprobe NAME ARGS...` loads one module (the rest are its parameters); `modprobe -a` loads several.
      const names = args.filter((w) => !w.value.startsWith('-') && !w.value.includes('=') && !w.unresolved);
      const loadsAll = tool === 'modprobe' && args.some((w) => w.value === '-a' || w.value === '--all');
      for (const name of loadsAll ? names : names.slice(0, 1)) moduleLoads.push({ name, via: tool, line: command.line });
      continue;
    }
    const family = iptablesFamily(first);
    if (!family) continue;
    if (!style.has(family)) style.set(family, first.raw);
    const table = tableOf(args);
    const parsed = parseCommand(args, family, table);
    // A value the script does not fix (from the environment, a command substitution) is never judged.
    parsed.problems = parsed.problems.filter((p) => !p.word?.unresolved);
    const line: CommandLine = { kind: 'command', line: command.line, range: command.range, words: args };
    const reading = readCommand(line, table, family, parsed);
    commands.push(reading);
    if (parsed.problems.length === 0 && !args.some((w) => w.unresolved)) {
      const ruleset = rulesets.get(family) ?? new Ruleset(family);
      rulesets.set(family, ruleset);
      ruleset.apply(table, parsed, reading, { path, range: command.range, line: command.line });
    }
  }
  const mainFamily: AddressFamily = rulesets.has('ipv4') || !rulesets.has('ipv6') ? 'ipv4' : 'ipv6';
  if (!rulesets.has(mainFamily)) rulesets.set(mainFamily, new Ruleset(mainFamily));
  return {
    kind: 'iptables-script', path, text, lines, family: mainFamily, commands, rulesets: [...rulesets.values()], shell, moduleLoads,
    mentions: moduleLoads.map((m) => ({ name: m.name, role: 'load' as const })),
    declareChain(table, name, beforeLine, family): TextEdit | undefined {
      const command = style.get(family) ?? (family === 'ipv6' ? 'ip6tables' : 'iptables');
      const indent = /^[ \t]*/.exec(lines.lineText(beforeLine))![0];
      return insertLineBefore(beforeLine, `${indent}${command}${table === 'filter' ? '' : ` -t ${table}`} -N ${name}`);
    },
  };
}
