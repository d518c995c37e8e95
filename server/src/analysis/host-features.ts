import type { Range } from '../core/text.js';
import type { HostPaths, PathName, PathVerdict } from '../engine/paths.js';
import type { Location } from '../languages/iptables/ruleset.js';
import type { VsftpdDocument } from '../languages/vsftpd/document.js';

const where = (l: Location) => `${l.path.split('/').pop()}:${l.line + 1}`;

export function pathSummary(name: PathName, path: PathVerdict): string {
  const label = name === 'control' ? 'control connection' : name === 'passive' ? 'passive data ports' : 'active data connection';
  const deciding = path.deciding.length ? ` (${path.deciding.slice(0, 2).map(where).join(', ')})` : '';
  return `${label} ${path.ports}: ${path.verdict}${deciding}`;
}

/** Which paths a vsftpd directive bears on, for its hover. */
const PATHS_OF: Record<string, PathName[]> = {
  listen_port: ['control', 'passive', 'active'], listen: ['control'], listen_ipv6: ['control'],
  pasv_min_port: ['passive'], pasv_max_port: ['passive'], pasv_enable: ['passive'], pasv_address: ['passive'],
  port_enable: ['active'], connect_from_port_20: ['active'], ftp_data_port: ['active'], ssl_enable: ['passive', 'active'],
};

/** One family's verdicts on some paths, under a heading that says which firewalls they pass. */
function hoverLines(names: readonly PathName[], paths: Pick<HostPaths, 'control' | 'passive' | 'active' | 'network'>, family: string): string {
  // Through the gateways where the host has any: what the clients meet.
  const seen = paths.network ?? paths;
  const lines = names.map((n) => {
    const p = seen[n];
    const deciding = p.deciding.length ? ` — deciding: ${p.deciding.slice(0, 3).map(where).join(', ')}` : '';
    return `- **${n}** (${p.ports}): **${p.verdict}**${deciding}. ${p.reason}`;
  });
  const through = paths.network ? `Through ${paths.network.hops.map((h) => `gateway ${h.folder}`).join(', ')} and this host's firewall` : 'Through this host\'s firewall';
  return `**${through}${family}**\n\n${lines.join('\n')}`;
}

/** The host's verdicts as a hover section for a vsftpd directive, or undefined when it has none; over IPv6 too where the server listens there. */
export function hostHoverSection(directive: string, paths: HostPaths): string | undefined {
  const names = PATHS_OF[directive];
  if (!names) return undefined;
  // listen_ipv6's control connection is the IPv6 one; listen's the IPv4 one.
  const ipv4 = directive === 'listen_ipv6' && paths.ipv6 ? undefined : hoverLines(names, paths, '');
  const ipv6 = paths.ipv6 && directive !== 'listen' ? hoverLines(names, paths.ipv6, ', over IPv6') : undefined;
  return [ipv4, ipv6].filter((s) => s !== undefined).join('\n\n');
}

export interface LensEntry { range: Range; title: string }

/** Code lenses for vsftpd.conf: one line per path, above the settings that decide it. */
export function hostLenses(doc: VsftpdDocument, paths: HostPaths): LensEntry[] {
  const at = (...names: string[]): Range => {
    for (const n of names) { const line = doc.settings.winner(n); if (line) return line.range; }
    return doc.file.directives[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  };
  const seen = paths.network ?? paths;
  return [
    { range: at('listen_port', 'listen', 'listen_ipv6'), title: pathSummary('control', seen.control) },
    { range: at('pasv_min_port', 'pasv_max_port', 'pasv_enable'), title: pathSummary('passive', seen.passive) },
    { range: at('connect_from_port_20', 'port_enable', 'ftp_data_port'), title: pathSummary('active', seen.active) },
  ];
}
