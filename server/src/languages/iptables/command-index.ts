import { addToGroup } from '../../core/grouping.js';
import { TARGETS } from './catalogue/extensions.js';
import { firstAtOrAfter } from '../../core/sorted.js';
import type { CommandProblem, ProblemKind } from './command.js';
import type { FirewallDocument } from './document.js';
import type { ReadCommand } from './read-command.js';

/**
 * A document's commands grouped the ways its rules look for them. Gathered in one pass and kept
 * per document, so that on a 50k-rule file each rule visits only the commands that concern it.
 */
interface CommandIndex {
  byTarget: Map<string, ReadCommand[]>;
  withHostnames: ReadCommand[];
  problems: Map<ProblemKind, Array<{ problem: CommandProblem; command: ReadCommand }>>;
}

const indexes = new WeakMap<FirewallDocument, CommandIndex>();
const NONE: never[] = [];

function indexOf(doc: FirewallDocument): CommandIndex {
  let index = indexes.get(doc);
  if (index) return index;
  index = { byTarget: new Map(), withHostnames: [], problems: new Map() };
  for (const command of doc.commands) {
    const target = command.meaning.targetName;
    // Only targets are asked for: a Kubernetes node's jumps to chains would make thousands of groups.
    if (target !== undefined && TARGETS.has(target)) addToGroup(index.byTarget, target, command);
    if (command.hostnames.length) index.withHostnames.push(command);
    // Nearly every command has none; the shared empty list is not even iterated.
    if (command.problems.length) for (const problem of command.problems) addToGroup(index.problems, problem.kind, { problem, command });
  }
  indexes.set(doc, index);
  return index;
}

/**
 * Hands `next`, a document made from `previous` by replacing commands where they stand (the
 * edit `replaced` describes), an index worked out from the previous one instead of a pass over
 * every command. Nothing is carried when the previous document was never indexed; the index is
 * then gathered when first asked for.
 */
export function carryCommandIndex(previous: FirewallDocument, next: FirewallDocument, replaced: ReadonlyArray<{ readonly old: ReadCommand; readonly now: ReadCommand }>): void {
  const index = indexes.get(previous);
  if (!index) return;
  const byTarget = new Map(index.byTarget);
  const problems = new Map(index.problems);
  let withHostnames = index.withHostnames;
  for (const { old, now } of replaced) {
    const line = now.commandLine.line;
    for (const target of new Set([old.meaning.targetName, now.meaning.targetName])) {
      if (target === undefined || !TARGETS.has(target)) continue;
      byTarget.set(target, replacedIn(byTarget.get(target), (c) => c === old, now.meaning.targetName === target ? [now] : [], line, commandLine));
    }
    if (old.hostnames.length > 0 || now.hostnames.length > 0) withHostnames = replacedIn(withHostnames, (c) => c === old, now.hostnames.length > 0 ? [now] : [], line, commandLine);
    for (const kind of new Set([...old.problems, ...now.problems].map((p) => p.kind))) {
      const found = replacedIn(problems.get(kind), (p) => p.command === old, now.problems.filter((p) => p.kind === kind).map((problem) => ({ problem, command: now })), line, (p) => p.command.commandLine.line);
      if (found.length > 0) problems.set(kind, found); else problems.delete(kind);
    }
  }
  for (const [target, list] of byTarget) if (list.length === 0) byTarget.delete(target);
  indexes.set(next, { byTarget, withHostnames, problems });
}

const commandLine = (command: ReadCommand) => command.commandLine.line;

/** A list in file order without the entries `isOld` picks, with `added` (all on `line`) where they belong. */
function replacedIn<T>(list: readonly T[] | undefined, isOld: (entry: T) => boolean, added: readonly T[], line: number, lineOf: (entry: T) => number): T[] {
  const kept = list ? list.filter((entry) => !isOld(entry)) : [];
  kept.splice(firstAtOrAfter(kept, line, lineOf), 0, ...added);
  return kept;
}

/** The commands whose -j/-g names `target`, one iptables has (not a chain), in file order. */
export function commandsWithTarget(doc: FirewallDocument, target: string): readonly ReadCommand[] {
  return indexOf(doc).byTarget.get(target) ?? NONE;
}

/** The commands that name hosts in -s/-d, in file order. */
export function commandsWithHostnames(doc: FirewallDocument): readonly ReadCommand[] {
  return indexOf(doc).withHostnames;
}

/** The problems of one kind iptables finds in the document's commands, in file order. */
export function commandProblems(doc: FirewallDocument, kind: ProblemKind): ReadonlyArray<{ problem: CommandProblem; command: ReadCommand }> {
  return indexOf(doc).problems.get(kind) ?? NONE;
}
