import { deleteLine, fix } from '../edits.js';
import type { VsftpdRule } from './rule-type.js';

export const duplicateDirective: VsftpdRule = {
  id: 'vsftpd/duplicate-directive',
  severity: 'warning',
  summary: 'A directive set more than once: only the last one counts',
  docs: {
    detects: 'A directive that appears again further down the file.',
    why: 'vsftpd gives no warning; each line simply overwrites the previous value, so the earlier line is dead text that misleads whoever reads the file.',
    fix: 'Remove the earlier line, or the later one if the earlier value is the one you want.',
    before: 'anonymous_enable=NO\nlocal_enable=YES\nanonymous_enable=YES',
    after: 'local_enable=YES\nanonymous_enable=YES',
    language: 'vsftpd',
  },
  check({ file, settings }, report) {
    for (const name of settings.setNames()) {
      const all = settings.occurrences(name);
      if (all.length < 2) continue;
      const winner = all.at(-1)!;
      for (const earlier of all.slice(0, -1)) {
        const same = (earlier.value?.text ?? '') === (winner.value?.text ?? '');
        report({
          range: earlier.range,
          message: `${name} is set again on line ${winner.line + 1}${same ? ' to the same value' : ` (${winner.value?.text ?? ''})`}; that later line wins and this one has no effect.`,
          related: [{ file: file.path, range: winner.range, message: `the ${name} that is in effect` }],
          fixes: [fix(file, `Remove this overridden ${name}`, [deleteLine(file, earlier.line)], true, true)],
          unnecessary: true,
        });
      }
    }
  },
};
