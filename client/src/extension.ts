import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { showExplainPanel, type ExplainedHost } from './explain-view.js';

let client: LanguageClient | undefined;

/** The file kinds the server understands; the same ids as the server's languages. */
export const FTPWALL_LANGUAGES = ['vsftpd', 'proftpd', 'pureftpd-option', 'pureftpd-conf', 'iptables', 'iptables-script', 'nftables', 'iptables-config', 'modprobe', 'modules-load', 'sysctl', 'ufw-settings', 'ufw-applications', 'kickstart', 'comware', 'hosts-access'];

/** Documents the server looks into and keeps only when their content is a firewall script. */
const SNIFFED_LANGUAGES = ['shellscript'];

/** What the extension offers other code (the end-to-end tests read the explain view through it). */
export interface FtpwallApi { lastExplainHtml(): string | undefined; statusText(): string; explainedHost(): string | undefined }

export async function activate(context: vscode.ExtensionContext): Promise<FtpwallApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...FTPWALL_LANGUAGES, ...SNIFFED_LANGUAGES].flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    synchronize: { configurationSection: 'ftpwall' },
  };
  client = new LanguageClient('ftpwall', 'ftpwall', serverOptions, clientOptions);
  let panel: vscode.WebviewPanel | undefined;
  let panelHost: string | undefined;
  let statusText = '';
  const status = vscode.languages.createLanguageStatusItem('ftpwall.paths', FTPWALL_LANGUAGES.map((language) => ({ language })));
  status.name = 'ftpwall: FTP paths';
  status.command = { title: 'Explain', command: 'ftpwall.explain' };
  context.subscriptions.push(status);

  // The last text editor the user was in: a focused webview (the explain view) leaves no active text editor.
  let lastUri = vscode.window.activeTextEditor?.document.uri.toString();
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor((editor) => { if (editor) lastUri = editor.document.uri.toString(); }));

  /** Refreshes the status item (and an open explain view) for the host of the file the user is in. */
  const refresh = async () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString() ?? lastUri;
    if (!uri || !client) return;
    const host = await client.sendRequest<ExplainedHost | null>('ftpwall/explain', { uri }).catch(() => null);
    if (!host) { status.text = 'FTP: no host'; statusText = status.text; return; }
    const p = host.paths;
    status.text = `FTP: control ${p.control.verdict} · passive ${p.passive.verdict} · active ${p.active.verdict}`;
    status.severity = [p.control, p.passive, p.active].some((x) => x.verdict === 'blocked') ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    status.detail = host.root;
    statusText = status.text;
    if (panel) { panel = showExplainPanel(host, panel); panelHost = host.root; }
  };
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshSoon = () => { clearTimeout(refreshTimer); refreshTimer = setTimeout(() => void refresh(), 250); };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(refreshSoon),
    vscode.languages.onDidChangeDiagnostics(refreshSoon),
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('ftpwall.explain', async (uri?: string) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri.toString() ?? lastUri;
      if (!target || !client) return;
      const host = await client.sendRequest<ExplainedHost | null>('ftpwall/explain', { uri: target });
      if (!host) { void vscode.window.showInformationMessage('ftpwall: this file belongs to no host with vsftpd or firewall files.'); return; }
      const fresh = !panel;
      panel = showExplainPanel(host, panel);
      panelHost = host.root;
      if (fresh) panel.onDidDispose(() => { panel = undefined; panelHost = undefined; });
    }),
    vscode.commands.registerCommand('ftpwall.fixAllInHost', async () => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      if (!uri || !client) return;
      const edit = await client.sendRequest<{ changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> }>('ftpwall/fixAllInHost', { uri });
      const workspaceEdit = new vscode.WorkspaceEdit();
      for (const [target, edits] of Object.entries(edit.changes)) {
        for (const e of edits) workspaceEdit.replace(vscode.Uri.parse(target), new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      }
      const files = Object.keys(edit.changes).length;
      if (files === 0) { void vscode.window.showInformationMessage('ftpwall: nothing to fix safely in this host.'); return; }
      await vscode.workspace.applyEdit(workspaceEdit);
      void vscode.window.showInformationMessage(`ftpwall: fixed ${files} file${files === 1 ? '' : 's'} of this host.`);
    }),
    vscode.commands.registerCommand('ftpwall.showRuleDocumentation', async (ruleId?: string) => {
      const id = ruleId ?? (await vscode.window.showInputBox({ prompt: 'Rule id, such as vsftpd/pasv-range-inverted' }));
      if (!id) return;
      const page = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`)));
      await vscode.commands.executeCommand('markdown.showPreview', page);
    }),
  );
  await client.start();
  void refresh();
  return { lastExplainHtml: () => panel?.webview.html, statusText: () => statusText, explainedHost: () => panelHost };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
