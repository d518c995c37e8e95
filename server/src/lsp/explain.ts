import type { HostPaths, PathVerdict } from '../engine/paths.js';

/** The explain view's data: the same shape as `ftpwall explain --format json` gives for a host's paths. */
export function explainPaths(paths: HostPaths) {
  const one = (p: PathVerdict) => ({ verdict: p.verdict, ports: p.ports.toString().replace(/, /g, ','), reason: p.reason, deciding: p.deciding.map((d) => ({ file: d.path, line: d.line })) });
  return { control: one(paths.control), passive: one(paths.passive), active: one(paths.active) };
}
