import type { LineIndex } from '../../core/text.js';
import { PlainWord, type HereDocument, type ShellWord, type WordPart } from './syntax.js';

/** A token of a shell script: a word, an operator (newline included), a redirection, `(( ... ))`, or the end. */
export type Token =
  | { kind: 'word'; word: ShellWord; start: number; end: number }
  | { kind: 'operator'; text: string; start: number; end: number }
  | { kind: 'redirect'; operator: string; descriptor?: number; hereDocument?: HereDocument; start: number; end: number }
  | { kind: 'arithmetic'; start: number; end: number }
  | { kind: 'end'; start: number; end: number };

const OPERATORS = ['&&', '||', ';;&', ';;', ';&', ';', '&', '|', '(', ')'];
const REDIRECTS = ['<<<', '<<-', '<<', '<&', '<>', '<', '>>', '>&', '>|', '>', '&>>', '&>'];
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMETERS = '@*#?$!-0123456789';

/** Characters a redirection (`2>`, `<<`, `&>`) or an operator can start with. */
const MAY_REDIRECT = new Set(['<', '>', '&', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const MAY_OPERATE = new Set(['&', '|', ';', '(', ')']);

/** Characters that end a run of plain text inside a word (unquoted, and inside double quotes). */
const PLAIN_STOP = new Set(['\\', "'", '"', '$', '`', '(']);
const QUOTED_STOP = new Set(['"', '\\', '$', '`']);

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r';
/** Characters that end an unquoted word. */
const isMeta = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';

/**
 * Splits a script into tokens the way the shell does: quotes and expansions stay inside their
 * word, a here-document's body is read after the newline that ends its command line, and
 * inside `[[ ... ]]` the operators `&&`, `||`, `<`, `>`, `(` and `)` are words of the test.
 * Tokens are handed out as the parser asks for them, so that only the words (which the commands
 * keep) outlive the parse, not a list of every token of the script.
 */
export class Lexer {
  private at = 0;
  /** Tokens made and not yet handed out (a line's here-document can make several at once). */
  private readonly queue: Token[] = [];
  private last: Token | undefined;
  readonly problems: Array<{ message: string; start: number; end: number }> = [];
  /** Where each comment starts (its '#'); it runs to the end of its line. */
  readonly comments: number[] = [];
  private pending: Array<{ holder: HereDocument; delimiter: string; stripTabs: boolean }> = [];
  private inTest = false;

  constructor(private readonly text: string, private readonly lines?: LineIndex) {}

  next(): Token {
    while (this.queue.length === 0) this.step();
    return this.queue.shift()!;
  }

  private emit(token: Token): void {
    this.queue.push(token);
    this.last = token;
  }

  /** Reads past blanks and comments up to one token (or the end). */
  private step(): void {
    const { text } = this;
    while (this.at < text.length) {
      const c = text[this.at]!;
      if (isBlank(c)) { this.at++; continue; }
      if (c === '\\' && text[this.at + 1] === '\n') { this.at += 2; continue; }
      if (c === '\\' && text[this.at + 1] === '\r' && text[this.at + 2] === '\n') { this.at += 3; continue; }
      if (c === '#') {
        this.comments.push(this.at);
        const newline = text.indexOf('\n', this.at);
        this.at = newline === -1 ? text.length : newline;
        continue;
      }
      if (c === '\n') {
        this.emit({ kind: 'operator', text: '\n', start: this.at, end: this.at + 1 });
        this.at++;
        this.readHereDocuments();
        return;
      }
      if (this.inTest && this.testWord()) return;
      // Most tokens are words: only a character that can start something else is tried for it.
      if (MAY_REDIRECT.has(c) && this.redirect()) return;
      if (c === '(' && this.arithmetic()) return;
      if (MAY_OPERATE.has(c) && this.operator()) return;
      if (this.word()) return;
    }
    if (this.at >= text.length) {
      if (this.pending.length) this.problems.push({ message: `here-document delimited by end of file (wanted "${this.pending[0]!.delimiter}")`, start: text.length, end: text.length });
      this.pending = [];
      this.emit({ kind: 'end', start: text.length, end: text.length });
    }
  }

  /** Inside [[ ]]: operators that are words of the test. */
  private testWord(): boolean {
    const m = /^(&&|\|\||<|>|\(|\))/.exec(this.text.slice(this.at, this.at + 2));
    if (!m) return false;
    const start = this.at;
    this.at += m[0].length;
    this.emit({ kind: 'word', word: { parts: [{ kind: 'text', text: m[0], quoted: false, start, end: this.at }], start, end: this.at }, start, end: this.at });
    return true;
  }

  private operator(): boolean {
    for (const op of OPERATORS) {
      if (!this.text.startsWith(op, this.at)) continue;
      this.emit({ kind: 'operator', text: op, start: this.at, end: this.at + op.length });
      this.at += op.length;
      return true;
    }
    return false;
  }

  /** `(( ... ))` where a command starts. */
  private arithmetic(): boolean {
    if (!this.text.startsWith('((', this.at) || !this.atCommandStart()) return false;
    const start = this.at;
    const close = this.text.indexOf('))', start + 2);
    if (close === -1) this.problems.push({ message: '"((" is never closed', start, end: this.text.length });
    this.at = close === -1 ? this.text.length : close + 2;
    this.emit({ kind: 'arithmetic', start, end: this.at });
    return true;
  }

  private atCommandStart(): boolean {
    const last = this.last;
    if (!last || last.kind === 'operator') return true;
    if (last.kind !== 'word') return false;
    const text = last.word.parts.length === 1 && last.word.parts[0]!.kind === 'text' ? last.word.parts[0]!.text : '';
    return ['do', 'then', 'else', 'elif', '{', 'for', 'while', 'until', 'if', '!'].includes(text);
  }

  private redirect(): boolean {
    const { text } = this;
    let at = this.at;
    while (at < text.length && text[at]! >= '0' && text[at]! <= '9') at++;
    const op = REDIRECTS.find((r) => text.startsWith(r, at));
    if (!op || (at > this.at && op.startsWith('&'))) return false;
    const start = this.at;
    const descriptor = at > this.at ? Number(text.slice(this.at, at)) : undefined;
    this.at = at + op.length;
    if (op === '<<' || op === '<<-') {
      while (isBlank(text[this.at])) this.at++;
      const delimiterStart = this.at;
      while (this.at < text.length && !isMeta(text[this.at])) this.at++;
      const written = text.slice(delimiterStart, this.at);
      const holder: HereDocument = { body: '', expands: !/["'\\]/.test(written), start: -1 };
      this.pending.push({ holder, delimiter: written.replace(/["'\\]/g, ''), stripTabs: op === '<<-' });
      this.emit({ kind: 'redirect', operator: op, ...(descriptor !== undefined ? { descriptor } : {}), hereDocument: holder, start, end: this.at });
      return true;
    }
    this.emit({ kind: 'redirect', operator: op, ...(descriptor !== undefined ? { descriptor } : {}), start, end: this.at });
    return true;
  }

  /** The bodies of the here-documents begun on the line just ended. */
  private readHereDocuments(): void {
    const { text } = this;
    for (const { holder, delimiter, stripTabs } of this.pending) {
      holder.start = this.at;
      const body: string[] = [];
      let closed = false;
      while (this.at < text.length) {
        const newline = text.indexOf('\n', this.at);
        const end = newline === -1 ? text.length : newline;
        let line = text.slice(this.at, end).replace(/\r$/, '');
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.at = newline === -1 ? text.length : newline + 1;
        if (line === delimiter) { closed = true; break; }
        body.push(line);
      }
      holder.body = body.length ? `${body.join('\n')}\n` : '';
      if (!closed) this.problems.push({ message: `here-document delimited by end of file (wanted "${delimiter}")`, start: holder.start, end: text.length });
    }
    this.pending = [];
  }

  /** Reads a word; false when the character here starts none (it is then skipped). */
  private word(): boolean {
    const start = this.at;
    const plain = plainWordEnd(this.text, start);
    if (plain !== -1) {
      // Most words are plain text: one small object, read without a reader of its own.
      this.at = plain;
      const text = this.text.slice(start, plain);
      this.emit({ kind: 'word', word: new PlainWord(text, start, plain, this.lines), start, end: plain });
      if (text === '[[') this.inTest = true;
      else if (text === ']]') this.inTest = false;
      return true;
    }
    const parts = new WordReader(this.text, this.at, this.problems).read(isMeta);
    this.at = parts.end;
    const word: ShellWord = { parts: parts.parts, start, end: this.at };
    if (this.at === start) {
      // A character no rule takes (cannot happen with the sets above, but never loop on it).
      this.at++;
      return false;
    }
    this.emit({ kind: 'word', word, start, end: this.at });
    return true;
  }
}

/**
 * Where a word starting at `from` ends when it is all plain characters (no quote, backslash,
 * expansion or parenthesis), or -1 when it is not.
 */
function plainWordEnd(text: string, from: number): number {
  let at = from;
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    // Blanks, newline and the operators end it: space, tab, \r, \n, ; & | < > ).
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x3c || c === 0x3e || c === 0x29) break;
    // A quote, backslash, $, backquote or '(' (NAME=(a b)) needs the full reader.
    if (c === 0x22 || c === 0x27 || c === 0x5c || c === 0x24 || c === 0x60 || c === 0x28) return -1;
  }
  return at > from ? at : -1;
}

/** Reads the parts of one word from `at` until `stop` says a character ends it (outside quotes). */
class WordReader {
  private readonly parts: WordPart[] = [];
  private at: number;

  constructor(private readonly text: string, from: number, private readonly problems: Array<{ message: string; start: number; end: number }>) {
    this.at = from;
  }

  read(stop: (c: string | undefined) => boolean): { parts: WordPart[]; end: number } {
    const { text } = this;
    while (this.at < text.length) {
      const c = text[this.at]!;
      // bash's array assignment NAME=(a b c): the elements, as one list.
      if (c === '(' && this.parts.length === 1 && this.parts[0]!.kind === 'text' && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(this.parts[0].text)) { this.arrayElements(); continue; }
      if (stop(c)) break;
      if (c === '\\') {
        if (text[this.at + 1] === '\n') { this.at += 2; continue; }
        this.addText(text[this.at + 1] ?? '', true, this.at, Math.min(text.length, this.at + 2));
        this.at += 2;
        continue;
      }
      if (c === "'") { this.singleQuoted(); continue; }
      if (c === '"') { this.doubleQuoted(); continue; }
      if (c === '$') { this.dollar(false); continue; }
      if (c === '`') { this.backquoted(false); continue; }
      // A run of plain characters is taken at once: one slice, not a string grown a character at a time.
      let end = this.at + 1;
      while (end < text.length && !PLAIN_STOP.has(text[end]!) && !stop(text[end])) end++;
      this.addText(text.slice(this.at, end), false, this.at, end);
      this.at = end;
    }
    return { parts: this.parts, end: this.at };
  }

  private addText(text: string, quoted: boolean, start: number, end: number): void {
    const last = this.parts.at(-1);
    if (last?.kind === 'text' && last.quoted === quoted && last.end === start) { last.text += text; last.end = end; return; }
    this.parts.push({ kind: 'text', text, quoted, start, end });
  }

  private singleQuoted(): void {
    const start = this.at;
    const close = this.text.indexOf("'", start + 1);
    if (close === -1) this.problems.push({ message: 'unterminated single quote', start, end: this.text.length });
    const end = close === -1 ? this.text.length : close + 1;
    this.parts.push({ kind: 'text', text: this.text.slice(start + 1, close === -1 ? end : close), quoted: true, start, end });
    this.at = end;
  }

  private doubleQuoted(): void {
    const { text } = this;
    const start = this.at;
    this.at++;
    // An empty "" is still a word: it leaves an empty quoted text part.
    this.parts.push({ kind: 'text', text: '', quoted: true, start, end: this.at });
    while (this.at < text.length && text[this.at] !== '"') {
      const c = text[this.at]!;
      if (c === '\\' && '$`"\\\n'.includes(text[this.at + 1] ?? 'x')) {
        if (text[this.at + 1] !== '\n') this.addText(text[this.at + 1]!, true, this.at, this.at + 2);
        this.at += 2;
        continue;
      }
      if (c === '$') { this.dollar(true); continue; }
      if (c === '`') { this.backquoted(true); continue; }
      let end = this.at + 1;
      while (end < text.length && !QUOTED_STOP.has(text[end]!)) end++;
      this.addText(text.slice(this.at, end), true, this.at, end);
      this.at = end;
    }
    if (this.at >= text.length) this.problems.push({ message: 'unterminated double quote', start, end: text.length });
    else this.at++;
    const last = this.parts.at(-1)!;
    if (last.kind === 'text' && last.quoted) last.end = this.at;
  }

  private backquoted(quoted: boolean): void {
    const start = this.at;
    let at = start + 1;
    while (at < this.text.length && this.text[at] !== '`') at += this.text[at] === '\\' ? 2 : 1;
    if (at >= this.text.length) this.unclosed('`', start);
    const end = Math.min(this.text.length, at + 1);
    this.parts.push({ kind: 'substitution', text: this.text.slice(start + 1, at), textAt: start + 1, quoted, start, end });
    this.at = end;
  }

  /** Something opened and never closed: it runs to the end of the text, and the shell refuses the script. */
  private unclosed(opening: string, start: number): void {
    this.problems.push({ message: `"${opening}" is never closed`, start, end: this.text.length });
  }

  private arrayElements(): void {
    const start = this.at;
    const close = matchingClose(this.text, start);
    if (close >= this.text.length) this.unclosed('(', start);
    const inner = this.text.slice(start + 1, close).trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^["']|["']$/g, '')).join(' ');
    this.at = Math.min(this.text.length, close + 1);
    this.parts.push({ kind: 'text', text: inner, quoted: true, start, end: this.at });
  }

  private dollar(quoted: boolean): void {
    const { text } = this;
    const start = this.at;
    const next = text[start + 1];
    if (next === '(' && text[start + 2] === '(') {
      const close = text.indexOf('))', start + 3);
      if (close === -1) this.unclosed('$((', start);
      this.at = close === -1 ? text.length : close + 2;
      this.parts.push({ kind: 'arithmetic', text: text.slice(start + 3, close === -1 ? text.length : close), quoted, start, end: this.at });
      return;
    }
    if (next === '(') {
      const close = matchingClose(text, start + 1);
      if (close >= text.length) this.unclosed('$(', start);
      this.at = Math.min(text.length, close + 1);
      this.parts.push({ kind: 'substitution', text: text.slice(start + 2, close), textAt: start + 2, quoted, start, end: this.at });
      return;
    }
    if (next === '{') { this.braced(quoted); return; }
    if (next !== undefined && NAME_START.test(next)) {
      let at = start + 1;
      while (at < text.length && NAME_CHAR.test(text[at]!)) at++;
      this.parts.push({ kind: 'parameter', name: text.slice(start + 1, at), quoted, start, end: at });
      this.at = at;
      return;
    }
    if (next !== undefined && SPECIAL_PARAMETERS.includes(next)) {
      this.at = start + 2;
      this.parts.push({ kind: 'parameter', name: next, quoted, start, end: this.at });
      return;
    }
    this.addText('$', quoted, start, start + 1);
    this.at++;
  }

  /** `${...}`: a name, an optional [@]/[*] subscript, and an operator with its word. */
  private braced(quoted: boolean): void {
    const { text } = this;
    const start = this.at;
    let at = start + 2;
    const close = matchingBrace(text, at);
    // An unclosed ${ ends with its line (the shell refuses it: "bad substitution").
    const closed = text[close] === '}';
    if (!closed) this.problems.push({ message: 'unclosed "${" (bad substitution)', start, end: close });
    const end = closed ? close + 1 : close;
    if (text[at] === '#' && close > at + 1) {
      this.parts.push({ kind: 'parameter', name: text.slice(at + 1, close), operator: 'length', quoted, start, end });
      this.at = end;
      return;
    }
    const nameStart = at;
    if (NAME_START.test(text[at] ?? '')) while (at < close && NAME_CHAR.test(text[at]!)) at++;
    else if (SPECIAL_PARAMETERS.includes(text[at] ?? '')) at++;
    let name = text.slice(nameStart, at);
    if (text.startsWith('[@]', at) || text.startsWith('[*]', at)) { name += text.slice(at, at + 3); at += 3; }
    const operator = /^(:-|:=|:\+|:\?|-|=|\+|\?)/.exec(text.slice(at, Math.min(close, at + 2)))?.[1];
    if (at === close) {
      this.parts.push({ kind: 'parameter', name, quoted, start, end });
    } else if (operator && name) {
      const argumentStart = at + operator.length;
      const reader = new WordReader(text.slice(0, close), argumentStart, this.problems);
      const read = reader.read(() => false);
      const argument: ShellWord = { parts: quoted ? read.parts.map((p) => ({ ...p, quoted: true })) : read.parts, start: argumentStart, end: close };
      this.parts.push({ kind: 'parameter', name, operator: operator as never, argument, quoted, start, end });
    } else {
      this.parts.push({ kind: 'parameter', name, operator: 'other', quoted, start, end });
    }
    this.at = end;
  }
}

/** The `)` that closes the `(` at `open`, past nested parentheses and quotes. */
function matchingClose(text: string, open: number): number {
  return closingOf(text, open, '(', ')', 0, false);
}

/** The `}` that closes a `${` whose name starts at `from`; an unclosed one ends at its line's end. */
function matchingBrace(text: string, from: number): number {
  return closingOf(text, from, '{', '}', 1, true);
}

/** Where the bracket `close` brings `depth` back to zero, from `from` on, past nested brackets and quotes. */
function closingOf(text: string, from: number, open: string, close: string, depth: number, endsAtNewline: boolean): number {
  for (let at = from; at < text.length; at++) {
    const c = text[at];
    if (c === '\\') { at++; continue; }
    if (c === "'") { const q = text.indexOf("'", at + 1); if (q === -1) return text.length; at = q; continue; }
    if (c === '"') { at = closingQuote(text, at); continue; }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return at;
    else if (endsAtNewline && c === '\n' && depth === 1 && at > from) return at;
  }
  return text.length;
}

function closingQuote(text: string, open: number): number {
  for (let at = open + 1; at < text.length; at++) {
    if (text[at] === '\\') { at++; continue; }
    if (text[at] === '"') return at;
  }
  return text.length;
}
