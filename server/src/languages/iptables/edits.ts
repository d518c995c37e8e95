import type { Fix, TextEdit } from '../../core/findings.js';
import type { LineIndex, Range } from '../../core/text.js';

export function replace(range: Range, newText: string): TextEdit { return { range, newText }; }

export function insertLineBefore(line: number, text: string): TextEdit {
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${text}\n` };
}

export function insertLineAfter(lines: LineIndex, line: number, text: string): TextEdit {
  const end = lines.positionAt(lines.lineEnd(line));
  const isLast = line >= lines.lineCount - 1 || (line === lines.lineCount - 2 && lines.text.endsWith('\n') && lines.lineText(line + 1) === '');
  return isLast && !lines.text.endsWith('\n') ? { range: { start: end, end }, newText: `\n${text}` } : insertLineBefore(line + 1, text);
}

export function fixOf(path: string, title: string, edits: TextEdit[], safe: boolean, preferred = false): Fix {
  return { title, edits: { [path]: edits }, safe, ...(preferred ? { preferred } : {}) };
}
