import type { LineIndex, Range } from '../../core/text.js';

/**
 * A shell script as the POSIX shell (and bash, for the parts firewall scripts use) reads it.
 * Offsets are UTF-16 positions in the script's text; every node knows where it was written.
 */

/** A piece of a word: literal text, a parameter, or something only running the script could tell. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean; start: number; end: number }
  | { kind: 'parameter'; name: string; operator?: ParameterOperator; argument?: ShellWord; quoted: boolean; start: number; end: number }
  /** `textAt`: where `text` starts in the file, after its opening "$(" or "`". */
  | { kind: 'substitution'; text: string; textAt: number; quoted: boolean; start: number; end: number }
  | { kind: 'arithmetic'; text: string; quoted: boolean; start: number; end: number };

/** `${NAME-w}`, `${NAME:-w}`, `${NAME=w}`, `${NAME:=w}`, `${NAME+w}`, `${NAME:+w}`, `${#NAME}`. */
export type ParameterOperator = '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | 'length' | 'other';

export interface ShellWord {
  readonly parts: WordPart[];
  readonly start: number;
  readonly end: number;
  /** Set on a word written without quotes or expansions: its text, which is all it is. */
  readonly plain?: string;
}

/**
 * A word written without quotes or expansions, most words of a script: one object holding its
 * text (a 5,000-line script has tens of thousands, and the commands keep them). Its parts are
 * made when asked for.
 */
export class PlainWord implements ShellWord {
  constructor(readonly plain: string, readonly start: number, readonly end: number, readonly lines?: LineIndex) {}
  get parts(): WordPart[] { return [{ kind: 'text', text: this.plain, quoted: false, start: this.start, end: this.end }]; }
  /** As an argument of a command (iptables' Word): its value is its text, and it is always known. */
  get value(): string { return this.plain; }
  get raw(): string { return this.plain; }
  get unresolved(): boolean { return false; }
  get range(): Range { return this.lines!.range(this.start, this.end); }
}

export interface Assignment { name: string; value: ShellWord; start: number; end: number }

export interface HereDocument { body: string; expands: boolean; start: number }

export interface Redirect {
  operator: string;
  /** The file descriptor written before the operator ("2>"). */
  descriptor?: number;
  target?: ShellWord;
  hereDocument?: HereDocument;
}

interface Placed { start: number; end: number }

export interface SimpleCommand extends Placed { kind: 'simple'; assignments: Assignment[]; words: ShellWord[]; redirects: Redirect[] }
export interface Pipeline extends Placed { kind: 'pipeline'; negated: boolean; commands: ShellNode[] }
export interface AndOr extends Placed { kind: 'and-or'; first: ShellNode; rest: Array<{ operator: '&&' | '||'; node: ShellNode }> }
export interface IfCommand extends Placed { kind: 'if'; clauses: Array<{ condition: ShellNode[]; body: ShellNode[] }>; otherwise?: ShellNode[]; redirects: Redirect[] }
export interface ForCommand extends Placed { kind: 'for'; variable: string; variableStart: number; items?: ShellWord[]; body: ShellNode[]; redirects: Redirect[] }
export interface WhileCommand extends Placed { kind: 'while'; until: boolean; condition: ShellNode[]; body: ShellNode[]; redirects: Redirect[] }
export interface CaseCommand extends Placed { kind: 'case'; subject: ShellWord; items: Array<{ patterns: ShellWord[]; body: ShellNode[] }>; redirects: Redirect[] }
export interface GroupCommand extends Placed { kind: 'group'; subshell: boolean; body: ShellNode[]; redirects: Redirect[] }
export interface FunctionDefinition extends Placed { kind: 'function'; name: string; nameStart: number; body: ShellNode }
/** `(( ... ))`: its status is not worked out. */
export interface ArithmeticCommand extends Placed { kind: 'arithmetic' }
/** Something the parser could not read; the script runs on after it. */
export interface Unreadable extends Placed { kind: 'unreadable'; message: string }

export type ShellNode = SimpleCommand | Pipeline | AndOr | IfCommand | ForCommand | WhileCommand | CaseCommand | GroupCommand | FunctionDefinition | ArithmeticCommand | Unreadable;

export interface ShellScript {
  text: string;
  commands: ShellNode[];
  problems: Array<{ message: string; start: number; end: number }>;
  /** Where each comment starts, in order. */
  comments: number[];
}

/** The word's text when it is all literal (a keyword, a function name), else undefined. */
export function literalOf(word: ShellWord): string | undefined {
  if (word.plain !== undefined) return word.plain;
  let text = '';
  for (const part of word.parts) {
    if (part.kind !== 'text') return undefined;
    text += part.text;
  }
  return text;
}

/** Literal and written without quotes: only such a word can be a reserved word. */
export function bareWord(word: ShellWord): string | undefined {
  if (word.plain !== undefined) return word.plain;
  return word.parts.length === 1 && word.parts[0]!.kind === 'text' && !word.parts[0]!.quoted ? word.parts[0]!.text : undefined;
}

/** The commands directly inside a node (an if's conditions and bodies, a loop's body, a function's body...). */
function childrenOf(node: ShellNode): readonly ShellNode[] {
  switch (node.kind) {
    case 'and-or': return [node.first, ...node.rest.map((r) => r.node)];
    case 'pipeline': return node.commands;
    case 'if': return [...node.clauses.flatMap((c) => [...c.condition, ...c.body]), ...(node.otherwise ?? [])];
    case 'for': case 'group': return node.body;
    case 'while': return [...node.condition, ...node.body];
    case 'case': return node.items.flatMap((i) => i.body);
    case 'function': return [node.body];
    default: return [];
  }
}

/** Every command of a script, nested ones included, in the order they are written. */
export function eachNode(nodes: readonly ShellNode[], visit: (node: ShellNode) => void): void {
  for (const node of nodes) {
    visit(node);
    eachNode(childrenOf(node), visit);
  }
}
