import { checkDocument } from '../../server/src/analysis/check.js';
import { restoreLanguage } from '../../server/src/languages/iptables/restore-language.js';
import type { RestoreDocument } from '../../server/src/languages/iptables/restore-document.js';
import { meaningView } from './meaning-view.js';

type WordLike = { value: string; raw: string; start: number; end: number; range: unknown };
const words = (ws: readonly WordLike[]) => ws.map((w) => [w.value, w.raw, w.start, w.end, w.range]);

/**
 * Everything a restore document tells the editor, the rules and the host check, as plain data:
 * items and their words, commands (meaning, words, problems, host names), structure, blocks,
 * rulesets with their rules, and the file's findings. Two readings that must agree compare this.
 */
export function restoreSummary(doc: RestoreDocument, path: string): unknown {
  return {
    items: doc.file.items.map((i) => [i.kind, i.line, i.range, i.kind === 'command' ? [words(i.words), i.counters?.value] : i.kind === 'comment' ? i.text : undefined]),
    commands: doc.commands.map((c) => [c.table, c.family, c.commandLine.line, meaningView(c.meaning), words(c.parsed.words), c.problems.map((p) => [p.kind, p.message, p.word?.range]), c.hostnames.map((w) => w.value)]),
    structure: doc.structure,
    blocks: doc.blocks.map((b) => [b.table.value, b.start, b.commitLine, b.endLine]),
    rulesets: doc.rulesets.map((r) => [r.problems.map((p) => [p.kind, p.message, p.word.range]), r.references.map((j) => [j.table, j.jumpsTo, j.where.path, j.where.line, j.where.range]), [...r.tables].map(([t, chains]) => [t, [...chains.values()].map((c) => [c.name, c.policy, c.policyWhere?.line, c.policyWhere?.range, c.declaredAt?.line, c.rules.map((rule) => [rule.where.path, rule.where.line, rule.where.range, meaningView(rule.meaning), words(rule.parsed.words), rule.parsed.target?.name.value])])])]),
    findings: checkDocument(restoreLanguage, doc, path),
  };
}
