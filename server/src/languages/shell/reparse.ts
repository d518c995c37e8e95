import { commonPrefixLength, commonSuffixLength, lineStartAt, type LineIndex } from '../../core/text.js';
import { parseShell } from './parser.js';
import { eachNode, type Redirect, type ShellNode, type ShellWord, type WordPart } from './syntax.js';
import type { ScriptSource } from './values.js';

/**
 * A script's reading after an edit, made from the previous one: only the whole lines of the
 * top-level commands the edit touches are read again; the commands before them are kept as they
 * are, and those after them are kept and moved by the edit's length. Undefined when that cannot
 * be trusted to equal a fresh reading (the previous reading or the lines read again have a
 * problem, such as an unclosed quote or a here-document cut off): the caller reads it whole.
 * `previous` must not be used afterwards (its commands are moved in place).
 */
export function reparseAfterEdit(previous: ScriptSource, text: string, lines: LineIndex): ScriptSource | undefined {
  const old = previous.text;
  const { commands, comments } = previous.script;
  if (previous.script.problems.length > 0) return undefined;
  const prefix = commonPrefixLength(old, text);
  const oldEnd = old.length - commonSuffixLength(old, text, prefix);
  const delta = text.length - old.length;
  const lineStart = (offset: number) => lineStartAt(old, offset);
  const lineEnd = (offset: number) => { const n = old.indexOf('\n', offset); return n === -1 ? old.length : n; };

  // The commands the edit's lines touch, widened to every command sharing a line with them.
  let from = lineStart(prefix), to = lineEnd(oldEnd);
  let first = commands.findIndex((c) => c.end >= from);
  if (first === -1) first = commands.length;
  let last = first;
  while (last < commands.length && commands[last]!.start <= to) last++;
  for (;;) {
    const before = first > 0 ? commands[first - 1]! : undefined;
    if (first < commands.length && before && before.end >= lineStart(commands[first]!.start)) { first--; continue; }
    const after = commands[last];
    if (last > first && after && after.start <= lineEnd(commands[last - 1]!.end)) { last++; continue; }
    break;
  }
  if (first < last) {
    from = Math.min(from, lineStart(commands[first]!.start));
    to = Math.max(to, lineEnd(commands[last - 1]!.end));
  }
  if (first > 0 && commands[first - 1]!.end >= from) return undefined;
  // A here-document's body follows its command's line, outside the command: none may lie in the
  // region, and no command read again may have one (its body, after the region, would be left out).
  for (let n = 0; n < commands.length; n++) {
    const starts = hereDocumentStarts(commands[n]!);
    if (starts.length === 0) continue;
    // The body ends where the next command after it starts (one after ";" on the operator's line starts before it).
    const bodyStart = Math.min(...starts);
    const bodyEnd = commands.find((c, m) => m > n && c.start > bodyStart)?.start ?? old.length;
    if ((n >= first && n < last) || (bodyEnd > from && bodyStart <= to)) return undefined;
  }

  const region = parseShell(text.slice(from, to + delta));
  if (region.problems.length > 0) return undefined;
  for (const node of region.commands) moveNode(node, from, lines);
  for (let n = 0; n < first; n++) moveNode(commands[n]!, 0, lines);
  for (let n = last; n < commands.length; n++) moveNode(commands[n]!, delta, lines);
  const script = {
    text,
    commands: [...commands.slice(0, first), ...region.commands, ...commands.slice(last)],
    problems: [],
    comments: [...comments.filter((c) => c < from), ...region.comments.map((c) => c + from), ...comments.filter((c) => c >= to).map((c) => c + delta)],
  };
  return { path: previous.path, text, lines, script };
}

/** Where the bodies of a command's here-documents start. */
function hereDocumentStarts(node: ShellNode): number[] {
  const starts: number[] = [];
  eachNode([node], (n) => {
    for (const r of 'redirects' in n ? n.redirects : []) if (r.hereDocument) starts.push(r.hereDocument.start);
  });
  return starts;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Moves a node and everything in it by `delta` characters, its plain words now reading positions from `lines`. */
function moveNode(node: ShellNode, delta: number, lines: LineIndex): void {
  const placed = node as Mutable<ShellNode>;
  placed.start += delta;
  placed.end += delta;
  const words = (list: readonly ShellWord[]) => { for (const word of list) moveWord(word, delta, lines); };
  const nodes = (list: readonly ShellNode[]) => { for (const child of list) moveNode(child, delta, lines); };
  switch (node.kind) {
    case 'simple':
      for (const assignment of node.assignments) { (assignment as Mutable<typeof assignment>).start += delta; (assignment as Mutable<typeof assignment>).end += delta; moveWord(assignment.value, delta, lines); }
      words(node.words);
      moveRedirects(node.redirects, delta, lines);
      break;
    case 'and-or': moveNode(node.first, delta, lines); for (const r of node.rest) moveNode(r.node, delta, lines); break;
    case 'pipeline': nodes(node.commands); break;
    case 'if': for (const c of node.clauses) { nodes(c.condition); nodes(c.body); } if (node.otherwise) nodes(node.otherwise); moveRedirects(node.redirects, delta, lines); break;
    case 'for': (node as Mutable<typeof node>).variableStart += delta; if (node.items) words(node.items); nodes(node.body); moveRedirects(node.redirects, delta, lines); break;
    case 'while': nodes(node.condition); nodes(node.body); moveRedirects(node.redirects, delta, lines); break;
    case 'case': moveWord(node.subject, delta, lines); for (const item of node.items) { words(item.patterns); nodes(item.body); } moveRedirects(node.redirects, delta, lines); break;
    case 'group': nodes(node.body); moveRedirects(node.redirects, delta, lines); break;
    case 'function': (node as Mutable<typeof node>).nameStart += delta; moveNode(node.body, delta, lines); break;
    default: break;
  }
}

function moveRedirects(redirects: readonly Redirect[], delta: number, lines: LineIndex): void {
  for (const redirect of redirects) {
    if (redirect.target) moveWord(redirect.target, delta, lines);
    if (redirect.hereDocument) redirect.hereDocument.start += delta;
  }
}

function moveWord(word: ShellWord, delta: number, lines: LineIndex): void {
  const moved = word as Mutable<ShellWord> & { lines?: LineIndex };
  moved.start += delta;
  moved.end += delta;
  if (word.plain !== undefined) { moved.lines = lines; return; }
  for (const part of word.parts) moveParts(part, delta, lines);
}

function moveParts(part: WordPart, delta: number, lines: LineIndex): void {
  part.start += delta;
  part.end += delta;
  if (part.kind === 'substitution') part.textAt += delta;
  if (part.kind === 'parameter' && part.argument) moveWord(part.argument, delta, lines);
}
