import { LineIndex, type Range } from '../../core/text.js';

/** One word of a configuration line: its value as ProFTPD reads it (quotes and escapes undone) and where it is written. */
export interface ProftpdWord { value: string; range: Range }

/**
 * One configuration line as ProFTPD's parser hands it to a directive: the name (a section's
 * `<VirtualHost` and `</VirtualHost>` normalised to `<VirtualHost>` and `</VirtualHost>`), its
 * arguments, and `line`, the 0-based physical line ProFTPD names in its messages (the last
 * line of a continued one).
 */
export interface ProftpdLine {
  name: ProftpdWord;
  args: ProftpdWord[];
  line: number;
  range: Range;
}

export interface ProftpdFile {
  path: string;
  text: string;
  lines: LineIndex;
  entries: ProftpdLine[];
  /** 0-based lines that are comments, for folding. */
  comments: number[];
}

/**
 * Reads a ProFTPD configuration file as 1.3.8's parser does: a line ending in a backslash goes
 * on on the next line (a comment line's continuation is dropped), leading blanks and `#` lines are
 * skipped, words are split on blanks, a word starting with `#` ends the line, and a word starting
 * with `"` runs to the next `"` with backslash escapes inside.
 */
export function readProftpdFile(text: string, path: string): ProftpdFile {
  const lines = new LineIndex(text);
  const entries: ProftpdLine[] = [];
  const comments: number[] = [];
  let pieces: Array<{ from: number; to: number }> = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStarts[line]!;
    let end = lines.lineEnd(line);
    if (end > start && text[end - 1] === '\r') end--;
    const continued = end > start && text[end - 1] === '\\' && line < lines.lineCount - 1;
    if (continued) {
      // A continued comment line is dropped whole, as if it were not there.
      if (pieces.length === 0 && text.slice(start, end).trimStart().startsWith('#')) { comments.push(line); continue; }
      pieces.push({ from: start, to: end - 1 });
      continue;
    }
    pieces.push({ from: start, to: end });
    const entry = readLine(text, lines, pieces, line);
    if (entry) entries.push(entry);
    else if (text.slice(pieces[0]!.from, pieces[0]!.to).trimStart().startsWith('#')) comments.push(line);
    pieces = [];
  }
  return { path, text, lines, entries, comments };
}

/** The words of one logical line made of `pieces` (offsets into the file), or undefined for a blank or comment line. */
function readLine(text: string, lines: LineIndex, pieces: ReadonlyArray<{ from: number; to: number }>, line: number): ProftpdLine | undefined {
  // Each character of the logical line with its offset in the file, so words keep their place across continuations.
  const chars: Array<{ c: string; at: number }> = [];
  for (const { from, to } of pieces) for (let i = from; i < to; i++) chars.push({ c: text[i]!, at: i });
  let i = 0;
  const blank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\r';
  while (i < chars.length && blank(chars[i]!.c)) i++;
  if (i === chars.length || chars[i]!.c === '#') return undefined;
  const words: ProftpdWord[] = [];
  while (i < chars.length) {
    while (i < chars.length && blank(chars[i]!.c)) i++;
    if (i === chars.length || chars[i]!.c === '#') break;
    const first = chars[i]!.at;
    let value = '';
    const quoted = chars[i]!.c === '"';
    if (quoted) {
      i++;
      while (i < chars.length && chars[i]!.c !== '"') {
        if (chars[i]!.c === '\\' && i + 1 < chars.length) i++;
        value += chars[i]!.c;
        i++;
      }
    } else {
      while (i < chars.length && !blank(chars[i]!.c)) value += chars[i++]!.c;
    }
    // A quoted word's range takes in its closing quote; an unquoted word ends before the blank.
    const lastChar = chars[quoted && i < chars.length ? i : i - 1]!;
    words.push({ value, range: lines.range(first, lastChar.at + 1) });
    // The character that ended the word (a blank or the closing quote) is skipped with it.
    if (i < chars.length) i++;
  }
  const [name, ...args] = sectionForm(words);
  const startAt = chars.find((c) => !blank(c.c))!.at;
  return { name: name!, args, line, range: lines.range(startAt, chars.at(-1)!.at + 1) };
}

/** `<VirtualHost 10.0.0.1>` as ProFTPD reads it: the name `<VirtualHost>` and the argument `10.0.0.1`. */
function sectionForm(words: ProftpdWord[]): ProftpdWord[] {
  if (words.length === 0 || !words[0]!.value.startsWith('<')) return words;
  const result = words.map((w) => ({ ...w }));
  const last = result.at(-1)!;
  if (result.length > 1 && last.value.endsWith('>')) {
    if (last.value === '>') result.pop(); else last.value = last.value.slice(0, -1);
    if (!result[0]!.value.endsWith('>')) result[0]!.value += '>';
  }
  return result;
}
