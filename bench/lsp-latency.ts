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
 * the publishDiagnostics of that version. With `vsftpd`, that vsftpd.conf is open beside the
 * file, so the two make one FTP host and every edit may call for the host-wide check.
 */
/**
 * Where the edits go: typing and erasing a character at the end of a comment; changing a rule's
 * port by one digit and back (a valid port either way); or typing a digit into a five-digit port
 * and erasing it (past 65535 iptables refuses the rule, so it leaves its chain and comes back);
 * or pressing Enter at the end of a rule in the middle of the file and Backspace (every line
 * after it moves down and back up).
 */
export type EditKind = 'comment' | 'rule' | 'rule-refused' | 'line-insert';

export async function measureLatency(serverPath: string, text: string, languageId: string, edits = 200, where: EditKind = 'comment', vsftpd?: string): Promise<LatencyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ftpwall-bench-lsp-'));
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...(process.env['FTPWALL_BENCH_NODE_FLAGS']?.split(' ').filter(Boolean) ?? []), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, () => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => { if (p.version !== undefined) waiting.get(`${p.uri} ${p.version}`)?.(); });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    const startMs = Number(process.hrtime.bigint() - started) / 1e6;
    await connection.sendNotification('initialized', {});
    const uri = pathToFileURL(join(dir, 'etc', languageId === 'vsftpd' ? 'vsftpd.conf' : languageId === 'nftables' ? 'nftables.conf' : 'rules.v4')).href;
    const published = (version: number, of = uri) => new Promise<void>((resolve) => waiting.set(`${of} ${version}`, resolve));
    let version = 1;
    if (vsftpd) {
      const vsftpdUri = pathToFileURL(join(dir, 'etc', 'vsftpd.conf')).href;
      const vsftpdOpened = published(version, vsftpdUri);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: vsftpdUri, languageId: 'vsftpd', version, text: vsftpd } });
      await vsftpdOpened;
    }
    let first = published(version);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text: `${text}# x\n` } });
    await first;
    // A comment line added at the end, or the port of a rule in the middle of the file (which changes the ruleset).
    const textLines = text.split('\n');
    let line = textLines.length - 1, character = 3;
    let typed = 'y', erased = '';
    if (where === 'rule') {
      // The last digit of a port below 60000, changed and changed back.
      // In a script, the port a variable holds (PORT_7=2345), which the rules below it use.
      const portPattern = /(?:--dport |\bdport |^PORT_\d+=)(\d+)\b/;
      line = textLines.findIndex((l, i) => i >= textLines.length / 2 && Number(portPattern.exec(l)?.[1] ?? 65535) < 60000);
      const port = portPattern.exec(textLines[line]!)!;
      character = port.index + port[0].length - 1;
      erased = port[1]!.at(-1)!;
      typed = String((Number(erased) + 1) % 10);
    } else if (where === 'line-insert') {
      line = textLines.findIndex((l, i) => i >= textLines.length / 2 && (l.startsWith('-A ') || /^\t\t[a-z]/.test(l)));
      character = textLines[line]!.length;
    } else if (where === 'rule-refused') {
      // A digit typed after the first of a five-digit port, and erased.
      line = textLines.findIndex((l, i) => i >= textLines.length / 2 && /dport \d{5}\b/.test(l));
      character = textLines[line]!.indexOf('dport ') + 7;
      typed = '1';
    }
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      version++;
      first = published(version);
      const t = process.hrtime.bigint();
      // Type one character and erase it again, or (a port kept valid) change one digit and change it back.
      const change = where === 'rule'
        ? { range: { start: { line, character }, end: { line, character: character + 1 } }, text: i % 2 === 0 ? typed : erased }
        : where === 'line-insert'
          ? (i % 2 === 0 ? { range: { start: { line, character }, end: { line, character } }, text: '\n' } : { range: { start: { line, character }, end: { line: line + 1, character: 0 } }, text: '' })
        : i % 2 === 0
          ? { range: { start: { line, character }, end: { line, character } }, text: typed }
          : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: erased };
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await first;
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const result = { startMs, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), edits };
    // A clean shutdown, so that a server run with --cpu-prof writes its profile.
    await connection.sendRequest('shutdown');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendNotification('exit');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    return result;
  } finally {
    connection.dispose();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
