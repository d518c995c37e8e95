import type { HostPaths, PathVerdict } from '../engine/paths.js';

/** One path as `ftpwall explain --format json` and the editor's explain view give it (lines 0-based). */
export interface ExplainedPath { verdict: PathVerdict['verdict']; ports: string; reason: string; deciding: Array<{ file: string; line: number }> }

export function explainPath(path: PathVerdict): ExplainedPath {
  return { verdict: path.verdict, ports: path.ports.toString().replace(/, /g, ','), reason: path.reason, deciding: path.deciding.map((d) => ({ file: d.path, line: d.line })) };
}

export function explainPaths(paths: HostPaths): { control: ExplainedPath; passive: ExplainedPath; active: ExplainedPath } {
  return { control: explainPath(paths.control), passive: explainPath(paths.passive), active: explainPath(paths.active) };
}

/** One host as `ftpwall explain --format json` gives it. */
export interface ExplainedHost { root: string; files: string[]; paths: { control: ExplainedPath; passive: ExplainedPath; active: ExplainedPath } }
