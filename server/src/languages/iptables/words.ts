import { LineWord, type LinePlace } from './line-place.js';

const SPACE = 0x20, TAB = 0x09, QUOTE = 0x22, BACKSLASH = 0x5c;

/**
 * Most words of a large file repeat (options, protocols, targets, chain names): keeping one copy
 * of each short value makes a 100k-rule file's reading markedly smaller. Bounded, so a file of
 * unique values cannot grow it without end.
 */
const seenValues = new Map<string, string>();
function shared(value: string): string {
  if (value.length > 32) return value;
  const known = seenValues.get(value);
  if (known !== undefined) return known;
  if (seenValues.size >= 100_000) seenValues.clear();
  seenValues.set(value, value);
  return value;
}

/**
 * Splits a restore-file line into arguments as iptables-restore does: whitespace separates,
 * double quotes group (and are removed), a backslash escapes a quote inside quotes. Single
 * quotes and backslashes elsewhere are ordinary characters. `start`..`end` is the part of
 * `text` to split; `place` is the line it lies on.
 */
export function splitRestoreWords(text: string, start: number, end: number, place: LinePlace): LineWord[] {
  const words: LineWord[] = [];
  let i = start;
  while (i < end) {
    let c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) { i++; continue; }
    const wordStart = i;
    while (i < end && (c = text.charCodeAt(i)) !== SPACE && c !== TAB && c !== QUOTE) i++;
    if (c !== QUOTE || i >= end) {
      // Most words have no quotes: the value is the written text.
      words.push(new LineWord(shared(text.slice(wordStart, i)), place, wordStart - place.offset, i - place.offset));
      continue;
    }
    // Quoted: the value is the written text without its quotes, joined once at the end.
    const parts = [text.slice(wordStart, i)];
    let quoted = false;
    let from = i;
    while (i < end) {
      c = text.charCodeAt(i);
      if (quoted) {
        if (c === BACKSLASH && i + 1 < end && text.charCodeAt(i + 1) === QUOTE) { parts.push(text.slice(from, i), '"'); i += 2; from = i; continue; }
        if (c === QUOTE) { parts.push(text.slice(from, i)); quoted = false; from = ++i; continue; }
      } else {
        if (c === SPACE || c === TAB) break;
        if (c === QUOTE) { parts.push(text.slice(from, i)); quoted = true; from = ++i; continue; }
      }
      i++;
    }
    parts.push(text.slice(from, i));
    const value = parts.join('');
    words.push(new LineWord(value, place, wordStart - place.offset, i - place.offset, text.slice(wordStart, i)));
  }
  return words;
}
