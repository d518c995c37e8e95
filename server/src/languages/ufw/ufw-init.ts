import { parseCommand } from '../iptables/command.js';
import { readCommand } from '../iptables/read-command.js';
import { loadRefusal } from '../iptables/load-refusal.js';
import { readRestoreDocument, type LoadedOnto } from '../iptables/restore-document.js';
import { Ruleset, type Location } from '../iptables/ruleset.js';
import type { UnknownRule } from '../iptables/script-effects.js';
import type { AddressFamily, Word } from '../iptables/syntax.js';
import { chainPrefix, type UfwRulesFile, type UfwRulesKind } from './ufw-files.js';
import type { UfwProfiles } from './command.js';
import type { UfwRuleChange } from './script-state.js';
import { stockRules } from './stock-rules.js';
import { writeRule } from './user-rule.js';

/*
 * What ufw's boot script (/lib/ufw/ufw-init, ufw 0.36) does to the filter table, as facts: the
 * chains it makes, the jumps that hook them into INPUT, OUTPUT and FORWARD, the rules it writes
 * from the default policies, and the order it loads before.rules, after.rules and user.rules in,
 * each with iptables-restore --noflush onto what was loaded before.
 */

export type UfwPolicy = 'ACCEPT' | 'DROP' | 'REJECT';
type Direction = 'input' | 'output' | 'forward';
const DIRECTIONS: readonly Direction[] = ['input', 'output', 'forward'];
const BUILT_IN: Record<Direction, string> = { input: 'INPUT', output: 'OUTPUT', forward: 'FORWARD' };

/** The chains each built-in chain jumps to, in this order, made before any file is loaded. */
const STAGES = ['before-logging', 'before', 'after', 'after-logging', 'reject', 'track'];
/** Made next: the logging chains and the chains that end in the default policy. */
const SECONDARY = ['logging-deny', 'logging-allow', ...DIRECTIONS.map((d) => `skip-to-policy-${d}`)];
/** Made just before user.rules is loaded; its first three are hooked into the before-chains after it. */
const USER_CHAINS = [...DIRECTIONS.map((d) => `user-${d}`), ...DIRECTIONS.map((d) => `user-logging-${d}`), 'user-limit', 'user-limit-accept'];

const named = (family: AddressFamily, names: readonly string[]) => names.map((n) => `${chainPrefix(family)}-${n}`);
const primaryChains = (family: AddressFamily) => named(family, DIRECTIONS.flatMap((d) => STAGES.map((s) => `${s}-${d}`)));

/** Every chain ufw manages itself: its own jumps reach them, or it keeps them empty on purpose. */
function managedChains(family: AddressFamily): string[] {
  return [...primaryChains(family), ...named(family, SECONDARY), ...named(family, USER_CHAINS), `${chainPrefix(family)}-not-local`];
}

/** The chains that exist when ufw loads a file of this kind (its own declarations aside). */
function chainsBefore(file: UfwRulesFile): string[] {
  const made = [...primaryChains(file.family), ...named(file.family, SECONDARY)];
  return file.kind === 'user' ? [...made, ...named(file.family, USER_CHAINS)] : made;
}

const NOWHERE: Location = { path: '', line: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/**
 * A ufw rules file read by itself: loaded onto the chains ufw has made by then, every chain ufw
 * manages counted as reached (ufw's own jumps reach them, or it keeps them for logging).
 */
export function ufwLoadedOnto(file: UfwRulesFile): LoadedOnto {
  return () => {
    const ruleset = new Ruleset(file.family);
    const chains = ruleset.table('filter');
    for (const name of chainsBefore(file)) chains.set(name, { table: 'filter', name, builtin: false, policy: 'ACCEPT', rules: [] });
    for (const name of managedChains(file.family)) ruleset.references.push({ table: 'filter', jumpsTo: name, where: NOWHERE });
    return ruleset;
  };
}

/** ufw's settings as ufw-init reads them, each with the place a rule it makes is shown at. */
export interface UfwSetup {
  ipv6: boolean;
  policies: Record<Direction, { value: UfwPolicy; where: Location }>;
  /** Where the chains and jumps ufw-init makes itself are shown (ufw.conf's ENABLED line, say). */
  structure: Location;
  /** The host's rules files, by kind and family; undefined when the host does not hold one. */
  file(kind: UfwRulesKind, family: AddressFamily): { path: string; text: string } | undefined;
  /** Set when a file the host does not hold is taken as the package installs it, its rules shown here. */
  stock?: Location;
  /** Rules `ufw` commands of a script add or delete, applied after user.rules. */
  changes?: readonly UfwRuleChange[];
  profiles?: UfwProfiles;
}

/** What ufw-init leaves in one family's tables, and what it loads that ftpwall cannot know. */
export interface UfwLoad { ruleset: Ruleset; unknownRules: UnknownRule[] }

/** Runs one iptables command that ufw-init issues itself, shown at `where`. */
function issue(ruleset: Ruleset, command: string, where: Location): void {
  issueWords(ruleset, command.split(' '), where);
}

/** Runs one iptables command given as its arguments, shown at `where`. */
function issueWords(ruleset: Ruleset, values: readonly string[], where: Location): void {
  const words: Word[] = values.map((value) => ({ value, raw: value, start: 0, end: 0, range: where.range }));
  const table = 'filter';
  const parsed = parseCommand(words, ruleset.family, table);
  const line = { kind: 'command' as const, line: where.line, range: where.range, words };
  ruleset.apply(table, parsed, readCommand(line, table, ruleset.family, parsed), where);
}

/** The tables ufw-init leaves for `family` when ufw is enabled. */
export function loadUfw(setup: UfwSetup, family: AddressFamily): UfwLoad {
  let ruleset = new Ruleset(family);
  ruleset.resetTable('filter');
  const unknownRules: UnknownRule[] = [];
  const p = chainPrefix(family);
  const { structure, policies } = setup;
  if (family === 'ipv6' && !setup.ipv6) {
    // IPV6=no: ufw drops IPv6 but on loopback.
    for (const d of DIRECTIONS) issue(ruleset, `-P ${BUILT_IN[d]} DROP`, policies.input.where);
    issue(ruleset, '-A INPUT -i lo -j ACCEPT', structure);
    issue(ruleset, '-A OUTPUT -o lo -j ACCEPT', structure);
    return { ruleset, unknownRules };
  }
  for (const name of primaryChains(family)) issue(ruleset, `-N ${name}`, structure);
  for (const d of DIRECTIONS) for (const stage of STAGES) issue(ruleset, `-A ${BUILT_IN[d]} -j ${p}-${stage}-${d}`, structure);
  for (const d of DIRECTIONS) {
    const { value, where } = policies[d];
    if (value === 'REJECT') issue(ruleset, `-A ${p}-reject-${d} -j REJECT`, where);
    // An ACCEPT policy still lets only new connections through that ufw tracks.
    if (value === 'ACCEPT') for (const proto of ['tcp', 'udp']) issue(ruleset, `-A ${p}-track-${d} -p ${proto} -m conntrack --ctstate NEW -j ACCEPT`, where);
  }
  for (const name of named(family, SECONDARY)) issue(ruleset, `-N ${name}`, structure);
  for (const d of DIRECTIONS) issue(ruleset, `-A ${p}-skip-to-policy-${d} -j ${policies[d].value}`, policies[d].where);

  /** Loads one file; false when the host does not hold it. */
  const load = (kind: UfwRulesKind): boolean => {
    const file = setup.file(kind, family);
    if (!file && setup.stock) {
      for (const command of stockRules(kind, family)) issue(ruleset, command, setup.stock);
      return true;
    }
    if (!file) {
      unknownRules.push({ ...structure, family, why: `what ${kind}${family === 'ipv6' ? '6' : ''}.rules loads (the host does not hold it)` });
      return false;
    }
    const before = ruleset;
    const doc = readRestoreDocument(file.text, file.path, family, undefined, false, () => before.copy());
    const loaded = doc.rulesets[0]!;
    // iptables-restore loads nothing of a file it refuses; ufw goes on without it.
    // A rule the kernel refuses when the rules go in (a target out of its table) fails the load as well.
    const refusal = loadRefusal(doc);
    if (refusal) {
      unknownRules.push({ path: file.path, line: refusal.where.line, range: refusal.where.range, family, why: `what ufw loads from ${file.path.split('/').pop()}, which ${refusal.who} refuses` });
      return true;
    }
    ruleset = loaded;
    return true;
  };
  load('before');
  load('after');
  const chains = ruleset.table('filter');
  for (const name of named(family, USER_CHAINS)) if (!chains.has(name)) issue(ruleset, `-N ${name}`, structure);
  // ufw hooks the user chains in whenever user.rules is there, even when loading it failed.
  if (load('user')) for (const d of DIRECTIONS) issue(ruleset, `-A ${p}-before-${d} -j ${p}-user-${d}`, structure);
  if (setup.changes?.length) applyChanges(ruleset, setup, family, unknownRules);
  for (const d of DIRECTIONS) issue(ruleset, `-P ${BUILT_IN[d]} ${policies[d].value === 'REJECT' ? 'DROP' : policies[d].value}`, policies[d].where);
  return { ruleset, unknownRules };
}

/** A rule of ufw's saved list: its tuple, the rules under it, and the line that added it. */
export interface SavedRule { tuple: string; rules: string[][]; where: Location }

const TUPLE_PREFIX = '### tuple ### ';
/** The tuple without its comment: what `ufw delete` must match. */
const withoutComment = (tuple: string) => tuple.replace(/ comment=[0-9a-f]*$/, '');
/** What ufw takes as the same rule: the tuple without its action, logging and comment (a route rule stays apart). */
const identity = (tuple: string) => withoutComment(tuple).slice(TUPLE_PREFIX.length).replace(/^(route:)?[a-z]+(_log(-all)?)? /, '$1 ');

/** What a script's `ufw` commands do to the saved rules of one family. */
export interface SavedChanges {
  /** Rules put before the saved ones (`prepend`), first first. */
  front: SavedRule[];
  /** Rules added after them, in order. */
  back: SavedRule[];
  /** Rules of user.rules taken out (`delete`), with the line that did it. */
  deleted: SavedRule[];
  /** The tuples user.rules still holds, in its order. */
  kept: string[];
  /** Changes that are not followed. */
  unknown: Array<{ where: Location; why: string }>;
}

/**
 * The rules of a script's `ufw` commands, as ufw saves them. ufw keeps one rule per match: a new
 * rule that matches a saved one replaces it in place (another action, logging or comment), or
 * is skipped when it is prepended; `delete` needs the same action. `prepend` (and `insert 1`)
 * puts the rule first. A replacement of a rule user.rules holds, and where `insert N` lands, are
 * not followed: those rules are unknown.
 */
export function savedChanges(changes: readonly UfwRuleChange[], savedText: string, family: AddressFamily, profiles: UfwProfiles): SavedChanges {
  const inFile = new Map(savedText.split('\n').filter((l) => l.startsWith(TUPLE_PREFIX)).map((l) => [identity(l.trim()), l.trim()]));
  const result: SavedChanges = { front: [], back: [], deleted: [], kept: [], unknown: [] };
  const { front, back } = result;
  const find = (id: string) => [...front, ...back].find((r) => identity(r.tuple) === id);
  for (const { rule, placement, where } of changes) {
    if (typeof placement === 'object' && placement.insert > 1) {
      result.unknown.push({ where, why: `where \`ufw insert ${placement.insert}\` puts the rule among the saved ones` });
      continue;
    }
    for (const written of writeRule(rule, family, profiles)) {
      const id = identity(written.tuple);
      const saved = find(id);
      if (placement === 'delete') {
        if (saved && withoutComment(saved.tuple) === withoutComment(written.tuple)) {
          const list = front.includes(saved) ? front : back;
          list.splice(list.indexOf(saved), 1);
        } else if (withoutComment(inFile.get(id) ?? '') === withoutComment(written.tuple)) {
          inFile.delete(id);
          result.deleted.push({ tuple: written.tuple, rules: written.rules, where });
        }
        continue;
      }
      if (saved) {
        if (placement === 'append') Object.assign(saved, { tuple: written.tuple, rules: written.rules, where });
        continue;
      }
      const kept = inFile.get(id);
      if (kept !== undefined) {
        if (placement === 'append' && withoutComment(kept) !== withoutComment(written.tuple)) result.unknown.push({ where, why: 'how ufw replaces the rule of user.rules that matches the same packets' });
        continue;
      }
      const entry = { tuple: written.tuple, rules: written.rules, where };
      if (placement === 'append') back.push(entry); else front.unshift(entry);
    }
  }
  result.kept = [...inFile.values()];
  return result;
}

/** Puts a script's saved changes into the ruleset ufw-init loaded: deletions, then the prepended rules first and the appended ones last. */
function applyChanges(ruleset: Ruleset, setup: UfwSetup, family: AddressFamily, unknownRules: UnknownRule[]): void {
  const profiles = setup.profiles ?? { ports: () => undefined, complete: false };
  const changes = savedChanges(setup.changes!, setup.file('user', family)?.text ?? '', family, profiles);
  for (const { where, why } of changes.unknown) unknownRules.push({ ...where, family, table: 'filter', why });
  for (const { rules, where } of changes.deleted) for (const words of rules) issueWords(ruleset, ['-D', ...words.slice(1)], where);
  const position = new Map<string, number>();
  for (const { rules, where } of changes.front) {
    for (const words of rules) {
      const at = (position.get(words[1]!) ?? 0) + 1;
      position.set(words[1]!, at);
      issueWords(ruleset, ['-I', words[1]!, String(at), ...words.slice(2)], where);
    }
  }
  for (const { rules, where } of changes.back) for (const words of rules) issueWords(ruleset, words, where);
}
