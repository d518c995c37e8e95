import { literalOf, type ShellNode, type ShellWord } from './syntax.js';

/** Commands that change nothing a firewall's reading depends on (they print, wait or test). */
const WITHOUT_EFFECT = new Set(['echo', 'printf', 'logger', 'true', 'false', ':', 'sleep', 'test', '[', '[[', 'date', 'wait']);

const runsNothing = (word: ShellWord) => word.parts.every((p) => p.kind !== 'substitution');

/**
 * Can running this change nothing the script's firewall depends on: no assignment, no call of a
 * function or another program, no exit, return, break or continue? Such a branch need not be
 * followed both ways when its condition is unknown.
 */
export function isPure(node: ShellNode): boolean {
  switch (node.kind) {
    case 'simple': {
      if (node.assignments.length > 0 || node.redirects.some((r) => r.operator === '<' || !!r.hereDocument)) return false;
      const name = node.words[0] ? literalOf(node.words[0]) : undefined;
      return name !== undefined && WITHOUT_EFFECT.has(name) && node.words.every(runsNothing);
    }
    case 'and-or': return isPure(node.first) && node.rest.every((r) => isPure(r.node));
    case 'pipeline': return node.commands.every(isPure);
    case 'if': return node.clauses.every((c) => c.condition.every(isPure) && c.body.every(isPure)) && (node.otherwise ?? []).every(isPure);
    case 'group': return node.body.every(isPure);
    case 'arithmetic': return true;
    default: return false;
  }
}
