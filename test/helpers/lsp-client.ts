import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, ResponseMessage } from 'vscode-languageserver-protocol';

const serverPath = join(import.meta.dirname, '..', '..', 'dist', 'server.js');

/** A language client over stdio against the bundled server, as an editor would run it. */
export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** What the server gets when it asks for the `ftpwall` settings section. */
  settings: unknown = {};
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<() => void> = [];
  stderr = '';

  constructor() {
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => { this.stderr += chunk; });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
    this.watchRawResponses();
  }

  async initialize(rootUri: string | null = null): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      ...(rootUri ? { workspaceFolders: [{ uri: rootUri, name: 'workspace' }] } : {}),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the first diagnostics for `uri` that satisfy `accept`. */
  diagnostics(uri: string, accept: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const p = this.latest.get(uri);
      return p && accept(p.diagnostics, p) ? p.diagnostics : undefined;
    }, () => `no matching diagnostics for ${uri}; last: ${JSON.stringify(this.latest.get(uri)?.diagnostics.map((d) => d.code))}`, timeoutMs);
  }

  /** Resolves with what `found` returns once it returns something, trying again whenever the server sends a message. */
  private waitFor<T>(found: () => T | undefined, failure: () => string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(failure())), timeoutMs);
      const test = () => {
        const value = found();
        if (value !== undefined) { clearTimeout(timer); resolve(value); return; }
        this.waiters.push(test);
      };
      test();
    });
  }

  open(uri: string, text: string, languageId = 'vsftpd', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  request<T>(method: string, params: unknown): Promise<T> { return this.connection.sendRequest<T>(method, params); }

  /**
   * Writes messages to the server in one write, so that it reads them all at once (as it does
   * when they pile up while it is busy). Requests among them need string ids, which the
   * connection never uses; their responses come back through `rawResponse`.
   */
  sendTogether(messages: ReadonlyArray<Record<string, unknown>>): void {
    const frames = messages.map((message) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.process.stdin!.write(Buffer.concat(frames));
  }

  /** The response to a request sent with `sendTogether`. */
  rawResponse(id: string, timeoutMs = 10_000): Promise<ResponseMessage> {
    return this.waitFor(() => this.rawResponses.get(id), () => `no response to ${id}`, timeoutMs);
  }

  private readonly rawResponses = new Map<string, ResponseMessage>();
  /** A second reader of the server's output, from its first byte: the connection ignores responses to ids it did not send. */
  private watchRawResponses(): void {
    new StreamMessageReader(this.process.stdout!).listen((message) => {
      const id = (message as ResponseMessage).id;
      if (typeof id !== 'string' || !('result' in message || 'error' in message)) return;
      this.rawResponses.set(id, message as ResponseMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  notify(method: string, params: unknown): Promise<void> { return this.connection.sendNotification(method, params); }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch { /* the server may already be gone */ }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
