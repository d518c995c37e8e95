import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { showExplainPanel, type ExplainedHost } from './explain-view.js';

let client: LanguageClient | undefined;

/** The file kinds the server understands; the same ids as the server's languages. */
export const FTPWALL_LANGUAGES = ['vsftpd', 'iptables', 'iptables-script', 'iptables-config', 'modprobe', 'modules-load', 'sysctl'];

/** Documents the server looks into and keeps only when their content is a firewall script. */
const SNIFFED_LANGUAGES = ['shellscript'];

/** What the extension offers other code (the end-to-end tests read the explain view through it). */
export interface FtpwallApi { lastExplainHtml(): string | undefined }

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
  context.subscriptions.push(
    vscode.commands.registerCommand('ftpwall.explain', async (uri?: string) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
      if (!target || !client) return;
      const host = await client.sendRequest<ExplainedHost | null>('ftpwall/explain', { uri: target });
      if (!host) { void vscode.window.showInformationMessage('ftpwall: this file belongs to no host with vsftpd or firewall files.'); return; }
      panel = showExplainPanel(host, panel);
      panel.onDidDispose(() => { panel = undefined; });
    }),
    vscode.commands.registerCommand('ftpwall.showRuleDocumentation', async (ruleId?: string) => {
      const id = ruleId ?? (await vscode.window.showInputBox({ prompt: 'Rule id, such as vsftpd/pasv-range-inverted' }));
      if (!id) return;
      const page = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`)));
      await vscode.commands.executeCommand('markdown.showPreview', page);
    }),
  );
  await client.start();
  return { lastExplainHtml: () => panel?.webview.html };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
