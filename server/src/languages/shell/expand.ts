import type { ShellWord, WordPart } from './syntax.js';
import { Unknown, unknownOf, type Field, type ScriptSource, type Value } from './values.js';

/** What expanding a word needs from the running script. */
export interface ExpansionScope {
  /**
   * A variable's value: undefined when the script unset it (it expands to nothing), Unknown when
   * nothing in the host sets it (see unsetVariable).
   */
  variable(name: string): Value | undefined;
  assign(name: string, value: Value): void;
  /** $1, $2, ... */
  positional(): readonly Value[];
  /** $?, $0, $$, $!, $- */
  special(name: string): Value;
  /** The output of `$( ... )` or backquotes, trailing newlines removed. */
  substitute(part: Extract<WordPart, { kind: 'substitution' }>): Value;
  arithmetic(text: string): Value;
  /** Told what each parameter expanded to, where it is written (for the editor's hover and hints). */
  observe?(part: Extract<WordPart, { kind: 'parameter' }>, value: Value, source: ScriptSource): void;
}

const IFS_WHITESPACE = /[ \t\n]+/;
const hasWhitespace = (value: string) => value.includes(' ') || value.includes('\t') || value.includes('\n');

/** An unset variable: the script never sets it, so its value comes from outside the host. */
export function unsetVariable(name: string): Unknown {
  return new Unknown(`$${name}, set outside this host`, name);
}

/** Builds the fields of one word as the shell does: expansions, then splitting of unquoted results. */
class FieldBuilder {
  readonly fields: Field[] = [];
  private text = '';
  private unknowns: Unknown[] = [];
  private splits = false;
  /** A quoted part or literal text makes a field even when empty ("" is an argument). */
  private started = false;

  constructor(private readonly word: ShellWord, private readonly source: ScriptSource) {}

  add(text: string, started = true): void { this.text += text; this.started ||= started; }
  addUnknown(unknown: Unknown, splits: boolean): void { this.unknowns.push(unknown); this.splits ||= splits; this.started = true; }

  /** An unquoted expansion: its whitespace separates fields. */
  addSplit(value: string): void {
    if (!hasWhitespace(value)) { if (value !== '') this.add(value); return; }
    const pieces = value.split(IFS_WHITESPACE);
    pieces.forEach((piece, n) => {
      if (n > 0) this.finish();
      if (piece !== '') this.add(piece);
    });
  }

  finish(): void {
    if (!this.started && this.text === '') return;
    this.fields.push(fieldOf(this.text, unknownOf(this.unknowns), this.splits, this.word, this.source));
    this.text = '';
    this.unknowns = [];
    this.splits = false;
    this.started = false;
  }
}

/** Every field has one shape (the interpreter reads thousands of them). */
function fieldOf(text: string, unknown: Unknown | undefined, splits: boolean, word: ShellWord, source: ScriptSource): Field {
  return { text, unknown, splits, word, source };
}

/**
 * Expands a word into the arguments the shell would pass (`split`: field splitting, as for a
 * command's arguments), or into one argument (an assignment's value, a case subject).
 */
export function expandWord(word: ShellWord, scope: ExpansionScope, source: ScriptSource, split = true): Field[] {
  // Most words are plain text: one field, nothing to expand.
  if (word.plain !== undefined) return [fieldOf(word.plain, undefined, false, word, source)];
  const only = word.parts.length === 1 ? word.parts[0]! : undefined;
  if (only?.kind === 'text') return [fieldOf(only.text, undefined, false, word, source)];
  // A lone $NAME or "$NAME" with a value that makes one field: no builder needed.
  if (only?.kind === 'parameter' && !isList(only.name)) {
    const value = partValue(only, scope, source);
    if (typeof value === 'string' && value !== '' && (only.quoted || !split || !hasWhitespace(value))) return [fieldOf(value, undefined, false, word, source)];
    return expandParts([only], word, scope, source, split, value);
  }
  return expandParts(word.parts, word, scope, source, split);
}

/** The general case of expandWord; `firstValue` when the first part's value is already worked out. */
function expandParts(parts: readonly WordPart[], word: ShellWord, scope: ExpansionScope, source: ScriptSource, split: boolean, firstValue?: Value): Field[] {
  const builder = new FieldBuilder(word, source);
  // "$@" with no arguments is no argument at all, though it is written in quotes.
  const hasList = parts.some((p) => p.kind === 'parameter' && isList(p.name));
  for (const [n, part] of parts.entries()) {
    if (part.kind === 'text') { builder.add(part.text, part.text !== '' || (part.quoted && !hasList)); continue; }
    const splitting = split && !part.quoted;
    if (part.kind === 'parameter' && isList(part.name) && part.operator === undefined) {
      const values = listValues(part.name, scope);
      if (values instanceof Unknown) { builder.addUnknown(values, true); continue; }
      values.forEach((value, n) => {
        // "$@": each element its own argument; $@ and $* unquoted are split as well.
        if (n > 0 && (part.quoted ? split : true)) builder.finish();
        if (value instanceof Unknown) builder.addUnknown(value, splitting);
        else if (splitting) builder.addSplit(value);
        else builder.add(value);
      });
      continue;
    }
    const value = n === 0 && firstValue !== undefined ? firstValue : partValue(part, scope, source);
    if (value instanceof Unknown) builder.addUnknown(value, splitting);
    else if (splitting) builder.addSplit(value);
    else builder.add(value, part.quoted);
  }
  builder.finish();
  return builder.fields;
}

/** A word's value as one string (no splitting), or what it depends on. */
export function expandToValue(word: ShellWord, scope: ExpansionScope, source: ScriptSource): Value {
  const fields = expandWord(word, scope, source, false);
  const unknown = unknownOf(fields.flatMap((f) => (f.unknown ? [f.unknown] : [])));
  if (!unknown) return fields.map((f) => f.text).join(' ');
  return fields.length === 1 && fields[0]!.text === '' ? unknown : withoutIdentity(unknown);
}

/** An unknown with text around it ("x$ROLE") is no longer the variable's value itself. */
export function withoutIdentity(unknown: Unknown): Unknown {
  return unknown.variable === undefined ? unknown : new Unknown(unknown.why);
}

/** Arguments as plain values: unknown ones as Unknown. */
export function valuesOf(fields: readonly Field[]): Value[] {
  return fields.map((f) => f.unknown ?? f.text);
}

function isList(name: string): boolean {
  return name === '@' || name === '*' || name.endsWith('[@]') || name.endsWith('[*]');
}

function listValues(name: string, scope: ExpansionScope): readonly Value[] | Unknown {
  if (name === '@' || name === '*') return scope.positional();
  const array = scope.variable(name.slice(0, -3));
  if (array === undefined) return [];
  return array instanceof Unknown ? array : array.split(IFS_WHITESPACE).filter(Boolean);
}

function parameterValue(name: string, scope: ExpansionScope): Value | undefined {
  if (/^\d+$/.test(name)) {
    if (name === '0') return scope.special('0');
    return scope.positional()[Number(name) - 1];
  }
  if (name === '#') { const all = scope.positional(); return all.some((v) => v instanceof Unknown) ? new Unknown('the number of arguments') : String(all.length); }
  if (name.length === 1 && '?$!-'.includes(name)) return scope.special(name);
  if (name === 'RANDOM' || name === 'SRANDOM') return new Unknown(`$${name}`);
  return scope.variable(name);
}

function partValue(part: Exclude<WordPart, { kind: 'text' }>, scope: ExpansionScope, source: ScriptSource): Value {
  if (part.kind === 'substitution') return scope.substitute(part);
  if (part.kind === 'arithmetic') return scope.arithmetic(part.text);
  const expanded = parameterExpansion(part, scope, source);
  scope.observe?.(part, expanded, source);
  return expanded;
}

function parameterExpansion(part: Extract<WordPart, { kind: 'parameter' }>, scope: ExpansionScope, source: ScriptSource): Value {
  const value = parameterValue(part.name, scope);
  const unset = () => '';
  switch (part.operator) {
    case undefined: return value ?? unset();
    case 'length': return value === undefined ? unset() : value instanceof Unknown ? value : String(value.length);
    case '-': case ':-': case '=': case ':=': {
      const argument = () => expandToValue(part.argument!, scope, source);
      if (value instanceof Unknown) {
        // Set outside the host, or not: the default may or may not be used.
        return value;
      }
      const useDefault = value === undefined || (part.operator.startsWith(':') && value === '');
      if (!useDefault) return value;
      const chosen = argument();
      if (part.operator.endsWith('=')) scope.assign(part.name, chosen);
      return chosen;
    }
    case '+': case ':+': {
      if (value instanceof Unknown) return value;
      const set = value !== undefined && !(part.operator === ':+' && value === '');
      return set ? expandToValue(part.argument!, scope, source) : '';
    }
    case '?': case ':?': return value ?? unset();
    default: return value instanceof Unknown ? value : new Unknown(`the expansion at "${source.text.slice(part.start, part.end)}"`);
  }
}

const GLOB_SPECIAL = /[\\^$.+(){}|]/g;

/** A glob pattern (`case` patterns, [[ == ]]) as a regular expression; quoted parts match literally. */
export function patternOf(word: ShellWord, scope: ExpansionScope, source: ScriptSource): RegExp | Unknown {
  let pattern = '';
  const unknowns: Unknown[] = [];
  for (const part of word.parts) {
    const text = part.kind === 'text' ? part.text : partValue(part, scope, source);
    if (text instanceof Unknown) { unknowns.push(text); continue; }
    pattern += part.quoted ? escapeRegExp(text) : globToRegExp(text);
  }
  return unknownOf(unknowns) ?? new RegExp(`^${pattern}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function globToRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) { out += '\\['; continue; }
      const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = close;
    } else if (c === '\\' && i + 1 < glob.length) { out += escapeRegExp(glob[++i]!); }
    else out += c.replace(GLOB_SPECIAL, '\\$&');
  }
  return out;
}
