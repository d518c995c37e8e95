import type { Language } from '../../analysis/language.js';
import { firewallCompletions, firewallSymbols } from './features.js';
import { functionSymbols, scriptDefinition, scriptHover, scriptInlayHints } from './script-features.js';
import { moduleRules } from '../modules/rules.js';
import { firewallRules } from './rules/index.js';
import { isFirewallScript, readScriptDocument, runScriptSource, type ScriptDocument } from './script-document.js';
import { LineIndex } from '../../core/text.js';
import { reparseAfterEdit } from '../shell/reparse.js';
import { scriptSource } from '../shell/run.js';
import { scriptHostOf } from '../../host/script-host.js';
import { withEditedComment } from './script-reread.js';
import { ufwScriptChecks } from '../ufw/command-checks.js';
import { firewalldScriptChecks } from '../firewalld/command-checks.js';

const NAME_PATTERNS = [/(^|\/)rc\.local$/, /(^|\/)[^/]*firewall[^/]*\.sh$/, /(^|\/)ip6?tables[^/]*\.sh$/, /(^|\/)[^/]*\.firewall$/];

function tableAt(doc: ScriptDocument, line: number): string {
  return doc.commands.find((c) => c.commandLine.line === line)?.table ?? 'filter';
}

export const scriptLanguage: Language<ScriptDocument> = {
  id: 'iptables-script',
  displayName: 'shell script that builds a firewall',
  read: (text, path) => readScriptDocument(text, path, scriptHostOf(path)),
  reread: (text, path, previous) => {
    if (previous.path !== path) return { doc: readScriptDocument(text, path, scriptHostOf(path)), sameMeaning: false };
    const kept = withEditedComment(previous, text);
    if (kept) return { doc: kept, sameMeaning: true };
    // Only the commands the edit touched are read again; the script is run again whole.
    const source = reparseAfterEdit(previous.source, text, new LineIndex(text)) ?? scriptSource(path, text);
    return { doc: runScriptSource(source, scriptHostOf(path)), sameMeaning: false };
  },
  lines: (doc) => doc.lines,
  rules: [...firewallRules, ...moduleRules, ...ufwScriptChecks, ...firewalldScriptChecks],
  namePatterns: NAME_PATTERNS,
  matchesContent: isFirewallScript,
  hover: scriptHover,
  definition: scriptDefinition,
  inlayHints: scriptInlayHints,
  completions: (doc, position) => firewallCompletions(doc, position, doc.lines.lineText(position.line).slice(0, position.character), (line) => tableAt(doc, line)),
  symbols: (doc) => {
    const spans = new Map<string, { start: { line: number; character: number }; end: { line: number; character: number } }>();
    for (const c of doc.commands) {
      const known = spans.get(c.table);
      spans.set(c.table, known ? { start: known.start, end: c.commandLine.range.end } : c.commandLine.range);
    }
    return [...functionSymbols(doc), ...firewallSymbols(doc, spans)];
  },
  folding: () => [],
};
