import { isIP } from 'node:net';
import type { Location } from '../languages/iptables/ruleset.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import type { PathName, PathVerdict } from './paths.js';
import { PortSet } from './port-set.js';
import type { ServerFacts } from './server-facts.js';

/*
 * What the server itself lets through, after the firewall has had its say: the address it
 * listens on, and whom it turns away (libwrap). Neither is a firewall's doing, so a path blocked
 * here is marked, and the firewall checks offer no rule for it.
 */

/** The paths as the server itself lets clients of a family reach it: the address it listens on first, then whom it refuses. */
export function afterServer<P extends Record<PathName, PathVerdict>>(paths: P, server: ServerFacts, family: AddressFamily): P {
  const unreachable = unreachableAddress(server, family);
  return unreachable ? blockedByServer(paths, 'listen-address', unreachable.reason, unreachable.where) : afterServerRefusal(paths, server, family);
}

/**
 * Where the server binds an address no client of the family reaches: a loopback one (no other
 * host connects to it), or one of the other family (a socket on an IPv6 address takes no IPv4
 * client, one on an IPv4 address no IPv6 client). "::" takes both.
 */
function unreachableAddress(server: ServerFacts, family: AddressFamily): { reason: string; where: Location[] } | undefined {
  const bound = server.listensOn;
  const kind = bound ? isIP(bound.address) : 0;
  if (!bound || kind === 0 || /^::ffff:/i.test(bound.address)) return undefined;
  const written6 = kind === 6 ? canonicalIpv6(bound.address) : undefined;
  if (kind === 6 && written6 === undefined) return undefined;
  const loopback = kind === 4 ? bound.address.startsWith('127.') : written6 === '::1';
  const otherFamily = kind === 4 ? family === 'ipv6' : family === 'ipv4' && (written6 !== '::' || !!bound.onlyIpv6);
  if (!loopback && !otherFamily) return undefined;
  const where = bound.where ? [{ path: bound.where.file, range: bound.where.range, line: bound.where.range.start.line }] : [];
  const what = loopback ? 'a loopback address: no client on another host can connect'
    : bound.onlyIpv6 && written6 === '::' ? 'an IPv6 socket that takes no IPv4 client' : `an IPv${kind} address: no IPv${kind === 4 ? 6 : 4} client can connect`;
  return { where, reason: `${server.server} listens only on ${bound.address} (${bound.setting}), ${what}, whatever the firewall lets through.` };
}

/** An IPv6 address in its shortest form ("0:0::1" is "::1"); undefined for one with a zone ("fe80::1%eth0") or that cannot be read. */
function canonicalIpv6(address: string): string | undefined {
  try { return new URL(`http://[${address}]`).hostname.slice(1, -1); } catch { return undefined; }
}

/** Every path but a disabled one blocked by the server itself: no firewall rule opens it. */
function blockedByServer<P extends Record<PathName, PathVerdict>>(paths: P, by: NonNullable<PathVerdict['refusedByServer']>, reason: string, where: readonly Location[]): P {
  const block = (path: PathVerdict): PathVerdict => {
    if (path.verdict === 'disabled') return path;
    return { verdict: 'blocked', ports: path.ports, reason, deciding: [...where], outcomes: [], open: PortSet.EMPTY, blocked: path.ports, refusedByServer: by };
  };
  return { ...paths, control: block(paths.control), passive: block(paths.passive), active: block(paths.active) };
}

/**
 * The paths where the server itself turns clients away (libwrap): blocked for every client it
 * refuses, whatever the firewall lets through; where only some are refused, or it cannot be told
 * which, a path the firewall lets through depends on the client.
 */
function afterServerRefusal<P extends Record<PathName, PathVerdict>>(paths: P, server: ServerFacts, family: AddressFamily): P {
  const refusal = server.refusesClients?.(family);
  if (!refusal) return paths;
  const dependsOn = refusal.where.map((where) => ({ why: refusal.about ?? 'which clients the server turns away (hosts.allow, hosts.deny)', where }));
  if (refusal.outcome === 'refused') return blockedByServer(paths, 'libwrap', refusal.reason, refusal.where);
  const judged = (path: PathVerdict): PathVerdict => {
    if (path.verdict === 'disabled' || path.verdict === 'blocked' || path.verdict === 'unknown') return path;
    const reason = `${path.verdict === 'conditional' ? `${path.reason} ` : ''}${refusal.reason}`;
    return { ...path, verdict: 'conditional', reason, open: PortSet.EMPTY, dependsOn: [...(path.dependsOn ?? []), ...dependsOn] };
  };
  return { ...paths, control: judged(paths.control), passive: judged(paths.passive), active: judged(paths.active) };
}
