/** The explain view's page, kept free of the vscode module so that it can be tested on its own. */
export interface ExplainedPath { verdict: string; ports: string; reason: string; deciding: Array<{ file: string; line: number }> }
export interface ExplainedHost { root: string; files: string[]; paths: { control: ExplainedPath; passive: ExplainedPath; active: ExplainedPath } }

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The explain view's HTML: one row per connection, colored by verdict, each deciding rule a link. */
export function explainHtml(host: ExplainedHost): string {
  const rows = (['control', 'passive', 'active'] as const).map((name) => {
    const p = host.paths[name];
    const links = p.deciding.map((d) => `<a href="#" data-file="${escape(d.file)}" data-line="${d.line}">${escape(d.file.split('/').pop()!)}:${d.line + 1}</a>`).join(', ');
    return `<tr class="${p.verdict}"><th>${name}</th><td>${escape(p.ports)}</td><td class="verdict">${p.verdict}</td><td>${escape(p.reason)}<div class="deciding">${links}</div></td></tr>`;
  }).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
.verdict { font-weight: bold; } .open .verdict { color: var(--vscode-testing-iconPassed); } .blocked .verdict { color: var(--vscode-testing-iconFailed); }
.conditional .verdict { color: var(--vscode-editorWarning-foreground); } .disabled .verdict, .unknown .verdict { color: var(--vscode-descriptionForeground); }
.deciding { margin-top: 4px; } a { color: var(--vscode-textLink-foreground); }
</style></head><body><h2>FTP through ${escape(host.root)}</h2><table><tr><th>connection</th><th>server ports</th><th>verdict</th><th>why</th></tr>${rows}</table>
<script>const vscode = acquireVsCodeApi(); document.querySelectorAll('a[data-file]').forEach((a) => a.addEventListener('click', () => vscode.postMessage({ file: a.dataset.file, line: Number(a.dataset.line) })));</script>
</body></html>`;
}

