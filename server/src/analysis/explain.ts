import type { HostPaths, PathVerdict } from '../engine/paths.js';

/** One path as `ftpwall explain --format json` and the editor's explain view give it (lines 0-based). */
export interface ExplainedPath {
  verdict: PathVerdict['verdict']; ports: string; reason: string; deciding: Array<{ file: string; line: number }>;
  /** For the control path: the port clients connect to, when it is not the server's (NAT sends it on, or should). */
  connectPort?: number;
  /** For passive data through a gateway, where kinds of clients differ: each kind's verdict. */
  byClient?: PathVerdict['byClient'];
}

export function explainPath(path: PathVerdict): ExplainedPath {
  return { verdict: path.verdict, ports: path.ports.toString().replace(/, /g, ','), reason: path.reason, deciding: path.deciding.map((d) => ({ file: d.path, line: d.line })), ...(path.byClient ? { byClient: path.byClient } : {}) };
}

type Three = Pick<HostPaths, 'control' | 'passive' | 'active'>;

/** The three paths as clients meet them: through the gateways where the host has any, else through its own firewall. */
export function explainPaths(paths: Three & Pick<HostPaths, 'network' | 'controlPorts'> & { server: Pick<HostPaths['server'], 'controlPort'> }): { control: ExplainedPath; passive: ExplainedPath; active: ExplainedPath } {
  const three = (of: Three, connect?: number) => ({
    control: { ...explainPath(of.control), ...(connect !== undefined && connect !== paths.server.controlPort ? { connectPort: connect } : {}) },
    passive: explainPath(of.passive), active: explainPath(of.active),
  });
  return three(paths.network ?? paths, paths.network ? undefined : paths.controlPorts?.connect);
}

export type ExplainedPaths = ReturnType<typeof explainPaths>;

/** With gateways in front: what each does to the paths, nearest the clients first, and what the host's own firewall does. */
export interface ExplainedHops { gateways?: Array<{ gateway: string; paths: ExplainedPaths }>; own?: ExplainedPaths }

/**
 * One host as `ftpwall explain --format json` gives it: the paths of its first FTP service and,
 * when it runs more than one (ProFTPD's virtual hosts), each service's by name.
 */
export interface ExplainedHost extends ExplainedHops {
  root: string; files: string[]; paths: ExplainedPaths; services?: Array<{ service: string; paths: ExplainedPaths }>;
  /** Where the server listens on IPv6 too: the paths over IPv6 (`paths` are over IPv4), and with gateways in front what each does over IPv6. */
  ipv6?: ExplainedPaths;
  ipv6Hops?: ExplainedHops;
}

/** What each gateway and the host's own firewall do to one family's paths, where gateways stand in front. */
function hopsOf(paths: Three & Pick<HostPaths, 'network'>, server: HostPaths['server']): ExplainedHops {
  const { network } = paths;
  if (!network) return {};
  return {
    gateways: network.hops.map((hop) => ({ gateway: hop.folder, paths: { control: explainPath(hop.control), passive: explainPath(hop.passive), active: explainPath(hop.active) } })),
    own: explainPaths({ ...paths, network: undefined, server }),
  };
}

/** A host as explain gives it, from the paths of each of its FTP services (the first one's are `paths`). */
export function explainedHost(root: string, files: string[], services: readonly HostPaths[]): ExplainedHost {
  const first = services[0]!;
  // A host with several FTP services (ProFTPD's virtual hosts) gets each service's paths by name.
  const named = services.length < 2 ? {} : { services: services.map((p) => ({ service: `${p.server.server} ${p.server.service ?? ''}`.trim(), paths: explainPaths(p) })) };
  const six = first.ipv6;
  const ipv6 = six ? { ipv6: explainPaths({ ...six, server: first.server }), ...(six.network ? { ipv6Hops: hopsOf(six, first.server) } : {}) } : {};
  return { root, files, paths: explainPaths(first), ...named, ...hopsOf(first, first.server), ...ipv6 };
}
