import { LineWord, ReusedLineWord, type LinePlace } from './line-place.js';

const SPACE = 0x20, TAB = 0x09, QUOTE = 0x22, BACKSLASH = 0x5c;
const isBlank = (c: number) => c === SPACE || c === TAB;

/**
 * Most words of a large file repeat (options, protocols, targets, chain names): one copy of each
 * is kept in a small table indexed by a hash computed while the word is scanned, so a repeat
 * costs a comparison in place instead of a new string. A slot holds the latest word that hashed
 * to it, which keeps the table's size fixed whatever the file holds.
 */
const INTERN_SLOTS = 4096;
const MAX_INTERNED = 32;
const interned: string[] = new Array(INTERN_SLOTS).fill('');
/** Each slot's full hash: a different word in the slot almost always differs here, before any character is compared. */
const internedHash = new Int32Array(INTERN_SLOTS);
function internedSlice(text: string, from: number, to: number, hash: number): string {
  const length = to - from;
  if (length > MAX_INTERNED) return text.slice(from, to);
  const slot = hash & (INTERN_SLOTS - 1);
  const known = interned[slot]!;
  if (internedHash[slot] === hash && known.length === length && sameAt(text, from, known)) return known;
  const value = text.slice(from, to);
  interned[slot] = value;
  internedHash[slot] = hash;
  return value;
}

/** Does `text` hold `word` at `from`? Compared a character at a time: words are short, and startsWith with a position is a call into the runtime. */
export function sameAt(text: string, from: number, word: string): boolean {
  for (let n = 0; n < word.length; n++) if (text.charCodeAt(from + n) !== word.charCodeAt(n)) return false;
  return true;
}

const collected: LineWord[] = [];
/** The words `reuse` hands out, by their place on the line. */
const reused: ReusedLineWord[] = [];

function plainWord(value: string, place: LinePlace, from: number, to: number, reuse: boolean, count: number): LineWord {
  if (!reuse) return new LineWord(value, place, from, to);
  const word = reused[count];
  return word ? word.reuse(value, place, from, to) : (reused[count] = new ReusedLineWord(value, place, from, to));
}

/**
 * Splits a restore-file line into arguments as iptables-restore does: whitespace separates,
 * double quotes group (and are removed), a backslash escapes a quote inside quotes. Single
 * quotes and backslashes elsewhere are ordinary characters. `start`..`end` is the part of
 * `text` to split; `place` is the line it lies on. With `reuse`, the unquoted words are the
 * objects handed out for the line split before (see ReusedLineWord).
 */
export function splitRestoreWords(text: string, start: number, end: number, place: LinePlace, reuse = false): LineWord[] {
  // Collected in one reused list and copied out at their exact count: the words of every line are kept.
  let count = 0;
  let i = start;
  while (i < end) {
    let c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) { i++; continue; }
    const wordStart = i;
    let hash = 0;
    while (i < end && (c = text.charCodeAt(i)) !== SPACE && c !== TAB && c !== QUOTE) { hash = (Math.imul(hash, 31) + c) | 0; i++; }
    if (c !== QUOTE || i >= end) {
      // Most words have no quotes: the value is the written text.
      collected[count] = plainWord(internedSlice(text, wordStart, i, hash), place, wordStart - place.offset, i - place.offset, reuse, count);
      count++;
      continue;
    }
    // Most quoted words are one quoted run ("a comment"): the value is what the quotes hold.
    const close = i === wordStart ? text.indexOf('"', i + 1) : -1;
    if (close !== -1 && close < end && text.charCodeAt(close - 1) !== BACKSLASH && (close + 1 === end || isBlank(text.charCodeAt(close + 1)))) {
      collected[count++] = LineWord.quoted(text.slice(i + 1, close), place, wordStart - place.offset, close + 1 - place.offset);
      i = close + 1;
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
    collected[count++] = LineWord.written(value, text.slice(wordStart, i), place, wordStart - place.offset, i - place.offset);
  }
  const words = collected.slice(0, count);
  // A very long line's words are not held on to.
  if (count > 1024) collected.length = 0;
  return words;
}

/**
 * The words of a line as places in the text, for a line read by its shape (see LineShapes): where
 * each word's value starts and ends, and the hash of its characters; no string or object is made
 * for a word until its value is asked for (valueAt). Reused line after line.
 */
export interface WordPlaces { count: number; from: Int32Array; to: Int32Array; hash: Int32Array }

export const newWordPlaces = (): WordPlaces => ({ count: 0, from: new Int32Array(64), to: new Int32Array(64), hash: new Int32Array(64) });

const OPEN_BRACKET = 0x5b;

/**
 * Places the words of text[start, end) as splitRestoreWords would split them, when each is plain
 * or one quoted run ("a comment", the value between the quotes); false for any other line (a
 * quote inside a word, an escaped quote, iptables-save's counters before the command), which is
 * left to splitRestoreWords.
 */
export function placeWords(text: string, start: number, end: number, places: WordPlaces): boolean {
  let count = 0;
  let i = start;
  while (i < end) {
    let c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) { i++; continue; }
    if (count === places.from.length) grow(places);
    let from = i, to: number, hash = 0;
    if (c === QUOTE) {
      const close = text.indexOf('"', i + 1);
      if (close === -1 || close >= end || text.charCodeAt(close - 1) === BACKSLASH || (close + 1 < end && !isBlank(text.charCodeAt(close + 1)))) return false;
      from = i + 1;
      to = close;
      for (let k = from; k < to; k++) hash = (Math.imul(hash, 31) + text.charCodeAt(k)) | 0;
      i = close + 1;
    } else {
      if (count === 0 && c === OPEN_BRACKET) return false;
      while (i < end && (c = text.charCodeAt(i)) !== SPACE && c !== TAB) {
        if (c === QUOTE) return false;
        hash = (Math.imul(hash, 31) + c) | 0;
        i++;
      }
      to = i;
    }
    places.from[count] = from;
    places.to[count] = to;
    places.hash[count] = hash;
    count++;
  }
  places.count = count;
  return true;
}

function grow(places: WordPlaces): void {
  const size = places.from.length * 2;
  const copy = (list: Int32Array) => { const grown = new Int32Array(size); grown.set(list); return grown; };
  places.from = copy(places.from);
  places.to = copy(places.to);
  places.hash = copy(places.hash);
}

/** The value of the n-th placed word, shared when short (as splitRestoreWords shares it). */
export function valueAt(text: string, places: WordPlaces, n: number): string {
  return internedSlice(text, places.from[n]!, places.to[n]!, places.hash[n]!);
}
