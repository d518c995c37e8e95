import { cNumber } from '../../core/c-number.js';
import { LineIndex, type Range } from '../../core/text.js';
import type { AddressFamily, Word } from '../iptables/syntax.js';
import { parseShell } from '../shell/parser.js';
import { literalOf } from '../shell/syntax.js';
import { lineWords } from './line-words.js';
import type { ModuleFile, ModuleMention } from './mentions.js';

/** RHEL's /etc/sysconfig/iptables-config: shell assignments read by the iptables service. */
export interface IptablesConfigDocument extends ModuleFile {
  kind: 'iptables-config';
  /** Every IPTABLES_MODULES (or IP6TABLES_MODULES) assignment, in order; the last one wins. */
  moduleAssignments: Array<{ name: string; value: Word; line: number }>;
  settings: Map<string, Word>;
}

/** One NAME=value line of a file a shell sources: the word spans the whole assignment, its value unquoted. */
export interface ShellSetting { name: string; value: Word; line: number }

/** The NAME="value" lines of a file that a shell sources (RHEL's iptables-config, /etc/default/ufw), in order. */
export function shellSettings(text: string, lines: LineIndex): ShellSetting[] {
  const found: ShellSetting[] = [];
  for (const command of parseShell(text).commands) {
    if (command.kind !== 'simple' || command.words.length > 0) continue;
    for (const a of command.assignments) {
      const raw = text.slice(a.start, a.end);
      const value: Word = { value: literalOf(a.value) ?? text.slice(a.value.start, a.value.end), raw, start: a.start, end: a.end, range: lines.range(a.start, a.end) };
      found.push({ name: a.name, value, line: lines.positionAt(a.start).line });
    }
  }
  return found;
}

export function readIptablesConfig(text: string, path: string): IptablesConfigDocument {
  const lines = new LineIndex(text);
  const settings = new Map<string, Word>();
  const moduleAssignments: IptablesConfigDocument['moduleAssignments'] = [];
  // The file is a list of NAME="value" lines the iptables service sources.
  for (const setting of shellSettings(text, lines)) {
    settings.set(setting.name, setting.value);
    if (/^IP6?TABLES_MODULES$/.test(setting.name)) moduleAssignments.push(setting);
  }
  // Only the last assignment of each variable takes effect: its modules are the ones loaded.
  const mentions: ModuleMention[] = [];
  for (const variable of new Set(moduleAssignments.map((a) => a.name))) {
    const last = moduleAssignments.filter((a) => a.name === variable).at(-1)!;
    mentions.push(...splitValue(last.value, lines).map((name) => ({ name, role: 'load' as const })));
  }
  return { kind: 'iptables-config', path, text, lines, mentions, moduleAssignments, settings };
}

/** The module names inside a quoted list, each with its own position. */
export function splitValue(value: Word, lines: LineIndex): Word[] {
  const quoteOffset = value.raw.startsWith('"') || value.raw.startsWith("'") ? 1 : 0;
  const base = value.start + value.raw.indexOf('=') + 1 + quoteOffset;
  const inner = value.raw.slice(value.raw.indexOf('=') + 1 + quoteOffset).replace(/["']$/, '');
  const result: Word[] = [];
  const re = /[^\s"']+/g;
  for (let m = re.exec(inner); m; m = re.exec(inner)) {
    const at = base + m.index;
    result.push({ value: m[0], raw: m[0], start: at, end: at + m[0].length, range: lines.range(at, at + m[0].length) });
  }
  return result;
}

/** /etc/modprobe.d/*.conf and the old /etc/modprobe.conf. */
export interface ModprobeDocument extends ModuleFile {
  kind: 'modprobe';
  /** `options MODULE key=value ...` lines, by module. */
  options: Array<{ module: Word; parameters: Word[]; line: number }>;
}

export function readModprobe(text: string, path: string): ModprobeDocument {
  const lines = new LineIndex(text);
  const mentions: ModuleMention[] = [];
  const options: ModprobeDocument['options'] = [];
  for (const { line, words } of lineWords(lines, '#')) {
    const [command, ...rest] = words;
    switch (command?.value) {
      case 'alias':
        // alias WILDCARD MODULE: only the module is loaded; further words are ignored by modprobe but often meant as modules.
        for (const w of rest.slice(1)) mentions.push({ name: w, role: 'alias-target' });
        break;
      case 'options':
        if (rest[0]) { mentions.push({ name: rest[0], role: 'options' }); options.push({ module: rest[0], parameters: rest.slice(1), line }); }
        break;
      case 'install': case 'remove': case 'softdep':
        if (rest[0]) mentions.push({ name: rest[0], role: 'install' });
        break;
      case 'blacklist':
        if (rest[0]) mentions.push({ name: rest[0], role: 'blacklist' });
        break;
      default:
        break;
    }
  }
  return { kind: 'modprobe', path, text, lines, mentions, options };
}

/** /etc/modules (Debian) and /etc/modules-load.d/*.conf: one module per line, loaded at boot. */
export interface ModulesLoadDocument extends ModuleFile { kind: 'modules-load' }

export function readModulesLoad(text: string, path: string): ModulesLoadDocument {
  const lines = new LineIndex(text);
  const mentions = lineWords(lines, '#;').map(({ words }) => ({ name: words[0]!, role: 'load' as const }));
  return { kind: 'modules-load', path, text, lines, mentions };
}

/** /etc/sysctl.conf and /etc/sysctl.d/*.conf. */
export interface SysctlDocument extends ModuleFile {
  kind: 'sysctl';
  settings: Array<{ key: string; keyWord: Word; value: Word | undefined; line: number }>;
}

/**
 * The keys that turn forwarding on or off. IPv6 forwards only by `all` (the kernel's ip6_forward
 * reads that one alone); an interface's own or the `default` key changes how it takes router
 * advertisements, not whether the host routes.
 */
const FORWARDING_KEYS: Record<AddressFamily, ReadonlySet<string>> = {
  ipv4: new Set(['net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding']),
  ipv6: new Set(['net.ipv6.conf.all.forwarding']),
};

/** The key to write to turn forwarding of a family on, as messages name it. */
export const FORWARDING_KEY: Record<AddressFamily, string> = { ipv4: 'net.ipv4.ip_forward', ipv6: 'net.ipv6.conf.all.forwarding' };

/**
 * A switch (ip_forward, forwarding, nf_conntrack_helper) as the kernel reads the value a sysctl
 * file writes to it: a number as strtoul reads it in base 0 ("01" and "0x1" are 1, "010" is 8),
 * maybe negative, and any number but 0 turns it on ("2" forwards). Undefined for a value the
 * kernel refuses ("08", "+1", "yes"), which leaves the switch as it was.
 */
export function sysctlSwitch(value: string): boolean | undefined {
  const number = sysctlNumber(value);
  return number === undefined ? undefined : number !== 0;
}

/** A sysctl file's value as the kernel reads a number (proc_dointvec: strtoul in base 0, maybe negative); undefined where it refuses it. */
export function sysctlNumber(value: string): number | undefined {
  const text = value.trim();
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (!/^[0-9]/.test(digits)) return undefined;
  const number = cNumber(digits);
  return number === undefined ? undefined : negative ? -number : number;
}

/** How a switch's line reads: on, off, or both where it depends on the kernel; nothing for a value the kernel refuses. */
export type SwitchReading = (value: string) => readonly boolean[];
const plainSwitch: SwitchReading = (value) => { const on = sysctlSwitch(value); return on === undefined ? [] : [on]; };

/**
 * The lines of a sysctl file that set `keys`, in order, each as on or off (a line read both ways
 * gives both); lines with values the kernel refuses change nothing and are left out.
 */
export function switchSettings(doc: SysctlDocument, keys: ReadonlySet<string>, read: SwitchReading = plainSwitch): Array<{ on: boolean; where: { path: string; line: number; range: Range } }> {
  const found: Array<{ on: boolean; where: { path: string; line: number; range: Range } }> = [];
  for (const s of doc.settings) {
    if (!keys.has(s.key) || !s.value) continue;
    for (const on of read(s.value.value)) found.push({ on, where: { path: doc.path, line: s.line, range: s.keyWord.range } });
  }
  return found;
}

/** The lines of a sysctl file that set forwarding of one family, in order, each as on or off. */
export const forwardingSettings = (doc: SysctlDocument, family: AddressFamily) => switchSettings(doc, FORWARDING_KEYS[family]);

export function readSysctl(text: string, path: string): SysctlDocument {
  const lines = new LineIndex(text);
  const settings: SysctlDocument['settings'] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line).replace(/\r$/, '');
    const m = /^(\s*-?)([^=#;\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(lineText);
    if (!m || /^\s*[#;]/.test(lineText)) continue;
    const start = lines.lineStarts[line]!;
    const keyAt = start + m[1]!.length;
    const keyWord: Word = { value: m[2]!, raw: m[2]!, start: keyAt, end: keyAt + m[2]!.length, range: lines.range(keyAt, keyAt + m[2]!.length) };
    // The value is what ends the (trimmed) line.
    const valueAt = start + lineText.lastIndexOf(m[3]!);
    const value: Word | undefined = m[3] ? { value: m[3], raw: m[3], start: valueAt, end: valueAt + m[3].length, range: lines.range(valueAt, valueAt + m[3].length) } : undefined;
    settings.push({ key: m[2]!.replace(/\//g, '.'), keyWord, value, line });
  }
  return { kind: 'sysctl', path, text, lines, mentions: [], settings };
}
