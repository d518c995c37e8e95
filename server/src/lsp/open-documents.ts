import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { languageById, recognize } from '../analysis/languages.js';
import type { AnyLanguage } from '../analysis/language.js';
import { refusalReason } from '../analysis/read-file.js';

/** A document as ftpwall sees it: which language, its parsed form, parsed once per version. */
export interface AnalyzedDocument {
  uri: string;
  path: string;
  version: number;
  language?: AnyLanguage;
  parsed?: unknown;
  /** Why ftpwall will not read this document (binary, too large). */
  refused?: string;
}

export function uriToPath(uri: string): string {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z-]+:\/*/i, '/')); } catch { return uri; }
}

export class DocumentAnalyses {
  private readonly cache = new Map<string, AnalyzedDocument>();

  get(document: TextDocument): AnalyzedDocument {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const path = uriToPath(document.uri);
    const text = document.getText();
    const analyzed: AnalyzedDocument = { uri: document.uri, path, version: document.version };
    const refused = refusalReason(Buffer.byteLength(text), text.includes('\0'));
    const language = languageById(document.languageId) ?? recognize(path, refused ? undefined : text);
    if (language) analyzed.language = language;
    if (refused) analyzed.refused = refused;
    else if (language) analyzed.parsed = language.read(text, path);
    this.cache.set(document.uri, analyzed);
    return analyzed;
  }

  forget(uri: string): void { this.cache.delete(uri); }
}
