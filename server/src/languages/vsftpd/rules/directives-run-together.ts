import { directiveInfo } from '../directives.js';
import { fix } from '../edits.js';
import { valueDefects } from '../value-defects.js';
import { readUint } from '../values.js';
import type { VsftpdRule } from './rule-type.js';

export const directivesRunTogether: VsftpdRule = {
  id: 'vsftpd/directives-run-together',
  severity: 'warning',
  summary: 'Two directives on one line: vsftpd reads only the first',
  docs: {
    detects: 'A number or text directive whose value contains another directive\'s "name=", as when two lines were joined in a copy and paste.',
    why: 'vsftpd starts without complaint but never sees the second directive: a number stops where its digits stop ("2222pasv_max_port=2225" sets pasv_min_port to 2222 only) and text simply absorbs the rest. (For a YES/NO directive vsftpd refuses to start, see vsftpd/bad-boolean.)',
    fix: 'Put the second directive on a line of its own.',
    before: 'pasv_min_port=2222pasv_max_port=2225',
    after: 'pasv_min_port=2222\npasv_max_port=2225',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const d of file.directives) {
      const kind = directiveInfo(d.name.text)?.kind;
      if (d.beyondLimit || !kind || kind === 'bool') continue;
      const joined = valueDefects(file, d).find((x) => x.kind === 'run-together');
      if (!joined || joined.kind !== 'run-together') continue;
      const value = d.value!;
      const firstPart = value.text.slice(0, joined.offsetInValue);
      const effect = kind === 'uint'
        ? `vsftpd sets ${d.name.text}=${readUint(value.text).value} and never sees ${joined.secondName}`
        : `vsftpd sets ${d.name.text} to the whole rest of the line and never sees ${joined.secondName}`;
      report({
        range: file.lines.range(value.start + joined.offsetInValue, value.end),
        message: `Two directives run together on one line ("${firstPart}" then "${joined.secondName}=..."): ${effect}.`,
        fixes: [fix(file, `Split "${joined.secondName}" onto its own line`, [joined.edit], true, true)],
      });
    }
  },
};
