import { loadHosts, rootOf } from '../analysis/hosts.js';
import { explainPaths, type ExplainedHost } from '../analysis/explain.js';
import { hostPaths } from '../engine/paths.js';
import { readPath } from './read-path.js';

/** Reads the files under each path, groups them into hosts and gives each host's three FTP paths. */
export function runExplain(paths: readonly string[]): { hosts: ExplainedHost[]; problems: Array<{ path: string; reason: string }> } {
  const hosts: ExplainedHost[] = [];
  const problems: Array<{ path: string; reason: string }> = [];
  for (const path of paths) {
    const { files, problems: walkProblems } = readPath(path);
    for (const problem of walkProblems) problems.push(problem);
    for (const { host, configProblems } of loadHosts(rootOf(path), files)) {
      for (const reason of configProblems) problems.push({ path: `${host.root}/.ftpwall.json`, reason });
      const p = hostPaths(host);
      hosts.push({ root: host.root, files: host.files, paths: explainPaths(p) });
    }
  }
  return { hosts, problems };
}

export function formatExplainText(hosts: readonly ExplainedHost[]): string {
  return hosts.map((h) => {
    const lines = [`${h.root}`];
    for (const name of ['control', 'passive', 'active'] as const) {
      const p = h.paths[name];
      const deciding = p.deciding.length ? ` [${p.deciding.map((d) => `${d.file}:${d.line + 1}`).join(', ')}]` : '';
      lines.push(`  ${name.padEnd(8)} ${p.verdict.padEnd(11)} ${p.ports.padEnd(12)} ${p.reason}${deciding}`);
    }
    return lines.join('\n') + '\n';
  }).join('\n');
}
