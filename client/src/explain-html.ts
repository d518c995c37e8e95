/** The explain view's page, kept free of the vscode module so that it can be tested on its own. */
// The server's explain data, shared as types only (nothing of the server is bundled into the client).
import type { ExplainedHops, ExplainedHost, ExplainedPaths } from '../../server/src/analysis/explain.js';

export type { ExplainedHost };

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A path's ports, with the port clients connect to first where NAT sends the control connection on. */
const portsOf = (p: ExplainedPaths['control']) => escape(p.connectPort === undefined ? p.ports : `${p.connectPort} → ${p.ports}`);

const COLOR: Record<string, string> = { open: 'var(--vscode-testing-iconPassed)', blocked: 'var(--vscode-testing-iconFailed)', conditional: 'var(--vscode-editorWarning-foreground)', disabled: 'var(--vscode-descriptionForeground)', unknown: 'var(--vscode-descriptionForeground)' };

/**
 * The picture: client, firewall and server side by side (with each gateway between client and
 * server, when the host has any), with the control and passive connections drawn from the client
 * to the server and the active one back, each colored by verdict and labeled with its ports; a
 * blocked connection stops at the gateway or firewall that blocks it.
 */
export function explainDiagram(host: Pick<ExplainedHost, 'paths' | 'gateways' | 'own'>): string {
  const gateways = host.gateways ?? [];
  // The server's own firewall sits just before the server; gateways share the space between client and firewall.
  const firewallX = gateways.length ? 480 : 340;
  const gatewayX = gateways.map((_, i) => 120 + ((firewallX - 120) * (i + 1)) / (gateways.length + 1));
  const lane = (y: number, name: 'control' | 'passive' | 'active', label: string) => {
    const p = host.paths[name];
    const color = COLOR[p.verdict] ?? COLOR['unknown'];
    const blocked = p.verdict === 'blocked' || p.verdict === 'disabled';
    const [from, to] = name === 'active' ? [560, 120] : [120, 560];
    const blocker = gateways.findIndex((g) => g.paths[name].verdict === 'blocked');
    const end = !blocked ? to : blocker >= 0 ? gatewayX[blocker]! : firewallX;
    const marker = blocked ? '' : `marker-end="url(#arrow-${p.verdict})"`;
    const cross = blocked ? `<text x="${end}" y="${y + 6}" text-anchor="middle" font-size="20" fill="${color}">✕</text>` : '';
    return `<g class="lane ${p.verdict}" data-path="${name}"><line x1="${from}" y1="${y}" x2="${end}" y2="${y}" stroke="${color}" stroke-width="3" ${p.verdict === 'conditional' ? 'stroke-dasharray="8 5"' : ''} ${marker}/>${cross}
<text x="340" y="${y - 10}" text-anchor="middle" font-size="13" fill="var(--vscode-foreground)">${label} · ${portsOf(p)} · ${p.verdict}</text></g>`;
  };
  const markers = Object.entries(COLOR).map(([k, c]) => `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`).join('');
  const box = (x: number, title: string) => `<rect x="${x}" y="20" width="100" height="200" rx="8" fill="none" stroke="var(--vscode-foreground)" stroke-opacity="0.5"/><text x="${x + 50}" y="40" text-anchor="middle" font-weight="bold" fill="var(--vscode-foreground)">${title}</text>`;
  const wall = (x: number, title: string) => `<rect x="${x - 15}" y="20" width="30" height="200" fill="var(--vscode-editorWarning-foreground)" fill-opacity="0.25"/><text x="${x}" y="236" text-anchor="middle" font-size="12" fill="var(--vscode-foreground)">${escape(title)}</text>`;
  const walls = [...gateways.map((g, i) => wall(gatewayX[i]!, `gateway ${g.gateway}`)), wall(firewallX, 'firewall')].join('');
  return `<svg class="diagram" viewBox="0 0 680 240" width="100%" style="max-width: 680px" preserveAspectRatio="xMinYMin meet" role="img" aria-label="FTP connections through the firewall"><defs>${markers}</defs>
${box(20, 'client')}${walls}${box(560, 'server')}
${lane(80, 'control', 'control')}${lane(135, 'passive', 'passive data')}${lane(190, 'active', 'active data')}</svg>`;
}

/** The explain view's HTML: the diagram, then one row per connection, colored by verdict, each deciding rule a link. */
export function explainHtml(host: ExplainedHost): string {
  const table = (paths: ExplainedPaths) => `<table><tr><th>connection</th><th>server ports</th><th>verdict</th><th>why</th></tr>${(['control', 'passive', 'active'] as const).map((name) => {
    const p = paths[name];
    const links = p.deciding.map((d) => `<a href="#" data-file="${escape(d.file)}" data-line="${d.line}">${escape(d.file.split('/').pop()!)}:${d.line + 1}</a>`).join(', ');
    return `<tr class="${p.verdict}"><th>${name}</th><td>${portsOf(p)}</td><td class="verdict">${p.verdict}</td><td>${escape(p.reason)}<div class="deciding">${links}</div></td></tr>`;
  }).join('')}</table>`;
  // What each gateway and the host's own firewall do, one table each.
  const hops = (of: ExplainedHops, family: string) => `${(of.gateways ?? []).map((g) => `<h3 class="gateway">At gateway ${escape(g.gateway)}${family}</h3>${table(g.paths)}`).join('')}${of.own ? `<h3 class="own">At this host's own firewall${family}</h3>${table(of.own)}` : ''}`;
  // A host with several FTP services (ProFTPD's virtual hosts) gets a picture and a table for each.
  const sections = host.services
    ? host.services.map((s) => `<h3 class="service">${escape(s.service)}</h3>${explainDiagram(s)}${table(s.paths)}`).join('')
    : `${explainDiagram(host)}${table(host.paths)}${hops(host, '')}${host.ipv6 ? `<h3 class="ipv6">Over IPv6</h3>${explainDiagram({ paths: host.ipv6, ...host.ipv6Hops })}${table(host.ipv6)}${hops(host.ipv6Hops ?? {}, ', over IPv6')}` : ''}`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
.verdict { font-weight: bold; } .open .verdict { color: var(--vscode-testing-iconPassed); } .blocked .verdict { color: var(--vscode-testing-iconFailed); }
.conditional .verdict { color: var(--vscode-editorWarning-foreground); } .disabled .verdict, .unknown .verdict { color: var(--vscode-descriptionForeground); }
.deciding { margin-top: 4px; } a { color: var(--vscode-textLink-foreground); }
</style></head><body><h2>FTP through ${escape(host.root)}</h2>${sections}
<script>const vscode = acquireVsCodeApi(); document.querySelectorAll('a[data-file]').forEach((a) => a.addEventListener('click', () => vscode.postMessage({ file: a.dataset.file, line: Number(a.dataset.line) })));</script>
</body></html>`;
}

