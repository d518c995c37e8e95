import { directiveInfo } from '../directives.js';
import { fix, replaceSpan } from '../edits.js';
import { visibleName, visibleValue } from '../model.js';
import type { VsftpdRule } from './rule-type.js';

export const missingValue: VsftpdRule = {
  id: 'vsftpd/missing-value',
  severity: 'error',
  summary: 'A YES/NO or number directive without a value: vsftpd refuses to start',
  docs: {
    detects: 'A boolean or numeric directive written without "=" or with nothing after it.',
    why: 'vsftpd stops with "missing value in config file for: NAME". (A text directive with an empty value is allowed: it resets the setting to unset.)',
    fix: 'Give the directive a value, or remove the line to keep vsftpd\'s default.',
    before: 'anonymous_enable',
    after: 'anonymous_enable=NO',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const d of file.directives) {
      if (d.beyondLimit) continue;
      // What vsftpd reads: its read limit may cut the line short.
      const name = visibleName(d), value = visibleValue(d);
      const trimmedName = value !== undefined ? name : name.replace(/[ \t\r]+$/, '');
      const info = directiveInfo(trimmedName);
      if (!info || info.kind === 'string' || (value !== undefined && value !== '')) continue;
      const choices = info.kind === 'bool' ? ['YES', 'NO'] : [info.default ?? '0'];
      const at = d.equals ? d.equals.start : d.name.start + trimmedName.length;
      report({
        range: d.range,
        message: `"${trimmedName}" needs a value; vsftpd refuses to start ("missing value in config file for: ${name.replace(/\r/g, '\\r')}")${d.cutAt !== undefined ? '; vsftpd\'s 100,000-byte read limit cuts this line short' : ''}.`,
        fixes: choices.map((v) =>
          fix(file, `Set ${trimmedName}=${v}${info.kind === 'uint' ? ' (the default)' : ''}`, [replaceSpan(file, at, d.end, `=${v}`)], false),
        ),
      });
    }
  },
};
