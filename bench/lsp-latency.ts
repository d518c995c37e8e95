import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export interface LatencyResult { startMs: number; medianMs: number; p95Ms: number; edits: number }

const percentile = (values: number[], p: number) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };

/**
 * Through the real protocol over stdio: the time from starting the server to its initialize
 * reply, then for `edits` one-character edits, one after another, the time from didChange to
 * the publishDiagnostics of that version.
 */
export async function measureLatency(serverPath: string, text: string, languageId: string, edits = 200): Promise<LatencyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ftpwall-bench-lsp-'));
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<number, () => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => { if (p.version !== undefined) waiting.get(p.version)?.(); });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    const startMs = Number(process.hrtime.bigint() - started) / 1e6;
    await connection.sendNotification('initialized', {});
    const uri = pathToFileURL(join(dir, 'etc', languageId === 'vsftpd' ? 'vsftpd.conf' : 'rules.v4')).href;
    const published = (version: number) => new Promise<void>((resolve) => waiting.set(version, resolve));
    let version = 1;
    let first = published(version);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text: `${text}# x\n` } });
    await first;
    const line = text.split('\n').length - 1;
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      version++;
      first = published(version);
      const t = process.hrtime.bigint();
      // Type and erase one character on the last (comment) line.
      const change = i % 2 === 0
        ? { range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: 'y' }
        : { range: { start: { line, character: 3 }, end: { line, character: 4 } }, text: '' };
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await first;
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return { startMs, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), edits };
  } finally {
    connection.dispose();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
