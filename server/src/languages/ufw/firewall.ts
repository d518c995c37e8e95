import { LineIndex, type Range } from '../../core/text.js';
import type { FirewallFile, FirewallIntents, ForwardingSet } from '../../engine/firewall-file.js';
import type { FirewallModel } from '../../engine/firewall-model.js';
import type { FirewallVariant, FirewallVariants } from '../iptables/document.js';
import { iptablesModel } from '../iptables/firewall-model.js';
import type { Location, Ruleset } from '../iptables/ruleset.js';
import type { AddressFamily } from '../iptables/syntax.js';
import type { Decision } from '../shell/run.js';
import { ufwIntents, ufwScriptIntents } from './intents.js';
import type { UfwSettingsDocument } from './settings.js';
import type { UfwRulesKind } from './ufw-files.js';
import { loadUfw, type UfwPolicy, type UfwSetup } from './ufw-init.js';
import type { UfwScriptCommand } from '../iptables/script-effects.js';
import type { UfwProfiles } from './command.js';
import { profileLookup } from './applications.js';
import { ufwScriptState, type UfwScriptState } from './script-state.js';
import { forwardingSettings, type SysctlDocument } from '../modules/documents.js';

/** A host's ufw files: its two settings files and its rules files (by kind and family), each undefined when the host does not hold it. */
export interface UfwFiles {
  /** /etc/default/ufw */
  defaults?: UfwSettingsDocument;
  /** /etc/ufw/ufw.conf */
  conf?: UfwSettingsDocument;
  rules: Map<string, { path: string; text: string }>;
  /** Scripts that run `ufw` commands: each way a script runs, with its commands and the branches taken. */
  scripts?: Array<{ path: string; text: string; ways: ReadonlyArray<{ commands: readonly UfwScriptCommand[]; decisions: readonly Decision[] }> }>;
  /** The application profiles of the host's applications.d files, by name. */
  profiles?: Map<string, string>;
  /** /etc/ufw/sysctl.conf, which ufw-init applies when ufw starts enabled (not with the other sysctl files). */
  sysctl?: SysctlDocument;
}

export const rulesKey = (kind: UfwRulesKind, family: AddressFamily) => `${kind}${family === 'ipv6' ? '6' : ''}`;

/** ufw's firewall on a host, every way its files can be loaded: what the host checks and the engine read. */
export type UfwFirewall = FirewallFile & { readonly variants: FirewallVariants; readonly appliedSysctl?: UfwAppliedSysctl };

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const atStart = (path: string): Location => ({ path, line: 0, range: START });
const settingAt = (doc: UfwSettingsDocument, name: string): Location | undefined => {
  const setting = doc.last(name);
  return setting && { path: doc.path, line: setting.line, range: setting.value.range };
};

type Direction = 'input' | 'output' | 'forward';
const POLICY_VALUES = new Set<string>(['ACCEPT', 'DROP', 'REJECT']);
/** Ways through the scripts followed at most (each script's ways, multiplied). */
const MAX_SCRIPT_WAYS = 64;

/** A setting the host's files do not fix, and the values it is followed with (the first as ufw is installed). */
interface OpenChoice { why: string; what: string; where: Location; apply(choice: 0 | 1): void; ways: [string, string] }

/** ufw-init compares ENABLED and IPV6 with exactly these two spellings. */
const ufwInitYes = (value: string | undefined): boolean => value === 'yes' || value === 'YES';

/** One way the host's scripts run, with what their ufw commands leave. */
interface ScriptWay { state: UfwScriptState; decisions: Decision[] }

/** Every combination of the scripts' ways, up to MAX_SCRIPT_WAYS. */
function scriptWays(files: UfwFiles, profiles: UfwProfiles): ScriptWay[] {
  let ways: Array<{ commands: UfwScriptCommand[]; decisions: Decision[] }> = [{ commands: [], decisions: [] }];
  for (const script of files.scripts ?? []) {
    ways = ways.flatMap((way) => script.ways.map((w) => ({ commands: [...way.commands, ...w.commands], decisions: [...way.decisions, ...w.decisions] }))).slice(0, MAX_SCRIPT_WAYS);
  }
  return ways.map((way) => ({ state: ufwScriptState(way.commands, profiles), decisions: way.decisions }));
}

/**
 * Everything ufw loads, as its boot script loads it (see ufw-init.ts), when the host holds any
 * of ufw's files or a script runs `ufw` commands. Settings the host does not fix (a missing
 * ufw.conf or /etc/default/ufw, a policy ufw cannot set) are followed both ways, so a verdict that
 * depends on them is conditional. A script's `ufw` commands change the files' state in the order
 * they run; the rules files the host does not hold are then taken as the package installs them.
 */
export function ufwFirewall(files: UfwFiles): UfwFirewall | undefined {
  const rulesFile = files.rules.get('user') ?? files.rules.get('before') ?? [...files.rules.values()][0];
  const script = files.scripts?.[0];
  const shown: { path: string; text: string; lines?: LineIndex } | undefined = rulesFile ?? files.conf ?? files.defaults ?? script;
  if (!shown) return undefined;
  const profiles = profileLookup(files.profiles ?? new Map());
  const ways = scriptWays(files, profiles).flatMap((way) => variantsOf(files, way, shown, profiles));
  const list = ways.map((w) => w.variant);
  const appliedSysctl = ufwAppliedSysctl(files, ways.map((w) => w.enabled));
  const userRules = files.rules.get('user');
  const beforeRules = files.rules.get('before');
  return {
    path: shown.path, text: shown.text, lines: shown.lines ?? new LineIndex(shown.text), family: 'ipv4',
    variants: { list, complete: true },
    model: (family) => list[0]!.model(family),
    ...(appliedSysctl ? { appliedSysctl } : {}),
    intents: !userRules && script && shown === script ? scriptIntents(script) : ufwIntents(indexed(userRules), indexed(beforeRules), { user: indexed(files.rules.get('user6')), before: indexed(files.rules.get('before6')), shownPath: shown.path }),
  };
}

const indexed = (file: { path: string; text: string } | undefined) => file && { path: file.path, lines: new LineIndex(file.text) };

/** ufw's own sysctl file, when ufw applies it: in every way the host can start (`surely`) or only in some. */
export interface UfwAppliedSysctl { readonly doc: SysctlDocument; readonly surely: boolean }

/**
 * ufw-init applies the file IPT_SYSCTL names (/etc/ufw/sysctl.conf as installed) only when ufw
 * starts enabled, and again on every reload; `enabledWays` says whether it is enabled in each
 * way the host's files and scripts can be read.
 */
export function ufwAppliedSysctl(files: UfwFiles, enabledWays: readonly boolean[]): UfwAppliedSysctl | undefined {
  const named = files.defaults ? files.defaults.last('IPT_SYSCTL')?.value.value : '/etc/ufw/sysctl.conf';
  if (!files.sysctl || !named || !files.sysctl.path.endsWith(named) || !enabledWays.includes(true)) return undefined;
  return { doc: files.sysctl, surely: !enabledWays.includes(false) };
}

/** Forwarding of each family as ufw's applied sysctl file sets it. Its unit is not ordered with systemd-sysctl, so it is not sure to be the last word at boot. */
export function ufwForwardingSets(applied: UfwAppliedSysctl | undefined): ForwardingSet[] {
  if (!applied) return [];
  return (['ipv4', 'ipv6'] as const).flatMap((family) => {
    const last = forwardingSettings(applied.doc, family).at(-1);
    if (!last) return [];
    const why = `ufw sets it ${last.on ? 'on' : 'off'} from ${last.where.path.split('/').slice(-2).join('/')}:${last.where.line + 1} when it starts${applied.surely ? '' : ' enabled, which it may not'} (at boot in no fixed order with systemd-sysctl, and again on each ufw reload)`;
    return [{ family, on: last.on, at: last.where, surely: applied.surely, why, afterSysctlFiles: false }];
  });
}

/** Fixes for ufw configured by a script: a command after its last `ufw` rule (or its first ufw command). */
function scriptIntents(script: NonNullable<UfwFiles['scripts']>[number]): FirewallIntents {
  const commands = script.ways.flatMap((w) => w.commands).filter((c) => c.path === script.path);
  const rules = commands.filter((c) => c.args && /^(allow|deny|reject|limit|insert|prepend|route)$/.test(c.args.find((a) => !a.startsWith('-')) ?? ''));
  const lastRuleLine = Math.max(...(rules.length ? rules : commands).map((c) => c.line));
  return ufwScriptIntents({ lines: new LineIndex(script.text), lastRuleLine });
}

/** The variants of one way through the scripts: one per combination of the settings the files leave open. */
function variantsOf(files: UfwFiles, way: ScriptWay, shown: { path: string }, profiles: UfwProfiles): Array<{ variant: FirewallVariant; enabled: boolean }> {
  const { state } = way;
  const firstCommand = state.changes[0]?.where ?? state.enabled?.where ?? Object.values(state.policies)[0]?.where;
  const somewhere = files.rules.size || !firstCommand ? atStart(shown.path) : firstCommand;
  const structure = state.enabled?.where ?? (files.conf && settingAt(files.conf, 'ENABLED')) ?? somewhere;
  // What ufw-init applies in each way it starts enabled.
  const sysctlWhenEnabled = ufwAppliedSysctl(files, [true])?.doc;

  // The settings as installed, replaced by what the files say, then by what the commands did; the rest are choices followed both ways.
  let enabled = true;
  const policies: Record<Direction, UfwPolicy> = { input: 'DROP', output: 'ACCEPT', forward: 'DROP' };
  const policyWhere: Record<Direction, Location> = { input: somewhere, output: somewhere, forward: somewhere };
  let ipv6 = true;
  const choices: OpenChoice[] = [];
  if (state.enabled) {
    enabled = state.enabled.value;
  } else if (files.conf) {
    enabled = ufwInitYes(files.conf.last('ENABLED')?.value.value);
  } else {
    choices.push({ why: 'whether ufw is enabled (ufw.conf is not in this host)', what: 'ENABLED in /etc/ufw/ufw.conf', where: somewhere, ways: ['it is enabled', 'it is not'], apply: (c) => { enabled = c === 0; } });
  }
  for (const direction of ['input', 'output', 'forward'] as const) {
    const set = state.policies[direction];
    if (set) { policies[direction] = set.value; policyWhere[direction] = set.where; continue; }
    const name = `DEFAULT_${direction.toUpperCase()}_POLICY`;
    const where = files.defaults && settingAt(files.defaults, name);
    const value = files.defaults?.last(name)?.value.value;
    if (where) policyWhere[direction] = where;
    if (value !== undefined && POLICY_VALUES.has(value)) { policies[direction] = value as UfwPolicy; continue; }
    // A routed packet never reaches this host's FTP server: the forward policy is taken as installed.
    if (direction === 'forward') continue;
    const why = value === undefined ? `${name} (/etc/default/ufw ${files.defaults ? 'does not set it' : 'is not in this host'})` : `${name}="${value}", which ufw cannot set`;
    const [first, second]: UfwPolicy[] = direction === 'input' ? ['DROP', 'ACCEPT'] : ['ACCEPT', 'DROP'];
    choices.push({ why, what: `ufw's default policy for ${direction === 'input' ? 'incoming' : 'outgoing'} packets`, where: where ?? somewhere, ways: [`it is ${first}`, `it is ${second}`], apply: (c) => { policies[direction] = c === 0 ? first! : second!; } });
  }
  const ipv6Setting = files.defaults?.last('IPV6')?.value.value;
  if (ipv6Setting !== undefined) ipv6 = ufwInitYes(ipv6Setting);
  // After `ufw reset` every rules file is the package's; without any of them in the host, so are they.
  const stock = state.reset ?? (state.any && files.rules.size === 0 ? somewhere : undefined);

  const variant = (decisions: Decision[]): FirewallVariant => {
    if (!enabled) return disabledVariant(structure, decisions);
    const setup: UfwSetup = {
      ipv6, structure,
      policies: {
        input: { value: policies.input, where: policyWhere.input },
        output: { value: policies.output, where: policyWhere.output },
        forward: { value: policies.forward, where: policyWhere.forward },
      },
      file: (kind, family) => (state.reset ? undefined : files.rules.get(rulesKey(kind, family))),
      ...(stock ? { stock } : {}),
      changes: state.changes, profiles,
    };
    const loads = (['ipv4', 'ipv6'] as const).map((family) => loadUfw(setup, family));
    const rulesets = loads.map((l) => l.ruleset);
    return {
      rulesets, decisions, moduleLoads: [], ...(sysctlWhenEnabled ? { appliedSysctl: sysctlWhenEnabled } : {}),
      unknownRules: [...loads.flatMap((l) => l.unknownRules), ...state.unknownRules],
      model: (family) => { const ruleset = rulesets.find((r) => r.family === family); return ruleset && iptablesModel(ruleset); },
    };
  };
  const list: Array<{ variant: FirewallVariant; enabled: boolean }> = [];
  for (let n = 0; n < 2 ** choices.length; n++) {
    const decisions = choices.map((choice, c): Decision => {
      const taken = ((n >> c) & 1) === 0;
      choice.apply(taken ? 0 : 1);
      return { why: choice.why, what: choice.what, way: choice.ways[taken ? 0 : 1], path: choice.where.path, line: choice.where.line, range: choice.where.range, taken };
    });
    list.push({ variant: variant([...way.decisions, ...decisions]), enabled });
  }
  return list;
}

/** ufw not enabled: it loads no rule, and nothing of it stops a packet. */
function disabledVariant(enabledAt: Location, decisions: Decision[]): FirewallVariant {
  const models = new Map<AddressFamily, FirewallModel>();
  const model = (family: AddressFamily): FirewallModel => {
    let known = models.get(family);
    if (!known) {
      const chain = (name: string) => ({ name, rules: [], policy: 'accept' as const, policyName: 'ACCEPT', policyDescription: 'no ufw rule (ufw is not enabled)', policyWhere: enabledAt });
      known = { family, baseChains: (hook) => [chain(hook)], inboundChains: () => [], chain: () => undefined, helperAssigningChains: () => [] };
      models.set(family, known);
    }
    return known;
  };
  return { rulesets: [] as Ruleset[], decisions, unknownRules: [], moduleLoads: [], model };
}
