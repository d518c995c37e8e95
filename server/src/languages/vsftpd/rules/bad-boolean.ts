import { directiveInfo } from '../directives.js';
import { fix, replaceSpan } from '../edits.js';
import { visibleValue } from '../model.js';
import { valueDefects } from '../value-defects.js';
import { readBool } from '../values.js';
import type { VsftpdRule } from './rule-type.js';

/** Words people write for yes and no that vsftpd does not accept. */
const MEANT: Record<string, 'YES' | 'NO'> = {
  Y: 'YES', ON: 'YES', ENABLE: 'YES', ENABLED: 'YES', OUI: 'YES', JA: 'YES', SI: 'YES',
  N: 'NO', OFF: 'NO', DISABLE: 'NO', DISABLED: 'NO', NON: 'NO', NEIN: 'NO', NONE: 'NO',
};

const DEFECT_TITLES = {
  'carriage-return': 'Remove the carriage return',
  'inline-comment': 'Move the comment to its own line',
  'run-together': 'Split into two lines',
  'leading-whitespace': 'Remove the leading whitespace',
  'trailing-whitespace': 'Remove the trailing whitespace',
} as const;

export const badBoolean: VsftpdRule = {
  id: 'vsftpd/bad-boolean',
  severity: 'error',
  summary: 'A YES/NO directive with another value: vsftpd refuses to start',
  docs: {
    detects: 'A boolean directive whose value is not YES, NO, TRUE, FALSE, 1 or 0 (in any case), including values spoiled by a trailing space, a carriage return, an end-of-line comment or a second directive on the same line.',
    why: 'vsftpd compares the whole value, so "YES " or "YES # comment" is neither yes nor no; it stops with "bad bool value in config file for: NAME".',
    fix: 'Write exactly YES or NO; move comments to a line of their own that starts with "#".',
    before: 'anonymous_enable=NO # no guests',
    after: '# no guests\nanonymous_enable=NO',
    language: 'vsftpd',
  },
  check({ file }, report) {
    for (const d of file.directives) {
      // What vsftpd reads: its read limit may cut the value short.
      const seen = visibleValue(d);
      if (d.beyondLimit || !d.value || !seen) continue;
      if (directiveInfo(d.name.text)?.kind !== 'bool' || readBool(seen) !== undefined) continue;
      const defects = valueDefects(file, d);
      const fixes = defects.map((defect, i) => fix(file, DEFECT_TITLES[defect.kind], [defect.edit], true, i === 0));
      const meant = MEANT[d.value.text.trim().toUpperCase()];
      if (meant && defects.length === 0) fixes.push(fix(file, `Change to ${meant}`, [replaceSpan(file, d.value.start, d.value.end, meant)], false, true));
      const why = seen !== d.value.text
        ? `: vsftpd's 100,000-byte read limit cuts the value to "${seen}"`
        : defects.length ? `: ${defects.map((x) => x.explanation).join('; ')}` : `: "${d.value.text}" is not one of YES, NO, TRUE, FALSE, 1, 0`;
      report({
        range: d.value.range,
        message: `vsftpd refuses to start ("bad bool value in config file for: ${d.name.text}")${why}.`,
        fixes,
      });
    }
  },
};
