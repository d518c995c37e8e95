import { directiveInfo } from '../directives.js';
import { fix } from '../edits.js';
import { valueDefects } from '../value-defects.js';
import type { VsftpdRule } from './rule-type.js';

export const valueWhitespace: VsftpdRule = {
  id: 'vsftpd/value-whitespace',
  severity: 'warning',
  summary: 'Whitespace at either end of a text value is kept by vsftpd',
  docs: {
    detects: 'A text directive (a path, a user name, an address, a banner) whose value starts or ends with spaces or tabs, or ends with a carriage return.',
    why: 'vsftpd keeps the value exactly as written, so "/etc/vsftpd.pem " names a file that does not exist, and "ftp " a user that does not exist. The server starts, then fails when it uses the value.',
    fix: 'Remove the whitespace. If the file has Windows line endings, convert it to Unix line endings.',
    before: 'rsa_cert_file=/etc/ssl/private/vsftpd.pem   ',
    after: 'rsa_cert_file=/etc/ssl/private/vsftpd.pem',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const d of file.directives) {
      if (d.beyondLimit || directiveInfo(d.name.text)?.kind !== 'string') continue;
      // A banner may start with spaces on purpose; its end still matters less than a path's, so only the end is judged for text.
      const wanted = d.name.text === 'ftpd_banner' ? ['trailing-whitespace', 'carriage-return'] : ['leading-whitespace', 'trailing-whitespace', 'carriage-return'];
      for (const defect of valueDefects(file, d)) {
        if (!wanted.includes(defect.kind)) continue;
        report({
          range: defect.edit.range.start.character === defect.edit.range.end.character ? d.value!.range : defect.edit.range,
          message: `In ${d.name.text}, ${defect.explanation}, so the value vsftpd uses is "${d.value!.text.replace(/\r/g, '\\r')}".`,
          fixes: [fix(file, defect.kind === 'carriage-return' ? 'Remove the carriage return' : 'Remove the whitespace', [defect.edit], true, true)],
        });
      }
    }
  },
};
