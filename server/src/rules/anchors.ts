import type { Range } from '../core/text.js';
import { inboundPortsMatched } from '../languages/iptables/match.js';
import { PortSet } from '../engine/port-set.js';
import type { Chain, Rule, Ruleset } from '../languages/iptables/ruleset.js';
import type { RuleMeaning } from '../languages/iptables/rule-meaning.js';
import type { FactName } from '../engine/server-facts.js';
import { iptablesRuleset, type HostContext } from './host-rule.js';

/** Where to show a finding about the FTP server's side: the line that set the first of these facts, else its file; the firewall's first line without one. */
export function serverAnchor(context: HostContext, ...facts: FactName[]): { file: string; range: Range } | undefined {
  const anchor = context.paths.server.anchor(...facts);
  if (anchor) return anchor;
  const fw = context.firewall;
  return fw ? { file: fw.path, range: fw.doc.lines.range(0, fw.doc.lines.lineEnd(0)) } : undefined;
}

type OpeningRule = { rule: Rule; ports: PortSet };
/**
 * Several host rules ask for the same ruleset's opening rules, and on a large firewall each
 * answer costs a pass over every rule: they are kept per ruleset, and per chain, since a
 * ruleset re-read after an edit shares the chains the edit did not touch.
 */
const openingRulesOf = new WeakMap<Ruleset, OpeningRule[]>();
const openingRulesOfChain = new WeakMap<Chain, OpeningRule[]>();

/** ACCEPT rules in the filter table that open a restricted set of TCP destination ports to new connections. */
export function openingRules(context: HostContext): readonly OpeningRule[] {
  const ruleset = iptablesRuleset(context);
  if (!ruleset) return [];
  let found = openingRulesOf.get(ruleset);
  if (!found) openingRulesOf.set(ruleset, found = findOpeningRules(ruleset));
  return found;
}

function findOpeningRules(ruleset: Ruleset): OpeningRule[] {
  const result: OpeningRule[] = [];
  for (const chain of ruleset.tables.get('filter')?.values() ?? []) {
    if (chain.name === 'OUTPUT' || chain.name === 'FORWARD') continue;
    let ofChain = openingRulesOfChain.get(chain);
    if (!ofChain) openingRulesOfChain.set(chain, ofChain = chainOpeningRules(chain, ruleset.family));
    for (const opening of ofChain) result.push(opening);
  }
  return result;
}

function chainOpeningRules(chain: Chain, family: Ruleset['family']): OpeningRule[] {
  const result: OpeningRule[] = [];
  for (const rule of chain.rules) {
    const ports = openedPorts(rule.meaning, family);
    if (ports) result.push({ rule, ports });
  }
  return result;
}

/** The ports an ACCEPT opens when it opens some and not all: what makes a rule an opening rule. */
function openedPorts(meaning: RuleMeaning, family: Ruleset['family']): PortSet | undefined {
  if (meaning.targetName !== 'ACCEPT') return undefined;
  const ports = inboundPortsMatched(meaning, family);
  return !ports.isEmpty && !ports.equals(PortSet.ALL) ? ports : undefined;
}

export function isOpeningRule(meaning: RuleMeaning, family: Ruleset['family']): boolean {
  return openedPorts(meaning, family) !== undefined;
}
