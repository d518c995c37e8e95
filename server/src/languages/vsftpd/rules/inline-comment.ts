import { directiveInfo } from '../directives.js';
import { fix } from '../edits.js';
import { valueDefects } from '../value-defects.js';
import type { VsftpdRule } from './rule-type.js';

export const inlineComment: VsftpdRule = {
  id: 'vsftpd/inline-comment',
  severity: 'warning',
  summary: 'A "# comment" after a number or text value becomes part of the value',
  docs: {
    detects: 'A number or text directive followed on the same line by whitespace and "#".',
    why: 'vsftpd has no end-of-line comments. For a number the rest is silently ignored, which hides mistakes; for text (a path, a banner, an address) the comment becomes part of the value, so a certificate path or pasv_address stops working. (For YES/NO directives vsftpd refuses to start: see vsftpd/bad-boolean.)',
    fix: 'Move the comment to a line of its own that starts with "#".',
    before: 'rsa_cert_file=/etc/ssl/private/vsftpd.pem # renewed yearly',
    after: '# renewed yearly\nrsa_cert_file=/etc/ssl/private/vsftpd.pem',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const d of file.directives) {
      const kind = directiveInfo(d.name.text)?.kind;
      if (d.beyondLimit || !kind || kind === 'bool') continue;
      const comment = valueDefects(file, d).find((x) => x.kind === 'inline-comment');
      if (!comment || comment.kind !== 'inline-comment') continue;
      const effect = kind === 'uint' ? 'vsftpd ignores it, along with anything else after the number' : `vsftpd uses "${d.value!.text.replace(/\r$/, '')}" as the value, comment included`;
      report({
        range: d.value!.range,
        message: `vsftpd has no end-of-line comments: "${comment.comment}" is part of ${d.name.text}'s value; ${effect}.`,
        fixes: [fix(file, 'Move the comment to its own line', [comment.edit], true, true)],
      });
    }
  },
};
