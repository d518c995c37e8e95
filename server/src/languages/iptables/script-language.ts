import type { Language } from '../../analysis/language.js';
import { firewallCompletions, firewallSymbols } from './features.js';
import { functionSymbols, scriptDefinition, scriptHover, scriptInlayHints } from './script-features.js';
import { moduleRules } from '../modules/rules.js';
import { firewallRules } from './rules/index.js';
import { isFirewallScript, readScriptDocument, type ScriptDocument } from './script-document.js';
import { scriptHostOf } from '../../host/script-host.js';
import { withEditedComment } from './script-reread.js';

const NAME_PATTERNS = [/(^|\/)rc\.local$/, /(^|\/)[^/]*firewall[^/]*\.sh$/, /(^|\/)ip6?tables[^/]*\.sh$/, /(^|\/)[^/]*\.firewall$/];

function tableAt(doc: ScriptDocument, line: number): string {
  return doc.commands.find((c) => c.line.line === line)?.table ?? 'filter';
}

export const scriptLanguage: Language<ScriptDocument> = {
  id: 'iptables-script',
  displayName: 'shell script that builds a firewall',
  read: (text, path) => readScriptDocument(text, path, scriptHostOf(path)),
  reread: (text, path, previous) => {
    const kept = previous.path === path ? withEditedComment(previous, text) : undefined;
    return kept ? { doc: kept, sameMeaning: true } : { doc: readScriptDocument(text, path, scriptHostOf(path)), sameMeaning: false };
  },
  lines: (doc) => doc.lines,
  rules: [...firewallRules, ...moduleRules],
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
      spans.set(c.table, known ? { start: known.start, end: c.line.range.end } : c.line.range);
    }
    return [...functionSymbols(doc), ...firewallSymbols(doc, spans)];
  },
  folding: () => [],
};
