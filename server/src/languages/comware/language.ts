import type { Language } from '../../analysis/language.js';
import type { FileRule } from '../../core/rule.js';
import { containsPosition } from '../../core/text.js';
import type { SymbolEntry } from '../../core/features.js';
import { readComware, type Acl, type AclRule, type ComwareWord } from './configuration.js';
import { comwareDocument, type ComwareDocument } from './firewall.js';
import { KEYWORDS, PORT_NAMES } from './keywords.js';

/** A device's saved configuration by name; any other file whose lines are ACLs and packet filters by content. */
const NAME_PATTERNS = [/(^|\/)startup\.cfg$/];
function looksLikeComware(text: string): boolean {
  return /^acl (number|advanced|basic) \d+/m.test(text) && /^ rule (\d+ )?(permit|deny)\b/m.test(text);
}

export const aclMissing: FileRule<ComwareDocument> = {
  id: 'comware/acl-missing',
  severity: 'warning',
  summary: 'A packet filter names an ACL the configuration does not define',
  docs: {
    detects: 'A `packet-filter N inbound|outbound` in an interface\'s view whose ACL N has no `acl` view in the saved configuration.',
    why: 'The device accepts the command, but an ACL without rules filters nothing: every packet passes this filter (or every one is dropped under `packet-filter default deny`), which is rarely what the line was written for.',
    fix: 'Define the ACL, or name the one that exists.',
    before: 'interface GigabitEthernet1/0/1\n packet-filter 3010 inbound',
    after: 'acl advanced 3010\n rule 0 permit tcp destination-port eq ftp\n#\ninterface GigabitEthernet1/0/1\n packet-filter 3010 inbound',
    language: 'text',
  },
  check(doc, report) {
    const defined = [...doc.configuration.acls.keys()];
    for (const iface of doc.configuration.interfaces) {
      for (const filter of iface.filters) {
        if (filter.ipv6 || doc.configuration.acls.has(Number(filter.acl.text))) continue;
        report({ range: filter.acl.range, message: `ACL ${filter.acl.text} is not defined in this configuration (ACLs here: ${defined.join(', ') || 'none'}): this packet filter has no rule to apply.` });
      }
    }
  },
};

export const ruleNotRead: FileRule<ComwareDocument> = {
  id: 'comware/rule-not-read',
  severity: 'information',
  summary: 'A part of an ACL rule that ftpwall does not judge',
  docs: {
    detects: 'A rule with a part ftpwall does not read for FTP\'s packets: a time range, a VPN instance, TCP flags, a wildcard mask whose bits are not contiguous, an option it does not know.',
    why: 'ftpwall cannot say whether the rule matches FTP\'s packets, so the verdicts of the paths that meet it are `conditional` rather than certain.',
    fix: 'Nothing to fix if the part is meant; the explain view says which paths depend on it.',
    before: ' rule 5 permit tcp destination-port eq ftp time-range office',
    after: ' rule 5 permit tcp destination-port eq ftp',
    language: 'text',
  },
  check(doc, report) {
    for (const acl of doc.configuration.acls.values()) {
      for (const rule of acl.rules) {
        const parts = [...rule.unread, ...[rule.source, rule.destination].flatMap((a) => ('unread' in a ? [a.unread] : []))];
        if (parts.length) report({ range: rule.where, message: `ftpwall does not judge ${parts.map((p) => `\`${p}\``).join(', ')}: the paths through rule ${rule.id} of ACL ${acl.number} depend on it.` });
      }
    }
  },
};

/** What a rule does, in a line: "rule 5: permit TCP to 10.0.0.5/32 port 21". */
function ruleSummary(rule: AclRule): string {
  const address = (a: AclRule['source']) => ('any' in a ? 'any' : 'network' in a ? a.network : a.unread);
  const ports = (p: AclRule['sourcePorts']) => (p ? ` port ${p}` : '');
  return `rule ${rule.id}: ${rule.action} ${rule.tcp ? 'TCP' : 'not TCP'} from ${address(rule.source)}${ports(rule.sourcePorts)} to ${address(rule.destination)}${ports(rule.destinationPorts)}${rule.established ? ', established only' : ''}`;
}

function describeAcl(acl: Acl): string {
  return `**ACL ${acl.number}** (${acl.kind}${acl.autoOrder ? ', match-order auto' : ''}) — ${acl.rules.length} rule${acl.rules.length === 1 ? '' : 's'}, tried in ${acl.autoOrder ? 'depth-first' : 'ID'} order:\n\n${acl.rules.map((r) => `- ${ruleSummary(r)}`).join('\n')}`;
}

/** The word under the cursor, on its line. */
function wordAt(doc: ComwareDocument, position: { line: number; character: number }): { word: ComwareWord; line: readonly ComwareWord[] } | undefined {
  const line = doc.configuration.words[position.line] ?? [];
  const word = line.find((w) => containsPosition(w.range, position));
  return word && { word, line };
}

function symbols(doc: ComwareDocument): SymbolEntry[] {
  const { configuration: config } = doc;
  const lineRange = (from: number, to: number) => config.lines.range(config.lines.lineStarts[from]!, config.lines.lineEnd(to));
  const acls = [...config.acls.values()].map((acl): SymbolEntry => ({
    name: `ACL ${acl.number}`, detail: acl.kind, kind: 'namespace', range: lineRange(acl.line, acl.endLine), selectionRange: acl.declared.range,
    children: acl.rules.map((r) => ({ name: `rule ${r.id}`, detail: ruleSummary(r).replace(/^rule \d+: /, ''), kind: 'property', range: r.where, selectionRange: r.where })),
  }));
  const interfaces = config.interfaces.filter((i) => i.filters.length).map((i): SymbolEntry => ({
    name: i.name.text, detail: 'interface', kind: 'object', range: lineRange(i.line, i.endLine), selectionRange: i.name.range,
    children: i.filters.map((f) => ({ name: `packet-filter ${f.acl.text} ${f.direction}`, kind: 'event', range: f.where, selectionRange: f.where })),
  }));
  return [...acls, ...interfaces];
}

export const comwareLanguage: Language<ComwareDocument> = {
  id: 'comware',
  displayName: 'H3C Comware configuration (ACLs and packet filters)',
  read: (text, path) => comwareDocument(readComware(text, path)),
  lines: (doc) => doc.lines,
  rules: [aclMissing, ruleNotRead],
  namePatterns: NAME_PATTERNS,
  matchesContent: looksLikeComware,
  hover(doc, position) {
    const found = wordAt(doc, position);
    if (!found) return undefined;
    const { word, line } = found;
    const [first] = line;
    // The ACL a packet filter applies, or the ACL a view starts: its rules, in the order the device tries them.
    const aclNumber = (first?.text === 'packet-filter' || first?.text === 'acl') && /^\d+$/.test(word.text) ? doc.configuration.acls.get(Number(word.text)) : undefined;
    if (aclNumber) return { markdown: describeAcl(aclNumber), range: word.range };
    if (first?.text === 'rule' && word === line[1] && /^\d+$/.test(word.text)) {
      const rule = [...doc.configuration.acls.values()].flatMap((a) => a.rules).find((r) => r.line === position.line);
      if (rule) return { markdown: `**${ruleSummary(rule)}**\n\n${KEYWORDS['rule']}`, range: word.range };
    }
    const port = PORT_NAMES[word.text];
    if (port !== undefined) return { markdown: `**${word.text}** — port ${port}${port === 21 ? ': FTP\'s control connection' : port === 20 ? ': where active-mode data comes from, when the server connects from port 20' : ''}.`, range: word.range };
    const text = KEYWORDS[word.text];
    return text ? { markdown: `**${word.text}** — ${text}`, range: word.range } : undefined;
  },
  completions(doc, position) {
    const typed = doc.configuration.words[position.line]?.filter((w) => w.range.end.character <= position.character) ?? [];
    const keywords = Object.entries(KEYWORDS).map(([label, documentation]) => ({ label, kind: 'keyword' as const, documentation }));
    // After a port operator, port names.
    if (['eq', 'neq', 'gt', 'lt', 'range'].includes(typed.at(-1)?.text ?? '')) return Object.entries(PORT_NAMES).map(([label, port]) => ({ label, kind: 'value' as const, detail: `port ${port}` }));
    return keywords;
  },
  symbols,
  folding: (doc) => [
    ...[...doc.configuration.acls.values()].filter((a) => a.endLine > a.line).map((a) => ({ startLine: a.line, endLine: a.endLine })),
    ...doc.configuration.interfaces.filter((i) => i.endLine > i.line).map((i) => ({ startLine: i.line, endLine: i.endLine })),
  ],
};
