import type { Fix, TextEdit } from '../../core/findings.js';
import type { FactName, ServerFacts } from '../../engine/server-facts.js';
import { atoi, booleanValue, type ProftpdConfiguration, type ProftpdPlace, type ProftpdServer, type ProftpdSetting } from './configuration.js';
import type { ProftpdFile } from './syntax.js';

/** The directives that set each fact. */
const DIRECTIVE: Record<FactName, readonly string[]> = {
  controlPort: ['Port'], listen: ['Port'], ipv6: ['UseIPv6'],
  passive: ['PassivePorts'], passiveMin: ['PassivePorts'], passiveMax: ['PassivePorts'], announcedAddress: ['MasqueradeAddress'],
  active: ['RootRevoke'], activeSource: ['RootRevoke'],
  tls: ['TLSRequired', 'TLSEngine'],
};

const WORDING = {
  passiveOff: 'a <Limit PASV EPSV> with DenyAll',
  activeOff: 'RootRevoke on (ProFTPD then may not bind the port below 1024 that active data comes from)',
  randomActiveSource: 'ProFTPD picks a random source port unless RootRevoke is off',
  tlsOn: 'TLSRequired',
  ipv6On: 'UseIPv6 on',
  controlPort: "ProFTPD's Port",
  announcedAddress: 'MasqueradeAddress',
};

/** TLSRequired values that make the control connection encrypted for every client (mod_tls 2.9). */
const CONTROL_REQUIRED = new Set(['on', 'ctrl', 'auth', 'auth+data', '!data', 'yes', 'true', '1']);

/** Without PassivePorts: EPSV picks from 1024-65535 itself, PASV takes what the kernel gives (ip_local_port_range, 32768-60999 unless changed). */
const NO_PASSIVE_PORTS = { min: 1024, max: 65535, notes: ['no PassivePorts: EPSV picks any port from 1024 up, PASV takes one the kernel gives'] };

/** The settings of one server that apply to the server itself (not only inside a <Directory>, <Anonymous> or <Limit>), its own before <Global>'s. */
function serverSettings(configuration: ProftpdConfiguration, server: ProftpdServer): ProftpdSetting[] {
  const top = (s: ProftpdSetting) => s.within.every((w) => w.name.toLowerCase() === '<global>');
  return [...server.own.filter(top), ...configuration.global.filter(top)];
}

/** The port a server's settings give it (ProFTPD's first Port line; 21 without one). */
function portOf(settings: readonly ProftpdSetting[]): number {
  const port = settings.find((s) => s.name === 'Port');
  return port ? atoi(port.args[0]!) : 21;
}

/**
 * proftpd 1.3.8 run by a unit in this mode (standard input not a connection, as Debian's
 * proftpd.service runs it) exits with status 1 at once, saying why on standard error (measured).
 */
const STARTED_ALONE = 'proftpd then stops at once (status 1, "fatal: unable to get connection info: Socket operation on non-socket")';

/**
 * ServerType inetd: inetd, xinetd or a socket unit runs ProFTPD for each connection, and ProFTPD
 * serves it as the <VirtualHost> whose Port is the port it came in on, else as the main server,
 * whatever the main server's Port says (measured with proftpd 1.3.8 under systemd-socket-activate).
 */
function startedPerConnection(configuration: ProftpdConfiguration, server: ProftpdServer, mainSettings: readonly ProftpdSetting[], activeAt: (port: number) => Partial<ServerFacts>): Pick<ServerFacts, 'perConnection'> | undefined {
  const serverType = mainSettings.find((s) => s.name === 'ServerType');
  if (serverType?.args[0]?.toLowerCase() !== 'inetd') return undefined;
  const [main, ...vhosts] = configuration.servers;
  const byPort = server === main ? { vhostPorts: vhosts.map((v) => portOf(serverSettings(configuration, v))) } : { vhost: portOf(serverSettings(configuration, server)), vhostPorts: [] };
  return { perConnection: { binary: 'proftpd', setting: 'ServerType inetd', where: { file: serverType.place.path, range: serverType.place.range }, starterFiles: [], byPort, atPort: activeAt, startedAlone: STARTED_ALONE } };
}

/** Lines that say who may use them (Allow, AllowUser, Order ...): a <Limit> holding one denies only some clients. */
const GRANTS = /^(Allow|AllowAll|AllowUser|AllowGroup|AllowClass|Order|Deny|DenyUser|DenyGroup|DenyClass)$/;

/**
 * The FTP commands a <Limit> at the server's own level (or in <Global>) denies to everyone: it
 * holds DenyAll and nothing that lets some clients in.
 */
function deniedToAll(all: readonly ProftpdSetting[]): Set<string> {
  const denied = new Set<string>();
  const limitOf = (s: ProftpdSetting) => {
    const sections = s.within.filter((w) => w.name.toLowerCase() !== '<global>');
    return sections.length === 1 && sections[0]!.name.toLowerCase() === '<limit>' ? sections[0] : undefined;
  };
  for (const line of all) {
    const limit = limitOf(line);
    if (line.name !== 'DenyAll' || !limit) continue;
    // Lines of one section share its opening place.
    if (all.some((s) => limitOf(s)?.opened === limit.opened && GRANTS.test(s.name))) continue;
    for (const command of limit.args) denied.add(command.toUpperCase());
  }
  return denied;
}

/**
 * What ProFTPD does for one of its services, as the engine and host checks read it. ProFTPD takes
 * the first line of a directive that applies (its own before <Global>'s); a <VirtualHost> does
 * not inherit the main server's lines.
 */
export function proftpdFacts(configuration: ProftpdConfiguration, server: ProftpdServer): ServerFacts {
  const settings = serverSettings(configuration, server);
  const everything = [...server.own, ...configuration.global];
  const denied = deniedToAll(everything);
  // Passive mode is off only when both of its commands are denied (a client refused PASV may ask EPSV); active likewise with PORT and EPRT.
  const passiveOff = denied.has('PASV') && denied.has('EPSV');
  const activeOff = denied.has('PORT') && denied.has('EPRT');
  const first = (name: string) => settings.find((s) => s.name === name);
  const mainSettings = serverSettings(configuration, configuration.servers[0]!);
  const controlPort = portOf(settings);
  const passivePorts = first('PassivePorts');
  const rootRevoke = first('RootRevoke');
  const revoke = rootRevoke ? booleanValue(rootRevoke.args[0]!) : undefined;
  // RootRevoke on: ProFTPD refuses to bind a port below 1024 for active data, so active transfers fail.
  // Active data leaves from the port below the one the control connection came in on.
  const activeAt = (port: number) => ({ active: !(revoke === true && port - 1 < 1024) && !activeOff, activeSourcePort: revoke === false ? port - 1 : undefined, fixedActivePort: port - 1 });
  const tlsEngine = first('TLSEngine');
  const tlsOn = tlsEngine !== undefined && booleanValue(tlsEngine.args[0]!) === true;
  const required = first('TLSRequired');
  const tlsRequired = tlsOn && required !== undefined && CONTROL_REQUIRED.has(required.args[0]!.toLowerCase());
  const useIpv6 = mainSettings.find((s) => s.name === 'UseIPv6');
  const fileOf = (path: string) => configuration.files.find((f) => f.path === path);
  const mainPath = configuration.files[0]!.path;
  const anchorOf = (at: ProftpdPlace) => ({ file: at.path, range: at.range });
  const fallback = server.declared ?? configuration.servers[0]!.declared;
  const mainFile = fileOf(mainPath);
  const wholeFile = mainFile ? { file: mainPath, range: mainFile.entries[0]?.range ?? mainFile.lines.range(0, 0) } : undefined;

  /** Sets a directive: its line that applies is rewritten, or a line is added where this server's lines go. */
  const setDirective = (name: string, value: string, title: string, preferred = false): Fix | undefined => {
    const existing = settings.find((s) => s.name === name);
    const edit = existing ? rewrite(fileOf(existing.place.path), existing.place, `${name} ${value}`) : addLine(server, fileOf, mainPath, `${name} ${value}`);
    if (!edit) return undefined;
    return { title, edits: { [edit.path]: [edit.edit] }, safe: false, ...(preferred ? { preferred } : {}) };
  };

  return {
    server: 'ProFTPD',
    ...(configuration.servers.length > 1 ? { service: server.label } : {}),
    path: mainPath,
    controlPort,
    passive: !passiveOff,
    passiveRange: passivePorts ? { min: atoi(passivePorts.args[0]!), max: atoi(passivePorts.args[1]!), notes: [] } : NO_PASSIVE_PORTS,
    announcedAddress: first('MasqueradeAddress')?.args[0],
    ...activeAt(controlPort),
    tls: tlsRequired,
    ...(tlsOn && !tlsRequired ? { tlsOptional: { why: 'whether the client uses TLS: TLSEngine is on but TLSRequired does not require it, and a client that encrypts the control connection blinds the helper', where: anchorOf(tlsEngine!.place) } } : {}),
    ipv6: useIpv6 ? booleanValue(useIpv6.args[0]!) === true : true,
    ...startedPerConnection(configuration, server, mainSettings, activeAt) ?? { startedBy: { unitPrefix: 'proftpd', binary: 'proftpd' } },
    wording: activeOff ? { ...WORDING, activeOff: 'a <Limit PORT EPRT> with DenyAll' } : WORDING,
    ...refusal(configuration),
    ...(configuration.unread.length ? { unknowns: configuration.unread.map((u) => ({ why: u.why, where: u.place })) } : {}),
    anchor(...facts) {
      for (const fact of facts) {
        const line = settings.find((s) => DIRECTIVE[fact].includes(s.name));
        if (line) return anchorOf(line.place);
      }
      return fallback ? anchorOf(fallback) : wholeFile;
    },
    setPassiveRange(low, high) {
      return setDirective('PassivePorts', `${low} ${high}`, `Set ProFTPD's passive range to ${low}-${high} (PassivePorts${server.declared ? ` in ${server.label}` : ''})`);
    },
    setAnnouncedAddress(address) {
      return setDirective('MasqueradeAddress', address, `Set MasqueradeAddress ${address}${server.declared ? ` in ${server.label}` : ''}`, true);
    },
    useFixedActivePort() {
      return setDirective('RootRevoke', 'off', 'Set RootRevoke off, so that active data comes from the port below the control port');
    },
  };
}

/** ProFTPD's first fatal error in the main file: it does not start. */
function refusal(configuration: ProftpdConfiguration): Pick<ServerFacts, 'refusesToStart'> {
  const first = configuration.problems.find((p) => p.kind === 'refused');
  return first ? { refusesToStart: { why: first.message, where: { file: first.place.path, range: first.place.range } } } : {};
}

/** A directive line replaced by new text, keeping its indentation. */
function rewrite(file: ProftpdFile | undefined, at: ProftpdPlace, text: string): { path: string; edit: TextEdit } | undefined {
  return file ? { path: file.path, edit: { range: at.range, newText: text } } : undefined;
}

/** A new line for a server: before its </VirtualHost>, or at the end of the main file for the main server. */
function addLine(server: ProftpdServer, fileOf: (path: string) => ProftpdFile | undefined, mainPath: string, text: string): { path: string; edit: TextEdit } | undefined {
  if (server.closed) {
    const file = fileOf(server.closed.path);
    if (!file) return undefined;
    const start = file.lines.lineStarts[server.closed.line]!;
    const indent = /^[ \t]*/.exec(file.lines.lineText(server.declared!.line))![0];
    const at = file.lines.positionAt(start);
    return { path: file.path, edit: { range: { start: at, end: at }, newText: `${indent}  ${text}\n` } };
  }
  const file = fileOf(mainPath);
  if (!file) return undefined;
  // Before the main file's first Include: an included file that fails makes ProFTPD stop reading the main file there.
  const include = firstTopLevelInclude(file);
  if (include) {
    const at = file.lines.positionAt(file.lines.lineStarts[include.range.start.line]!);
    return { path: file.path, edit: { range: { start: at, end: at }, newText: `${text}\n` } };
  }
  const end = file.lines.positionAt(file.text.length);
  const needsBreak = file.text.length > 0 && !file.text.endsWith('\n');
  return { path: file.path, edit: { range: { start: end, end }, newText: `${needsBreak ? '\n' : ''}${text}\n` } };
}

function firstTopLevelInclude(file: ProftpdFile) {
  let depth = 0;
  for (const entry of file.entries) {
    const name = entry.name.value.toLowerCase();
    if (name.startsWith('</')) depth--;
    else if (name.startsWith('<')) depth++;
    else if (depth === 0 && name === 'include') return entry;
  }
  return undefined;
}
