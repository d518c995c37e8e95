import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { restoreLanguage } from '../../../server/src/languages/iptables/restore-language.js';
import type { RestoreDocument } from '../../../server/src/languages/iptables/restore-document.js';
import { generateRestoreFile } from '../../../bench/generate-rules.js';
import { conf, hostFindings, RULES, VSFTPD } from '../../helpers/hosts.js';
import { restoreSummary } from '../../helpers/restore-summary.js';

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
      for (const [at, cut, insert] of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + insert + text.slice(i + cut);
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
    const edited = before.commands[1000]!.line.line;
    lines.splice(200, 0, '# a new comment line');
    const moved = restoreLanguage.reread!(lines.join('\n'), PATH, before).doc;
    // The text alone cannot tell "new line before line 200" from "new line after line 199's newline", so the line at the border may be read again.
    const readAgain = moved.commands.filter((c) => !readingsBefore.has(c.parsed));
    assert.ok(readAgain.every((c) => c.line.line === 201), 'a new line above moves the commands below without reading them again');
    lines[edited + 1] = lines[edited + 1]!.replace(/-j \S+/, '-j DROP');
    const after = restoreLanguage.reread!(lines.join('\n'), PATH, moved).doc;
    const reused = after.commands.filter((c) => readingsBefore.has(c.parsed));
    assert.ok(reused.length >= after.commands.length - 1 - readAgain.length, 'every command but the edited one keeps its reading');
    assert.ok(!readingsBefore.has(after.commands.find((c) => c.line.line === edited + 1)!.parsed), 'the edited command is read again');
    assert.deepStrictEqual(summary(after), summary(restoreLanguage.read(lines.join('\n'), PATH)));
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
        const [at, cut, insert] = place(text);
        const i = at % (text.length + 1);
        const next = text.slice(0, i) + insert + text.slice(i + cut);
        const reread = restoreLanguage.reread!(next, RULES, kept);
        if (reread.sameMeaning) { saidSame++; assert.deepStrictEqual(host(next), host(text)); }
        text = next;
        kept = reread.doc;
      }
    }), { numRuns: RUNS });
    assert.ok(saidSame > 0, 'some random edits only touched comments');
  });
});
