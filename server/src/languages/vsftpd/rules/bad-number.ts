import { fix, replaceSpan } from '../edits.js';
import { numericLines } from '../model.js';
import { valueDefects } from '../value-defects.js';
import type { VsftpdRule } from './rule-type.js';

export const badNumber: VsftpdRule = {
  id: 'vsftpd/bad-number',
  severity: 'warning',
  summary: 'A number vsftpd reads differently from how it is written',
  docs: {
    detects: 'A numeric directive whose value vsftpd does not read as the number written: text (read as 0), trailing characters (ignored), a minus sign (wraps to a huge number), a leading zero on an ordinary number (read as octal), or a permission mask written without its leading zero (read as decimal).',
    why: 'vsftpd never rejects a number, it just reads what it can. "max_clients=0100" allows 64 clients, "local_umask=22" is the mask 026, and "data_connection_timeout=5m" is 5 seconds; the server starts and behaves differently from what the file says.',
    fix: 'Write plain decimal digits for counts, ports and times, and octal with a leading 0 (such as 022) for umasks and file modes.',
    before: 'local_umask=22',
    after: 'local_umask=022',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const { line: d, info, value, reading } of numericLines(file)) {
      const isMode = info.valueType === 'octal_mode';
      const name = d.name.text;
      // Text that other rules explain better (a comment, a second directive, a CR at the end).
      const explained = valueDefects(file, d).filter((x) => x.kind === 'inline-comment' || x.kind === 'run-together');
      const junkStart = explained.length ? value.start + Math.min(...explained.map((x) => ('offsetInValue' in x ? x.offsetInValue : value.text.length))) : value.end;
      const rest = value.text.slice(reading.used, junkStart - value.start).replace(/[ \t\r]+$/, '');
      if (reading.noDigits) {
        report({ range: value.range, message: `"${value.text.trim()}" is not a number; vsftpd reads ${name} as 0.` });
      } else if (reading.negative) {
        report({ range: value.range, message: `vsftpd stores ${name} as an unsigned number, so "${value.text.trim()}" becomes ${reading.value}.` });
      } else if (reading.octal && /^[89]/.test(rest)) {
        report({ range: value.range, message: `Octal numbers have no digits 8 or 9: vsftpd reads ${name}=${value.text.trim()} as ${reading.value.toString(8).padStart(3, '0')} (octal).` });
      } else if (rest !== '') {
        report({
          range: file.lines.range(value.start + reading.used, value.start + reading.used + rest.length),
          message: `vsftpd reads ${name}=${reading.value} and ignores "${rest}".`,
          fixes: [fix(file, `Remove "${rest}"`, [replaceSpan(file, value.start + reading.used, value.start + reading.used + rest.length, '')], false, true)],
        });
      } else if (reading.octal && !isMode && /^0+[1-9]/.test(value.text)) {
        const digits = value.text.slice(0, reading.used);
        const decimal = digits.replace(/^0+/, '');
        report({
          range: value.range,
          message: `A leading zero makes vsftpd read ${name} as octal: ${digits} is ${reading.value}${/[89]/.test(value.text) ? ' (reading stops at the first 8 or 9)' : ''}, not ${decimal}.`,
          fixes: [fix(file, `Write ${decimal} (remove the leading zero)`, [replaceSpan(file, value.start, value.start + reading.used, decimal)], false, true)],
        });
      } else if (isMode && !reading.octal && reading.value !== 0) {
        const asOctal = '0' + value.text.trim();
        report({
          range: value.range,
          message: `${name} is a permission mask, but without a leading 0 vsftpd reads it as decimal: ${value.text.trim()} is octal ${reading.value.toString(8).padStart(3, '0')}. Write ${asOctal} if you mean octal.`,
          fixes: /^[0-7]+$/.test(value.text.trim()) ? [fix(file, `Write ${asOctal}`, [replaceSpan(file, value.start, value.end, asOctal)], false, true)] : [],
        });
      }
    }
  },
};
