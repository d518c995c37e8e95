import type { TextEdit } from '../../core/findings.js';
import type { LineIndex } from '../../core/text.js';
import type { ReadCommand } from './read-command.js';
import type { Ruleset } from './ruleset.js';
import type { AddressFamily } from './syntax.js';

/** What every firewall file kind offers the rules: its commands, the rulesets they leave, and how to add to them. */
export interface FirewallDocument {
  path: string;
  text: string;
  lines: LineIndex;
  /** The file's main family (a script may also hold ip6tables commands). */
  family: AddressFamily;
  commands: ReadCommand[];
  /** One ruleset per address family the file configures. */
  rulesets: Ruleset[];
  /** An edit that creates a user chain in the file's own style (restore ":NAME - [0:0]", script "iptables -N NAME"). */
  declareChain(table: string, name: string, beforeLine: number, family: AddressFamily): TextEdit | undefined;
}

export function rulesetOf(doc: FirewallDocument, family: AddressFamily): Ruleset | undefined {
  return doc.rulesets.find((r) => r.family === family);
}
