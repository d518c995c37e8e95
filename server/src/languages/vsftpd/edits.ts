import type { Fix, TextEdit } from '../../core/findings.js';
import type { VsftpdFile, DirectiveLine } from './syntax.js';

export function replaceSpan(file: VsftpdFile, start: number, end: number, newText: string): TextEdit {
  return { range: file.lines.range(start, end), newText };
}

/** Removes a whole line including its newline. */
export function deleteLine(file: VsftpdFile, line: number): TextEdit {
  const start = file.lines.lineStarts[line]!;
  const next = file.lines.lineStarts[line + 1];
  if (next !== undefined) return replaceSpan(file, start, next, '');
  // The last line: take the newline before it instead, so no blank line is left behind.
  return replaceSpan(file, Math.max(0, start - 1), file.text.length, '');
}

/** Appends a new line after the file's last line. */
export function appendLine(file: VsftpdFile, text: string): TextEdit {
  const end = file.text.length;
  const needsBreak = end > 0 && !file.text.endsWith('\n');
  return replaceSpan(file, end, end, `${needsBreak ? '\n' : ''}${text}\n`);
}

export function fix(file: VsftpdFile, title: string, edits: TextEdit[], safe: boolean, preferred = false): Fix {
  return { title, edits: { [file.path]: edits }, safe, ...(preferred ? { preferred } : {}) };
}

export function setValueFix(file: VsftpdFile, d: DirectiveLine, newValue: string, safe: boolean, title?: string): Fix {
  const edit = d.value
    ? replaceSpan(file, d.value.start, d.value.end, newValue)
    : replaceSpan(file, d.name.end, d.name.end, `=${newValue}`);
  return fix(file, title ?? `Set ${d.name.text.trim()}=${newValue}`, [edit], safe);
}

