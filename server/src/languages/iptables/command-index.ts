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
