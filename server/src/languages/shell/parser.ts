import type { LineIndex } from '../../core/text.js';
import { Lexer, type Token } from './lexer.js';
import { bareWord, PlainWord, type Assignment, type CaseCommand, type ForCommand, type FunctionDefinition, type IfCommand, type Redirect, type ShellNode, type ShellScript, type ShellWord, type WhileCommand } from './syntax.js';

const NO_ASSIGNMENTS: Assignment[] = Object.freeze([]) as unknown as Assignment[];
const NO_REDIRECTS: Redirect[] = Object.freeze([]) as unknown as Redirect[];
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;
/** Words that end a list: the parser returns to the compound command that waits for them. */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);

/**
 * Reads a shell script into commands: simple commands, pipelines, && and || lists, if, for,
 * while and until, case, { } and ( ) groups, and function definitions. Never throws: what it
 * cannot read becomes an `unreadable` node and a problem, and reading goes on at the next line.
 */
/** `lines`: the text's line index, which plain words keep to tell their range. */
export function parseShell(text: string, lines?: LineIndex): ShellScript {
  const lexer = new Lexer(text, lines);
  const parser = new Parser(lexer, lexer.problems);
  const commands = parser.script();
  return { text, commands, problems: lexer.problems, comments: lexer.comments };
}

class Parser {
  /** Tokens looked at and not yet taken (at most three: a function definition's `name ( )`). */
  private readonly ahead: Token[] = [];
  private lastEnd = 0;
  /** Tokens taken so far: a command that took none is reported and skipped. */
  private taken = 0;

  constructor(private readonly lexer: Lexer, private readonly problems: ShellScript['problems']) {}

  script(): ShellNode[] {
    const commands: ShellNode[] = [];
    for (;;) {
      commands.push(...this.list());
      const token = this.peek();
      if (token.kind === 'end') return commands;
      // A closer with nothing open ("fi" alone, a stray ")"): reported, skipped with its line.
      commands.push(this.unreadable(`unexpected "${this.describe(token)}"`));
    }
  }

  private peek(offset = 0): Token {
    while (this.ahead.length <= offset) {
      const last = this.ahead.at(-1);
      // Past the end, the end again.
      this.ahead.push(last?.kind === 'end' ? last : this.lexer.next());
    }
    return this.ahead[offset]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.ahead.shift();
    this.lastEnd = token.end;
    this.taken++;
    return token;
  }
  private isOperator(token: Token, text: string): boolean { return token.kind === 'operator' && token.text === text; }
  private reserved(token: Token): string | undefined { return token.kind === 'word' ? bareWord(token.word) : undefined; }
  private describe(token: Token): string {
    if (token.kind === 'operator') return token.text === '\n' ? 'newline' : token.text;
    if (token.kind === 'word') return bareWord(token.word) ?? 'word';
    return token.kind === 'end' ? 'end of file' : token.kind;
  }

  private skipNewlines(): void { while (this.isOperator(this.peek(), '\n')) this.next(); }

  /** Commands until a closer, `)`, `;;` or the end; separators between them are taken. */
  private list(): ShellNode[] {
    const commands: ShellNode[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.kind === 'end' || this.isOperator(token, ')') || this.isOperator(token, ';;') || this.isOperator(token, ';&') || this.isOperator(token, ';;&')) return commands;
      const word = this.reserved(token);
      // A closer ends the list; the compound command waiting for it takes it, or reports it.
      if (word !== undefined && CLOSERS.has(word)) return commands;
      const before = this.taken;
      commands.push(this.andOr());
      const separator = this.peek();
      if (this.isOperator(separator, ';') || this.isOperator(separator, '&') || this.isOperator(separator, '\n')) { this.next(); continue; }
      if (this.taken === before) { commands.push(this.unreadable(`unexpected "${this.describe(separator)}"`)); continue; }
    }
  }

  private andOr(): ShellNode {
    const first = this.pipeline();
    const rest: Array<{ operator: '&&' | '||'; node: ShellNode }> = [];
    for (;;) {
      const token = this.peek();
      if (!this.isOperator(token, '&&') && !this.isOperator(token, '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ operator: (token as { text: '&&' | '||' }).text, node: this.pipeline() });
    }
    if (rest.length === 0) return first;
    return { kind: 'and-or', first, rest, start: first.start, end: rest.at(-1)!.node.end };
  }

  private pipeline(): ShellNode {
    const start = this.peek().start;
    let negated = false;
    while (this.reserved(this.peek()) === '!') { this.next(); negated = !negated; }
    const commands = [this.command()];
    while (this.isOperator(this.peek(), '|')) {
      this.next();
      this.skipNewlines();
      commands.push(this.command());
    }
    if (commands.length === 1 && !negated) return commands[0]!;
    return { kind: 'pipeline', negated, commands, start, end: commands.at(-1)!.end };
  }

  private command(): ShellNode {
    const token = this.peek();
    if (token.kind === 'arithmetic') { this.next(); return { kind: 'arithmetic', start: token.start, end: token.end }; }
    if (this.isOperator(token, '(')) return this.group(true);
    const word = this.reserved(token);
    switch (word) {
      case 'if': return this.ifCommand();
      case 'for': return this.forCommand();
      case 'while': case 'until': return this.whileCommand(word === 'until');
      case 'case': return this.caseCommand();
      case '{': return this.group(false);
      case 'function': return this.functionKeyword();
      default: break;
    }
    if (token.kind === 'word' && this.isOperator(this.peek(1), '(') && this.isOperator(this.peek(2), ')')) return this.functionDefinition();
    return this.simple();
  }

  private expect(word: string, opened: string, openedAt: number): boolean {
    const token = this.peek();
    if (this.reserved(token) === word) { this.next(); return true; }
    this.problems.push({ message: `"${opened}" without its "${word}" (found ${this.describe(token)})`, start: openedAt, end: token.end });
    return false;
  }

  private ifCommand(): IfCommand {
    const start = this.next().start;
    const clauses: IfCommand['clauses'] = [];
    let otherwise: ShellNode[] | undefined;
    for (;;) {
      const condition = this.list();
      if (!this.expect('then', 'if', start)) break;
      const body = this.list();
      clauses.push({ condition, body });
      const word = this.reserved(this.peek());
      if (word === 'elif') { this.next(); continue; }
      if (word === 'else') { this.next(); otherwise = this.list(); }
      break;
    }
    this.expect('fi', 'if', start);
    return { kind: 'if', clauses, ...(otherwise ? { otherwise } : {}), redirects: this.redirects(), start, end: this.previousEnd() };
  }

  private forCommand(): ShellNode {
    const start = this.next().start;
    const nameToken = this.peek();
    if (nameToken.kind === 'arithmetic') {
      // for (( ... )): a loop whose count is not worked out.
      this.next();
      this.skipSeparator();
      const body = this.doGroup(start);
      const loop: WhileCommand = { kind: 'while', until: false, condition: [{ kind: 'arithmetic', start: nameToken.start, end: nameToken.end }], body, redirects: [], start, end: this.previousEnd() };
      return loop;
    }
    const variable = nameToken.kind === 'word' ? bareWord(nameToken.word) : undefined;
    if (!variable || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) return this.unreadable('"for" needs a variable name');
    this.next();
    let items: ShellWord[] | undefined;
    this.skipNewlines();
    if (this.reserved(this.peek()) === 'in') {
      this.next();
      items = [];
      while (this.peek().kind === 'word') items.push((this.next() as { word: ShellWord }).word);
    }
    this.skipSeparator();
    const body = this.doGroup(start);
    const loop: ForCommand = { kind: 'for', variable, variableStart: nameToken.start, ...(items ? { items } : {}), body, redirects: this.redirects(), start, end: this.previousEnd() };
    return loop;
  }

  private skipSeparator(): void {
    if (this.isOperator(this.peek(), ';')) this.next();
    this.skipNewlines();
  }

  private doGroup(start: number): ShellNode[] {
    if (!this.expect('do', 'for/while', start)) return [];
    const body = this.list();
    this.expect('done', 'do', start);
    return body;
  }

  private whileCommand(until: boolean): WhileCommand {
    const start = this.next().start;
    const condition = this.list();
    const body = this.doGroup(start);
    return { kind: 'while', until, condition, body, redirects: this.redirects(), start, end: this.previousEnd() };
  }

  private caseCommand(): ShellNode {
    const start = this.next().start;
    const subjectToken = this.next();
    if (subjectToken.kind !== 'word') return this.unreadable('"case" needs a word');
    this.skipNewlines();
    if (!this.expect('in', 'case', start)) return this.unreadable('"case" without "in"');
    const items: CaseCommand['items'] = [];
    for (;;) {
      this.skipNewlines();
      if (this.reserved(this.peek()) === 'esac' || this.peek().kind === 'end') break;
      if (this.isOperator(this.peek(), '(')) this.next();
      const patterns: ShellWord[] = [];
      while (this.peek().kind === 'word') {
        patterns.push((this.next() as { word: ShellWord }).word);
        if (this.isOperator(this.peek(), '|')) this.next(); else break;
      }
      if (!this.isOperator(this.peek(), ')')) { this.problems.push({ message: 'a case pattern needs ")"', start: this.peek().start, end: this.peek().end }); break; }
      this.next();
      const body = this.list();
      items.push({ patterns, body });
      const end = this.peek();
      if (this.isOperator(end, ';;') || this.isOperator(end, ';&') || this.isOperator(end, ';;&')) this.next();
    }
    this.expect('esac', 'case', start);
    const node: CaseCommand = { kind: 'case', subject: subjectToken.word, items, redirects: this.redirects(), start, end: this.previousEnd() };
    return node;
  }

  private group(subshell: boolean): ShellNode {
    const start = this.next().start;
    const body = this.list();
    if (subshell) {
      if (this.isOperator(this.peek(), ')')) this.next();
      else this.problems.push({ message: '"(" without its ")"', start, end: this.peek().end });
    } else {
      this.expect('}', '{', start);
    }
    return { kind: 'group', subshell, body, redirects: this.redirects(), start, end: this.previousEnd() };
  }

  private functionKeyword(): ShellNode {
    const start = this.next().start;
    const nameToken = this.next();
    const name = nameToken.kind === 'word' ? bareWord(nameToken.word) : undefined;
    if (!name) return this.unreadable('"function" needs a name');
    if (this.isOperator(this.peek(), '(') && this.isOperator(this.peek(1), ')')) { this.next(); this.next(); }
    this.skipNewlines();
    return this.functionBody(name, nameToken.start, start);
  }

  private functionDefinition(): ShellNode {
    const nameToken = this.next() as Extract<Token, { kind: 'word' }>;
    const name = bareWord(nameToken.word);
    this.next();
    this.next();
    this.skipNewlines();
    if (!name) return this.unreadable('a function needs a plain name');
    return this.functionBody(name, nameToken.start, nameToken.start);
  }

  private functionBody(name: string, nameStart: number, start: number): ShellNode {
    const body = this.command();
    const definition: FunctionDefinition = { kind: 'function', name, nameStart, body, start, end: body.end };
    return definition;
  }

  private redirects(): Redirect[] {
    const redirects: Redirect[] = [];
    while (this.peek().kind === 'redirect') redirects.push(this.redirect());
    return redirects;
  }

  private redirect(): Redirect {
    const token = this.next() as Extract<Token, { kind: 'redirect' }>;
    const redirect: Redirect = { operator: token.operator, ...(token.descriptor !== undefined ? { descriptor: token.descriptor } : {}) };
    if (token.hereDocument) return { ...redirect, hereDocument: token.hereDocument };
    if (this.peek().kind === 'word') redirect.target = (this.next() as { word: ShellWord }).word;
    return redirect;
  }

  private simple(): ShellNode {
    const start = this.peek().start;
    const assignments: Assignment[] = [];
    const words: ShellWord[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'redirect') { redirects.push(this.redirect()); continue; }
      if (token.kind !== 'word') break;
      this.next();
      const first = token.word.plain === undefined ? token.word.parts[0] : undefined;
      const leading = token.word.plain ?? (first?.kind === 'text' && !first.quoted ? first.text : undefined);
      const name = words.length === 0 && leading !== undefined ? ASSIGNMENT.exec(leading) : null;
      if (name) {
        assignments.push({ name: name[1]!, value: afterEquals(token.word, name[0].length), start: token.start, end: token.end });
        continue;
      }
      words.push(token.word);
    }
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) return this.unreadable(`unexpected "${this.describe(this.peek())}"`);
    // Most commands have neither: they share one empty list each (a script's commands are kept).
    return { kind: 'simple', assignments: assignments.length ? assignments : NO_ASSIGNMENTS, words, redirects: redirects.length ? redirects : NO_REDIRECTS, start, end: this.previousEnd() };
  }

  private previousEnd(): number { return this.lastEnd; }

  /** Reports the token here and skips to the end of its line. */
  private unreadable(message: string): ShellNode {
    const token = this.peek();
    const start = token.start;
    this.problems.push({ message, start, end: token.end });
    if (token.kind !== 'end') this.next();
    while (this.peek().kind !== 'end' && !this.isOperator(this.peek(), '\n')) this.next();
    return { kind: 'unreadable', message, start, end: this.previousEnd() };
  }
}

/** The value of NAME=value: the word from after the "=". */
function afterEquals(word: ShellWord, prefixLength: number): ShellWord {
  if (word.plain !== undefined) {
    const start = word.start + prefixLength;
    return start < word.end ? new PlainWord(word.plain.slice(prefixLength), start, word.end, (word as PlainWord).lines) : { parts: [], start, end: word.end };
  }
  const [first, ...rest] = word.parts;
  const text = first as Extract<ShellWord['parts'][number], { kind: 'text' }>;
  const remaining = text.text.slice(prefixLength);
  const start = text.start + prefixLength;
  const parts = remaining ? [{ ...text, text: remaining, start }, ...rest] : rest;
  return { parts, start, end: word.end };
}
