import type { Range } from '../../core/text.js';
import { literalOf, type ShellNode } from './syntax.js';
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
  const visit = (node: ShellNode): void => {
    switch (node.kind) {
      case 'simple': {
        for (const a of node.assignments) setAt(a.name, a.start, a.start + a.name.length);
        const program = node.words[0] ? literalOf(node.words[0]) : undefined;
        if (program === 'read' || (program !== undefined && DECLARERS.has(program))) {
          for (const word of node.words.slice(1)) {
            const written = literalOf(word) ?? text.slice(word.start, word.end);
            const name = written.split('=')[0]!;
            if (NAME.test(name) && !written.startsWith('-')) setAt(name, word.start, word.start + name.length);
          }
        }
        break;
      }
      case 'for': setAt(node.variable, node.variableStart, node.variableStart + node.variable.length); node.body.forEach(visit); break;
      case 'function':
        functions.set(node.name, { range: lines.range(node.start, node.end), nameRange: lines.range(node.nameStart, node.nameStart + node.name.length) });
        visit(node.body);
        break;
      case 'and-or': visit(node.first); node.rest.forEach((r) => visit(r.node)); break;
      case 'pipeline': node.commands.forEach(visit); break;
      case 'if': node.clauses.forEach((c) => { c.condition.forEach(visit); c.body.forEach(visit); }); node.otherwise?.forEach(visit); break;
      case 'group': node.body.forEach(visit); break;
      case 'while': node.condition.forEach(visit); node.body.forEach(visit); break;
      case 'case': node.items.forEach((i) => i.body.forEach(visit)); break;
      default: break;
    }
  };
  source.script.commands.forEach(visit);
  return { variables, functions };
}
