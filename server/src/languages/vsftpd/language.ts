import type { Language } from '../../analysis/language.js';
import { vsftpdCompletions } from './completion.js';
import { DIRECTIVES } from './directives.js';
import { readVsftpdDocument, type VsftpdDocument } from './document.js';
import { vsftpdHover } from './hover.js';
import { vsftpdFolding, vsftpdSymbols } from './outline.js';
import { vsftpdRules } from './rules/index.js';

const NAME_PATTERNS = [/(^|\/)vsftpd\.conf$/, /\.vsftpd\.conf$/, /(^|\/)vsftpd[^/]*\.conf$/, /(^|\/)vsftpd\/[^/]*\.conf$/];

/** Text whose setting lines are mostly vsftpd directives. */
function looksLikeVsftpd(text: string): boolean {
  let known = 0, other = 0;
  for (const line of text.split('\n', 400)) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const name = line.trimStart().split('=', 1)[0]!;
    if (line.includes('=') && DIRECTIVES.has(name)) known++; else other++;
  }
  return known >= 2 && known >= 4 * other;
}

export const vsftpdLanguage: Language<VsftpdDocument> = {
  id: 'vsftpd',
  displayName: 'vsftpd.conf',
  read: readVsftpdDocument,
  lines: (doc) => doc.file.lines,
  rules: vsftpdRules,
  namePatterns: NAME_PATTERNS,
  matchesContent: looksLikeVsftpd,
  hover: vsftpdHover,
  completions: vsftpdCompletions,
  symbols: vsftpdSymbols,
  folding: vsftpdFolding,
};
