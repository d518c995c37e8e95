import { explainedHost, type ExplainedHops, type ExplainedHost, type ExplainedPaths } from '../analysis/explain.js';
import { workOutPaths } from '../analysis/host-check.js';
import { readScope } from './read-scope.js';

/** Each host that holds a named file (or a file under a named folder), with its three FTP paths. */
export function runExplain(paths: readonly string[]): { hosts: ExplainedHost[]; problems: Array<{ path: string; reason: string }> } {
  const { hosts: read, reported, problems } = readScope(paths);
  const hosts: ExplainedHost[] = [];
  for (const { loaded: { host, configProblems }, files } of read) {
    if (!files.some((f) => reported(f.path))) continue;
    for (const reason of configProblems) problems.push({ path: `${host.root}/.ftpwall.json`, reason });
    const services = host.servers.map((server) => workOutPaths(host, server).paths);
    hosts.push(explainedHost(host.root, host.files, services));
  }
  return { hosts, problems };
}

export function formatExplainText(hosts: readonly ExplainedHost[]): string {
  return hosts.map((h) => {
    const lines = [`${h.root}`];
    const pathLines = (paths: ExplainedPaths, indent: string) => {
      for (const name of ['control', 'passive', 'active'] as const) {
        const p = paths[name];
        const deciding = p.deciding.length ? ` [${p.deciding.map((d) => `${d.file}:${d.line + 1}`).join(', ')}]` : '';
        const ports = p.connectPort === undefined ? p.ports : `${p.connectPort}->${p.ports}`;
        lines.push(`${indent}${name.padEnd(8)} ${p.verdict.padEnd(11)} ${ports.padEnd(12)} ${p.reason}${deciding}`);
      }
    };
    if (!h.services) pathLines(h.paths, '  ');
    for (const service of h.services ?? []) { lines.push(`  ${service.service}`); pathLines(service.paths, '    '); }
    const hopLines = (hops: ExplainedHops, indent: string) => {
      for (const gateway of hops.gateways ?? []) { lines.push(`${indent}at gateway ${gateway.gateway}`); pathLines(gateway.paths, `${indent}  `); }
      if (hops.own) { lines.push(`${indent}at this host's own firewall`); pathLines(hops.own, `${indent}  `); }
    };
    hopLines(h, '  ');
    if (h.ipv6) { lines.push('  over IPv6'); pathLines(h.ipv6, '    '); hopLines(h.ipv6Hops ?? {}, '    '); }
    return lines.join('\n') + '\n';
  }).join('\n');
}
