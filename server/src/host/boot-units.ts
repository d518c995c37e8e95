import { readdirSync, readFileSync, readlinkSync, statSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The systemd units a host starts at boot, as `systemctl enable` and `mask` leave them in
 * etc/systemd/system: a link in a target's .wants (or .requires) folder enables a unit, a link
 * to /dev/null masks it. The links are read, not followed, so a copy of /etc with its links kept
 * (cp -a, tar, rsync -a, git) is enough: their targets need not exist. Unit files of the host's
 * own (in that folder) are read for what they run.
 */
export interface BootUnits {
  /** Is `unit` started at boot: enabled somewhere and not masked? */
  starts(unit: string): boolean;
  /** Why a unit is not started, in a sentence's middle ("nftables.service is not enabled"). */
  whyNot(unit: string): string;
  /** Does a started unit begin with `prefix` ("vsftpd.service", "vsftpd@main.service"), or is it one of the host's own whose ExecStart runs `binary`? */
  startsAny(prefix: string, binary: string): boolean;
  /** Does a started unit of the host's own name `path` in an ExecStart (`nft -f /etc/nftables.conf`)? */
  loadsFile(path: string): boolean;
  /** The arguments a started unit of the host's own runs the script at `path` with (`ExecStart=/usr/local/sbin/firewall start`), where one runs it. */
  argumentsFor(path: string): string[] | undefined;
  /** The units started at boot. */
  started(): readonly string[];
  /** The text of a unit file of the host's own, in etc/systemd/system. */
  unitText(unit: string): string | undefined;
  /** Does etc/systemd/system hold `unit` itself: a unit file of the host's own, a mask, or a link to a unit elsewhere? */
  hasOwn(unit: string): boolean;
}

const WANTS = /\.(wants|requires)$/;

/** What a host's etc/systemd/system holds: the units in each .wants or .requires folder, where its other links point, and its own unit files' texts (read when asked). */
export interface UnitFolder {
  readonly wants: ReadonlyMap<string, readonly string[]>;
  readonly links: ReadonlyMap<string, string>;
  unitText(unit: string): string | undefined;
}

/** Unit files an administrator writes: a unit of their own is small, so a bigger file is not read. */
const UNIT_FILE = /\.(service|socket|target)$/;
const MAX_UNIT_BYTES = 64 * 1024;

function entriesIn(folder: string): Dirent[] | undefined {
  try { return readdirSync(folder, { withFileTypes: true }); } catch { return undefined; }
}

function smallText(path: string): string | undefined {
  try { return statSync(path).size <= MAX_UNIT_BYTES ? readFileSync(path, 'latin1') : undefined; } catch { return undefined; }
}

function linkTarget(path: string): string | undefined {
  try { return readlinkSync(path); } catch { return undefined; }
}

/** Reads etc/systemd/system from disk; undefined when the folder is not there. */
function readUnitFolder(folder: string): UnitFolder | undefined {
  const entries = entriesIn(folder);
  if (!entries) return undefined;
  const wants = new Map<string, string[]>();
  const links = new Map<string, string>();
  const files = new Set<string>();
  for (const entry of entries) {
    if (entry.isDirectory() && WANTS.test(entry.name)) wants.set(entry.name, (entriesIn(join(folder, entry.name)) ?? []).map((unit) => unit.name));
    else if (entry.isSymbolicLink()) { const target = linkTarget(join(folder, entry.name)); if (target !== undefined) links.set(entry.name, target); }
    else if (entry.isFile() && UNIT_FILE.test(entry.name)) files.add(entry.name);
  }
  return { wants, links, unitText: (unit) => (files.has(unit) ? smallText(join(folder, unit)) : undefined) };
}

/**
 * The boot units a unit folder (shown in messages as `shown`) tells; undefined when it has no
 * .wants or .requires folder at all: every systemd host enables some units, so such a folder
 * is a partial copy, or the host does not boot with systemd.
 */
export function bootUnitsOf(shown: string, folder: UnitFolder): BootUnits | undefined {
  if (folder.wants.size === 0) return undefined;
  const enabled = new Set([...folder.wants.values()].flat());
  const masked = new Set([...folder.links].filter(([, target]) => target === '/dev/null').map(([unit]) => unit));
  const starts = (unit: string) => enabled.has(unit) && !masked.has(unit);
  const execStarts = (unit: string) => (folder.unitText(unit) ?? '').split('\n').filter((line) => /^\s*ExecStart\s*=/.test(line));
  const runs = (unit: string, binary: string) => execStarts(unit).some((line) => new RegExp(`\\b${binary}\\b`).test(line));
  return {
    starts,
    loadsFile: (path) => [...enabled].some((unit) => starts(unit) && execStarts(unit).some((line) => line.includes(path))),
    argumentsFor: (path) => {
      for (const unit of enabled) {
        if (!starts(unit)) continue;
        for (const line of execStarts(unit)) { const found = scriptArguments(line, path); if (found) return found; }
      }
      return undefined;
    },
    startsAny: (prefix, binary) => [...enabled].some((unit) => starts(unit) && (unit.startsWith(`${prefix}.`) || unit.startsWith(`${prefix}@`) || runs(unit, binary))),
    started: () => [...enabled].filter(starts),
    unitText: (unit) => folder.unitText(unit),
    hasOwn: (unit) => folder.links.has(unit) || folder.unitText(unit) !== undefined,
    whyNot: (unit) => masked.has(unit) ? `${unit} is masked (${shown}/${unit} links to /dev/null)` : `${unit} is not enabled (no .wants or .requires folder of ${shown} links to it)`,
  };
}

/**
 * The words after the script in an ExecStart line that runs it, directly or through a shell
 * (`ExecStart=-/bin/sh /etc/firewall.sh start`); undefined when the line runs something else.
 * Quotes are taken off; a word with a variable or a specifier (`$X`, `%i`) is not read.
 */
function scriptArguments(line: string, path: string): string[] | undefined {
  const words = execStartWords(line);
  const at = words[0] === path ? 0 : /^(\/usr)?(\/bin\/)?(ba|da)?sh$/.test(words[0] ?? '') && words[1] === path ? 1 : -1;
  const rest = at < 0 ? undefined : words.slice(at + 1);
  return rest && !rest.some((w) => /[$%]/.test(w)) ? rest : undefined;
}

/** The words of an ExecStart line (or of its value alone), without systemd's prefixes ("-", "@", ":", "+", "!") and with quotes taken off. */
export function execStartWords(line: string): string[] {
  return line.replace(/^\s*(ExecStart\s*=\s*)?[-@:+!]*/, '').trim().split(/\s+/).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
}

/** The host's boot units, read from `root`'s etc/systemd/system on disk; undefined when the host does not say. */
export function bootUnits(root: string): BootUnits | undefined {
  const folder = readUnitFolder(join(root, UNIT_FOLDER));
  return folder && bootUnitsOf(UNIT_FOLDER, folder);
}

/** Where `systemctl enable` and `mask` write, inside a host. */
export const UNIT_FOLDER = 'etc/systemd/system';

/** The unit that loads a firewall file at boot, by where the file is; undefined for files no unit of their own loads (scripts, includes). */
export function unitLoading(root: string, path: string): string | undefined {
  const inHost = relative(root, path).replace(/\\/g, '/');
  return UNIT_OF_FILE[inHost];
}

/** Firewall files each loaded by a unit of its own package (Debian's and Red Hat's). */
const UNIT_OF_FILE: Readonly<Record<string, string>> = {
  'etc/nftables.conf': 'nftables.service',
  'etc/sysconfig/nftables.conf': 'nftables.service',
  'etc/iptables/rules.v4': 'netfilter-persistent.service',
  'etc/iptables/rules.v6': 'netfilter-persistent.service',
  'etc/sysconfig/iptables': 'iptables.service',
  'etc/sysconfig/ip6tables': 'ip6tables.service',
};

/** The units of the firewalls that are put together from many files. */
export const UFW_UNIT = 'ufw.service';
export const FIREWALLD_UNIT = 'firewalld.service';
