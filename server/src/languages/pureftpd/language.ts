import type { Language } from '../../analysis/language.js';
import { pureftpdChecks } from './checks.js';
import { OPTION_FILE, readPureOptionDocument, type PureOptionDocument } from './document.js';

/** What the options that decide FTP's paths do, in ftpwall's words. */
const HELP: Record<string, string> = {
  PassivePortRange: 'The ports passive data connections use, as two numbers: `40000 40100`. pure-ftpd refuses to start when the first is below 1024, the second above 65535, or they are backwards. Without it any port from 1024 up is used.',
  ForcePassiveIP: 'The IPv4 address (or name) announced in PASV replies, for a server behind NAT.',
  Bind: 'The address and port to listen on: `21`, `,2121` or `192.0.2.10,21` (no blank).',
  TLS: '0: no TLS; 1: TLS offered; 2: TLS required for logins (the control connection is encrypted, which blinds the FTP helper); 3: TLS required for everything.',
  NATmode: 'yes: PASV and EPSV are refused, only active mode works.',
  IPV4Only: 'yes: listen on IPv4 only.',
  NoAnonymous: 'yes: refuse anonymous logins.',
};

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

