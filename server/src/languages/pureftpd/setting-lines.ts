import type { LineIndex, Range } from '../../core/text.js';

/** The lines that say something, as both of Pure-FTPd's readers take them: trimmed, blank and `#` lines left out. */
export function* settingLines(lines: LineIndex): Generator<{ line: number; text: string; range: Range }> {
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) continue;
    const start = lines.lineStarts[line]! + raw.indexOf(text);
    yield { line, text, range: lines.range(start, start + text.length) };
  }
}
