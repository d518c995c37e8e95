import { nearestNames } from '../../../core/nearest-names.js';
import { DIRECTIVES, directiveInfo } from '../directives.js';
import { fix, replaceSpan } from '../edits.js';
import { visibleName, visibleValue } from '../model.js';
import type { VsftpdRule } from './rule-type.js';

/** Names found in other vsftpd builds; saying so beats a bare "unknown". */
const FROM_OTHER_BUILDS: Record<string, string> = {
  ssl_tlsv1_1: 'exists in newer or other distributions\' builds, not in vsftpd 3.0.3',
  ssl_tlsv1_2: 'exists in newer or other distributions\' builds, not in vsftpd 3.0.3',
};

export const unknownDirective: VsftpdRule = {
  id: 'vsftpd/unknown-directive',
  severity: 'error',
  summary: 'A name vsftpd does not know: it refuses to start',
  docs: {
    detects: 'A line whose name is not one of the directives vsftpd 3.0.3 knows. Names are matched exactly, case included.',
    why: 'vsftpd stops at the first unknown name with "unrecognised variable in config file" (or "missing value" when the line has no "="), so the server does not start at all.',
    fix: 'Correct the spelling (the quick fix offers the nearest real names), or remove the line.',
    before: 'pasv_min_prot=40000',
    after: 'pasv_min_port=40000',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const d of file.directives) {
      if (d.beyondLimit) continue;
      // What vsftpd reads: its read limit may cut the line short.
      const name = visibleName(d);
      const hasEquals = visibleValue(d) !== undefined;
      if (DIRECTIVES.has(name)) continue;
      // An indented comment has a rule of its own.
      if (name.startsWith('#')) continue;
      const trimmed = name.replace(hasEquals ? /[ \t]+$/ : /[ \t\r]+$/, '');
      const known = directiveInfo(trimmed);
      // Whitespace before '=' and a bare YES/NO or number directive have rules of their own.
      if (known && (hasEquals || known.kind !== 'string')) continue;
      if (known) {
        report({
          range: d.name.range,
          message: `"${trimmed}" is followed by ${name.endsWith('\r') ? 'a carriage return (Windows line endings)' : 'whitespace'}, which vsftpd reads as part of the name; it refuses to start ("missing value in config file for: ${name.replace(/\r/g, '\\r')}").`,
          fixes: [fix(file, `Remove what follows "${trimmed}"`, [replaceSpan(file, d.name.start + trimmed.length, d.name.end, '')], true, true)],
        });
        continue;
      }
      const vsftpdSays = hasEquals
        ? `unrecognised variable in config file: ${name}`
        : `missing value in config file for: ${name}`;
      if (name === '') {
        report({ range: d.range, message: `This line has no directive name before "=" (vsftpd refuses to start: "${vsftpdSays}").` });
        continue;
      }
      const withoutBom = trimmed.replace(/^\uFEFF/, '');
      if (withoutBom !== trimmed && DIRECTIVES.has(withoutBom)) {
        report({
          range: d.name.range,
          message: `The file starts with an invisible UTF-8 byte order mark, which vsftpd reads as part of the first name; it refuses to start ("${hasEquals ? 'unrecognised variable in config file' : 'missing value in config file for'}: ${withoutBom}", the mark before "${withoutBom}"). Save the file without a BOM.`,
          fixes: [fix(file, 'Remove the byte order mark', [replaceSpan(file, d.name.start, d.name.start + 1, '')], true, true)],
        });
        continue;
      }
      const other = FROM_OTHER_BUILDS[trimmed];
      const candidates = nearestNames(withoutBom, DIRECTIVES.keys());
      const hint = other ? ` "${trimmed}" ${other}.` : candidates.length ? ` Did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?` : '';
      report({
        range: d.name.range,
        message: `"${name.replace(/\r/g, '\\r')}" is not a vsftpd directive; vsftpd refuses to start ("${vsftpdSays.replace(/\r/g, '\\r')}").${hint}`,
        fixes: candidates.map((c, i) => fix(file, `Change to "${c}"`, [replaceSpan(file, d.name.start, d.name.start + trimmed.length, c)], false, i === 0)),
      });
    }
  },
};
