import type { Range } from '../core/text.js';
import { inboundPortsMatched } from '../languages/iptables/match.js';
import { PortSet } from '../engine/port-set.js';
import type { FirewallModel, ModelChain, ModelRule } from '../engine/firewall-model.js';
import type { PacketClass } from '../engine/packet.js';
import { newInbound } from '../engine/constraints.js';
import type { AddressFamily } from '../languages/iptables/syntax.js';
import type { RuleMeaning } from '../languages/iptables/rule-meaning.js';
import type { FactName } from '../engine/server-facts.js';
import type { HostContext } from './host-rule.js';
import type { PathName } from '../engine/paths.js';

/** The paths the host's clients use: `.ftpwall.json` "clients" may leave out one data mode. */
export function pathsClientsUse(context: HostContext): PathName[] {
  const mode = context.host.config.clients;
  return (['control', 'passive', 'active'] as const).filter((name) => !(name === 'active' && mode === 'passive') && !(name === 'passive' && mode === 'active'));
}

/** The server's facts a finding about each path is placed on, the first that is set winning. */
export const PATH_FACTS: Readonly<Record<PathName, FactName[]>> = { control: ['controlPort', 'listen'], passive: ['passiveMin', 'passiveMax', 'passive'], active: ['activeSource', 'active'] };

/** Where to show a finding about the FTP server's side: the line that set the first of these facts, else its file; the firewall's first line without one. */
export function serverAnchor(context: HostContext, ...facts: FactName[]): { file: string; range: Range } | undefined {
  const anchor = context.paths.server.anchor(...facts);
  if (anchor) return anchor;
  const fw = context.firewall;
  return fw ? { file: fw.path, range: fw.doc.lines.range(0, fw.doc.lines.lineEnd(0)) } : undefined;
}

type OpeningRule = { rule: ModelRule; ports: PortSet };
/**
 * Several host rules ask for the opening rules, and on a large firewall each answer costs a pass
 * over every rule: they are kept per chain of the model, which an iptables ruleset re-read after
 * an edit shares for the chains the edit did not touch.
 */
const openingRulesOfChain = new WeakMap<ModelChain, OpeningRule[]>();

/** Rules, on the way in, that accept new TCP connections to a restricted set of destination ports, whichever firewall wrote them. */
export function openingRules(context: HostContext): readonly OpeningRule[] {
  const model = context.paths.firewall;
  if (!model) return [];
  let all = openingRulesOfModel.get(model);
  if (all) return all;
  const packet = newInbound(model.family);
  all = model.inboundChains().flatMap((chain) => {
    let found = openingRulesOfChain.get(chain);
    if (!found) openingRulesOfChain.set(chain, found = chainOpeningRules(chain, packet));
    return found;
  });
  openingRulesOfModel.set(model, all);
  return all;
}

/** Several host checks ask for the opening rules of one firewall in one pass: gathered from its chains once. */
const openingRulesOfModel = new WeakMap<FirewallModel, readonly OpeningRule[]>();

function chainOpeningRules(chain: ModelChain, packet: PacketClass): OpeningRule[] {
  const result: OpeningRule[] = [];
  for (const rule of chain.rules) {
    if (rule.action.kind !== 'accept') continue;
    const match = rule.match(packet);
    const ports = match.definite.union(match.conditional);
    if (!ports.isEmpty && !ports.equals(PortSet.ALL)) result.push({ rule, ports });
  }
  return result;
}

/** The ports an ACCEPT opens when it opens some and not all: what makes a rule an opening rule. */
function openedPorts(meaning: RuleMeaning, family: AddressFamily): PortSet | undefined {
  if (meaning.targetName !== 'ACCEPT') return undefined;
  const ports = inboundPortsMatched(meaning, family);
  return !ports.isEmpty && !ports.equals(PortSet.ALL) ? ports : undefined;
}

/** Is an iptables rule read again after an edit one that opening rules count (see HostCheck.reads)? */
export function isOpeningRule(meaning: RuleMeaning, family: AddressFamily): boolean {
  return openedPorts(meaning, family) !== undefined;
}

/** For a fix in a firewall edited through a command (ufw): the command that makes the same change, to name in its title. */
export function commandNote(command: string | undefined): string {
  return command ? ` (as \`${command}\` does)` : '';
}

/** The start of a file: where a finding about the file as a whole (one the host never loads or reads) stands. */
export function fileStart(path: string): { file: string; range: Range } {
  const start = { line: 0, character: 0 };
  return { file: path, range: { start, end: start } };
}
