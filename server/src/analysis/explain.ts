import type { HostPaths, PathVerdict } from '../engine/paths.js';

/** One path as `ftpwall explain --format json` and the editor's explain view give it (lines 0-based). */
export interface ExplainedPath {
  verdict: PathVerdict['verdict']; ports: string; reason: string; deciding: Array<{ file: string; line: number }>;
  /** For the control path: the port clients connect to, when it is not the server's (NAT sends it on, or should). */
  connectPort?: number;
}

export function explainPath(path: PathVerdict): ExplainedPath {
  return { verdict: path.verdict, ports: path.ports.toString().replace(/, /g, ','), reason: path.reason, deciding: path.deciding.map((d) => ({ file: d.path, line: d.line })) };
}

export function explainPaths(paths: HostPaths): { control: ExplainedPath; passive: ExplainedPath; active: ExplainedPath } {
  const connect = paths.controlPorts?.connect;
  const control = { ...explainPath(paths.control), ...(connect !== undefined && connect !== paths.server.controlPort ? { connectPort: connect } : {}) };
  return { control, passive: explainPath(paths.passive), active: explainPath(paths.active) };
}

export type ExplainedPaths = ReturnType<typeof explainPaths>;

/**
 * One host as `ftpwall explain --format json` gives it: the paths of its first FTP service and,
 * when it runs more than one (ProFTPD's virtual hosts), each service's by name.
 */
export interface ExplainedHost { root: string; files: string[]; paths: ExplainedPaths; services?: Array<{ service: string; paths: ExplainedPaths }> }

/** The host's services for ExplainedHost: nothing when it has one. */
export function explainServices(services: readonly HostPaths[]): Pick<ExplainedHost, 'services'> {
  if (services.length < 2) return {};
  return { services: services.map((p) => ({ service: `${p.server.server} ${p.server.service ?? ''}`.trim(), paths: explainPaths(p) })) };
}
