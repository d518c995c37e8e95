import type { RuleMeaning } from '../../server/src/languages/iptables/rule-meaning.js';

/**
 * Everything a rule's meaning tells, as plain data: two meanings that must agree compare this,
 * since how a meaning keeps its options (a list of its own, or its shape's and a shared one of
 * values) is its own business.
 */
export function meaningView(meaning: RuleMeaning): unknown {
  const { letter, chain, protocol, source, destination, inInterface, outInterface, fragment, targetName, targetKnown, goto, matches, target, action, hasMatches } = meaning;
  return { letter, chain, protocol, source, destination, inInterface, outInterface, fragment, targetName, targetKnown, goto, matches, target, action, hasMatches };
}
