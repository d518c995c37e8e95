import { DIRECTIVES } from '../directives.js';
import { fix, replaceSpan } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

export const spaceBeforeEquals: VsftpdRule = {
  id: 'vsftpd/space-before-equals',
  severity: 'error',
  summary: 'Whitespace between a directive name and "=": vsftpd refuses to start',
  docs: {
    detects: 'Spaces or tabs between a directive\'s name and its "=".',
    why: 'vsftpd takes everything before the first "=" as the name, spaces included, so "listen =YES" names a directive "listen " that does not exist and vsftpd refuses to start ("unrecognised variable in config file").',
    fix: 'Remove the whitespace: vsftpd.conf lines are written name=value with nothing around the "=".',
    before: 'listen = YES',
    after: 'listen=YES',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const d of file.directives) {
      if (d.beyondLimit || !d.equals) continue;
      const name = d.name.text;
      const trimmed = name.replace(/[ \t]+$/, '');
      if (trimmed === name || !DIRECTIVES.has(trimmed)) continue;
      const valueLead = /^[ \t]*/.exec(d.value?.text ?? '')![0].length;
      const end = d.equals.end + valueLead;
      report({
        range: file.lines.range(d.name.start + trimmed.length, d.equals.start),
        message: `Whitespace between "${trimmed}" and "=" makes vsftpd read the name "${name}", so it refuses to start ("unrecognised variable in config file: ${name}").`,
        fixes: [fix(file, 'Remove the whitespace around "="', [replaceSpan(file, d.name.start + trimmed.length, end, '=')], true, true)],
      });
    }
  },
};
