import { CodeActionKind, CreateFile, TextDocumentEdit, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll } from '../analysis/fix-all.js';
import type { Finding, Fix } from '../core/findings.js';
import { suppressionFixes } from '../core/suppression.js';
import { rangesOverlap } from '../core/text.js';
import type { RuleSettings } from '../core/settings.js';
import type { AnyLanguage } from '../analysis/language.js';

/** The document the actions are for, as the server knows it. */
export interface ActionDocument { path: string; language: AnyLanguage; parsed: unknown }

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.ftpwall`;

function toCodeAction(fix: Fix, diagnostic: Diagnostic | undefined, uriOf: (path: string) => string): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    ...(fix.preferred ? { isPreferred: true } : {}),
    edit: workspaceEdit(fix, uriOf),
  };
}

/** A fix as the editor applies it; one that makes files says so first, as resource operations. */
export function workspaceEdit(fix: Fix, uriOf: (path: string) => string): WorkspaceEdit {
  if (!fix.creates?.length) {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const [path, edits] of Object.entries(fix.edits)) changes[uriOf(path)] = edits;
    return { changes };
  }
  return {
    documentChanges: [
      ...fix.creates.map((path) => CreateFile.create(uriOf(path), { ignoreIfExists: true })),
      ...Object.entries(fix.edits).map(([path, edits]) => TextDocumentEdit.create({ uri: uriOf(path), version: null }, edits)),
    ],
  };
}

/** Quick fixes for the findings under the cursor, then their suppression comments, then fix-all. */
export function codeActions(
  params: CodeActionParams, document: TextDocument, analyzed: ActionDocument, findings: readonly Finding[],
  diagnosticFor: (f: Finding) => Diagnostic, rules: RuleSettings, uriOf: (path: string) => string,
): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const here = findings.filter((f) => rangesOverlap(f.range, params.range));
    for (const finding of here) for (const fix of finding.fixes) actions.push(toCodeAction(fix, diagnosticFor(finding), uriOf));
    const lines = analyzed.language.lines(analyzed.parsed);
    for (const finding of here) for (const fix of suppressionFixes(finding, lines)) actions.push(toCodeAction(fix, diagnosticFor(finding), uriOf));
  }
  if (wants(FIX_ALL_KIND) && findings.some((f) => f.fixes.some((x) => x.safe))) {
    const text = document.getText();
    const fixed = fixAll(analyzed.language, text, analyzed.path, { rules });
    if (fixed.text !== text) {
      actions.push({
        title: `Fix all safe ftpwall problems (${fixed.applied})`,
        kind: FIX_ALL_KIND,
        edit: { changes: { [document.uri]: [{ range: { start: document.positionAt(0), end: document.positionAt(text.length) }, newText: fixed.text }] } },
      });
    }
  }
  return actions;
}
