import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionItemKind, DiagnosticSeverity, DiagnosticTag, FoldingRangeKind, MarkupKind, SymbolKind,
  type CompletionItem, type Diagnostic, type DocumentSymbol, type FoldingRange, type Hover, type InlayHint, type Location,
} from 'vscode-languageserver';
import { ruleDocsUrl } from '../analysis/docs-url.js';
import type { CompletionEntry, DefinitionEntry, FoldingEntry, HoverResult, InlayHintEntry, SymbolEntry } from '../core/features.js';
import type { Finding, Severity } from '../core/findings.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** The rule pages ship inside the extension next to the bundle; link to them when present so they open offline. */
export function ruleDocsHref(ruleId: string, bundleDir: string): string {
  const local = join(bundleDir, '..', 'docs', 'rules', `${ruleId}.md`);
  return existsSync(local) ? pathToFileURL(local).href : ruleDocsUrl(ruleId);
}

export function toDiagnostic(finding: Finding, uriOf: (path: string) => string, bundleDir: string): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsHref(finding.ruleId, bundleDir) },
    source: 'ftpwall',
    message: finding.message,
    ...(finding.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(finding.related.length ? { relatedInformation: finding.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message })) } : {}),
  };
}

export function toHover(result: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range };
}

const COMPLETION_KIND = { property: CompletionItemKind.Property, value: CompletionItemKind.Value, keyword: CompletionItemKind.Keyword } as const;

export function toCompletionItem(entry: CompletionEntry): CompletionItem {
  return {
    label: entry.label,
    kind: COMPLETION_KIND[entry.kind],
    ...(entry.detail ? { detail: entry.detail } : {}),
    ...(entry.documentation ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } } : {}),
    ...(entry.sortText ? { sortText: entry.sortText } : {}),
    ...(entry.range ? { textEdit: { range: entry.range, newText: entry.insertText ?? entry.label } } : entry.insertText ? { insertText: entry.insertText } : {}),
  };
}

const SYMBOL_KIND = { namespace: SymbolKind.Namespace, property: SymbolKind.Property, object: SymbolKind.Object, function: SymbolKind.Function, event: SymbolKind.Event } as const;

export function toDocumentSymbol(entry: SymbolEntry): DocumentSymbol {
  return {
    name: entry.name,
    ...(entry.detail ? { detail: entry.detail } : {}),
    kind: SYMBOL_KIND[entry.kind],
    range: entry.range,
    selectionRange: entry.selectionRange,
    ...(entry.children ? { children: entry.children.map(toDocumentSymbol) } : {}),
  };
}

export function toFoldingRange(entry: FoldingEntry): FoldingRange {
  return {
    startLine: entry.startLine,
    endLine: entry.endLine,
    ...(entry.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : entry.kind === 'region' ? { kind: FoldingRangeKind.Region } : {}),
  };
}

export function toLocation(entry: DefinitionEntry, uriOf: (path: string) => string): Location {
  return { uri: uriOf(entry.path), range: entry.range };
}

export function toInlayHint(entry: InlayHintEntry): InlayHint {
  return { position: entry.position, label: entry.label, paddingLeft: true, ...(entry.tooltip ? { tooltip: entry.tooltip } : {}) };
}
