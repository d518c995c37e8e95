import type { LineIndex, Range } from '../../core/text.js';
import type { Word } from '../iptables/syntax.js';

/** One simple command of a shell script, its words expanded as far as the script itself tells. */
export interface ShellCommand {
  /** Leading NAME=value words (a plain assignment when `words` is empty). */
  assignments: Array<{ name: string; value: Word }>;
  words: Word[];
  line: number;
  range: Range;
}

/**
 * A word of the script: one shape for every word (the rules read `value` of thousands of them),
 * and its range worked out only when asked for, as few words ever end up in a finding.
 */
class ShellWord implements Word {
  constructor(
    readonly value: string,
    readonly raw: string,
    readonly start: number,
    readonly end: number,
    private readonly lines: LineIndex,
    readonly unresolved: boolean,
  ) {}

  get range(): Range { return this.lines.range(this.start, this.end); }

  /** The same place holding another value (an assignment's right-hand side). */
  holding(value: string): ShellWord { return new ShellWord(value, this.raw, this.start, this.end, this.lines, this.unresolved); }
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'case', 'esac', '{', '}', '!', 'time']);
const DECLARERS = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);

/**
 * Reads a shell script's simple commands in order, following its variable assignments. What a
 * word holds is known when it is made of literal text and variables assigned earlier in the
 * script; anything else (command substitution, positional parameters, variables from the
 * environment) makes the word `unresolved`. Control flow is not followed: commands are taken in
 * the order they are written.
 */
export function readShellCommands(text: string, lines: LineIndex, variables = new Map<string, string>()): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let i = 0;
  let words: ShellWord[] = [];
  let commandStart = -1;
  let heredocs: string[] = [];

  // The word being built.
  let value = '';
  let wordStart = -1;
  let unresolved = false;
  let splittable = true; // an unquoted expansion alone: split on whitespace like the shell does
  let hadQuotes = false;
  let onlyExpansion = false;

  const startWord = () => { if (wordStart === -1) { wordStart = i; value = ''; unresolved = false; hadQuotes = false; onlyExpansion = true; splittable = true; } };
  const endWord = () => {
    if (wordStart === -1) return;
    const raw = text.slice(wordStart, i);
    if (onlyExpansion && splittable && !hadQuotes && !unresolved) {
      for (const part of value.split(/[ \t\n]+/).filter(Boolean)) words.push(new ShellWord(part, raw, wordStart, i, lines, false));
    } else {
      words.push(new ShellWord(value, raw, wordStart, i, lines, unresolved));
    }
    wordStart = -1;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(toCommand(words, commandStart, i));
    words = [];
    commandStart = -1;
  };
  const toCommand = (all: ShellWord[], start: number, end: number): ShellCommand => {
    let rest = all;
    while (rest.length && KEYWORDS.has(rest[0]!.value) && !rest[0]!.raw.includes('"')) rest = rest.slice(1);
    if (rest[0] && DECLARERS.has(rest[0].value)) {
      const assigned = rest.slice(1).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.raw));
      rest = [];
      for (const w of assigned) assign(w);
      return { assignments: assigned.map(split), words: [], line: lines.positionAt(start).line, range: lines.range(start, end) };
    }
    const assignments: ShellCommand['assignments'] = [];
    while (rest.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!.raw)) { assignments.push(split(rest[0]!)); rest = rest.slice(1); }
    // NAME=value before a command only sets it for that command; alone, it sets it for the script.
    if (rest.length === 0) for (const a of assignments) variables.set(a.name, a.value.unresolved ? '\u0000' : a.value.value);
    return { assignments, words: rest, line: lines.positionAt(start).line, range: lines.range(start, end) };
  };
  const split = (w: ShellWord) => {
    const eq = w.value.indexOf('=');
    return { name: w.value.slice(0, eq), value: w.holding(w.value.slice(eq + 1)) };
  };
  const assign = (w: ShellWord) => { const a = split(w); variables.set(a.name, w.unresolved ? '\u0000' : a.value.value); };

  /** $NAME, ${NAME}, ${NAME:-default}, $(...), `...`, $1: appends what is known and marks the rest. */
  const expand = (quoted: boolean) => {
    const next = text[i + 1];
    if (next === '(') { skipBalanced(i + 1, '(', ')'); unresolved = true; return; }
    if (next === '{') {
      const close = text.indexOf('}', i + 2);
      const inner = text.slice(i + 2, close === -1 ? text.length : close);
      i = close === -1 ? text.length : close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?[-=](.*))?$/.exec(inner);
      const known = m ? variables.get(m[1]!) : undefined;
      if (m && known !== undefined && known !== '\u0000' && known !== '') value += known;
      else if (m && m[2] !== undefined) value += m[2];
      else unresolved = true;
      if (quoted) splittable = false;
      return;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 200));
    if (m) {
      i += 1 + m[0].length;
      const known = variables.get(m[0]);
      if (known !== undefined && known !== '\u0000') value += known; else unresolved = true;
      if (quoted) splittable = false;
      return;
    }
    if (next && /[0-9@*#?$!-]/.test(next)) { i += 2; unresolved = true; return; }
    value += '$';
    onlyExpansion = false;
    i++;
  };
  const skipBalanced = (from: number, open: string, close: string) => {
    let depth = 0;
    let j = from;
    for (; j < text.length; j++) {
      if (text[j] === open) depth++;
      else if (text[j] === close && --depth === 0) break;
    }
    i = Math.min(text.length, j + 1);
  };

  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      endCommand();
      i++;
      // Here-documents start on the next line and run to their terminator.
      for (const terminator of heredocs) {
        while (i < text.length) {
          const end = text.indexOf('\n', i);
          const lineText = text.slice(i, end === -1 ? text.length : end).replace(/^\t+/, '');
          i = end === -1 ? text.length : end + 1;
          if (lineText.replace(/\r$/, '') === terminator) break;
        }
      }
      heredocs = [];
      continue;
    }
    if (commandStart === -1 && c !== ' ' && c !== '\t' && c !== '\r') commandStart = i;
    if (c === ' ' || c === '\t' || c === '\r') { endWord(); i++; continue; }
    if (c === '#' && wordStart === -1) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === ';' || c === '|' || c === '&') {
      // "2>&1" and ">&2" are redirections, not command separators.
      if (c === '&' && (text[i - 1] === '>' || text[i - 1] === '<')) { startWord(); value += c; onlyExpansion = false; i++; continue; }
      endCommand();
      i += (text[i + 1] === c) ? 2 : 1;
      continue;
    }
    if ((c === '>' || c === '<') && (wordStart === -1 || /^\d+$/.test(value))) {
      // A redirection: drop it and its target word.
      if (c === '<' && text[i + 1] === '<') {
        const m = /^<<-?\s*(['"]?)([A-Za-z_0-9]+)\1/.exec(text.slice(i, i + 100));
        if (m) { heredocs.push(m[2]!); i += m[0].length; wordStart = -1; continue; }
      }
      wordStart = -1;
      i++;
      while (text[i] === '>' || text[i] === '&' || text[i] === '<') i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      while (i < text.length && !/[\s;|&]/.test(text[i]!)) i++;
      continue;
    }
    if (c === '\\') {
      if (text[i + 1] === '\n') { i += 2; continue; }
      if (text[i + 1] === '\r' && text[i + 2] === '\n') { i += 3; continue; }
      startWord(); value += text[i + 1] ?? ''; onlyExpansion = false; i += 2; continue;
    }
    startWord();
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      value += text.slice(i + 1, close === -1 ? text.length : close);
      i = close === -1 ? text.length : close + 1;
      hadQuotes = true; onlyExpansion = false;
      continue;
    }
    if (c === '"') {
      hadQuotes = true;
      i++;
      while (i < text.length && text[i] !== '"') {
        const d = text[i]!;
        if (d === '\\' && /[$`"\\\n]/.test(text[i + 1] ?? '')) { if (text[i + 1] !== '\n') value += text[i + 1]; i += 2; continue; }
        if (d === '$') { expand(true); continue; }
        if (d === '`') { const close = text.indexOf('`', i + 1); i = close === -1 ? text.length : close + 1; unresolved = true; continue; }
        value += d; i++;
      }
      i++;
      onlyExpansion = false;
      continue;
    }
    if (c === '$') { expand(false); continue; }
    if (c === '`') { const close = text.indexOf('`', i + 1); i = close === -1 ? text.length : close + 1; unresolved = true; continue; }
    value += c;
    onlyExpansion = false;
    i++;
  }
  endCommand();
  return commands;
}

