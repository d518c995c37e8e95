import type { TextEdit } from '../core/findings.js';
import { writerFor } from '../engine/firewall-file.js';
import { neighbourDiscoveryDrop } from '../engine/paths.js';
import type { Host } from '../host/host.js';

/**
 * Where a host's IPv6 rules drop neighbour discovery: the edit that accepts ICMPv6 just before
 * what drops it, in the file that drops it (the server's own firewall, or a router's in front of
 * it, whose neighbours must find it as well). Undefined where the file has no such edit.
 */
export function neighbourDiscoveryEdit(host: Host): { path: string; edit: TextEdit; title: string } | undefined {
  const found = neighbourDiscoveryDrop(host);
  if (!found) return undefined;
  const target = writerFor(found.firewall, 'ipv6');
  const edit = target?.intents.acceptNeighbourDiscovery?.(found.dropped, { comment: 'ftpwall: IPv6 neighbour discovery' });
  const path = target?.intents.fileOf?.('accept-neighbour-discovery') ?? target?.path;
  return path && edit ? { path, edit, title: `Accept ICMPv6 (neighbour discovery) before ${found.dropped.by}` } : undefined;
}
