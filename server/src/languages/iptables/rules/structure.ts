import { nearestNames } from '../../../core/nearest-names.js';
import type { Fix } from '../../../core/findings.js';
import type { Report, RuleDocs } from '../../../core/rule.js';
import type { FirewallDocument } from '../document.js';
import { fixOf, insertLineAfter, insertLineBefore, replace } from '../edits.js';
import type { RestoreDocument, StructureProblemKind } from '../restore-document.js';
import type { RulesetProblem, RulesetProblemKind } from '../ruleset.js';
import type { AddressFamily } from '../syntax.js';
import { EXTENSIONS } from '../catalogue/extensions.js';
import { TABLE_NAMES } from '../tables.js';
import type { FirewallRule } from './rule-type.js';

const text = (before: string, after: string): Pick<RuleDocs, 'before' | 'after' | 'language'> => ({ before, after, language: 'text' });

/** Restore-file structure rules need the table blocks, which only restore documents have. */
const blocksOf = (doc: FirewallDocument) => (doc as Partial<RestoreDocument>).structure ? (doc as unknown as RestoreDocument) : undefined;

/** An error rule that reports whatever `collect` finds in a document; the twins below differ only in where problems come from. */
function errorRule(id: string, summary: string, docs: RuleDocs, collect: (doc: FirewallDocument) => Report[]): FirewallRule {
  return { id, severity: 'error', summary, docs, check(doc, report) { for (const r of collect(doc)) report(r); } };
}

/** Problems of the restore format itself (restore documents only). */
function structureRule(kind: StructureProblemKind, id: string, summary: string, docs: RuleDocs, fixes?: (p: RestoreDocument['structure'][number], doc: RestoreDocument) => Fix[]): FirewallRule {
  return errorRule(id, summary, docs, (doc) => {
    const restore = blocksOf(doc);
    return (restore?.structure ?? []).filter((p) => p.kind === kind).map((p) => ({ range: p.range, message: p.message, fixes: fixes?.(p, restore!) ?? [] }));
  });
}

export const missingCommit = structureRule('missing-commit', 'iptables/missing-commit', 'A table block without COMMIT', {
  detects: 'A `*table` block that the file ends without committing.',
  why: 'iptables-restore applies a table only at its COMMIT; without it the whole load fails ("COMMIT expected") and the old rules stay active.',
  fix: 'End every table block with a line `COMMIT`.',
  ...text('*filter\n-A INPUT -p tcp --dport 21 -j ACCEPT', '*filter\n-A INPUT -p tcp --dport 21 -j ACCEPT\nCOMMIT'),
}, (p, doc) => {
  const block = doc.blocks.find((b) => b.table.value === p.data?.['table'] && b.commitLine === undefined);
  return block ? [fixOf(doc.path, 'Add COMMIT', [insertLineAfter(doc.lines, block.endLine, 'COMMIT')], true, true)] : [];
});

export const tableStillOpen = structureRule('table-still-open', 'iptables/table-still-open', 'A new table starts before the previous one is committed', {
  detects: 'A `*table` line while the previous table block has no COMMIT yet.',
  why: 'iptables-restore reads the second header as a bad argument and stops; nothing is loaded.',
  fix: 'Add COMMIT at the end of the previous block.',
  ...text('*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\n*filter', '*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT\n*filter'),
}, (p, doc) => [fixOf(doc.path, 'Add COMMIT before this table', [insertLineBefore(p.range.start.line, 'COMMIT')], true, true)]);

export const outsideTable = structureRule('outside-table', 'iptables/outside-table', 'A rule, chain or COMMIT outside a table block', {
  detects: 'A command, chain line or COMMIT before the first `*table` line or after a table\'s COMMIT.',
  why: 'iptables-restore does not know which table it belongs to and fails ("line N failed").',
  fix: 'Move it inside a `*table` ... `COMMIT` block.',
  ...text('-A INPUT -p tcp --dport 21 -j ACCEPT\n*filter\nCOMMIT', '*filter\n-A INPUT -p tcp --dport 21 -j ACCEPT\nCOMMIT'),
});

export const unknownTable = structureRule('unknown-table', 'iptables/unknown-table', 'A table name iptables does not have', {
  detects: 'A `*name` line whose name is not filter, nat, mangle, raw or security.',
  why: 'iptables-restore cannot initialise the table and loads nothing.',
  fix: 'Use one of the five table names (lower case).',
  ...text('*filters', '*filter'),
}, (p, doc) => nearestNames(p.data?.['table'] ?? '', TABLE_NAMES).map((n, i) => fixOf(doc.path, `Change to ${n}`, [replace(p.range, n)], false, i === 0)));

/** Problems found while replaying the commands into each family's ruleset. */
function rulesetRule(kind: RulesetProblemKind, id: string, summary: string, docs: RuleDocs, fixes?: (p: RulesetProblem, doc: FirewallDocument, family: AddressFamily) => Fix[]): FirewallRule {
  return errorRule(id, summary, docs, (doc) => doc.rulesets.flatMap((ruleset) => ruleset.problems.filter((p) => p.kind === kind).map((p) => ({
    range: p.word.range, message: `${p.message} (iptables refuses this)`, fixes: fixes?.(p, doc, ruleset.family) ?? [],
  }))));
}

export const unknownChain = rulesetRule('unknown-chain', 'iptables/unknown-chain', 'A rule added to, or jumping to, a chain that does not exist yet', {
  detects: 'A `-A`/`-I` to a chain that is not declared, or a `-j`/`-g` to a name that is neither a target nor a chain declared earlier in the table.',
  why: 'The legacy backend fails ("Couldn\'t load target", "line N failed"); the nf_tables backend\'s --test lets it pass, but the load still cannot create the jump. Often it is a misspelt target (`-j ACCEPT` written `-j ACCEPTT`).',
  fix: 'Declare the chain first (`:NAME - [0:0]` in a restore file, `iptables -N NAME` in a script), or correct the name.',
  ...text('*filter\n-A INPUT -j FTP_IN\n-A FTP_IN -p tcp --dport 21 -j ACCEPT', '*filter\n:FTP_IN - [0:0]\n-A INPUT -j FTP_IN\n-A FTP_IN -p tcp --dport 21 -j ACCEPT'),
}, (p, doc, family) => {
  const name = p.data?.['chain'] ?? p.word.value;
  // A name close to a target is most likely that target misspelt (-j ACCEPTT); offer it first.
  const targets = nearestNames(name, EXTENSIONS.filter((e) => e.kind === 'target').map((e) => e.name)).map((t, i) => fixOf(doc.path, `Change to ${t}`, [replace(p.word.range, t)], false, i === 0));
  const edit = doc.declareChain(p.data?.['table'] ?? 'filter', name, p.word.range.start.line, family);
  return [...targets, ...(edit ? [fixOf(doc.path, `Declare chain ${name}`, [edit], false, targets.length === 0)] : [])];
});

export const duplicateChain = rulesetRule('duplicate-chain', 'iptables/duplicate-chain', 'A user chain declared twice', {
  detects: 'A second `:NAME - [0:0]` line or `-N NAME` for a chain that already exists in the table.',
  why: 'The legacy backend fails ("error creating chain: File exists"); the nf_tables backend lets it pass, so the file loads on one host and not on another.',
  fix: 'Remove the second declaration.',
  ...text(':FTP_IN - [0:0]\n:FTP_IN - [0:0]', ':FTP_IN - [0:0]'),
});

export const badPolicy = rulesetRule('bad-policy', 'iptables/bad-policy', 'A policy other than ACCEPT or DROP, or a policy on a user chain', {
  detects: 'A built-in chain\'s policy that is not ACCEPT or DROP, or a policy other than "-" on a user chain.',
  why: 'Only built-in chains have policies, and only ACCEPT or DROP; the legacy backend fails to load the file.',
  fix: 'Use ACCEPT or DROP for built-in chains and "-" for user chains; put a final REJECT rule in the chain if you want rejections.',
  ...text(':INPUT REJECT [0:0]', ':INPUT DROP [0:0]'),
});

export const chainName = rulesetRule('chain-name', 'iptables/chain-name', 'A chain name longer than 28 characters or otherwise invalid', {
  detects: 'A chain name over 28 characters, empty, or starting with "-" or "!".',
  why: 'iptables refuses it ("Invalid chain name") and the file fails to load.',
  fix: 'Shorten the name.',
  ...text(':FTP_PASSIVE_DATA_CONNECTIONS_IN - [0:0]', ':FTP_PASV_IN - [0:0]'),
});

export const ruleOperation = rulesetRule('rule-operation', 'iptables/rule-operation', 'An insert, delete or chain removal that cannot be carried out', {
  detects: '`-I CHAIN N` past the end of the chain, `-D` of a rule that is not there, `-X` of a built-in chain or of a chain still jumped to.',
  why: 'The legacy backend fails ("line N failed"), so the file loads on nf_tables hosts and not on legacy ones.',
  fix: 'Use `-A` to append, or a position that exists; delete only rules and chains that exist.',
  ...text('*filter\n-I INPUT 5 -p tcp --dport 21 -j ACCEPT', '*filter\n-I INPUT 1 -p tcp --dport 21 -j ACCEPT'),
});

export const structureRules: readonly FirewallRule[] = [missingCommit, tableStillOpen, outsideTable, unknownTable, unknownChain, duplicateChain, badPolicy, chainName, ruleOperation];
