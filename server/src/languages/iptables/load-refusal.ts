import type { UnknownPart } from '../../engine/firewall-model.js';
import type { Range } from '../../core/text.js';
import type { RestoreDocument } from './restore-document.js';
import { helpersTheKernelMayLack, helpersWithoutTheirProtocol, misplacedTargets, tcpResetsWithoutTcp } from './rules/kernel.js';

/** What refuses the file (iptables-restore, or the kernel), and the first line refused. */
export interface LoadRefusal extends UnknownPart { readonly who: string }

const found = new WeakMap<RestoreDocument, LoadRefusal | null>();

/**
 * What makes a restore file fail to load, if anything: iptables-restore refuses a line of it (a
 * command, a chain, the file's structure), or the kernel refuses a rule when the rules are loaded
 * (a target out of its place, a helper for another protocol). The legacy backend has committed
 * the tables before that line, the nf_tables backend nothing; a table not loaded keeps the rules
 * it had (none at boot), so no verdict drawn from the file's rules is certain. Names the first
 * such line.
 */
export function loadRefusal(doc: RestoreDocument): LoadRefusal | undefined {
  let refusal = found.get(doc);
  if (refusal === undefined) found.set(doc, refusal = firstRefusal(doc) ?? null);
  return refusal ?? undefined;
}

function firstRefusal(doc: RestoreDocument): LoadRefusal | undefined {
  const program = doc.family === 'ipv6' ? 'ip6tables-restore' : 'iptables-restore';
  const candidates: Array<{ range: Range; who: string }> = [];
  const [structure] = doc.structure;
  if (structure) candidates.push({ range: structure.range, who: program });
  const refused = doc.commands.find((c) => c.problems.length > 0);
  if (refused) candidates.push({ range: refused.commandLine.range, who: refused.problems.every((p) => p.atLoad) ? 'the kernel' : refused.problems.some((p) => p.loadedAs) ? `${program} (in some versions)` : program });
  const [problem] = doc.rulesets[0]?.problems ?? [];
  if (problem) candidates.push({ range: problem.word.range, who: program });
  // The kernel's refusals come target by target, not line by line: all of them are candidates.
  const kernel = [...misplacedTargets(doc).map((m) => m.command), ...tcpResetsWithoutTcp(doc), ...Array.from(helpersWithoutTheirProtocol(doc), (h) => h.command)];
  for (const command of kernel) candidates.push({ range: command.commandLine.range, who: 'the kernel' });
  for (const { command, helper, registeredBy } of helpersTheKernelMayLack(doc)) {
    candidates.push({ range: command.commandLine.range, who: `the kernel, unless ${registeredBy} (no helper "${helper}" otherwise),` });
  }
  const first = candidates.sort((a, b) => a.range.start.line - b.range.start.line)[0];
  if (!first) return undefined;
  const line = first.range.start.line;
  const file = doc.path.split('/').pop();
  return {
    who: first.who,
    why: `whether ${file} loads: ${first.who} refuses it, and a table it does not load keeps the rules it had (none at boot)`,
    where: { path: doc.path, range: first.range, line },
  };
}
