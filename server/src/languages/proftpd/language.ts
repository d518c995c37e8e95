import type { Language } from '../../analysis/language.js';
import type { CompletionEntry, FoldingEntry, SymbolEntry } from '../../core/features.js';
import { containsPosition } from '../../core/text.js';
import { foldRuns } from '../../core/folding.js';
import { allDirectives, CONTEXT_NAMES, directiveFacts, type DirectiveFacts } from './catalogue.js';
import { DESCRIPTIONS } from './descriptions.js';
import { readProftpdDocument, type ProftpdDocument } from './document.js';

const NAME_PATTERNS = [/(^|\/)proftpd\.conf$/, /(^|\/)proftpd\/[^/]+\.conf$/, /(^|\/)proftpd\/conf\.d\/[^/]+$/];

/** Text whose lines mostly start with ProFTPD directives, one of them a section or a directive only ProFTPD has. */
function looksLikeProftpd(text: string): boolean {
  let known = 0, other = 0, telling = false;
  for (const line of text.split('\n', 400)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const word = trimmed.split(/\s+/, 1)[0]!.replace(/>?$/, '>');
    const name = trimmed.startsWith('<') ? word : trimmed.split(/\s+/, 1)[0]!;
    if (!trimmed.includes('=') && directiveFacts(name)) known++; else other++;
    if (/^(<VirtualHost|<IfModule|<Global>|<Anonymous|ServerType|PassivePorts|MasqueradeAddress|DefaultServer)\b/i.test(trimmed)) telling = true;
  }
  return telling && known >= 3 && known >= 4 * other;
}

function describe(facts: DirectiveFacts): string {
  const own = DESCRIPTIONS[facts.name];
  const where = facts.contexts ? ` Allowed in: ${facts.contexts.map((c) => CONTEXT_NAMES[c]).join(', ')}.` : '';
  const syntax = facts.syntax ? `\n\nSyntax: \`${facts.syntax}\`${facts.default ? ` · Default: ${facts.default}` : ''}` : '';
  return `**${facts.name}** (${facts.module})${own ? ` — ${own}` : ''}${where}${syntax}`;
}

function completions(doc: ProftpdDocument, position: { line: number; character: number }): CompletionEntry[] {
  const lines = doc.file.lines;
  const lineStart = lines.lineStarts[position.line] ?? lines.text.length;
  const before = lines.text.slice(lineStart, lines.offsetAt(position));
  if (before.trimStart().startsWith('#') || /\S\s/.test(before.trimStart())) return [];
  const typedStart = lineStart + /^[ \t]*/.exec(before)![0].length;
  const range = lines.range(typedStart, lines.offsetAt(position));
  const used = new Set(doc.file.entries.map((e) => e.name.value.toLowerCase()));
  return [...allDirectives()].filter((f) => !f.name.startsWith('</')).map((facts) => ({
    label: facts.name.endsWith('>') ? facts.name.slice(0, -1) : facts.name,
    kind: 'property',
    detail: `${facts.module}${used.has(facts.name.toLowerCase()) ? ' — already in this file' : ''}`,
    documentation: describe(facts),
    range,
    // The directives that decide FTP's paths first.
    sortText: `${DESCRIPTIONS[facts.name] ? '0' : '1'}${facts.name}`,
  }));
}

/** Sections as namespaces holding their lines, in file order. */
function symbols(doc: ProftpdDocument): SymbolEntry[] {
  const top: SymbolEntry[] = [];
  const open: SymbolEntry[] = [];
  for (const entry of doc.file.entries) {
    const name = entry.name.value;
    const into = open.at(-1)?.children ?? top;
    if (name.startsWith('</')) {
      const closed = open.pop();
      if (closed) closed.range = { start: closed.range.start, end: entry.range.end };
      continue;
    }
    const symbol: SymbolEntry = { name: name.startsWith('<') ? `${name.slice(0, -1)}${entry.args.length ? ` ${entry.args.map((a) => a.value).join(' ')}` : ''}>` : name, detail: name.startsWith('<') ? '' : entry.args.map((a) => a.value).join(' '), kind: name.startsWith('<') ? 'namespace' : 'property', range: entry.range, selectionRange: entry.name.range };
    into.push(symbol);
    if (name.startsWith('<')) { symbol.children = []; open.push(symbol); }
  }
  return top;
}

/** Sections fold from their opening to their closing line; runs of comments fold too. */
function folding(doc: ProftpdDocument): FoldingEntry[] {
  const result: FoldingEntry[] = [];
  const opened: number[] = [];
  for (const entry of doc.file.entries) {
    if (entry.name.value.startsWith('</')) { const start = opened.pop(); if (start !== undefined && entry.line > start) result.push({ startLine: start, endLine: entry.line }); }
    else if (entry.name.value.startsWith('<')) opened.push(entry.range.start.line);
  }
  return [...result, ...foldRuns(new Set(doc.file.comments), doc.file.lines.lineCount, 'comment')];
}

export const proftpdLanguage: Language<ProftpdDocument> = {
  id: 'proftpd',
  displayName: 'ProFTPD configuration',
  read: readProftpdDocument,
  lines: (doc) => doc.file.lines,
  rules: [],
  namePatterns: NAME_PATTERNS,
  matchesContent: looksLikeProftpd,
  hover(doc, position) {
    const entry = doc.file.entries.find((e) => containsPosition(e.name.range, position));
    const facts = entry && directiveFacts(entry.name.value);
    if (!entry || !facts) return undefined;
    return { markdown: describe(facts), range: entry.name.range };
  },
  completions,
  symbols,
  folding,
};
