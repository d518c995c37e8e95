import { isIP } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Location } from '../languages/iptables/ruleset.js';
import type { BootUnits } from './boot-units.js';
import { socketLaunches } from './socket-units.js';
import { INIT_SCRIPT_FOLDERS } from './sysv-links.js';
import { basename, inetdEntries, inetdFamilies } from './inetd-conf.js';
import type { XinetdClientLists } from './xinetd-access.js';
import { readXinetd, serviceAssignments, serviceValues, type XinetdAssignment, type XinetdConfiguration, type XinetdFiles, type XinetdService } from './xinetd-conf.js';

/**
 * An entry of inetd.conf or of xinetd's files that starts a program for each connection: the
 * port and families it listens on (as the real daemons do, measured), the address it binds, and
 * what it asks before running the program.
 */
export interface InetdLaunch {
  readonly by: 'inetd' | 'xinetd' | 'systemd';
  /** The program run for each connection (the one tcpd wraps, where tcpd stands between). */
  readonly runs: string;
  /** Undefined where the service's name is not one ftpwall knows and the host has no etc/services that names it. */
  readonly port: number | undefined;
  readonly ipv4: boolean;
  readonly ipv6: boolean;
  /** The one address it binds, where the entry names one. */
  readonly address?: string;
  /** Why the entry starts nothing (disabled, or refused by the daemon); undefined where it does. */
  readonly off?: { readonly why: string; readonly refused: boolean };
  /** The name libwrap is asked about before the program runs: tcpd's, or xinetd's own. */
  readonly libwrapName?: string;
  /** xinetd's only_from and no_access lines for the entry, and its access_times (when it serves at all). */
  readonly access: readonly XinetdAssignment[];
  /** xinetd's only_from and no_access as it applies them. */
  readonly clientLists?: XinetdClientLists;
  readonly where: Location;
  /** The entry as messages quote it ("inetd.conf:3", "xinetd.d/vsftpd: service ftp"). */
  readonly shown: string;
}

/**
 * What a host starts programs for each connection with: the inetd and xinetd files read
 * (host-relative), and each entry of theirs, or of a socket unit of the host's own, that runs a
 * program. `nothingElse`: why the host can start no program for each connection beyond these
 * launches, where its files tell (see nothingElseStarts).
 */
export interface InetdStarters { readonly files: readonly string[]; readonly launches: readonly InetdLaunch[]; readonly nothingElse?: string }

const XINETD_CONF = 'etc/xinetd.conf';

/** The ports of the service names an FTP entry uses, for a host without etc/services (they are IANA's, and every /etc/services has them). */
const WELL_KNOWN: Readonly<Record<string, number>> = { ftp: 21, 'ftp-data': 20, ftps: 990 };

/** A host's etc/services: the TCP port of each name and alias. */
function servicePorts(text: string | undefined): Map<string, number> {
  const ports = new Map(Object.entries(WELL_KNOWN));
  for (const line of (text ?? '').split('\n')) {
    const [name, portProtocol, ...aliases] = line.replace(/#.*/, '').trim().split(/\s+/);
    const match = /^(\d+)\/tcp$/.exec(portProtocol ?? '');
    if (!name || !match) continue;
    for (const each of [name, ...aliases]) ports.set(each, Number(match[1]));
  }
  return ports;
}

function portOf(service: string, ports: ReadonlyMap<string, number>): number | undefined {
  return /^\d+$/.test(service) ? Number(service) : ports.get(service);
}

/** Reads a host's files by host-relative path, for the starters. */
export function filesOnDisk(root: string): XinetdFiles {
  return {
    read: (path) => { try { return statSync(join(root, path)).size <= 1 << 20 ? readFileSync(join(root, path), 'latin1') : undefined; } catch { return undefined; } },
    list: (folder) => { try { return readdirSync(join(root, folder)); } catch { return undefined; } },
  };
}

/**
 * The inetd (Debian's openbsd-inetd) and xinetd entries a host's etc/ holds, and its socket units
 * that accept connections; undefined where it holds none of them.
 */
export function inetdStarters(files: XinetdFiles, root: string, units?: BootUnits): InetdStarters | undefined {
  const ports = servicePorts(files.read('etc/services'));
  const inetdText = files.read('etc/inetd.conf');
  // Without xinetd.conf, Debian's xinetd reads etc/xinetd.d (its own xinetd.conf says only that).
  const xinetdConf = files.read(XINETD_CONF);
  const asRead = { ...files, read: (path: string) => (path === XINETD_CONF ? xinetdConf ?? 'includedir /etc/xinetd.d\n' : files.read(path)) };
  const xinetd = xinetdConf !== undefined || files.list('etc/xinetd.d') ? readXinetd(XINETD_CONF, asRead) : undefined;
  const sockets = socketLaunches(units, root);
  if (inetdText === undefined && !xinetd) {
    const nothingElse = nothingElseStarts(files, units);
    return sockets.length === 0 && !nothingElse ? undefined : { files: [], launches: sockets, ...(nothingElse ? { nothingElse } : {}) };
  }
  const inetdOff = units && !units.starts('inetd.service') ? `inetd itself is not started at boot: ${units.whyNot('inetd.service')}` : undefined;
  const launches = [
    ...(inetdText === undefined ? [] : inetdLaunches(inetdText, join(root, 'etc/inetd.conf'), ports, inetdOff)),
    ...(xinetd ? xinetd.services.flatMap((s) => xinetdLaunch(xinetd, s, root, ports) ?? []) : []),
    ...sockets,
  ];
  const read = [...(inetdText === undefined ? [] : ['etc/inetd.conf']), ...(xinetd?.files.filter((f) => xinetdConf !== undefined || f !== XINETD_CONF) ?? [])];
  return { files: read, launches };
}

/** Units that run an inetd or xinetd, under the names Debian's packages give them. */
const INETD_UNIT = /^((openbsd-|inetutils-|rl)?inetd|xinetd)\.service$/;

/**
 * On a host without inetd.conf or xinetd files, why nothing but its own socket units can start
 * a program for each connection: it boots with systemd (its etc/systemd/system says which units
 * start), and starts no inetd or xinetd unit, no socket unit named for FTP whose file it does not
 * hold, and holds no inetd init script. Undefined where the host does not say.
 */
function nothingElseStarts(files: XinetdFiles, units: BootUnits | undefined): string | undefined {
  if (!units) return undefined;
  const started = units.started();
  if (started.some((unit) => INETD_UNIT.test(unit))) return undefined;
  if (started.some((unit) => unit.endsWith('.socket') && /ftp/i.test(unit) && units.unitText(unit) === undefined)) return undefined;
  if (INIT_SCRIPT_FOLDERS.some((folder) => (files.list(folder) ?? []).some((script) => /inetd/.test(script)))) return undefined;
  return 'the host boots with systemd, starts no inetd or xinetd (it holds no etc/inetd.conf, no xinetd files, and enables no inetd unit) and no socket unit of its own that runs it';
}

function inetdLaunches(text: string, path: string, ports: ReadonlyMap<string, number>, off: string | undefined): InetdLaunch[] {
  return inetdEntries(text).flatMap((entry) => {
    const protocolFamilies = inetdFamilies(entry.protocol);
    if (!protocolFamilies) return [];
    // Measured: "127.0.0.1:ftp" with "tcp" opens the one IPv4 socket; an address has one family.
    const kind = entry.address ? isIP(entry.address) : 0;
    const families = kind === 4 ? { ipv4: protocolFamilies.ipv4, ipv6: false } : kind === 6 ? { ipv4: false, ipv6: protocolFamilies.ipv6 } : protocolFamilies;
    return [{
      by: 'inetd' as const,
      runs: entry.runs,
      port: portOf(entry.service, ports),
      ...families,
      ...(entry.address ? { address: entry.address } : {}),
      ...(off ? { off: { why: off, refused: false } } : {}),
      ...(entry.wrapped ? { libwrapName: basename(entry.runs) } : {}),
      access: [],
      where: { path, range: entry.range, line: entry.line },
      shown: `inetd.conf:${entry.line + 1} ("${entry.text}")`,
    }];
  });
}

const yes = (values: readonly string[] | undefined) => values?.[0]?.toLowerCase() === 'yes';
const optional = <K extends string>(key: K, values: readonly string[] | undefined) => (values ? { [key]: values } as Record<K, readonly string[]> : {});

/** A stream service of xinetd's that runs a program, as xinetd 2.3.15 (Debian's, built with libwrap) starts it. */
function xinetdLaunch(configuration: XinetdConfiguration, service: XinetdService, root: string, ports: ReadonlyMap<string, number>): InetdLaunch | undefined {
  const value = (attribute: string) => serviceValues(configuration, service, attribute);
  const server = value('server')?.[0];
  const types = value('type') ?? [];
  if (!server || types.includes('INTERNAL') || (value('socket_type')?.[0] ?? 'stream') !== 'stream') return undefined;
  const flags = value('flags') ?? [];
  const args = value('server_args') ?? [];
  const id = value('id')?.[0] ?? service.name;
  const runs = basename(server) === 'tcpd' && args[0] ? args[0] : server;
  const listed = portOf(service.name, ports);
  const written = value('port')?.[0];
  const unlisted = types.includes('UNLISTED');
  const port = unlisted ? (written && /^\d+$/.test(written) ? Number(written) : undefined) : listed;
  const bind = (value('bind') ?? value('interface'))?.[0];
  const kind = bind ? isIP(bind) : 0;
  // Measured: with neither flag (or IPv6), or bound to "::", xinetd listens on an IPv6 socket that takes IPv4 clients as well.
  const families = kind === 4 || (kind === 0 && flags.includes('IPv4')) ? { ipv4: true, ipv6: false } : kind === 6 ? { ipv4: bind === '::', ipv6: true } : { ipv4: true, ipv6: true };
  const enabled = configuration.defaults?.values('enabled');
  const disabledBy = yes(value('disable')) ? 'disable = yes'
    : flags.includes('DISABLE') ? 'flags = DISABLE'
    : configuration.defaults?.values('disabled')?.includes(id) ? `the defaults entry's disabled = ${id}`
    : enabled && !enabled.includes(id) ? `the defaults entry's enabled list, which leaves out ${id}` : undefined;
  // Measured: xinetd refuses a listed service whose port differs from etc/services ("Service ftp expects port 21, not 2121").
  const refusal = !unlisted && listed === undefined ? `xinetd refuses the service: "${service.name}" is not in etc/services and the entry is not of type UNLISTED`
    : !unlisted && written !== undefined && Number(written) !== listed ? `xinetd refuses the service ("Service ${service.name} expects port ${listed}, not ${written}"): a service of etc/services keeps its port unless the entry is of type UNLISTED`
    : undefined;
  const libwrap = value('libwrap')?.[0] ?? basename(flags.includes('NAMEINARGS') && args[0] ? args[0] : server);
  const path = join(root, service.file);
  return {
    by: 'xinetd',
    runs,
    port,
    ...families,
    ...(bind ? { address: bind } : {}),
    ...(refusal ? { off: { why: refusal, refused: true } } : disabledBy ? { off: { why: `xinetd starts nothing for it: ${disabledBy}`, refused: false } } : {}),
    libwrapName: libwrap,
    access: ['only_from', 'no_access', 'access_times'].flatMap((attribute) => serviceAssignments(configuration, service, attribute)).map((a) => ({ ...a, file: join(root, a.file) })),
    clientLists: { ...optional('onlyFrom', value('only_from')), ...optional('noAccess', value('no_access')) },
    where: { path, range: service.range, line: service.line },
    shown: `${service.file.replace(/^etc\//, '')}:${service.line + 1} (service ${service.name})`,
  };
}
