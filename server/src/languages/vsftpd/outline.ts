import type { FoldingEntry, SymbolEntry } from '../../core/features.js';
import { addToGroup } from '../../core/grouping.js';
import { foldRuns } from '../../core/folding.js';
import { CATEGORY_TITLES } from './descriptions.js';
import { directiveInfo } from './directives.js';
import type { VsftpdDocument } from './document.js';

/** Document symbols: the directives, grouped by what they are for, in the order groups first appear. */
export function vsftpdSymbols(doc: VsftpdDocument): SymbolEntry[] {
  const groups = new Map<string, SymbolEntry[]>();
  for (const d of doc.file.directives) {
    const info = directiveInfo(d.name.text);
    const group = info ? CATEGORY_TITLES[info.category] ?? info.category : 'Unknown directives';
    const entry: SymbolEntry = { name: d.name.text || '(no name)', detail: d.value?.text ?? '', kind: 'property', range: d.range, selectionRange: d.name.range };
    addToGroup(groups, group, entry);
  }
  return [...groups].map(([name, children]) => ({
    name,
    kind: 'namespace',
    range: { start: children[0]!.range.start, end: children.at(-1)!.range.end },
    selectionRange: children[0]!.selectionRange,
    children,
  }));
}

/** Folds runs of comment lines and paragraphs (lines between blank lines). */
export function vsftpdFolding(doc: VsftpdDocument): FoldingEntry[] {
  const commentLines = new Set(doc.file.comments.map((c) => c.line));
  const contentLines = new Set([...commentLines, ...doc.file.directives.map((d) => d.line)]);
  const count = doc.file.lines.lineCount;
  return [...foldRuns(commentLines, count, 'comment'), ...foldRuns(contentLines, count, 'region')];
}
