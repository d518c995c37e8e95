import type { FileRule } from '../../../core/rule.js';
import { fixOf, replace } from '../../iptables/edits.js';
import type { NftablesDocument } from '../document.js';
import type { ProblemKind } from '../ruleset.js';

export type NftablesCheck = FileRule<NftablesDocument>;

/** A check that reports nft's own problems of one kind, in nft's words; a "did you mean" comes with its fix. */
function problemCheck(kind: ProblemKind, meta: Omit<NftablesCheck, 'check'>): NftablesCheck {
  return {
    ...meta,
    check(doc, report) {
      for (const p of doc.ruleset.problems) {
        if (p.kind !== kind || p.where.path !== doc.path) continue;
        const suggested = /did you mean "([^"]+)"/.exec(p.message)?.[1];
        const range = p.where.range;
        report({
          range,
          message: `${p.message} (nft -c refuses this file)`,
          ...(suggested ? { fixes: [fixOf(doc.path, `Change to "${suggested}"`, [replace(range, suggested)], false, true)] } : {}),
        });
      }
    },
  };
}

export const nftSyntaxError = problemCheck('syntax-error', {
  id: 'nftables/syntax-error',
  severity: 'error',
  summary: 'nft cannot parse this: the whole file is refused',
  docs: {
    detects: 'What nft\'s parser refuses: an unknown keyword or field, a missing newline or semicolon before a `}`, an unclosed or stray brace, a base chain without its priority, a policy other than accept or drop.',
    why: '`nft -f` loads a file as one transaction: one syntax error and nothing in the file is loaded, so the host keeps whatever firewall it had (or none).',
    fix: 'Correct the statement as the message says; a misspelt keyword comes with its nearest correct one.',
    before: 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\ttcp dport 21 acept\n\t}\n}',
    after: 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\ttcp dport 21 accept\n\t}\n}',
    language: 'nftables',
  },
});

export const nftRefused = problemCheck('refused', {
  id: 'nftables/refused',
  severity: 'error',
  summary: 'nft parses this but refuses it (or the kernel does)',
  docs: {
    detects: 'What nft or the kernel refuses although it parses: a port past 65535 or a range written backwards, an unknown conntrack state, a `$variable` never defined, a jump to a chain or a set or helper object that does not exist, a jump to a base chain, a policy on a regular chain, a statement after a verdict, an unknown chain type or hook, `reject with icmpx` outside an inet table, an `ip6` match in an `ip` table.',
    why: 'Like a syntax error, it makes `nft -f` load nothing of the file.',
    fix: 'Correct the value or declare what the rule names.',
    before: 'tcp dport 40100-40000 accept',
    after: 'tcp dport 40000-40100 accept',
    language: 'nftables',
  },
});
