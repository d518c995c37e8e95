import type { FirewallVariant } from '../languages/iptables/document.js';
import type { UnknownRule } from '../languages/iptables/script-effects.js';
import type { Location } from '../languages/iptables/ruleset.js';
import { partingDecision } from '../languages/shell/worlds.js';
import type { HostPaths, PathName, PathVerdict } from './paths.js';

const PATHS: readonly PathName[] = ['control', 'passive', 'active'];
/** Commands that change no chain a walk goes through, whatever their unknown words say. */
const WITHOUT_EFFECT = new Set(['N', 'X', 'L', 'S', 'Z', 'V', 'h', 'C']);
/** Targets that end a packet's walk through a chain (or send it elsewhere in it). */
const DECIDING_TARGETS = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'QUEUE', 'NFQUEUE', 'CT', 'NOTRACK']);

/** Could a rule the script makes from an unknown value change this path? */
function touches(rule: UnknownRule, verdict: PathVerdict): boolean {
  if (rule.family !== 'ipv4') return false;
  if (rule.letter && WITHOUT_EFFECT.has(rule.letter)) return false;
  // raw, mangle and security drop packets before or after filter, in chains a walk may have left out while empty.
  if (rule.table === undefined || rule.table === 'raw' || rule.table === 'mangle' || rule.table === 'security') return true;
  if (rule.table !== 'filter') return false;
  if (!rule.chain || !rule.letter || !'AI'.includes(rule.letter)) return true;
  // A rule added to a chain no walk of this path went into cannot change it.
  if (!verdict.outcomes.some((o) => o.entered.has(rule.chain!))) return false;
  // Whatever it matches, an added rule whose target only logs or marks changes no verdict, an
  // added ACCEPT can only open (an open path stays open) and an added DROP only block.
  if (rule.targetKnown && rule.target && !DECIDING_TARGETS.has(rule.target)) return false;
  if (rule.target === 'ACCEPT') return verdict.verdict !== 'open';
  if (rule.target === 'DROP' || rule.target === 'REJECT') return verdict.verdict !== 'blocked';
  return true;
}

const where = (place: { path: string; line: number; range: Location['range'] }): Location => ({ path: place.path, line: place.line, range: place.range });
const fileLine = (place: { path: string; line: number }) => `${place.path.split('/').pop()}:${place.line + 1}`;

interface Judged { variant: FirewallVariant; verdict: PathVerdict; unknownRule?: UnknownRule }

/** One path over every way the firewall can be loaded: the same verdict in all, or `conditional` saying on what it depends. */
function pathAcross(name: PathName, each: ReadonlyArray<{ variant: FirewallVariant; paths: HostPaths }>, complete: boolean, firewall: string): PathVerdict {
  const judged: Judged[] = each.map(({ variant, paths }) => {
    const verdict = paths[name];
    const unknownRule = verdict.verdict === 'disabled' ? undefined : variant.unknownRules.find((r) => touches(r, verdict));
    return { variant, verdict, ...(unknownRule ? { unknownRule } : {}) };
  });
  const first = judged[0]!;
  const open = judged.reduce((ports, j) => ports.intersect(j.verdict.open), first.verdict.open);
  const blocked = judged.reduce((ports, j) => ports.intersect(j.verdict.blocked), first.verdict.blocked);
  const kinds = new Set(judged.map((j) => j.verdict.verdict));
  const uncertain = judged.find((j) => j.unknownRule || j.variant.incomplete);
  if (complete && kinds.size === 1 && !uncertain) return { ...first.verdict, open, blocked };

  const dependsOn: NonNullable<PathVerdict['dependsOn']> = [];
  let reason: string;
  if (uncertain?.unknownRule) {
    const rule = uncertain.unknownRule;
    reason = `It depends on ${rule.why}, at ${fileLine(rule)}: ftpwall cannot tell what that command does to the rules.`;
    dependsOn.push({ why: rule.why, where: where(rule) });
  } else if (uncertain?.variant.incomplete) {
    reason = `ftpwall could not follow the script to its end (${uncertain.variant.incomplete}).`;
  } else if (!complete && kinds.size === 1) {
    reason = `The script can run in more ways than ftpwall follows (${each.length}); in those it followed, the verdict is ${first.verdict.verdict}.`;
    const decision = first.variant.decisions[0];
    if (decision) dependsOn.push({ why: decision.why, where: where(decision) });
  } else {
    const other = judged.find((j) => j.verdict.verdict !== first.verdict.verdict)!;
    const decision = partingDecision(first.variant.decisions, other.variant.decisions);
    const way = (j: Judged) => j.variant.decisions.find((d) => d.path === decision?.path && d.line === decision.line && d.what === decision.what)?.way ?? 'it runs otherwise';
    reason = decision
      ? `It depends on ${decision.why}: ${first.verdict.verdict} when ${way(first)}, ${other.verdict.verdict} when ${way(other)} (${decision.what}).`
      : `It depends on how ${firewall.split('/').pop()} runs: ${first.verdict.verdict} one way, ${other.verdict.verdict} another.`;
    if (decision) dependsOn.push({ why: decision.why, where: where(decision) });
  }
  const deciding = dependsOn.map((d) => d.where);
  return { ...first.verdict, verdict: 'conditional', reason, deciding, open, blocked, dependsOn };
}

/** The host's paths over every way its firewall script can run. */
export function acrossVariants(each: ReadonlyArray<{ variant: FirewallVariant; paths: HostPaths }>, complete: boolean, firewall: string): HostPaths {
  const first = each[0]!.paths;
  const [control, passive, active] = PATHS.map((name) => pathAcross(name, each, complete, firewall)) as [PathVerdict, PathVerdict, PathVerdict];
  return { ...first, control, passive, active };
}
