import type { TextEdit } from '../core/findings.js';
import type { FirewallDocument } from '../languages/iptables/document.js';
import { insertLineAfter, insertLineBefore } from '../languages/iptables/edits.js';
import type { RestoreDocument } from '../languages/iptables/restore-document.js';
import type { ScriptDocument } from '../languages/iptables/script-document.js';

const isRestore = (doc: FirewallDocument): doc is RestoreDocument => 'blocks' in doc;
const isScript = (doc: FirewallDocument): doc is ScriptDocument => 'source' in doc && 'style' in doc;

/** The command a script uses to call iptables ("$IPT", "/sbin/iptables"), so added lines look like the rest. */
function scriptCommand(doc: ScriptDocument): string {
  return doc.style.get('ipv4') ?? 'iptables';
}

/**
 * An edit that adds `-A CHAIN ARGS` (in `table`) to a firewall file in its own style: before the
 * rule at `beforeLine` when given, else at the end of the chain's table block (restore files) or
 * after the script's last iptables command; a missing `*raw` block is created.
 */
export function addRuleEdit(doc: FirewallDocument, table: string, chain: string, args: string, beforeLine?: number): TextEdit | undefined {
  if (isRestore(doc)) {
    const line = `-A ${chain} ${args}`;
    if (beforeLine !== undefined) return insertLineBefore(beforeLine, line);
    const block = [...doc.blocks].reverse().find((b) => b.table.value === table);
    if (block) return block.commitLine !== undefined ? insertLineBefore(block.commitLine, line) : insertLineAfter(doc.lines, block.endLine, line);
    const first = doc.blocks[0];
    return insertLineBefore(first ? first.start : 0, `*${table}\n${line}\nCOMMIT`);
  }
  if (isScript(doc)) {
    const command = `${scriptCommand(doc)}${table === 'filter' ? '' : ` -t ${table}`} -A ${chain} ${args}`;
    if (beforeLine !== undefined) {
      const indent = /^[ \t]*/.exec(doc.lines.lineText(beforeLine))![0];
      return insertLineBefore(beforeLine, `${indent}${command}`);
    }
    // A script that stops early (set -e) never reaches lines after the stop: the rule goes before it.
    const stop = doc.variants.list[0]?.stopped;
    if (stop && stop.path === doc.path) return insertLineBefore(stop.line, `${/^[ \t]*/.exec(doc.lines.lineText(stop.line))![0]}${command}`);
    const last = doc.commands.filter((c) => c.family === 'ipv4').at(-1);
    return last ? insertLineAfter(doc.lines, last.line.range.end.line, command) : insertLineAfter(doc.lines, Math.max(0, doc.lines.lineCount - 2), command);
  }
  return undefined;
}

/** Removes a whole line (to move a rule elsewhere). */
export function deleteLineEdit(doc: FirewallDocument, line: number): TextEdit {
  const start = doc.lines.lineStarts[line]!;
  const next = doc.lines.lineStarts[line + 1] ?? doc.text.length;
  return { range: doc.lines.range(start, next), newText: '' };
}
