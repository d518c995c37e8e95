import * as vscode from 'vscode';
import { explainHtml, type ExplainedHost } from './explain-html.js';

export type { ExplainedHost };

/** Shows (or updates) the explain panel for a host. */
export function showExplainPanel(host: ExplainedHost, existing: vscode.WebviewPanel | undefined): vscode.WebviewPanel {
  const panel = existing ?? vscode.window.createWebviewPanel('ftpwall.explain', 'FTP path', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
  panel.title = `FTP path: ${host.root.split('/').pop()}`;
  panel.webview.html = explainHtml(host);
  if (!existing) {
    panel.webview.onDidReceiveMessage(async (message: { file: string; line: number }) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(message.file));
      const position = new vscode.Position(message.line, 0);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    });
  }
  return panel;
}
