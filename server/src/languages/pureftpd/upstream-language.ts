import type { Language } from '../../analysis/language.js';
import type { FileRule } from '../../core/rule.js';
import { foldRuns } from '../../core/folding.js';
import { readUpstreamConf, UPSTREAM_FILE, UPSTREAM_PROPERTIES, upstreamRefusals, type UpstreamConf } from './upstream.js';
import { OPTION_HELP } from './option-help.js';

export const pureftpdConfRefused: FileRule<UpstreamConf> = {
  id: 'pureftpd/config-refused',
  severity: 'error',
  summary: 'pure-ftpd does not start with this pure-ftpd.conf',
  docs: {
    detects: 'A line of upstream\'s pure-ftpd.conf that pure-ftpd cannot read (a property it does not have, a value that fits none of the property\'s forms: `Umask 133 022` instead of `133:022`), or a value it refuses at start (a passive range below 1024, above 65535 or backwards; TLS above 3).',
    why: 'pure-ftpd stops at the first such line with "syntax error" or "property not found", or exits with "421 Configuration error": no FTP server runs.',
    fix: 'Write the line in one of the forms pure-ftpd.conf\'s own comments show.',
    before: 'PassivePortRange 40000-40100',
    after: 'PassivePortRange 40000 40100',
    language: 'text',
  },
  check(doc, report) {
    for (const refusal of upstreamRefusals(doc)) report({ range: refusal.range, message: refusal.daemon ? `${refusal.why} (pure-ftpd exits at start)` : refusal.why });
  },
};

export const pureftpdConfLanguage: Language<UpstreamConf> = {
  id: 'pureftpd-conf',
  displayName: 'pure-ftpd.conf (upstream)',
  read: readUpstreamConf,
  lines: (doc) => doc.lines,
  rules: [pureftpdConfRefused],
  namePatterns: [UPSTREAM_FILE],
  matchesContent: () => false,
  hover(doc, position) {
    const setting = doc.settings.find((s) => s.line === position.line);
    const name = setting?.option ?? /^\s*(\S+)/.exec(doc.lines.lineText(position.line))?.[1];
    if (!name || !UPSTREAM_PROPERTIES.has(name)) return undefined;
    const start = doc.lines.lineText(position.line).indexOf(name);
    return { markdown: `**${name}**${OPTION_HELP[name] ? ` — ${OPTION_HELP[name]}` : ''}`, range: { start: { line: position.line, character: start }, end: { line: position.line, character: start + name.length } } };
  },
  completions(doc, position) {
    const before = doc.lines.lineText(position.line).slice(0, position.character);
    if (/\S\s/.test(before.trimStart()) || before.trimStart().startsWith('#')) return [];
    return [...UPSTREAM_PROPERTIES].map((label) => ({ label, kind: 'property' as const, ...(OPTION_HELP[label] ? { documentation: OPTION_HELP[label] } : {}), sortText: `${OPTION_HELP[label] ? '0' : '1'}${label}` }));
  },
  symbols(doc) {
    return doc.settings.map((s) => ({ name: s.option, detail: s.words.join(' '), kind: 'property' as const, range: s.range, selectionRange: s.range }));
  },
  folding(doc) {
    const comments = new Set([...Array(doc.lines.lineCount).keys()].filter((line) => doc.lines.lineText(line).trimStart().startsWith('#')));
    return foldRuns(comments, doc.lines.lineCount, 'comment');
  },
};
