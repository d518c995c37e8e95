import { literalOf, type ShellNode, type ShellWord } from './syntax.js';

/** Commands that change nothing a firewall's reading depends on (they print, wait or test). */
const WITHOUT_EFFECT = new Set(['echo', 'printf', 'logger', 'true', 'false', ':', 'sleep', 'test', '[', '[[', 'date', 'wait']);
/** Those of them that can fail, which under set -e ends the script. */
const CAN_FAIL = new Set(['false', 'test', '[', '[[']);

const runsNothing = (word: ShellWord) => word.plain !== undefined || word.parts.every((p) => p.kind !== 'substitution');

/**
 * Can running this change nothing the script's firewall depends on: no assignment, no call of a
 * function or another program, no exit, return, break or continue, and (`errexit`, under set -e)
 * no command that can fail? Such a branch need not be followed both ways when its condition is
 * unknown.
 */
export function isPure(node: ShellNode, errexit: boolean): boolean {
  const pure = (n: ShellNode) => isPure(n, errexit);
  switch (node.kind) {
    case 'simple': {
      if (node.assignments.length > 0 || node.redirects.some((r) => r.operator === '<' || !!r.hereDocument)) return false;
      const name = node.words[0] ? literalOf(node.words[0]) : undefined;
      return name !== undefined && WITHOUT_EFFECT.has(name) && !(errexit && CAN_FAIL.has(name)) && node.words.every(runsNothing);
    }
    // Conditions may fail without ending the script; the last command of a list may not.
    case 'and-or': return isPure(node.first, false) && node.rest.every((r, n) => isPure(r.node, errexit && n === node.rest.length - 1));
    case 'pipeline': return node.commands.every(pure);
    case 'if': return node.clauses.every((c) => c.condition.every((n) => isPure(n, false)) && c.body.every(pure)) && (node.otherwise ?? []).every(pure);
    case 'group': return node.body.every(pure);
    case 'arithmetic': return !errexit;
    default: return false;
  }
}
