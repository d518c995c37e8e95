import type { Language } from '../../analysis/language.js';
import { pureftpdChecks } from './checks.js';
import { OPTION_FILE, readPureOptionDocument, type PureOptionDocument } from './document.js';
import { OPTION_HELP as HELP } from './option-help.js';

export const pureftpdOptionLanguage: Language<PureOptionDocument> = {
  id: 'pureftpd-option',
  displayName: 'Pure-FTPd option file (/etc/pure-ftpd/conf)',
  read: readPureOptionDocument,
  lines: (doc) => doc.lines,
  rules: pureftpdChecks,
  namePatterns: [OPTION_FILE],
  matchesContent: () => false,
  hover(doc, position) {
    if (!doc.option || position.line !== doc.anchor.start.line) return undefined;
    const kind = doc.option.kind === 'yesno' ? 'yes or no' : doc.option.kind.replace(/-/g, ' ');
    return { markdown: `**${doc.name}** (pure-ftpd ${doc.option.flag}, value: ${kind})${HELP[doc.name] ? ` — ${HELP[doc.name]}` : ''}`, range: doc.anchor };
  },
  completions(doc) {
    if (doc.option?.kind !== 'yesno') return [];
    return ['yes', 'no'].map((label) => ({ label, kind: 'value' as const }));
  },
  symbols(doc) {
    return doc.option && doc.value ? [{ name: doc.name, detail: doc.value.text, kind: 'property', range: doc.value.range, selectionRange: doc.value.range }] : [];
  },
  folding: () => [],
};

