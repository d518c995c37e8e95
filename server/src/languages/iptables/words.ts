import type { LineIndex } from '../../core/text.js';
import type { Word } from './syntax.js';

/**
 * Splits a restore-file line into arguments as iptables-restore does: whitespace separates,
 * double quotes group (and are removed), a backslash escapes a quote inside quotes. Single
 * quotes and backslashes elsewhere are ordinary characters.
 */
export function splitRestoreWords(text: string, start: number, end: number, lines: LineIndex): Word[] {
  const words: Word[] = [];
  let i = start;
  while (i < end) {
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= end) break;
    const wordStart = i;
    let value = '';
    let quoted = false;
    while (i < end) {
      const c = text[i]!;
      if (quoted) {
        if (c === '\\' && text[i + 1] === '"' && i + 1 < end) { value += '"'; i += 2; continue; }
        if (c === '"') { quoted = false; i++; continue; }
        value += c; i++;
      } else {
        if (c === ' ' || c === '\t') break;
        if (c === '"') { quoted = true; i++; continue; }
        value += c; i++;
      }
    }
    words.push({ value, raw: text.slice(wordStart, i), start: wordStart, end: i, range: lines.range(wordStart, i) });
  }
  return words;
}
