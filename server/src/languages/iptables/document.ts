import type { TextEdit } from '../../core/findings.js';
import type { LineIndex } from '../../core/text.js';
import type { ReadCommand } from './restore-document.js';
import type { Ruleset } from './ruleset.js';
import type { AddressFamily } from './syntax.js';

/** What every firewall file kind offers the rules: its commands, the ruleset they leave, and how to add to it. */
export interface FirewallDocument {
  path: string;
  text: string;
  lines: LineIndex;
  family: AddressFamily;
  commands: ReadCommand[];
  ruleset: Ruleset;
  /** An edit that creates a user chain in the file's own style (restore ":NAME - [0:0]", script "iptables -N NAME"). */
  declareChain(table: string, name: string, beforeLine: number): TextEdit | undefined;
}
