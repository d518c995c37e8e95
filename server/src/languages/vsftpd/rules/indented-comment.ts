import { fix, replaceSpan } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

export const indentedComment: VsftpdRule = {
  id: 'vsftpd/indented-comment',
  severity: 'error',
  summary: 'A comment that does not start in the first column: vsftpd reads it as a setting',
  docs: {
    detects: 'A line whose first non-blank character is "#" but which starts with spaces or tabs.',
    why: 'vsftpd treats a line as a comment only when "#" is its very first byte. An indented comment is read as a directive named "# ..." and vsftpd refuses to start ("missing value" or "unrecognised variable").',
    fix: 'Move the "#" to the start of the line.',
    before: '  # passive ports',
    after: '# passive ports',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const d of file.directives) {
      if (d.beyondLimit || !d.indent || !d.name.text.startsWith('#')) continue;
      const vsftpdSays = d.equals ? `unrecognised variable in config file: ${d.name.text}` : `missing value in config file for: ${d.name.text}`;
      report({
        range: d.range,
        message: `Only a "#" in the first column starts a comment; vsftpd reads this indented line as a setting and refuses to start ("${vsftpdSays.replace(/\r/g, '\\r')}").`,
        fixes: [fix(file, 'Remove the indentation', [replaceSpan(file, d.indent.start, d.indent.end, '')], true, true)],
      });
    }
  },
};
