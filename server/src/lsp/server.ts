import { pathToFileURL } from 'node:url';
import {
  CodeActionKind, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  createConnection, type Connection, type Diagnostic, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from '../analysis/check.js';
import { unreadableFileRule } from '../analysis/registry.js';
import type { Finding } from '../core/findings.js';
import { effectiveLevel } from '../core/settings.js';
import { FTPWALL_VERSION } from '../cli/version.js';
import { FIX_ALL_KIND, codeActions } from './code-actions.js';
import { toCompletionItem, toDiagnostic, toDocumentSymbol, toFoldingRange, toHover } from './convert.js';
import { DocumentAnalyses } from './open-documents.js';
import { DEFAULT_SETTINGS, fetchSettings, type ServerSettings } from './settings.js';

const uriOf = (path: string) => (path.startsWith('/') ? pathToFileURL(path).href : path);

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new DocumentAnalyses();
  const findingsByUri = new Map<string, { version: number; findings: Finding[] }>();
  const pending = new Set<string>();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let configurationSupported = false;
  const bundleDir = __dirname;

  const findingsFor = (document: TextDocument): Finding[] => {
    const cached = findingsByUri.get(document.uri);
    if (cached && cached.version === document.version) return cached.findings;
    const analyzed = analyses.get(document);
    let findings: Finding[] = [];
    if (analyzed.refused) {
      const level = effectiveLevel(unreadableFileRule.id, unreadableFileRule.severity, settings.rules);
      if (level !== 'off') findings = [{ ruleId: unreadableFileRule.id, severity: level, file: analyzed.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `ftpwall did not check this file: ${analyzed.refused}.`, fixes: [], related: [] }];
    } else if (analyzed.language) {
      findings = checkDocument(analyzed.language, analyzed.parsed, analyzed.path, { rules: settings.rules });
    }
    findingsByUri.set(document.uri, { version: document.version, findings });
    return findings;
  };

  const diagnosticFor = (finding: Finding): Diagnostic => toDiagnostic(finding, uriOf, bundleDir);

  const publish = (document: TextDocument) => {
    const findings = findingsFor(document);
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map(diagnosticFor) });
  };

  // Coalesces bursts of edits: each document is re-checked once, after the events already queued.
  const schedule = (uri: string) => {
    if (pending.has(uri)) return;
    pending.add(uri);
    setImmediate(() => {
      pending.delete(uri);
      const document = documents.get(uri);
      if (document) publish(document);
    });
  };

  const recheckAll = () => { findingsByUri.clear(); for (const d of documents.all()) schedule(d.uri); };

  connection.onInitialize((params): InitializeResult => {
    configurationSupported = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['='] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'ftpwall', version: FTPWALL_VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (configurationSupported) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ftpwall' }).catch(() => undefined);
      settings = await fetchSettings(connection, true);
      recheckAll();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    settings = configurationSupported ? await fetchSettings(connection, true) : { ...DEFAULT_SETTINGS, ...(change.settings?.ftpwall ? { rules: change.settings.ftpwall.rules ?? {} } : {}) };
    recheckAll();
  });

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    analyses.forget(e.document.uri);
    findingsByUri.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const parsedDocument = (uri: string) => {
    const document = documents.get(uri);
    if (!document) return undefined;
    const analyzed = analyses.get(document);
    return analyzed.language && analyzed.parsed !== undefined ? { document, analyzed, language: analyzed.language, parsed: analyzed.parsed } : undefined;
  };

  connection.onHover(({ textDocument, position }) => {
    const d = parsedDocument(textDocument.uri);
    const result = d?.language.hover(d.parsed, position);
    return result ? toHover(result) : null;
  });

  connection.onCompletion(({ textDocument, position }) => {
    const d = parsedDocument(textDocument.uri);
    return d ? d.language.completions(d.parsed, position).map(toCompletionItem) : [];
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const d = parsedDocument(textDocument.uri);
    return d ? d.language.symbols(d.parsed).map(toDocumentSymbol) : [];
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const d = parsedDocument(textDocument.uri);
    return d ? d.language.folding(d.parsed).map(toFoldingRange) : [];
  });

  connection.onCodeAction((params) => {
    const d = parsedDocument(params.textDocument.uri);
    if (!d) return [];
    return codeActions(params, d.document, d.analyzed, findingsFor(d.document), diagnosticFor, settings.rules, uriOf);
  });

  documents.listen(connection);
  connection.listen();
}

startServer(createConnection(ProposedFeatures.all));
