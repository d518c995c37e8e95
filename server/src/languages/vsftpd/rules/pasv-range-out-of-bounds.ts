import type { VsftpdRule } from './rule-type.js';

export const pasvRangeOutOfBounds: VsftpdRule = {
  id: 'vsftpd/pasv-range-out-of-bounds',
  severity: 'warning',
  summary: 'A passive port bound in the privileged ports or beyond 65535, which vsftpd ignores',
  docs: {
    detects: 'pasv_min_port from 1 to 1024 or above 65535, and pasv_max_port above 65535. (A maximum below the minimum is vsftpd/pasv-range-inverted.)',
    why: 'vsftpd uses pasv_min_port only from 1025 to 65535 and pasv_max_port only up to 65534; anything else is ignored without a word, so the range becomes 1024 or the minimum up to 65535, which no firewall rule for the written range covers.',
    fix: 'Choose a range of unprivileged ports, such as 40000 to 40100.',
    before: 'pasv_min_port=1000\npasv_max_port=1100',
    after: 'pasv_min_port=40000\npasv_max_port=40100',
    language: 'vsftpd',
  },
  check({ settings }, report) {
    const range = settings.passiveRange();
    const minLine = settings.winner('pasv_min_port'), maxLine = settings.winner('pasv_max_port');
    const min = settings.uint('pasv_min_port').value, max = settings.uint('pasv_max_port').value;
    if (minLine?.value && min !== 0 && (min <= 1024 || min > 65535)) {
      report({
        range: minLine.value.range,
        message: `vsftpd ignores pasv_min_port=${min} (it uses a minimum only from 1025 to 65535), so passive ports come from ${range.min}-${range.max}${min <= 1024 ? '; ports up to 1024 are privileged and never used' : ''}.`,
      });
    }
    if (maxLine?.value && max > 65535) {
      report({
        range: maxLine.value.range,
        message: `vsftpd ignores pasv_max_port=${max} (ports end at 65535), so passive ports come from ${range.min}-${range.max}.`,
      });
    }
  },
};
