import { fix, replaceSpan } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

export const pasvRangeInverted: VsftpdRule = {
  id: 'vsftpd/pasv-range-inverted',
  severity: 'warning',
  summary: 'pasv_max_port is below pasv_min_port, so vsftpd ignores the maximum',
  docs: {
    detects: 'A passive port range whose maximum is lower than its minimum (the written one, or vsftpd\'s default 5001 when pasv_min_port is not set).',
    why: 'vsftpd does not complain: it drops the maximum and picks passive ports anywhere from the minimum to 65535, far outside the range the firewall was opened for, so most listings hang.',
    fix: 'Swap the two values, or set pasv_min_port when only the maximum is written.',
    before: 'pasv_min_port=20480\npasv_max_port=10240',
    after: 'pasv_min_port=10240\npasv_max_port=20480',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    const minLine = settings.winner('pasv_min_port'), maxLine = settings.winner('pasv_max_port');
    if (!maxLine?.value) return;
    const min = settings.uint('pasv_min_port').value, max = settings.uint('pasv_max_port').value;
    const range = settings.passiveRange();
    // The lower bound vsftpd really uses: a minimum outside 1025-65535 counts as 1024.
    const low = min > 1024 && min <= 65535 ? min : 1024;
    if (max === 0 || max >= low) return;
    const minText = minLine ? `pasv_min_port=${min}` : `vsftpd's default pasv_min_port of ${min}`;
    const canSwap = minLine?.value && low === min && max > 1024;
    report({
      range: maxLine.value.range,
      message: `pasv_max_port=${max} is below ${low === min ? minText : 'the lowest passive port vsftpd uses, 1024'}; vsftpd ignores the maximum and uses passive ports ${range.min}-${range.max}.`,
      related: minLine?.value ? [{ file: file.path, range: minLine.value.range, message: 'the minimum' }] : [],
      fixes: canSwap
        ? [fix(file, `Swap them: pasv_min_port=${max}, pasv_max_port=${min}`, [
            replaceSpan(file, minLine.value!.start, minLine.value!.end, String(max)),
            replaceSpan(file, maxLine.value.start, maxLine.value.end, String(min)),
          ], false, true)]
        : [],
    });
  },
};
