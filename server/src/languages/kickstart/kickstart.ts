import { LineIndex, type Range } from '../../core/text.js';
import type { Location } from '../iptables/ruleset.js';
import { readScriptDocument, type ScriptDocument } from '../iptables/script-document.js';
import netbase from '../iptables/catalogue/netbase.json';
import type { FirewalldScriptCommand } from '../firewalld/script-commands.js';
import type { TextEdit } from '../../core/findings.js';
import type { FirewallIntents } from '../../engine/firewall-file.js';
import type { PortSet } from '../../engine/port-set.js';

/*
 * A kickstart file (Anaconda's installation script: ks.cfg, anaconda-ks.cfg, *.ks): its
 * `firewall` command, which Anaconda turns into firewalld's saved configuration of the installed
 * system, and its %post sections, shell scripts run at the end of the installation. No firewalld
 * runs then: firewall-cmd fails ("FirewallD is not running"), firewall-offline-cmd works.
 */

/** A `%post` section: its body's lines and how it runs. */
export interface PostSection { header: number; first: number; last: number; nochroot: boolean; shell: boolean }

/** The `firewall` command, as Anaconda applies it with firewall-offline-cmd. */
export interface FirewallCommand { line: number; range: Range; disabled: boolean; systemDefaults: boolean; commands: FirewalldScriptCommand[]; unknown: string[] }

export interface KickstartDocument {
  kind: 'kickstart';
  path: string; text: string; lines: LineIndex;
  firewall?: FirewallCommand;
  posts: PostSection[];
  /** The %post sections run as one shell script (the file's other lines left blank, so lines and columns stay). */
  post?: ScriptDocument;
  /** firewall-cmd commands in %post: they fail during installation and change nothing. */
  failing: FirewalldScriptCommand[];
}

const SERVICES = netbase.services as Record<string, Record<string, number>>;
/** Older options that each allow one service. */
const SERVICE_FLAGS: Record<string, string> = { '--ssh': 'ssh', '--ftp': 'ftp', '--http': 'http', '--smtp': 'smtp', '--telnet': 'telnet' };

export function readKickstart(text: string, path: string): KickstartDocument {
  const lines = new LineIndex(text);
  const posts: PostSection[] = [];
  let firewall: FirewallCommand | undefined;
  let open: { header: number; nochroot: boolean; shell: boolean } | undefined;
  let section: string | undefined;
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line).trim();
    const header = /^%(\w+)(.*)$/.exec(content);
    if (header) {
      if (open) posts.push({ ...open, first: open.header + 1, last: line - 1 });
      open = undefined;
      section = header[1] === 'end' ? undefined : header[1];
      if (header[1] === 'post') {
        const interpreter = /--interpreter[= ](\S+)/.exec(header[2] ?? '')?.[1];
        open = { header: line, nochroot: /--nochroot/.test(header[2] ?? ''), shell: !interpreter || /(^|\/)(ba|da|k|z)?sh$/.test(interpreter) };
      }
      continue;
    }
    if (section === undefined && /^firewall(\s|$)/.test(content)) firewall = readFirewallLine(lines, line, path);
  }
  if (open) posts.push({ ...open, first: open.header + 1, last: lines.lineCount - 1 });
  const shellPosts = posts.filter((p) => p.shell);
  let post: ScriptDocument | undefined;
  if (shellPosts.length) {
    const kept = new Set(shellPosts.flatMap((p) => Array.from({ length: Math.max(0, p.last - p.first + 1) }, (_, n) => p.first + n)));
    const masked = Array.from({ length: lines.lineCount }, (_, line) => (kept.has(line) ? lines.lineText(line) : '')).join('\n');
    post = readScriptDocument(masked, path);
  }
  const failing = post?.firewalldCommands.filter((c) => !c.offline) ?? [];
  return { kind: 'kickstart', path, text, lines, ...(firewall ? { firewall } : {}), posts, ...(post ? { post } : {}), failing };
}

/** `firewall [--enabled|--disabled] [--service=a,b] [--port=21:tcp,...] [--trust=eth0] [--remove-service=a] [--use-system-defaults]`. */
function readFirewallLine(lines: LineIndex, line: number, path: string): FirewallCommand {
  const text = lines.lineText(line);
  const range = { start: { line, character: text.length - text.trimStart().length }, end: { line, character: text.trimEnd().length } };
  const where = { path, line, range };
  const command: FirewallCommand = { line, range, disabled: false, systemDefaults: false, commands: [], unknown: [] };
  const add = (...args: string[]) => command.commands.push({ args, offline: true, ...where });
  for (const word of text.trim().split(/\s+/).slice(1)) {
    const [option = '', value = ''] = word.split('=', 2);
    const values = value.split(',').filter(Boolean);
    if (option === '--disabled' || option === '--disable') command.disabled = true;
    else if (option === '--enabled' || option === '--enable') command.disabled = false;
    else if (option === '--use-system-defaults') command.systemDefaults = true;
    else if (option === '--service') for (const v of values) add(`--add-service=${v}`);
    else if (option === '--remove-service') for (const v of values) add(`--remove-service=${v}`);
    else if (option === '--trust') for (const v of values) add('--zone=trusted', `--add-interface=${v}`);
    else if (option === '--port') for (const v of values) { const port = anacondaPort(v); if (port) add(`--add-port=${port}`); else command.unknown.push(`the port "${v}"`); }
    else if (SERVICE_FLAGS[option]) add(`--add-service=${SERVICE_FLAGS[option]}`);
    else command.unknown.push(`the option "${word}"`);
  }
  return command;
}

/** Anaconda's "PORT:PROTO" (PORT a number, a range, or a service name) as firewalld's "PORT/PROTO". */
function anacondaPort(text: string): string | undefined {
  const [port = '', protocol = 'tcp'] = text.split(':');
  const number = /^\d+(-\d+)?$/.test(port) ? port : SERVICES[protocol]?.[port]?.toString();
  return number && /^(tcp|udp)$/.test(protocol) ? `${number}/${protocol}` : undefined;
}

/** What the installation leaves in firewalld's configuration: the firewall command's changes, then the %post sections' firewall-offline-cmd commands. */
export function kickstartCommands(doc: KickstartDocument): { commands: FirewalldScriptCommand[]; someWays: FirewalldScriptCommand[]; disabledAt?: Location; intents: FirewallIntents } {
  const fromFirewall = doc.firewall && !doc.firewall.systemDefaults ? doc.firewall.commands : [];
  const ways = doc.post?.variants.list.map((v) => (v.firewalldCommands ?? []).filter((c) => c.offline)) ?? [[]];
  const key = (c: FirewalldScriptCommand) => `${c.line}\u0000${c.args?.join('\u0000') ?? c.unknown}`;
  const inEvery = (c: FirewalldScriptCommand) => ways.every((way) => way.some((d) => key(d) === key(c)));
  const first = ways[0] ?? [];
  const all = [...new Map(ways.flat().map((c) => [key(c), c])).values()];
  const disabled = doc.firewall?.disabled ? { path: doc.path, line: doc.firewall.line, range: doc.firewall.range } : undefined;
  return { commands: [...fromFirewall, ...first.filter(inEvery)], someWays: all.filter((c) => !inEvery(c)), ...(disabled ? { disabledAt: disabled } : {}), intents: kickstartIntents(doc) };
}

/**
 * The edits a host check asks of firewalld installed from a kickstart: options added to its
 * `firewall` command (`--port=40000-40100:tcp`, `--service=ftp` for the FTP helper), or a
 * `firewall` command added before the first section when there is none.
 */
export function kickstartIntents(doc: KickstartDocument): FirewallIntents {
  const firstSection = doc.posts[0]?.header ?? doc.lines.lineCount;
  const addOption = (option: string): TextEdit => {
    if (!doc.firewall) return { range: { start: { line: firstSection, character: 0 }, end: { line: firstSection, character: 0 } }, newText: `firewall --enabled ${option}\n` };
    const end = doc.firewall.range.end;
    return { range: { start: end, end }, newText: ` ${option}` };
  };
  const range = (ports: PortSet) => { const [min, max] = ports.ranges[0]!; return min === max ? `${min}` : `${min}-${max}`; };
  return {
    acceptInbound: (ports, placement = {}) => (ports.ranges.length === 1 && !placement.established && !doc.firewall?.disabled ? addOption(`--port=${range(ports)}:tcp`) : undefined),
    acceptOutboundFrom: () => undefined,
    acceptEstablished: () => undefined,
    assignFtpHelper: ({ arrives }) => (arrives === 21 && !doc.firewall?.disabled ? addOption('--service=ftp') : undefined),
    rewritePorts: () => undefined,
    moveAbove: () => undefined,
  };
}
