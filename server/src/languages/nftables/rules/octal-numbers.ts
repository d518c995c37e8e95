import { octalFixes, octalMessage } from '../../iptables/rules/octal-numbers.js';
import { ownNotedRules } from './advice.js';
import type { NftablesCheck } from './problems.js';

export const nftOctalNumber: NftablesCheck = {
  id: 'nftables/octal-number',
  severity: 'warning',
  summary: 'A number with a leading zero, which nft reads in octal',
  docs: {
    detects: 'A port, protocol number, IPv4 address part or prefix length written with a leading zero, such as `tcp dport 021` or `ip saddr 10.0.0.0/010`.',
    why: 'nft reads numbers as C\'s strtoul does: a leading 0 makes the number octal. `tcp dport 021` accepts port 17, not 21, and `040000-040100` is 16384-16448. The file loads without a word, and the rule does something else than it seems to.',
    fix: 'Write the number without the leading zero (in decimal), or the octal value if that was meant.',
    before: 'tcp dport 021 accept',
    after: 'tcp dport 21 accept',
    language: 'nftables',
  },
  check(doc, report) {
    for (const rule of ownNotedRules(doc)) {
      for (const { number, value, where, exact } of rule.octalNumbers) {
        report({ range: where.range, message: octalMessage('nft', number, value), fixes: exact ? octalFixes(doc.path, where.range, number, 'nft') : [] });
      }
    }
  },
};
