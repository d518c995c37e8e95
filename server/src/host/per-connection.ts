import type { ClientRefusal, ServerFacts } from '../engine/server-facts.js';
import { basename } from './inetd-conf.js';
import type { InetdLaunch, InetdStarters } from './inetd-launch.js';
import type { ClientSide } from '../engine/client-side.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import { xinetdServes } from './xinetd-access.js';

const anchorOf = (launch: InetdLaunch) => ({ file: launch.where.path, range: launch.where.range });

/**
 * A server started for each connection (vsftpd with listen=NO and listen_ipv6=NO, ProFTPD with
 * ServerType inetd) as the host's inetd or xinetd starts it: on the port of an entry it gets the
 * connections of (see servesPort), over the entry's families, bound where the entry binds, with
 * libwrap asked first where tcpd or xinetd asks it, and refused to the clients xinetd's
 * only_from and no_access may leave out. The server's own port and address settings are not
 * read in this mode. Where no entry of the host's runs it, only which files were looked in is
 * added (the verdicts stay as the server's own settings make them; ftp/not-started-by-inetd says so).
 */
export function withInetdStarter(server: ServerFacts, starters: InetdStarters | undefined, clients?: ClientSide): ServerFacts {
  const per = server.perConnection;
  if (!per || !starters) return server;
  const runsIt = starters.launches.filter((l) => basename(l.runs) === per.binary && servesPort(per.byPort, l.port));
  // The entry that starts it; else one that would, for the port the administrator meant.
  const launch = runsIt.find((l) => !l.off) ?? runsIt[0];
  const starter = launch ? { shown: launch.shown, where: launch.where, ...(launch.off ? { off: launch.off.why } : {}) } : undefined;
  const nothingStarts = !starter && starters.nothingElse ? { nothingStarts: starters.nothingElse } : {};
  const facts: ServerFacts = { ...server, perConnection: { ...per, starterFiles: starters.files, ...(starter ? { starter } : {}), ...nothingStarts } };
  if (!launch) return facts;
  const where = anchorOf(launch);
  if (launch.off?.refused) return { ...facts, refusesToStart: { why: launch.off.why, where } };
  if (launch.port === undefined) return facts;
  // inetd.conf's "tcp" and "tcp6" lines of one service are one service on two sockets.
  const together = launch.off ? [launch] : runsIt.filter((l) => !l.off && l.port === launch.port);
  const ipv4 = together.some((l) => l.ipv4), ipv6 = together.some((l) => l.ipv6);
  const refusal = !ipv4 && !ipv6 ? 'Debian\'s openbsd-inetd opens no socket for it (none for the protocol "tcp46", none for an address of the family the protocol leaves out)' : undefined;
  const bound = launch.address ?? (!ipv4 ? '::' : undefined);
  const access = launch.access.length ? xinetdAccess(server, launch, clients) : undefined;
  return {
    ...facts,
    controlPort: launch.port,
    ...per.atPort?.(launch.port),
    ipv6,
    ...(bound ? { listensOn: { address: bound, setting: launch.shown, where, ...(!ipv4 ? { onlyIpv6: true } : {}) } } : {}),
    ...(refusal ? { refusesToStart: { why: refusal, where } } : {}),
    ...(launch.libwrapName && !server.tcpWrappers ? { tcpWrappers: { daemon: launch.libwrapName, where, asks: `${launch.by} asks libwrap whether to run ${basename(launch.runs)} for each client (${launch.shown})` } } : {}),
    ...(access ? { refusesClients: access } : {}),
    wording: { ...server.wording, controlPort: `the port of ${launch.shown}`, ipv6On: launch.shown },
    anchor: (...names) => (names[0] === 'controlPort' || names[0] === 'ipv6' || names[0] === 'listen' ? where : server.anchor(...names)),
  };
}

/** Does this server get the connections of an entry on `port` (ProFTPD picks its virtual host by the port)? */
function servesPort(byPort: NonNullable<ServerFacts['perConnection']>['byPort'], port: number | undefined): boolean {
  if (!byPort || port === undefined) return true;
  return byPort.vhost !== undefined ? port === byPort.vhost : !byPort.vhostPorts.includes(port);
}

/**
 * xinetd's only_from and no_access, for the clients .ftpwall.json names (see xinetdServes): it
 * runs the server for all of them, none, or some; its access_times: whether it runs it at all
 * turns on the hour.
 */
function xinetdAccess(server: ServerFacts, launch: InetdLaunch, clients: ClientSide | undefined): (family: AddressFamily) => ClientRefusal | undefined {
  const lines = launch.access.map((a) => `${a.file.split('/').pop()}:${a.line + 1} ("${a.text}")`).join(', ');
  const where = launch.access.map((a) => ({ path: a.file, range: a.range, line: a.line }));
  const timed = launch.access.some((a) => /^access_times\b/.test(a.text));
  return (family) => {
    const network = family === 'ipv4' ? clients?.network : clients?.network6;
    const served = timed ? 'some' : xinetdServes(launch.clientLists ?? {}, network, family);
    if (served === 'all') return undefined;
    const who = network ? `clients from ${network}` : `${family === 'ipv6' ? 'IPv6' : 'IPv4'} clients`;
    const one = launch.access.length === 1;
    if (served === 'none') return { outcome: 'refused', where, reason: `xinetd runs ${server.server} for none of the ${who}: ${lines} ${one ? 'leaves' : 'leave'} them out, so it closes the connection before ${server.server} runs, whatever the firewall lets through.` };
    const unknown = network || timed ? '' : ' Give the clients\' network in .ftpwall.json "clientsFrom" to have it judged.';
    const turns = timed
      ? `the time of day: ${lines} ${one ? 'lets' : 'let'} it run only at some hours`
      : `which client it is: ${lines} ${one ? 'lets' : 'let'} in some of them and not others, or ${one ? 'names' : 'name'} clients by host or domain names, which ftpwall does not look up`;
    return {
      outcome: 'depends',
      about: timed ? 'which clients, and at what time, xinetd runs the server for (only_from, no_access, access_times)' : 'which clients xinetd runs the server for (only_from, no_access)',
      where,
      reason: `Whether xinetd runs ${server.server} for the ${who} depends on ${turns}.${unknown}`,
    };
  };
}
