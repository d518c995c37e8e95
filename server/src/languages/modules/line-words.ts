import type { LineIndex } from '../../core/text.js';
import type { Word } from '../iptables/syntax.js';

/** Splits lines into whitespace-separated words, dropping comments that start with one of `commentChars`. */
export function lineWords(lines: LineIndex, commentChars: string): Array<{ line: number; words: Word[] }> {
  const result: Array<{ line: number; words: Word[] }> = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line]!;
    const lineText = lines.lineText(line).replace(/\r$/, '');
    const words: Word[] = [];
    const re = /\S+/g;
    for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
      if (commentChars.includes(m[0][0]!)) break;
      const at = start + m.index;
      words.push({ value: m[0], raw: m[0], start: at, end: at + m[0].length, range: lines.range(at, at + m[0].length) });
    }
    if (words.length) result.push({ line, words });
  }
  return result;
}
