import type { FileRule } from '../../core/rule.js';
import type { PureOptionDocument } from './document.js';
import { OPTIONS, optionRefusal } from './options.js';
import { nearestNames } from '../../core/nearest-names.js';

const nearestName = (word: string, names: readonly string[]) => nearestNames(word, names, 1)[0];

export const pureftpdRefused: FileRule<PureOptionDocument> = {
  id: 'pureftpd/refused',
  severity: 'error',
  summary: 'Pure-FTPd does not start with this option file',
  docs: {
    detects: 'A file in /etc/pure-ftpd/conf that Debian\'s pure-ftpd-wrapper refuses (no such option, a value of the wrong kind), or a value pure-ftpd itself refuses at start (a passive range below 1024, above 65535 or backwards; TLS above 3).',
    why: 'The wrapper stops, or pure-ftpd exits at once with "421 Configuration error": no FTP server runs at all.',
    fix: 'Name the file as the option is spelt, or correct its value.',
    before: '# /etc/pure-ftpd/conf/PassivePortRange\n50000 40000',
    after: '# /etc/pure-ftpd/conf/PassivePortRange\n40000 50000',
    language: 'text',
  },
  check(doc, report) {
    const why = optionRefusal(doc);
    if (!why) return;
    if (!doc.option) {
      const near = nearestName(doc.name, [...OPTIONS.keys()]);
      report({ range: doc.anchor, message: `Invalid configuration file ${doc.path.replace(/^.*(?=\/etc\/pure-ftpd\/)/, '')}: ${why}${near ? ` (did you mean ${near}? the file name is the option)` : ''}` });
      return;
    }
    const byWrapper = doc.value?.verdict && 'refused' in doc.value.verdict;
    report({ range: doc.value!.range, message: byWrapper ? `Invalid configuration file: ${why} (pure-ftpd-wrapper)` : `${why} (pure-ftpd exits at start)` });
  },
};

export const pureftpdSkipped: FileRule<PureOptionDocument> = {
  id: 'pureftpd/file-skipped',
  severity: 'warning',
  summary: 'An option file the wrapper never reads',
  docs: {
    detects: 'A file in /etc/pure-ftpd/conf whose name is not letters and digits (`PassivePortRange.bak`, `TLS~`, `passive-range`) but names or resembles an option.',
    why: 'Debian\'s wrapper reads only files named like options and skips the rest without a word: the value in this file has no effect.',
    fix: 'Rename the file to the option\'s name (PassivePortRange, ForcePassiveIP, Bind, TLS ...).',
    before: '/etc/pure-ftpd/conf/PassivePortRange.conf',
    after: '/etc/pure-ftpd/conf/PassivePortRange',
    language: 'text',
  },
  check(doc, report) {
    if (doc.read) return;
    const stem = doc.name.replace(/[^A-Za-z0-9].*$/, '');
    const near = nearestName(stem, [...OPTIONS.keys()]);
    if (near) report({ range: doc.anchor, message: `pure-ftpd-wrapper skips this file: it reads only names of letters and digits, so ${near} is not set here` });
  },
};

export const pureftpdChecks = [pureftpdRefused, pureftpdSkipped];
