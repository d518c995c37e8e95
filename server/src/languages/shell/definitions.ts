import type { Range } from '../../core/text.js';
import { eachNode, literalOf } from './syntax.js';
import type { ScriptSource } from './values.js';

/** Where a script sets each variable and defines each function, for go to definition and symbols. */
export interface ScriptDefinitions {
  variables: Map<string, Range[]>;
  functions: Map<string, { range: Range; nameRange: Range }>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DECLARERS = new Set(['local', 'export', 'readonly', 'declare', 'typeset']);

/** Every place the script's own text assigns a variable (NAME=, for NAME, read NAME, local NAME) or defines a function. */
export function definitionsOf(source: ScriptSource): ScriptDefinitions {
  const { lines, text } = source;
  const variables = new Map<string, Range[]>();
  const functions = new Map<string, { range: Range; nameRange: Range }>();
  const setAt = (name: string, start: number, end: number) => {
    const ranges = variables.get(name) ?? [];
    ranges.push(lines.range(start, end));
    variables.set(name, ranges);
  };
  eachNode(source.script.commands, (node) => {
    if (node.kind === 'for') setAt(node.variable, node.variableStart, node.variableStart + node.variable.length);
    if (node.kind === 'function') functions.set(node.name, { range: lines.range(node.start, node.end), nameRange: lines.range(node.nameStart, node.nameStart + node.name.length) });
    if (node.kind !== 'simple') return;
    for (const a of node.assignments) setAt(a.name, a.start, a.start + a.name.length);
    const program = node.words[0] ? literalOf(node.words[0]) : undefined;
    if (program !== 'read' && (program === undefined || !DECLARERS.has(program))) return;
    for (const word of node.words.slice(1)) {
      const written = literalOf(word) ?? text.slice(word.start, word.end);
      const name = written.split('=')[0]!;
      if (NAME.test(name) && !written.startsWith('-')) setAt(name, word.start, word.start + name.length);
    }
  });
  return { variables, functions };
}
