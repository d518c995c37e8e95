import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { commandProblems, commandsWithHostnames, commandsWithTarget } from '../../../server/src/languages/iptables/command-index.js';
import type { ReadCommand } from '../../../server/src/languages/iptables/read-command.js';
import { restoreLanguage } from '../../../server/src/languages/iptables/restore-language.js';
import type { RestoreDocument } from '../../../server/src/languages/iptables/restore-document.js';
import { generateKubeNodeFile, generateRestoreFile } from '../../../bench/generate-rules.js';
import { checkReadDocuments, conf, hostFindings, RULES, VSFTPD } from '../../helpers/hosts.js';
import { recognize } from '../../../server/src/analysis/languages.js';
import { restoreSummary } from '../../helpers/restore-summary.js';
import { typed } from '../../helpers/files.js';

const RUNS = Number(process.env['FTPWALL_PROPERTY_RUNS'] ?? 150);
const PATH = '/host/etc/iptables/rules.v4';

function restoreExamples(dir = join(import.meta.dirname, '..', '..', '..', 'examples')): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return restoreExamples(p);
    const text = readFileSync(p, 'utf8');
    return /^\*(filter|nat|raw)/m.test(text) && !e.endsWith('.md') ? [text] : [];
  });
}
const FILES = [...restoreExamples(), generateRestoreFile(300, 3)];

const summary = (doc: RestoreDocument) => restoreSummary(doc, PATH);

/** An edit as an editor sends it: replace `cut` characters at `at` with `insert`. */
const edit = fc.tuple(fc.nat(), fc.nat(12), fc.oneof(
  fc.constantFrom('', '\n', '\n\n', 'x', '1', ' ', '"', '#', '*', ':', '-', '\r', 'COMMIT\n', '*nat\n', '*filter\n', '-A INPUT -p tcp --dport 21 -j ACCEPT\n', ':NEW - [0:0]\n', '-E NEW OTHER\n', ' -j NEW', '-A INPUT -j NEW\n'),
  fc.string({ maxLength: 20 }),
));

describe('re-reading an edited restore file keeps only what did not change', () => {
  it('gives exactly what a fresh reading gives, after every edit of a chain of edits', () => {
    fc.assert(fc.property(fc.constantFrom(...FILES), fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
      let text = start;
      let kept = restoreLanguage.read(text, PATH);
      for (const edit of edits) {
        text = typed(text, edit);
        kept = restoreLanguage.reread!(text, PATH, kept).doc;
        assert.deepStrictEqual(summary(kept), summary(restoreLanguage.read(text, PATH)));
      }
    }), { numRuns: RUNS });
  });

  it('keeps the readings of the lines an edit did not touch', () => {
    const text = generateRestoreFile(2000, 5);
    const before = restoreLanguage.read(text, PATH);
    const readingsBefore = new Set(before.commands.map((c) => c.parsed));
    const lines = text.split('\n');
    const edited = before.commands[1000]!.commandLine.line;
    lines.splice(200, 0, '# a new comment line');
    const moved = restoreLanguage.reread!(lines.join('\n'), PATH, before).doc;
    // The text alone cannot tell "new line before line 200" from "new line after line 199's newline", so the line at the border may be read again.
    const readAgain = moved.commands.filter((c) => !readingsBefore.has(c.parsed));
    assert.ok(readAgain.every((c) => c.commandLine.line === 201), 'a new line above moves the commands below without reading them again');
    lines[edited + 1] = lines[edited + 1]!.replace(/-j \S+/, '-j DROP');
    const after = restoreLanguage.reread!(lines.join('\n'), PATH, moved).doc;
    const reused = after.commands.filter((c) => readingsBefore.has(c.parsed));
    assert.ok(reused.length >= after.commands.length - 1 - readAgain.length, 'every command but the edited one keeps its reading');
    assert.ok(!readingsBefore.has(after.commands.find((c) => c.commandLine.line === edited + 1)!.parsed), 'the edited command is read again');
    assert.deepStrictEqual(summary(after), summary(restoreLanguage.read(lines.join('\n'), PATH)));
  });
});

describe('an edit that rewrites rules in place', () => {
  const text = generateRestoreFile(2000, 7);
  const lines = text.split('\n');
  const portLine = lines.findIndex((l, i) => i > 1000 && /^-A SVC-\S+ .*--dport \d+ -j ACCEPT$/.test(l));
  const chainOf = (line: string) => /^-A (\S+)/.exec(line)![1]!;

  it('replaces only those rules and shares every other chain, as a fresh reading would build it', () => {
    const before = restoreLanguage.read(text, PATH);
    const chainsBefore = new Map([...before.rulesets[0]!.tables.get('filter')!].map(([name, chain]) => [name, chain]));
    const edited = [...lines];
    edited[portLine] = edited[portLine]!.replace(/--dport (\d+)/, (_, port) => `--dport ${Number(port) === 65535 ? 1 : Number(port) + 1}`);
    const after = restoreLanguage.reread!(edited.join('\n'), PATH, before).doc;
    assert.deepStrictEqual(summary(after), summary(restoreLanguage.read(edited.join('\n'), PATH)));
    const chainsAfter = after.rulesets[0]!.tables.get('filter')!;
    const rewrittenChain = chainOf(lines[portLine]!);
    for (const [name, chain] of chainsAfter) {
      if (name === rewrittenChain) assert.notEqual(chain, chainsBefore.get(name), 'the rewritten rule\'s chain is a new one');
      else assert.equal(chain, chainsBefore.get(name), `${name} is shared, not built again`);
    }
    assert.equal(after.structure, before.structure, 'the structure is kept as it was');
  });

  it('takes Enter and Backspace after a rule in place: the lines below move, and the ruleset is kept whole (no line is written otherwise)', () => {
    // A table below the edit (with its policies) moves too: the kube-shaped file has nat, then filter.
    const kube = generateKubeNodeFile(3000, 9);
    const kubeLines = kube.split('\n');
    const at = kubeLines.findIndex((l, i) => i > 200 && l.startsWith('-A KUBE-SEP-'));
    const before = restoreLanguage.read(kube, PATH);
    const natBefore = new Map(before.rulesets[0]!.tables.get('nat')!);
    const entered = [...kubeLines.slice(0, at + 1), '', ...kubeLines.slice(at + 1)].join('\n');
    const after = restoreLanguage.reread!(entered, PATH, before).doc;
    assert.deepStrictEqual(summary(after), summary(restoreLanguage.read(entered, PATH)));
    // The line below the new one is read again (the text cannot tell where the newline went), but it is written as it was: its rule stays.
    assert.equal(after.rulesets[0], before.rulesets[0], 'the ruleset is the one read before');
    const shared = [...after.rulesets[0]!.tables.get('nat')!].filter(([name, chain]) => chain === natBefore.get(name));
    assert.equal(shared.length, natBefore.size);
    assert.equal(after.rulesets[0]!.tables.get('filter')!.get('INPUT')!.policyWhere!.line, before.blocks[1]!.start + 2, 'the policy line below moved with its line');
    const back = restoreLanguage.reread!(kube, PATH, after).doc;
    assert.deepStrictEqual(summary(back), summary(restoreLanguage.read(kube, PATH)));
  });

  it('carries the index of commands (by target, with host names, by problem) over in-place edits, as a fresh reading gathers it', () => {
    const describe = (c: ReadCommand) => [c.commandLine.line, c.parsed.words.map((w) => w.value).join(' ')];
    const index = (doc: RestoreDocument) => {
      const targets = [...new Set(doc.commands.map((c) => c.meaning.targetName ?? ''))].sort();
      const kinds = [...new Set(doc.commands.flatMap((c) => c.problems.map((p) => p.kind)))].sort();
      return {
        byTarget: targets.map((t) => [t, commandsWithTarget(doc, t).map(describe)]),
        withHostnames: commandsWithHostnames(doc).map(describe),
        problems: kinds.map((k) => [k, commandProblems(doc, k).map(({ problem, command }) => [problem.message, ...describe(command)])]),
      };
    };
    const edits = [
      (l: string) => l.replace(/--dport \d+/, '--dport 2121'),
      (l: string) => l.replace(/--dport \d+/, '--dport 99999'),
      (l: string) => l.replace(/-j ACCEPT$/, '-j DROP'),
      (l: string) => l.replace(/^-A (\S+)/, '-A $1 -s ftp.example.org'),
      (l: string) => l.replace(/--dport \d+/, '--dport 21'),
    ];
    let kept = restoreLanguage.read(text, PATH);
    const now = [...lines];
    for (const edit of edits) {
      index(kept);
      now[portLine] = edit(now[portLine]!);
      kept = restoreLanguage.reread!(now.join('\n'), PATH, kept).doc;
      assert.deepStrictEqual(index(kept), index(restoreLanguage.read(now.join('\n'), PATH)), now[portLine]);
    }
  });

  it('gives the host the findings and verdicts of a fresh reading after in-place edits that open and close ports', () => {
    // INPUT's passive range rule and the services' ports move onto vsftpd's range, off it, or next to it.
    const vsftpdText = conf('pasv_min_port=50000', 'pasv_max_port=50003');
    const vsftpd = { path: VSFTPD, language: recognize(VSFTPD, vsftpdText)!, doc: recognize(VSFTPD, vsftpdText)!.read(vsftpdText, VSFTPD) };
    const rangeRule = lines.indexOf('-A INPUT -p tcp --dport 40000:40100 -j ACCEPT');
    const rules = [rangeRule, ...[...lines.entries()].filter(([, l]) => /^-A SVC-\S+ .*--dport \d+ -j ACCEPT$/.test(l)).map(([n]) => n).slice(0, 20)];
    const ports = fc.constantFrom('21', '50000:50003', '50001', '50010:50100', '40000:40100', '1024:65535', '50003');
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(rules.length - 1), ports), { minLength: 1, maxLength: 6 }), (edits) => {
      const now = [...lines];
      let kept = restoreLanguage.read(now.join('\n'), RULES);
      checkReadDocuments([vsftpd, { path: RULES, language: restoreLanguage, doc: kept }]);
      for (const [which, value] of edits) {
        const line = which % 3 === 0 ? rangeRule : rules[which]!;
        now[line] = now[line]!.replace(/--dport \S+/, `--dport ${value}`);
        kept = restoreLanguage.reread!(now.join('\n'), RULES, kept).doc;
        const fresh = restoreLanguage.read(now.join('\n'), RULES);
        const ofKept = checkReadDocuments([vsftpd, { path: RULES, language: restoreLanguage, doc: kept }]);
        const ofFresh = checkReadDocuments([vsftpd, { path: RULES, language: restoreLanguage, doc: fresh }]);
        assert.deepStrictEqual(ofKept.findings, ofFresh.findings);
        assert.deepStrictEqual([ofKept.paths.control.verdict, ofKept.paths.passive.verdict, ofKept.paths.active.verdict], [ofFresh.paths.control.verdict, ofFresh.paths.passive.verdict, ofFresh.paths.active.verdict]);
      }
    }), { numRuns: 30 });
  });

  it('words the host\'s findings at the new lines after Enter and Backspace, though the walks of the kept ruleset are remembered', () => {
    // DNATs of the passive range and of port 21 whose address is not known: the reasons quote their lines.
    const nat = ['*nat', ':PREROUTING ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', '-A PREROUTING -p tcp --dport 21 -j DNAT --to-destination 10.9.9.9', '-A PREROUTING -p tcp --dport 50000:50003 -j DNAT --to-destination 10.9.9.9', '-A POSTROUTING -j MASQUERADE', 'COMMIT'];
    const natLines = [...nat, ...lines];
    const vsftpdText = conf('pasv_min_port=50000', 'pasv_max_port=50003');
    const vsftpd = { path: VSFTPD, language: recognize(VSFTPD, vsftpdText)!, doc: recognize(VSFTPD, vsftpdText)!.read(vsftpdText, VSFTPD) };
    const check = (doc: unknown) => checkReadDocuments([vsftpd, { path: RULES, language: restoreLanguage, doc }]);
    let kept = restoreLanguage.read(natLines.join('\n'), RULES);
    const ruleset = kept.rulesets[0];
    const first = check(kept);
    assert.match(first.paths.passive.reason, /address translation at iptables:5 /);
    for (const at of [1, 2, 3, 0]) {
      const now = [...natLines.slice(0, at), '', ...natLines.slice(at)].join('\n');
      kept = restoreLanguage.reread!(now, RULES, kept).doc;
      assert.equal(kept.rulesets[0], ruleset, 'the ruleset (and with it its model and what its walks met) is kept');
      const ofKept = check(kept), ofFresh = check(restoreLanguage.read(now, RULES));
      assert.deepStrictEqual(ofKept.findings, ofFresh.findings);
      for (const path of ['control', 'passive', 'active'] as const) assert.equal(ofKept.paths[path].reason, ofFresh.paths[path].reason);
      assert.match(ofKept.paths.passive.reason, /address translation at iptables:6 /);
      kept = restoreLanguage.reread!(natLines.join('\n'), RULES, kept).doc;
      assert.deepStrictEqual(check(kept).findings, first.findings);
    }
  });

  it('keeps the whole ruleset when only comments changed', () => {
    const before = restoreLanguage.read(text, PATH);
    const comment = lines.findIndex((l) => l.startsWith('#'));
    const withComment = [...lines];
    withComment[comment] += ' (edited)';
    const commented = restoreLanguage.reread!(withComment.join('\n'), PATH, before).doc;
    assert.equal(commented.rulesets[0], before.rulesets[0]);
    assert.equal(commented.commands, before.commands);
  });

  it('moves a rule to another chain, and takes out a rule while it is refused and puts it back, as replaying the file would', () => {
    const before = restoreLanguage.read(text, PATH);
    const from = chainOf(lines[portLine]!);
    const moved = [...lines];
    moved[portLine] = moved[portLine]!.replace(/^-A \S+/, '-A INPUT');
    const after = restoreLanguage.reread!(moved.join('\n'), PATH, before).doc;
    assert.deepStrictEqual(summary(after), summary(restoreLanguage.read(moved.join('\n'), PATH)));
    for (const [name, chain] of after.rulesets[0]!.tables.get('filter')!) {
      if (name !== from && name !== 'INPUT') assert.equal(chain, before.rulesets[0]!.chain('filter', name), `${name} is shared`);
    }
    const refused = [...moved];
    refused[portLine] = refused[portLine]!.replace(/--dport (\d+)/, '--dport 99999');
    const withoutIt = restoreLanguage.reread!(refused.join('\n'), PATH, after).doc;
    assert.deepStrictEqual(summary(withoutIt), summary(restoreLanguage.read(refused.join('\n'), PATH)));
    assert.equal(withoutIt.rulesets[0]!.chain('filter', 'INPUT')!.rules.length, after.rulesets[0]!.chain('filter', 'INPUT')!.rules.length - 1);
    const back = restoreLanguage.reread!(moved.join('\n'), PATH, withoutIt).doc;
    assert.deepStrictEqual(summary(back), summary(after));
    assert.equal(back.rulesets[0]!.chain('filter', from), withoutIt.rulesets[0]!.chain('filter', from), 'a chain the edits do not touch stays shared');
  });

  it('puts a rule jumping to a chain declared after it nowhere, as iptables-restore refuses it', () => {
    const late = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 21 -j ACCEPT', ':LATE - [0:0]', '-A LATE -j ACCEPT', 'COMMIT', ''];
    const before = restoreLanguage.read(late.join('\n'), PATH);
    const edited = [...late];
    edited[2] = '-A INPUT -p tcp --dport 21 -j LATE';
    const after = restoreLanguage.reread!(edited.join('\n'), PATH, before).doc;
    assert.deepStrictEqual(summary(after), summary(restoreLanguage.read(edited.join('\n'), PATH)));
  });

  it('builds the ruleset again when a command other than -A is in the file (a -D depends on the rules before it)', () => {
    const withDelete = [...lines];
    const commit = withDelete.lastIndexOf('COMMIT');
    withDelete.splice(commit, 0, lines[portLine]!.replace(/^-A/, '-D'));
    const before = restoreLanguage.read(withDelete.join('\n'), PATH);
    const edited = [...withDelete];
    edited[portLine] = edited[portLine]!.replace(/--dport (\d+)/, '--dport 1');
    const after = restoreLanguage.reread!(edited.join('\n'), PATH, before).doc;
    assert.notEqual(after.rulesets[0]!.chain('filter', 'INPUT'), before.rulesets[0]!.chain('filter', 'INPUT'));
    assert.deepStrictEqual(summary(after), summary(restoreLanguage.read(edited.join('\n'), PATH)));
  });
});

describe('an edit that leaves the host model as it was', () => {
  const read = (text: string) => restoreLanguage.read(text, PATH);
  const base = ['*filter', ':INPUT DROP [0:0]', '# open the control port', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT', ''].join('\n');
  const sameMeaning = (after: string) => restoreLanguage.reread!(after, PATH, read(base)).sameMeaning;

  it('is told apart from one that changes it', () => {
    assert.equal(sameMeaning(base.replace('open the', 'open our')), true, 'a comment reworded');
    assert.equal(sameMeaning(base.replace('# open the control port', '# ftpwall-disable-next-line')), false, 'a comment that becomes a suppression');
    assert.equal(sameMeaning(base.replace('--dport 21', '--dport 2121')), false, 'a port');
    assert.equal(sameMeaning(base.replace('-p tcp', '-p  tcp')), false, 'a space that moves the words after it');
    assert.equal(sameMeaning(base.replace('-j ACCEPT', '-j ACCEPT ')), false, 'a space at the end of a rule, which widens its line');
    assert.equal(sameMeaning(base.replace('# open the control port', '# open\n# the control port')), false, 'a comment split in two, which moves the lines below');
    assert.equal(sameMeaning(base.replace('# open the control port', '-A INPUT -j DROP')), false, 'a comment that becomes a rule');
  });

  it('gives the host the same findings whenever the re-read says so (random edits)', () => {
    const vsftpd = conf('pasv_min_port=40000', 'pasv_max_port=40100');
    const host = (text: string) => hostFindings({ [VSFTPD]: vsftpd, [RULES]: text });
    // Random edits alone land in a comment only now and then; these always do (when a comment is left).
    const commentEdit = fc.tuple(fc.nat(), fc.constantFrom('x', ' ', ' note')).map(([n, insert]) => (text: string) => {
      const comments = [...text.matchAll(/^#/gm)].map((m) => m.index);
      return comments.length ? [comments[n % comments.length]! + 1, 0, insert] as const : [0, 0, ''] as const;
    });
    const anyEdit = fc.oneof(edit.map((e) => () => e), commentEdit);
    let saidSame = 0;
    fc.assert(fc.property(fc.constantFrom(...FILES), fc.array(anyEdit, { minLength: 1, maxLength: 4 }), (start, edits) => {
      let text = start;
      let kept = restoreLanguage.read(text, RULES);
      for (const place of edits) {
        const next = typed(text, place(text));
        const reread = restoreLanguage.reread!(next, RULES, kept);
        if (reread.sameMeaning) { saidSame++; assert.deepStrictEqual(host(next), host(text)); }
        text = next;
        kept = reread.doc;
      }
    }), { numRuns: RUNS });
    assert.ok(saidSame > 0, 'some random edits only touched comments');
  });
});
