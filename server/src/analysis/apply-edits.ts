import type { TextEdit } from '../core/findings.js';
import { comparePositions, LineIndex } from '../core/text.js';

/** Applies non-overlapping edits to a text; overlapping ones after the first are skipped and returned. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
  const skipped: TextEdit[] = [];
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    const start = lines.offsetAt(edit.range.start), end = lines.offsetAt(edit.range.end);
    if (start < cursor) { skipped.push(edit); continue; }
    result += text.slice(cursor, start) + edit.newText;
    cursor = end;
  }
  return { text: result + text.slice(cursor), skipped };
}
