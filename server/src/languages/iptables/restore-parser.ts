import { createToken, EmbeddedActionsParser, Lexer, type IToken } from 'chevrotain';
import { LineIndex } from '../../core/text.js';
import type { AddressFamily, RestoreFile, RestoreLine, Word } from './syntax.js';
import { splitRestoreWords } from './words.js';

/**
 * The restore format is line-oriented and iptables-restore judges a line by its first character
 * alone ("#" comment, "*" table, ":" chain) or by being exactly "COMMIT"; anything else is a
 * command, even an indented "#". So every token here is a whole line.
 */
const Newline = createToken({ name: 'Newline', pattern: /\n/, line_breaks: true });
const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/ });
const TableHeader = createToken({ name: 'TableHeader', pattern: /\*[^\n]*/ });
const ChainHeader = createToken({ name: 'ChainHeader', pattern: /:[^\n]*/ });
const Commit = createToken({
  name: 'Commit',
  pattern: {
    exec(text: string, offset: number) {
      if (!text.startsWith('COMMIT', offset)) return null;
      // A carriage return before the newline is read past here and reported by its own rule.
      const cr = text.charCodeAt(offset + 6) === 0x0d ? 1 : 0;
      const next = text.charCodeAt(offset + 6 + cr);
      return Number.isNaN(next) || next === 0x0a ? ([cr ? 'COMMIT\r' : 'COMMIT'] as unknown as RegExpExecArray) : null;
    },
  },
  start_chars_hint: ['C'],
  line_breaks: false,
});
const Command = createToken({ name: 'Command', pattern: /[^\n]+/ });
const allTokens = [Newline, Comment, TableHeader, ChainHeader, Commit, Command];
const restoreLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });

class RestoreGrammar extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', (): IToken[] => {
    const lines: IToken[] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(Newline); } },
        { ALT: () => { lines.push(this.SUBRULE(this.content)); this.OPTION(() => this.CONSUME2(Newline)); } },
      ]);
    });
    return lines;
  });

  content = this.RULE('content', (): IToken =>
    this.OR([
      { ALT: () => this.CONSUME(Comment) },
      { ALT: () => this.CONSUME(TableHeader) },
      { ALT: () => this.CONSUME(ChainHeader) },
      { ALT: () => this.CONSUME(Commit) },
      { ALT: () => this.CONSUME(Command) },
    ]),
  );
}

const grammar = new RestoreGrammar();

/** Parses an iptables-save / iptables-restore file. Never throws. */
export function parseRestore(text: string, path = '', family: AddressFamily = 'ipv4'): RestoreFile {
  const lines = new LineIndex(text);
  grammar.input = restoreLexer.tokenize(text).tokens;
  const tokens = grammar.file() ?? [];
  const items: RestoreLine[] = [];
  for (const token of tokens) {
    const start = token.startOffset;
    // Words stop before a line's carriage return: iptables-restore would fail on it, and the
    // iptables/carriage-return rule says so once instead of a cascade of bad names.
    const end = start + token.image.length - (token.image.endsWith('\r') ? 1 : 0);
    const line = lines.positionAt(start).line;
    const range = lines.range(start, end);
    const words = (from: number) => splitRestoreWords(text, from, end, lines);
    switch (token.tokenType) {
      case Comment: items.push({ kind: 'comment', line, range, text: token.image }); break;
      case TableHeader: {
        const [name] = words(start + 1);
        items.push({ kind: 'table', line, range, name: name ?? emptyWord(start + 1, lines) });
        break;
      }
      case ChainHeader: {
        const [name, policy, counters] = words(start + 1);
        items.push({ kind: 'chain', line, range, name: name ?? emptyWord(start + 1, lines), ...(policy ? { policy } : {}), ...(counters ? { counters } : {}) });
        break;
      }
      case Commit: items.push({ kind: 'commit', line, range, word: words(start)[0]! }); break;
      default: {
        const all = words(start);
        // iptables-save -c writes packet and byte counters before the command: "[5:10] -A ...".
        const counters = all[0] && /^\[\d+:\d+\]$/.test(all[0].value) ? all.shift() : undefined;
        items.push({ kind: 'command', line, range, words: all, ...(counters ? { counters } : {}) });
      }
    }
  }
  return { kind: 'iptables-restore', path, text, lines, family, items };
}

function emptyWord(at: number, lines: LineIndex): Word {
  return { value: '', raw: '', start: at, end: at, range: lines.range(at, at) };
}
