import { relative } from 'node:path';
import type { IptablesConfigDocument, ModprobeDocument, SysctlDocument } from '../languages/modules/documents.js';
import type { ModuleFile } from '../languages/modules/mentions.js';
import type { FirewallDocument, FirewallVariants } from '../languages/iptables/document.js';
import type { FirewallFile, ForwardingSet } from '../engine/firewall-file.js';
import type { VsftpdDocument } from '../languages/vsftpd/document.js';
import type { HostConfig } from './config.js';
import type { ScriptDocument } from '../languages/iptables/script-document.js';
import { hostFiles } from './host-files.js';
import type { ServerFacts } from '../engine/server-facts.js';
import { vsftpdFacts } from '../languages/vsftpd/server-facts.js';
import type { NftablesDocument } from '../languages/nftables/document.js';
import { nftIncludeReader } from './nft-includes.js';
import { UFW_SYSCTL_NAME, ufwRulesFile } from '../languages/ufw/ufw-files.js';
import { rulesKey, ufwAppliedSysctl, ufwFirewall, ufwForwardingSets, type UfwAppliedSysctl, type UfwFiles } from '../languages/ufw/firewall.js';
import type { UfwSettingsDocument } from '../languages/ufw/settings.js';
import type { UfwApplicationsDocument } from '../languages/ufw/applications-language.js';
import { kickstartCommands, type KickstartDocument } from '../languages/kickstart/kickstart.js';
import type { FirewalldDocument } from '../languages/firewalld/document.js';
import { firewalldFirewall, type FirewalldScripts } from '../languages/firewalld/firewall.js';
import type { ProftpdDocument } from '../languages/proftpd/document.js';
import { MAIN_FILE } from '../languages/proftpd/document.js';
import { readConfiguration, type ProftpdConfiguration } from '../languages/proftpd/configuration.js';
import { proftpdFacts } from '../languages/proftpd/server-facts.js';
import type { ProftpdFile } from '../languages/proftpd/syntax.js';
import { proftpdIncludeReader } from './proftpd-includes.js';
import type { PureOptionDocument } from '../languages/pureftpd/document.js';
import { optionFolderSource, pureftpdFacts, upstreamSource } from '../languages/pureftpd/server-facts.js';
import type { UpstreamConf } from '../languages/pureftpd/upstream.js';
import type { ComwareDocument } from '../languages/comware/firewall.js';
import type { HostsAccessDocument } from '../languages/tcp-wrappers/hosts-access.js';
import { withTcpWrappers } from './tcp-wrappers.js';
import { withInetdStarter } from './per-connection.js';
import { FIREWALLD_UNIT, UFW_UNIT, unitLoading, type BootUnits } from './boot-units.js';
import { bootOnDisk, type HostBoot } from './host-boot.js';
import { initScriptName } from './sysv-links.js';
import { leftToInetd, type PureftpdStart } from './pureftpd-start.js';

/** One server: its FTP server's configuration, the firewall files that are loaded, and how modules and sysctls are set. */
export interface Host {
  root: string;
  files: string[];
  config: HostConfig;
  vsftpd?: { path: string; doc: VsftpdDocument };
  /** ProFTPD's configuration, read from its main file with every Include. */
  proftpd?: { path: string; configuration: ProftpdConfiguration };
  /** What its FTP server does, whichever server it is; `path` is undefined when the host has no server configuration (its defaults stand). */
  server: ServerFacts;
  /** Server configuration files the host holds that its server never reads, and why. */
  notRead: Array<{ path: string; why: string }>;
  /** Every FTP service the host runs (vsftpd, ProFTPD's main server and each of its virtual hosts), `server` first; at least `server`. */
  servers: ServerFacts[];
  /** The firewall files that are loaded, whichever front-end wrote them; a script's, every way it can run. */
  firewalls: HostFirewall[];
  /** Firewall files the host holds that it does not load at boot (etc/systemd/system or the runlevel folders say so), and why. */
  notStarted: Array<{ path: string; why: string }>;
  /** The units the host starts at boot, where its etc/systemd/system says. */
  bootUnits?: BootUnits;
  moduleFiles: Array<{ path: string; doc: ModuleFile }>;
  modprobe: ModprobeDocument[];
  iptablesConfig: IptablesConfigDocument[];
  /** The sysctl files systemd-sysctl applies at boot (not ufw's own). */
  sysctl: SysctlDocument[];
  /** A sysctl file a firewall applies as it starts (ufw's own), and whether it surely does. */
  firewallSysctl?: UfwAppliedSysctl;
  /** Forwarding of each family as the firewalls set it when they start, after or beside the sysctl files. */
  setsForwarding: ForwardingSet[];
  /** The gateways .ftpwall.json names, nearest the clients first, each read as a host of its own. */
  gateways?: readonly Gateway[];
  /** hosts.allow and hosts.deny, for a server that asks libwrap whom to serve (vsftpd's tcp_wrappers=YES). */
  hostsAccess: HostsAccessDocument[];
}

/** A router in front of the host: its folder, and its files read as a host (it names no gateways of its own). */
export interface Gateway { readonly folder: string; readonly host: Host }

export interface HostFirewall { path: string; doc: FirewallFile & { readonly variants?: FirewallVariants } }

/** A checked file as the host model takes it: its language id and parsed document. */
export interface HostFile { path: string; languageId: string; doc: unknown }

/** `boot`: what starts things on the host at boot, read from its folder on disk unless given. */
export function buildHost(root: string, files: readonly HostFile[], config: HostConfig, isLoaded: (path: string) => boolean, boot: HostBoot = bootOnDisk(root)): Host {
  const units = boot.units;
  const host: Host = { root, files: files.map((f) => f.path), config, server: vsftpdFacts(undefined), servers: [], notRead: [], firewalls: [], notStarted: [], ...(units ? { bootUnits: units } : {}), moduleFiles: [], modprobe: [], iptablesConfig: [], sysctl: [], setsForwarding: [], hostsAccess: [] };
  const byName = [...files].sort((a, b) => Number(!/vsftpd\.conf$/.test(a.path)) - Number(!/vsftpd\.conf$/.test(b.path)) || a.path.localeCompare(b.path));
  const ufw: UfwFiles = { rules: new Map() };
  const firewalld: FirewalldDocument[] = [];
  const firewalldScripts: FirewalldScripts[] = [];
  const proftpd: Array<{ path: string; doc: ProftpdDocument }> = [];
  const pureOptions: PureOptionDocument[] = [];
  let pureConf: UpstreamConf | undefined;
  for (const file of byName) {
    switch (file.languageId) {
      case 'vsftpd': host.vsftpd ??= { path: file.path, doc: file.doc as VsftpdDocument }; break;
      case 'iptables': {
        const doc = file.doc as FirewallDocument;
        // ufw's rules files are loaded by ufw, together, never by themselves.
        const part = ufwRulesFile(file.path);
        if (part) { if (isLoaded(file.path)) ufw.rules.set(rulesKey(part.kind, part.family), { path: file.path, text: doc.text }); }
        else if (isLoaded(file.path)) host.firewalls.push({ path: file.path, doc });
        break;
      }
      case 'firewalld': if (isLoaded(file.path)) firewalld.push(file.doc as FirewalldDocument); break;
      // A switch's or router's saved configuration: its packet filters are its firewall.
      case 'comware': if (isLoaded(file.path)) host.firewalls.push({ path: file.path, doc: file.doc as ComwareDocument }); break;
      case 'proftpd': proftpd.push({ path: file.path, doc: file.doc as ProftpdDocument }); break;
      case 'pureftpd-option': pureOptions.push(file.doc as PureOptionDocument); break;
      case 'pureftpd-conf': pureConf ??= file.doc as UpstreamConf; break;
      case 'ufw-settings': {
        const doc = file.doc as UfwSettingsDocument;
        if (/ufw\.conf$/.test(file.path)) ufw.conf ??= doc;
        else ufw.defaults ??= doc;
        host.moduleFiles.push({ path: file.path, doc });
        break;
      }
      // An installation script: Anaconda's firewall command and the %post sections configure firewalld.
      case 'kickstart': {
        const doc = file.doc as KickstartDocument;
        const made = kickstartCommands(doc);
        if (isLoaded(file.path) && (made.commands.length || made.someWays.length || made.disabledAt || doc.firewall)) firewalldScripts.push({ path: doc.path, text: doc.text, ...made });
        break;
      }
      case 'ufw-applications': for (const section of (file.doc as UfwApplicationsDocument).sections) if (section.ports) (ufw.profiles ??= new Map()).set(section.name, section.ports.value); break;
      case 'iptables-script': {
        const doc = scriptInHost(file.doc as ScriptDocument, root, config, files, units);
        // Its ufw commands change ufw's saved state; a script that runs nothing else is not a firewall of its own.
        if (doc.ufwCommands.length && isLoaded(file.path)) (ufw.scripts ??= []).push({ path: doc.path, text: doc.text, ways: doc.variants.list.map((v) => ({ commands: v.ufwCommands ?? [], decisions: v.decisions })) });
        if (doc.firewalldCommands.length && isLoaded(file.path)) firewalldScripts.push(firewalldScriptOf(doc));
        if (isLoaded(file.path) && (doc.loadsRules || !(doc.ufwCommands.length || doc.firewalldCommands.length))) host.firewalls.push({ path: file.path, doc });
        host.moduleFiles.push({ path: file.path, doc });
        break;
      }
      case 'nftables': {
        const doc = file.doc as NftablesDocument;
        // Its includes are read with the host's files (the editor's open texts first).
        const read = doc.ruleset.unreadIncludes.length ? doc.inHost(nftIncludeReader(root, textsOf(files))) : doc;
        if (isLoaded(file.path)) host.firewalls.push({ path: file.path, doc: read });
        break;
      }
      case 'iptables-config': host.iptablesConfig.push(file.doc as IptablesConfigDocument); host.moduleFiles.push({ path: file.path, doc: file.doc as ModuleFile }); break;
      case 'modprobe': host.modprobe.push(file.doc as ModprobeDocument); host.moduleFiles.push({ path: file.path, doc: file.doc as ModuleFile }); break;
      case 'modules-load': host.moduleFiles.push({ path: file.path, doc: file.doc as ModuleFile }); break;
      // ufw applies its own sysctl file when it starts, not systemd-sysctl: see ufwFirewall.
      case 'sysctl': if (UFW_SYSCTL_NAME.test(file.path)) ufw.sysctl ??= file.doc as SysctlDocument; else host.sysctl.push(file.doc as SysctlDocument); break;
      // Only the host's own /etc/hosts.allow and /etc/hosts.deny: libwrap reads no others.
      case 'hosts-access': if (/^etc\/hosts\.(allow|deny)$/.test(relative(root, file.path).replace(/\\/g, '/'))) host.hostsAccess.push(file.doc as HostsAccessDocument); break;
      default: break;
    }
  }
  const started = (path: string, unit: string | undefined): boolean => {
    const why = whyNotStarted(root, path, unit, boot);
    if (why) host.notStarted.push({ path, why: `The host does not load this file at boot: ${why}. Its rules are left out of the verdicts.` });
    return why === undefined;
  };
  host.firewalls = host.firewalls.filter((f) => started(f.path, unitLoading(root, f.path)));
  // An init script that is not started loads no module either.
  if (host.notStarted.length) host.moduleFiles = host.moduleFiles.filter((m) => !host.notStarted.some((f) => f.path === m.path));
  const ufwMade = ufwFirewall(ufw);
  const ufwLoaded = ufwMade && started(ufwMade.path, UFW_UNIT) ? ufwMade : undefined;
  if (ufwLoaded) host.firewalls.push({ path: ufwLoaded.path, doc: ufwLoaded });
  const firewalldMade = firewalldFirewall(firewalld, firewalldScripts);
  const firewalldLoaded = firewalldMade && started(firewalldMade.path, FIREWALLD_UNIT) ? firewalldMade : undefined;
  if (firewalldLoaded) host.firewalls.push({ path: firewalldLoaded.path, doc: firewalldLoaded });
  // ufw's sysctl file without the rest of ufw: ufw is installed, but whether it is enabled is not known.
  const ufwSysctl = ufwLoaded ? ufwLoaded.appliedSysctl : ufwMade || !mayStart(units, UFW_UNIT) ? undefined : ufwAppliedSysctl(ufw, [true, false]);
  if (ufwSysctl) host.firewallSysctl = ufwSysctl;
  host.setsForwarding = [...ufwForwardingSets(ufwSysctl), ...firewalldLoaded?.setsForwarding ?? []];
  host.servers = [...(host.vsftpd ? [vsftpdFacts(host.vsftpd)] : []), ...proftpdServers(host, proftpd, files), ...pureftpdServers(host, pureOptions, pureConf, boot.pureftpd)];
  host.servers = host.servers.map((server) => withTcpWrappers(withInetdStarter(server, boot.starters, config.clientsFrom), host.hostsAccess, config.clientsFrom));
  host.server = host.servers[0] ?? vsftpdFacts(undefined);
  if (host.servers.length === 0) host.servers = [host.server];
  // A file a script loads with iptables-restore, or an nftables file includes, is loaded as part of that file, not by itself.
  const restored = new Set(host.firewalls.flatMap((f) => ('restores' in f.doc ? (f.doc as ScriptDocument).restores : 'ruleset' in f.doc ? (f.doc as NftablesDocument).ruleset.included : [])));
  if (restored.size) host.firewalls = host.firewalls.filter((f) => !restored.has(f.path));
  // Loaded by a script at boot, a file is started whether or not its own unit is.
  if (restored.size) host.notStarted = host.notStarted.filter((f) => !restored.has(f.path));
  return host;
}

/** Where rc-local.service looks for rc.local: Debian's systemd, and Red Hat's. */
const RC_LOCAL = ['etc/rc.local', 'etc/rc.d/rc.local'];

/** May the unit start at boot, as far as the host tells? */
function mayStart(units: BootUnits | undefined, unit: string): boolean {
  return !units || units.starts(unit);
}

/**
 * Why the host does not load a firewall file at boot (`unit`: the unit of its package that loads
 * it, if any); undefined when it does, or may as far as the host tells. A unit of the host's own
 * may load the file instead (ExecStart=/usr/sbin/nft -f /etc/nftables.conf). An init script is
 * started by its runlevel links, unless a unit of the host's own of its name (or a mask) stands
 * in its place, as systemd-sysv-generator then skips the script.
 */
function whyNotStarted(root: string, path: string, unit: string | undefined, { units, sysv, modes }: HostBoot): string | undefined {
  const inHost = relative(root, path).replace(/\\/g, '/');
  // Measured: systemd-rc-local-generator adds rc-local.service only for an executable rc.local.
  if (RC_LOCAL.includes(inHost) && modes && !modes.executable(inHost)) return `${inHost} is not executable, and systemd runs rc.local only when it is (chmod +x /${inHost})`;
  const loadedByOwnUnit = () => units?.loadsFile(`/${inHost}`) ?? false;
  if (unit) return mayStart(units, unit) || loadedByOwnUnit() ? undefined : units!.whyNot(unit);
  const script = initScriptName(inHost);
  if (script === undefined) return undefined;
  const own = `${script}.service`;
  if (units?.hasOwn(own)) return units.starts(own) || loadedByOwnUnit() ? undefined : units.whyNot(own);
  return !sysv || sysv.starts(script) || loadedByOwnUnit() ? undefined : `${inHost} is an init script, and ${sysv.whyNot(script)}`;
}

/** A script's firewall-cmd commands: those every way through it runs (in order), and those only some ways run. */
function firewalldScriptOf(doc: ScriptDocument): FirewalldScripts {
  const ways = doc.variants.list.map((v) => v.firewalldCommands ?? []);
  const key = (c: { line: number; args?: string[] | undefined; unknown?: string }) => `${c.line}\u0000${c.args?.join('\u0000') ?? c.unknown}`;
  const inEvery = (c: { line: number; args?: string[] | undefined }) => ways.every((way) => way.some((d) => key(d) === key(c)));
  const first = ways[0] ?? [];
  return { path: doc.path, text: doc.text, commands: first.filter(inEvery), someWays: doc.firewalldCommands.filter((c) => !inEvery(c)) };
}

/**
 * A script run again inside its host when running it alone asked about something outside it (a
 * file it sources or restores, a variable it does not set): now with the host's files and the
 * variables its .ftpwall.json pins.
 */
function scriptInHost(doc: ScriptDocument, root: string, config: HostConfig, files: readonly HostFile[], units: BootUnits | undefined): ScriptDocument {
  const inHost = relative(root, doc.path).replace(/\\/g, '/');
  const args = config.arguments[inHost] ?? units?.argumentsFor(`/${inHost}`);
  if (!doc.asksHost && !args) return doc;
  const texts = textsOf(files);
  const variables = new Map(Object.entries(config.variables));
  // Read in this host already (the CLI reads a script on disk with its host) and with the same texts: running again would read the same.
  if (ranAlike(doc, root, variables, texts, args)) return doc;
  return doc.inHost({ files: hostFiles(root, doc.path, texts), variables, root, ...(args ? { arguments: args } : {}) });
}

function ranAlike(doc: ScriptDocument, root: string, variables: ReadonlyMap<string, string>, texts: ReadonlyMap<string, string>, args: readonly string[] | undefined): boolean {
  const ran = doc.ranIn;
  if (!ran || ran.root !== root || ran.variables.size !== variables.size || ran.arguments?.join('\u0000') !== args?.join('\u0000')) return false;
  for (const [name, value] of variables) if (ran.variables.get(name) !== value) return false;
  // A file it did not find may be open in the editor now, under a path it cannot tell: run again.
  for (const [path, text] of ran.read) if (text === undefined || (texts.has(path) && texts.get(path) !== text)) return false;
  return true;
}

/**
 * ProFTPD's services: its configuration read from the main file (/etc/proftpd/proftpd.conf, or
 * /etc/proftpd.conf; a lone ProFTPD file otherwise) with its Includes, and one set of facts for
 * each server that listens (`Port 0` turns one off, but for the main server under inetd, which
 * takes the connections no virtual host claims whatever its Port says: measured).
 */
function proftpdServers(host: Host, docs: ReadonlyArray<{ path: string; doc: ProftpdDocument }>, files: readonly HostFile[]): ServerFacts[] {
  const main = docs.find((d) => MAIN_FILE.test(d.path)) ?? (docs.length === 1 ? docs[0] : undefined);
  if (!main) return [];
  const parsed = new Map<string, ProftpdFile>(docs.map((d) => [d.path, d.doc.file]));
  const configuration = readConfiguration(main.doc.file, proftpdIncludeReader(host.root, textsOf(files), parsed));
  host.proftpd = { path: main.path, configuration };
  const facts = configuration.servers.map((server) => proftpdFacts(configuration, server));
  const takesUnclaimedPorts = (f: ServerFacts) => f.perConnection?.byPort !== undefined && f.perConnection.byPort.vhost === undefined;
  return facts.filter((f) => f.controlPort !== 0 || takesUnclaimedPorts(f));
}

/**
 * Pure-FTPd: Debian's option folder when the host has one (Debian's pure-ftpd never reads
 * pure-ftpd.conf), upstream's pure-ftpd.conf otherwise.
 */
function pureftpdServers(host: Host, options: readonly PureOptionDocument[], conf: UpstreamConf | undefined, start: PureftpdStart | undefined): ServerFacts[] {
  if (options.length) {
    if (conf) host.notRead.push({ path: conf.path, why: 'Debian\'s pure-ftpd is started by pure-ftpd-wrapper, which reads only the files of /etc/pure-ftpd/conf (one file per option); this file changes nothing' });
    const facts = pureftpdFacts(optionFolderSource(options));
    return [start?.inetd ? leftToInetd(facts, start) : facts];
  }
  return conf ? [pureftpdFacts(upstreamSource(conf))] : [];
}

/** The texts of the host's files as they are read (the editor's open versions). */
function textsOf(files: readonly HostFile[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = (file.doc as { text?: unknown }).text;
    if (typeof text === 'string') texts.set(file.path, text);
  }
  return texts;
}
