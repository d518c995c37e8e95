import type { Location } from '../iptables/ruleset.js';
import type { PortSpec, RichRule } from './document.js';

/*
 * `firewall-cmd` and `firewall-offline-cmd` command lines, for commands written in scripts: the
 * changes to firewalld's configuration that decide FTP's paths. A change this reader does not
 * follow (a direct rule, a policy, a protocol) is `unknown`, never guessed.
 */

/** The lists of a zone a command adds to or removes from. */
export type ZoneList = 'services' | 'ports' | 'sources' | 'interfaces' | 'rules';

/** One change a command makes, to a zone (the default zone unless `--zone` says) or a service. */
export type FirewalldChange =
  | { kind: 'zone-list'; list: ZoneList; add: boolean; value: string }
  | { kind: 'forward-port'; add: boolean; value: string }
  | { kind: 'target'; value: string }
  | { kind: 'default-zone'; value: string }
  | { kind: 'new-zone'; value: string }
  | { kind: 'new-service'; value: string }
  | { kind: 'service-port'; add: boolean; value: string };

export interface FirewalldCommand {
  /** Written to the saved configuration: `--permanent`, `firewall-offline-cmd`, `--set-default-zone`, or `--runtime-to-permanent`. */
  permanent: boolean;
  zone?: string;
  service?: string;
  changes: FirewalldChange[];
  /** `--runtime-to-permanent`: the runtime changes made so far are saved. */
  savesRuntime: boolean;
  /** `--reload`: runtime changes not saved are dropped. */
  reloads: boolean;
  /** Options whose change is not followed, each with why. */
  unknown: string[];
}

const ZONE_LISTS: Record<string, [ZoneList, boolean]> = {
  'add-service': ['services', true], 'remove-service': ['services', false],
  'add-port': ['ports', true], 'remove-port': ['ports', false],
  'add-source': ['sources', true], 'remove-source': ['sources', false],
  'add-interface': ['interfaces', true], 'remove-interface': ['interfaces', false], 'change-interface': ['interfaces', true],
  'add-rich-rule': ['rules', true], 'remove-rich-rule': ['rules', false],
};

/** Options that only read, or change what FTP's paths do not depend on. */
const HARMLESS = /^(state|reload|complete-reload|list-.*|get-.*|query-.*|info-.*|check-config|version|help|quiet|verbose|timeout|set-log-denied|add-masquerade|remove-masquerade|add-icmp-block.*|remove-icmp-block.*|set-description|set-short|add-module|remove-module|add-helper|remove-helper|add-source-port|remove-source-port|lockdown.*|panic-.*|runtime-to-permanent|permanent|zone|service|new-service-from-file|path-.*|debug.*)$/;

/** Reads `firewall-cmd ARGS...` (offline: `firewall-offline-cmd`, which always writes the saved configuration). */
export function readFirewallCmd(args: readonly string[], offline: boolean): FirewalldCommand {
  const command: FirewalldCommand = { permanent: offline, changes: [], savesRuntime: false, reloads: false, unknown: [] };
  const options: Array<[string, string | undefined]> = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(arg);
    if (!option) { command.unknown.push(`the argument "${arg}"`); continue; }
    const [, name = '', inline] = option;
    // A value may follow as the next argument.
    const takesValue = name in ZONE_LISTS || /^(zone|service|set-target|set-default-zone|new-zone|new-service|add-forward-port|remove-forward-port|timeout|set-description|set-short|add-source-port|remove-source-port)$/.test(name);
    const value = inline ?? (takesValue && i + 1 < args.length && !args[i + 1]!.startsWith('--') ? args[++i] : undefined);
    options.push([name, value]);
  }
  for (const [name, value] of options) {
    if (name === 'permanent') command.permanent = true;
    if (name === 'zone') command.zone = value;
    if (name === 'service') command.service = value;
    if (name === 'runtime-to-permanent') command.savesRuntime = true;
    if (name === 'reload' || name === 'complete-reload') command.reloads = true;
  }
  for (const [name, value] of options) {
    const list = ZONE_LISTS[name];
    if (list && value !== undefined && command.service && list[0] === 'ports') { command.changes.push({ kind: 'service-port', add: list[1], value }); continue; }
    if (list && value !== undefined && !command.service) { command.changes.push({ kind: 'zone-list', list: list[0], add: list[1], value }); continue; }
    if ((name === 'add-forward-port' || name === 'remove-forward-port') && value !== undefined) { command.changes.push({ kind: 'forward-port', add: name === 'add-forward-port', value }); continue; }
    if (name === 'set-target' && value !== undefined) { command.changes.push({ kind: 'target', value }); continue; }
    if (name === 'set-default-zone' && value !== undefined) { command.changes.push({ kind: 'default-zone', value }); command.permanent = true; continue; }
    if (name === 'new-zone' && value !== undefined) { command.changes.push({ kind: 'new-zone', value }); continue; }
    if (name === 'new-service' && value !== undefined) { command.changes.push({ kind: 'new-service', value }); continue; }
    if (HARMLESS.test(name) && !(command.service && list)) continue;
    command.unknown.push(`what --${name}${value === undefined ? '' : `=${value}`} changes`);
  }
  return command;
}

/** "40000-40100/tcp" as firewalld reads a port, or undefined. */
export function readPortSpec(text: string): PortSpec | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?\/(tcp|udp|sctp|dccp)$/.exec(text);
  if (!match) return undefined;
  const min = Number(match[1]), max = Number(match[2] ?? match[1]);
  return min <= max && max <= 65535 ? { min, max, protocol: match[3]! } : undefined;
}

/** The words of a rich rule: `key=value` (the value unquoted) or a keyword. */
function richWords(text: string): string[] | undefined {
  const words: string[] = [];
  const pattern = /\s*([a-zA-Z-]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < text.trim().length && (match = pattern.exec(text))) {
    words.push(match[2] ?? match[3] ?? match[4] ? `${match[1]}=${match[2] ?? match[3] ?? match[4]}` : match[1]!);
    at = pattern.lastIndex;
    if (/^\s*$/.test(text.slice(at))) return words;
  }
  return /^\s*$/.test(text.slice(at)) ? words : undefined;
}

/**
 * A rich rule given on the command line, as far as FTP's paths need it: family, source,
 * destination, service or port, and accept, reject or drop (log, audit and limit change no
 * verdict). undefined for one with an element this reader does not follow.
 */
export function readRichRule(text: string, where: Location): RichRule | undefined {
  const words = richWords(text);
  if (!words || words[0] !== 'rule') return undefined;
  const rule: { -readonly [K in keyof RichRule]: RichRule[K] } = { where };
  let element: string | undefined;
  let invert = false;
  let portText: string | undefined;
  for (const word of words.slice(1)) {
    const [key, value] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (value === undefined) {
      if (key === 'NOT') { invert = true; continue; }
      if (key === 'accept' || key === 'reject' || key === 'drop') { rule.action = key; element = key; continue; }
      if (/^(source|destination|service|port|log|audit|limit)$/.test(key)) { element = key; invert = false; continue; }
      return undefined;
    }
    if (key === 'family' && element === undefined && (value === 'ipv4' || value === 'ipv6')) rule.family = value;
    else if (key === 'address' && (element === 'source' || element === 'destination')) rule[element] = { address: value, invert };
    else if (key === 'name' && element === 'service') rule.service = value;
    else if (key === 'port' && element === 'port') portText = value;
    else if (key === 'protocol' && element === 'port' && portText !== undefined) {
      const port = readPortSpec(`${portText}/${value}`);
      if (!port) return undefined;
      rule.port = port;
    } else if ((key === 'prefix' || key === 'level') && element === 'log') continue;
    else if (key === 'value' && element === 'limit') continue;
    else if (key === 'type' && element === 'reject') continue;
    else return undefined;
  }
  return rule.action ? rule : undefined;
}
