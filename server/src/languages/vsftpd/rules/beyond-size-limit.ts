import { CONFIG_FILE_MAX_BYTES } from '../directives.js';
import type { VsftpdRule } from './rule-type.js';

export const beyondSizeLimit: VsftpdRule = {
  id: 'vsftpd/beyond-size-limit',
  severity: 'warning',
  summary: 'Text past the first 100,000 bytes, which vsftpd never reads',
  docs: {
    detects: 'A vsftpd.conf larger than 100,000 bytes.',
    why: 'vsftpd reads at most 100,000 bytes of its configuration and silently drops the rest, so later directives have no effect and a line crossing the limit is cut short.',
    fix: 'Shorten the file: remove long comment blocks or unused settings.',
    before: '(a 120 kB file whose last lines set the passive range)',
    after: '(the same settings in a file under 100,000 bytes)',
    language: 'text',
  },
  check({ file }, report) {
    if (file.limitOffset === undefined) return;
    report({
      range: file.lines.range(file.limitOffset, file.text.length),
      message: `vsftpd reads only the first ${CONFIG_FILE_MAX_BYTES.toLocaleString('en')} bytes of its configuration; everything from here on is ignored.`,
      unnecessary: true,
    });
  },
};
