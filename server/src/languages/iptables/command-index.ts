import { addToGroup } from '../../core/grouping.js';
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
    if (target !== undefined) addToGroup(index.byTarget, target, command);
    if (command.hostnames.length) index.withHostnames.push(command);
    // Nearly every command has none; the shared empty list is not even iterated.
    if (command.problems.length) for (const problem of command.problems) addToGroup(index.problems, problem.kind, { problem, command });
  }
  indexes.set(doc, index);
  return index;
}

/**
 * Hands `next`, a document made from `previous` by the edit `replaced` describes, an index worked
 * out from the previous one instead of a pass over every command: each command is replaced by
 * one with the same target and, like it, no problems. Nothing is carried when a command has
 * host names, or the previous document was never indexed; the index is then gathered when asked.
 */
export function carryCommandIndex(previous: FirewallDocument, next: FirewallDocument, replaced: ReadonlyArray<{ readonly old: ReadCommand; readonly now: ReadCommand }>): void {
  const index = indexes.get(previous);
  if (!index || replaced.some(({ old, now }) => old.hostnames.length > 0 || now.hostnames.length > 0 || old.meaning.targetName !== now.meaning.targetName)) return;
  const byTarget = new Map(index.byTarget);
  for (const { old, now } of replaced) {
    const target = now.meaning.targetName;
    if (target === undefined) continue;
    const list = byTarget.get(target);
    const at = list ? list.indexOf(old) : -1;
    if (!list || at === -1) return;
    const own = list === index.byTarget.get(target) ? [...list] : list;
    own[at] = now;
    byTarget.set(target, own);
  }
  indexes.set(next, { byTarget, withHostnames: index.withHostnames, problems: index.problems });
}

/** The commands whose -j/-g names `target`, in file order. */
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
