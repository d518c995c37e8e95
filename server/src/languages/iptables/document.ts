import type { TextEdit } from '../../core/findings.js';
import type { LineIndex } from '../../core/text.js';
import type { ReadCommand } from './read-command.js';
import type { Ruleset } from './ruleset.js';
import type { AddressFamily } from './syntax.js';
import type { Decision, RunResult } from '../shell/run.js';
import type { ModuleLoad, UfwScriptCommand, UnknownRule } from './script-effects.js';
import type { FirewallFile, FirewallIntents } from '../../engine/firewall-file.js';
import type { FirewalldScriptCommand } from '../firewalld/script-commands.js';
import type { FirewallModel } from '../../engine/firewall-model.js';
import type { SysctlDocument } from '../modules/documents.js';

/** One way a firewall can be loaded (a script's branches on what the host does not fix), and the rules it leaves. */
export interface FirewallVariant {
  rulesets: Ruleset[];
  /** The branches taken on unknown values to get here. */
  decisions: readonly Decision[];
  /** Commands whose effect on the rules is not known in this way. */
  unknownRules: readonly UnknownRule[];
  moduleLoads: readonly ModuleLoad[];
  /** A sysctl file this way applies as it loads the rules: ufw-init's IPT_SYSCTL file, where ufw starts enabled. */
  appliedSysctl?: SysctlDocument;
  /** The ufw commands this way runs, in order (a script's). */
  ufwCommands?: readonly UfwScriptCommand[];
  /** The firewall-cmd commands this way runs, in order (a script's). */
  firewalldCommands?: readonly FirewalldScriptCommand[];
  stopped?: RunResult['stopped'];
  /** Set when this way was not followed to its end. */
  incomplete?: string;
  /** The firewall this way leaves for `family`, if it configures that family. */
  model(family: AddressFamily): FirewallModel | undefined;
}

/** Every way a firewall can be loaded, or the first of them when there are too many (`complete` false). */
export interface FirewallVariants { list: FirewallVariant[]; complete: boolean }

/** What every iptables file kind offers the rules: its commands, the rulesets they leave, and how to add to them. */
export interface FirewallDocument extends FirewallFile {
  path: string;
  text: string;
  lines: LineIndex;
  /** The file's main family (a script may also hold ip6tables commands). */
  family: AddressFamily;
  commands: ReadCommand[];
  /** One ruleset per address family the file configures (for a script, the first way it runs). */
  rulesets: Ruleset[];
  /** For a firewall whose rules depend on what its files do not fix: every way it can be loaded. */
  variants?: FirewallVariants;
  /** What the host checks ask of the file ("accept these ports inbound"), written in its own style. */
  readonly intents: FirewallIntents;
  /** An edit that creates a user chain in the file's own style (restore ":NAME - [0:0]", script "iptables -N NAME"). */
  declareChain(table: string, name: string, beforeLine: number, family: AddressFamily): TextEdit | undefined;
}

/** Is this firewall file an iptables one (a restore file or a script)? */
export function isIptablesDocument(file: FirewallFile): file is FirewallDocument {
  return 'rulesets' in file && 'commands' in file;
}

export function rulesetOf(doc: FirewallDocument, family: AddressFamily): Ruleset | undefined {
  return doc.rulesets.find((r) => r.family === family);
}
