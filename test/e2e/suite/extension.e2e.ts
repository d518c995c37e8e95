import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The scenario workspace the runner opened (a copy of examples/). */
const root = () => vscode.workspace.workspaceFolders![0]!.uri;
const file = (relative: string) => vscode.Uri.joinPath(root(), relative);

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const diagnosticsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('ftpwall in a real VS Code', () => {
  const conf = () => file('01-only-control-port-open/etc/vsftpd.conf');
  const rules = () => file('01-only-control-port-open/etc/sysconfig/iptables');

  before(async () => {
    const extension = vscode.extensions.getExtension('ftpwall.ftpwall');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
  });

  it('shows the host\'s diagnostics with ids, ranges, severities and documentation links', async () => {
    const document = await vscode.workspace.openTextDocument(conf());
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'vsftpd');
    const blocked = await until('ftp/passive-blocked', () => diagnosticsOf(conf()).find((d) => codeOf(d) === 'ftp/passive-blocked'));
    assert.equal(blocked.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(blocked.message, /none of them is accepted/);
    assert.match(String((blocked.code as { target: vscode.Uri }).target), /docs\/rules\/ftp\/passive-blocked\.md$/);
    const rulesDocument = await vscode.workspace.openTextDocument(rules());
    assert.equal(rulesDocument.languageId, 'iptables');
    const related = await until('ftp/related-without-helper', () => diagnosticsOf(rules()).find((d) => codeOf(d) === 'ftp/related-without-helper'));
    assert.equal(related.range.start.line, 5);
  });

  it('answers hover, completion and code lenses', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', conf(), new vscode.Position(1, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*listen\*\* — YES\/NO/);
    assert.match(text, /Through this host's firewall/);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', conf(), new vscode.Position(8, 0));
    assert.ok(completions.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'pasv_min_port'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', conf());
    assert.ok(lenses.some((l) => /passive data ports 5001-65535: blocked \(iptables:9\)/.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));
  });

  it('applies a quick fix across two files and the finding goes away', async () => {
    const blocked = diagnosticsOf(conf()).find((d) => codeOf(d) === 'ftp/passive-blocked')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', conf(), blocked.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /^Use passive ports 40000-40100 in vsftpd\.conf and accept them/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const confText = (await vscode.workspace.openTextDocument(conf())).getText();
    assert.match(confText, /pasv_min_port=40000\npasv_max_port=40100\n$/);
    assert.match((await vscode.workspace.openTextDocument(rules())).getText(), /--dport 40000:40100 -m comment --comment "ftpwall: vsftpd passive ports" -j ACCEPT/);
    await until('the passive finding to clear', () => !diagnosticsOf(conf()).some((d) => codeOf(d) === 'ftp/passive-blocked'));
  });

  it('runs the Explain command and shows the three connections', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('10-two-hosts/hosts/ftp2/etc/vsftpd.conf')));
    await vscode.commands.executeCommand('ftpwall.explain');
    const api = vscode.extensions.getExtension<{ lastExplainHtml(): string | undefined; statusText(): string; explainedHost(): string | undefined }>('ftpwall.ftpwall')!.exports;
    const html = await until('the explain view', () => api.lastExplainHtml());
    assert.match(html, /FTP through .*ftp2/);
    assert.match(html, /<g class="lane blocked" data-path="passive">/);
    // The language status shows the active file's host at a glance.
    await until('the language status', () => api.statusText() === 'FTP: control open · passive blocked · active open' || undefined);
    // The view follows the active host.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('10-two-hosts/hosts/ftp1/etc/vsftpd.conf')));
    await until('the view to follow ftp1', () => /\/ftp1$/.test(api.explainedHost() ?? '') || undefined);
    assert.match(api.lastExplainHtml()!, /<tr class="open"><th>passive<\/th><td>2222-2225<\/td>/);
    assert.match(html, /<tr class="blocked"><th>passive<\/th><td>50000-50099<\/td>/);
    assert.match(html, /<tr class="open"><th>control<\/th>/);
  });

  it('serves ProFTPD: the language, a virtual host\'s finding, hover, and one picture per FTP service', async () => {
    const proftpd = file('11-proftpd-virtual-hosts/etc/proftpd/proftpd.conf');
    const document = await vscode.workspace.openTextDocument(proftpd);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'proftpd');
    const blocked = await until('the virtual host\'s ftp/passive-blocked', () => diagnosticsOf(proftpd).find((d) => codeOf(d) === 'ftp/passive-blocked'));
    assert.match(blocked.message, /^<VirtualHost 192\.0\.2\.10>: Passive data connections are blocked/);
    assert.equal(blocked.range.start.line, 17);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', proftpd, new vscode.Position(17, 4));
    assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /\*\*PassivePorts\*\* \(mod_core\)/);
    await vscode.commands.executeCommand('ftpwall.explain');
    const api = vscode.extensions.getExtension<{ lastExplainHtml(): string | undefined; explainedHost(): string | undefined }>('ftpwall.ftpwall')!.exports;
    const html = await until('the explain view of the ProFTPD host', () => (/11-proftpd-virtual-hosts$/.test(api.explainedHost() ?? '') ? api.lastExplainHtml() : undefined));
    assert.equal(html.match(/<svg class="diagram"/g)?.length, 2);
    assert.match(html, /<h3 class="service">ProFTPD &lt;VirtualHost 192\.0\.2\.10&gt;<\/h3>/);
  });

  it('changes severities when the settings change', async () => {
    const config = vscode.workspace.getConfiguration('ftpwall');
    await config.update('rules', { 'ftp/passive-range-small': 'error' }, vscode.ConfigurationTarget.Workspace);
    const small = file('02-passive-range-opened/etc/vsftpd.conf');
    await vscode.workspace.openTextDocument(small);
    await until('ftp/passive-range-small as an error', () => diagnosticsOf(small).find((d) => codeOf(d) === 'ftp/passive-range-small' && d.severity === vscode.DiagnosticSeverity.Error));
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await until('the default severity back', () => diagnosticsOf(small).find((d) => codeOf(d) === 'ftp/passive-range-small' && d.severity === vscode.DiagnosticSeverity.Information));
  });
});
