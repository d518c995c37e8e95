import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind, DidChangeConfigurationNotification, SemanticTokensBuilder, LSPErrorCodes, DidChangeWatchedFilesNotification, FileChangeType, ProposedFeatures, TextDocuments,
  TextDocumentSyncKind, createConnection, type Connection, type ConnectionStrategy, type Diagnostic, type InitializeResult, type Message, type RequestMessage,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hostHoverSection, hostLenses } from '../analysis/host-features.js';
import { languageById } from '../analysis/languages.js';
import { refusalReason, sizeForLimit } from '../analysis/read-file.js';
import { unreadableFileRule } from '../analysis/registry.js';
import type { Finding } from '../core/findings.js';
import { SEMANTIC_TOKEN_TYPES } from '../core/features.js';
import type { Range } from '../core/text.js';
import { effectiveLevel } from '../core/settings.js';
import { FTPWALL_VERSION } from '../cli/version.js';
import type { VsftpdDocument } from '../languages/vsftpd/document.js';
import { explainedHost } from '../analysis/explain.js';
import { FIX_ALL_KIND, codeActions } from './code-actions.js';
import { toCompletionItem, toDiagnostic, toDocumentSymbol, toFoldingRange, toHover, toInlayHint, toLocation } from './convert.js';
import { uriToPath } from './uri.js';
import { DEFAULT_SETTINGS, fetchSettings, readSettings, type ServerSettings } from './settings.js';
import { Workspace } from './workspace.js';

export const EXPLAIN_REQUEST = 'ftpwall/explain';
export const FIX_ALL_IN_HOST_REQUEST = 'ftpwall/fixAllInHost';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace([]);
  /** Paths with diagnostics published, per host, so that findings that no longer hold are cleared. */
  const published = new Map<string, Set<string>>();
  /** Open documents ftpwall refuses to read (binary, too large), with why. */
  const refused = new Map<string, string>();
  const uriByPath = new Map<string, string>();
  const pendingHosts = new Set<string>();
  /** Documents edited since they were last read. */
  const dirty = new Set<string>();
  function flushDirty(): void {
    for (const uri of [...dirty]) { dirty.delete(uri); const document = documents.get(uri); if (document) syncDocument(document); }
  }
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let configurationSupported = false, watchingSupported = false;
  const bundleDir = __dirname;

  const uriOf = (path: string) => uriByPath.get(path) ?? (path.startsWith('/') ? pathToFileURL(path).href : path);
  const diagnosticFor = (finding: Finding): Diagnostic => toDiagnostic(finding, uriOf, bundleDir);

  const publishPath = (path: string, findings: Finding[]) => {
    const uri = uriOf(path);
    const version = documents.get(uri)?.version;
    void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: findings.map(diagnosticFor) });
  };

  /**
   * Until the workspace folders are read (after the client's settings arrive), a host's other
   * files are not known yet: its findings then would say "no firewall" for a host that has one.
   */
  let scanned = false;
  const waiting = new Set<string>();

  const publishHost = (hostRoot: string) => {
    if (!scanned) { waiting.add(hostRoot); return; }
    // Never publish findings for text older than the editor's: read marked documents first.
    flushDirty();
    const now = new Set([...workspace.filesOfHost(hostRoot), ...workspace.hostFindingPaths(hostRoot)]);
    for (const path of now) publishPath(path, workspace.findingsFor(path));
    for (const path of published.get(hostRoot) ?? []) if (!now.has(path) && !refused.has(path)) publishPath(path, []);
    published.set(hostRoot, now);
  };

  // Coalesces bursts of edits: each host is re-checked once, after the events already queued.
  const scheduleHost = (hostRoot: string) => {
    if (pendingHosts.has(hostRoot)) return;
    pendingHosts.add(hostRoot);
    setImmediate(() => { pendingHosts.delete(hostRoot); publishHost(hostRoot); });
  };
  // A gateway's file changes what the servers behind it are told as well.
  const schedulePath = (path: string) => { const root = workspace.hostRoot(path); scheduleHost(root); for (const server of workspace.serversBehind(root)) scheduleHost(server); };

  const applySettings = () => {
    for (const problem of settings.problems) connection.console.warn(problem);
    workspace.rules = settings.rules;
    workspace.hostDefaults = { ...(settings.kernel ? { kernel: settings.kernel } : {}), ...(settings.ignore.length ? { ignore: settings.ignore } : {}) };
  };
  const recheckAll = () => {
    applySettings();
    workspace.invalidateAll();
    for (const root of new Set([...published.keys(), ...[...uriByPath.keys()].map((p) => workspace.hostRoot(p))])) scheduleHost(root);
  };

  const syncDocument = (document: TextDocument) => {
    const path = uriToPath(document.uri);
    uriByPath.set(path, document.uri);
    const text = document.getText();
    const reason = refusalReason(sizeForLimit(text), text.includes('\0'));
    if (reason) {
      refused.set(path, reason);
      workspace.forget(path);
      const level = effectiveLevel(unreadableFileRule.id, unreadableFileRule.severity, settings.rules);
      publishPath(path, level === 'off' ? [] : [{ ruleId: unreadableFileRule.id, severity: level, file: path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `ftpwall did not check this file: ${reason}.`, fixes: [], related: [] }]);
      schedulePath(path);
      return;
    }
    refused.delete(path);
    if (!workspace.setOpen(path, text, languageById(document.languageId))) publishPath(path, []);
    schedulePath(path);
  };

  connection.onInitialize((params): InitializeResult => {
    configurationSupported = !!params.capabilities.workspace?.configuration;
    watchingSupported = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['=', ' '] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        inlayHintProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [] }, full: true, range: true },
      },
      serverInfo: { name: 'ftpwall', version: FTPWALL_VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (configurationSupported) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ftpwall' }).catch(() => undefined);
      settings = await fetchSettings(connection, true);
    }
    if (watchingSupported) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch(() => undefined);
    applySettings();
    const found = workspace.scan();
    scanned = true;
    for (const path of found) schedulePath(path);
    for (const root of waiting) scheduleHost(root);
    waiting.clear();
  });

  connection.onDidChangeConfiguration(async (change) => {
    settings = configurationSupported ? await fetchSettings(connection, true) : change.settings?.ftpwall ? readSettings(change.settings.ftpwall) : DEFAULT_SETTINGS;
    recheckAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      const path = fileURLToPath(change.uri);
      if (change.type === FileChangeType.Deleted) workspace.forget(path); else workspace.refreshFromDisk(path);
      schedulePath(path);
    }
  });

  // Edits only mark the document; the next tick reads each marked document once, however many edits came.
  let syncQueued = false;
  const markDirty = (uri: string) => {
    dirty.add(uri);
    if (syncQueued) return;
    syncQueued = true;
    setImmediate(() => { syncQueued = false; flushDirty(); });
  };
  documents.onDidOpen((e) => syncDocument(e.document));
  documents.onDidChangeContent((e) => markDirty(e.document.uri));
  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    refused.delete(path);
    workspace.setClosed(path);
    if (!workspace.has(path)) publishPath(path, []);
    uriByPath.delete(path);
    schedulePath(path);
  });

  const parsed = (uri: string) => {
    // A request right after edits sees the latest text.
    if (dirty.has(uri)) flushDirty();
    const path = uriToPath(uri);
    const known = documents.get(uri) && workspace.document(path);
    return known ? { path, ...known } : undefined;
  };

  connection.onHover(({ textDocument, position }) => {
    const d = parsed(textDocument.uri);
    const result = d?.language.hover(d.doc, position);
    if (!d || !result) return null;
    if (d.language.id === 'vsftpd') {
      const directive = (d.doc as VsftpdDocument).file.directives.find((x) => x.line === position.line)?.name.text;
      const paths = workspace.hostCheck(workspace.hostRoot(d.path))?.paths;
      const section = directive && paths ? hostHoverSection(directive, paths) : undefined;
      if (section) result.markdown += `\n\n${section}`;
    }
    return toHover(result);
  });

  connection.onCodeLens(({ textDocument }) => {
    const d = parsed(textDocument.uri);
    if (!d || d.language.id !== 'vsftpd') return [];
    const paths = workspace.hostCheck(workspace.hostRoot(d.path))?.paths;
    if (!paths) return [];
    return hostLenses(d.doc as VsftpdDocument, paths).map((lens) => ({ range: lens.range, command: { title: lens.title, command: 'ftpwall.explain', arguments: [textDocument.uri] } }));
  });

  connection.onRequest(EXPLAIN_REQUEST, ({ uri }: { uri: string }) => {
    const path = uriToPath(uri);
    const root = workspace.hostRoot(path);
    const check = workspace.hostCheck(root);
    return check ? explainedHost(root, workspace.filesOfHost(root), check.services) : null;
  });

  connection.onRequest(FIX_ALL_IN_HOST_REQUEST, ({ uri }: { uri: string }) => {
    flushDirty();
    const changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> = {};
    for (const [path, { before, after }] of workspace.fixAllInHost(workspace.hostRoot(uriToPath(uri)))) {
      const lines = before.split('\n');
      changes[uriOf(path)] = [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines.at(-1)!.length } }, newText: after }];
    }
    return { changes };
  });

  connection.onCompletion(({ textDocument, position }) => {
    const d = parsed(textDocument.uri);
    return d ? d.language.completions(d.doc, position).map(toCompletionItem) : [];
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const d = parsed(textDocument.uri);
    return d ? d.language.symbols(d.doc).map(toDocumentSymbol) : [];
  });

  connection.onDefinition(({ textDocument, position }) => {
    const d = parsed(textDocument.uri);
    return d?.language.definition ? d.language.definition(d.doc, position).map((entry) => toLocation(entry, uriOf)) : [];
  });

  connection.languages.inlayHint.on(({ textDocument, range }) => {
    const d = parsed(textDocument.uri);
    if (!d?.language.inlayHints) return [];
    return d.language.inlayHints(d.doc).filter((h) => h.position.line >= range.start.line && h.position.line <= range.end.line).map(toInlayHint);
  });

  const semanticTokens = (uri: string, range?: Range) => {
    const d = parsed(uri);
    const builder = new SemanticTokensBuilder();
    for (const t of d?.language.semanticTokens?.(d.doc, range) ?? []) builder.push(t.line, t.character, t.length, SEMANTIC_TOKEN_TYPES.indexOf(t.type), 0);
    return builder.build();
  };
  connection.languages.semanticTokens.on(({ textDocument }) => semanticTokens(textDocument.uri));
  connection.languages.semanticTokens.onRange(({ textDocument, range }) => semanticTokens(textDocument.uri, range));

  connection.onFoldingRanges(({ textDocument }) => {
    const d = parsed(textDocument.uri);
    return d ? d.language.folding(d.doc).map(toFoldingRange) : [];
  });

  connection.onCodeAction((params) => {
    const d = parsed(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!d || !document) return [];
    return codeActions(params, document, { path: d.path, language: d.language, parsed: d.doc }, workspace.findingsFor(d.path), diagnosticFor, workspace.rulesFor(d.path), uriOf);
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * A request the editor has cancelled while it still waits in the queue (behind the re-check of
 * a large file, say) is answered "cancelled" without running: the hover, code lens or symbols of
 * a version the editor has already moved past are not worth computing.
 */
const dropCancelledRequests: ConnectionStrategy = {
  // Only requests are ever handed over here (the library checks); the id is put in by it too.
  cancelUndispatched: (message: Message): ResponseMessage => ({ jsonrpc: '2.0', id: (message as RequestMessage).id, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled before it ran' } }),
};

startServer(createConnection(ProposedFeatures.all, dropCancelledRequests));
