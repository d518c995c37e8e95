import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkDocument } from '../../../server/src/analysis/check.js';
import { explainPaths } from '../../../server/src/analysis/explain.js';
import { restoreLanguage } from '../../../server/src/languages/iptables/restore-language.js';
import type { RestoreDocument } from '../../../server/src/languages/iptables/restore-document.js';
import { generateRestoreFile } from '../../../bench/generate-rules.js';
import { checkFiles, conf, HOST, RULES, VSFTPD, type Files } from '../../helpers/hosts.js';
import { restoreSummary } from '../../helpers/restore-summary.js';
import { typed } from '../../helpers/files.js';
import { filesBelow } from '../../helpers/walk.js';

// A document read for a one-off check (the CLI) keeps only each accepted rule's meaning and
// reads its line again when asked; it must tell exactly what the editor's full reading tells.

const RUNS = Number(process.env['FTPWALL_PROPERTY_RUNS'] ?? 100);
const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');
const KERNEL_HOSTS = join(import.meta.dirname, '..', '..', 'kernel', 'hosts');

const filesUnder = (dir: string) => filesBelow(dir).filter((path) => !path.endsWith('.md'));

/** Every host folder under a root (a folder that holds etc/), with its files keyed by path. */
function hostsUnder(root: string): Array<{ name: string; files: Files }> {
  const hosts: Array<{ name: string; files: Files }> = [];
  const visit = (dir: string) => {
    if (readdirSync(dir).includes('etc')) {
      hosts.push({ name: relative(root, dir), files: Object.fromEntries(filesUnder(dir).map((p) => [join(HOST, relative(dir, p)), readFileSync(p, 'utf8')])) });
      return;
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) visit(join(dir, e.name));
  };
  visit(root);
  return hosts;
}

const told = (doc: RestoreDocument) => restoreSummary(doc, RULES);

const asChecked = (text: string) => restoreLanguage.read(text, RULES, 'check');
const asEdited = (text: string) => restoreLanguage.read(text, RULES, 'editor');

const RESTORE_FILES = [...filesUnder(EXAMPLES), ...filesUnder(KERNEL_HOSTS)].map((p) => readFileSync(p, 'utf8')).filter((t) => restoreLanguage.matchesContent(t));

describe('a restore file read for a one-off check', () => {
  it('tells what the full reading tells: examples and a generated 3,000-rule file', () => {
    assert.ok(RESTORE_FILES.length >= 8, `restore files found: ${RESTORE_FILES.length}`);
    for (const text of [...RESTORE_FILES, generateRestoreFile(3000, 11)]) assert.deepStrictEqual(told(asChecked(text)), told(asEdited(text)));
  });

  it('tells what the full reading tells, for mutated files', () => {
    const edit = fc.tuple(fc.nat(), fc.nat(10), fc.oneof(
      fc.constantFrom('', '\n', ' ', '"', '!', '#', '\r', 'COMMIT\n', '*nat\n', '-A INPUT -s example.org -j ACCEPT\n', ' -j LOG --log-prefix "a prefix far longer than the kernel keeps"', ' -j REJECT --reject-with tcp-reset', ' -j CT --helper ftp', ':NEW - [0:0]\n', '-E NEW OTHER\n', '-D INPUT 1\n', '[3:4] '),
      fc.string({ maxLength: 16 }),
    ));
    fc.assert(fc.property(fc.constantFrom(...RESTORE_FILES), fc.array(edit, { minLength: 1, maxLength: 5 }), (start, edits) => {
      let text = start;
      for (const edit of edits) text = typed(text, edit);
      assert.deepStrictEqual(told(asChecked(text)), told(asEdited(text)));
    }), { numRuns: RUNS });
  });

  it('reports, with their words, the lines of a shape read before whose chain or jump is missing, or whose value is refused', () => {
    // The first line teaches each shape; the lines after it are read by it, and each of these goes wrong in its own way.
    const text = ['*filter', ':SVC - [0:0]', '-A SVC -s 10.0.0.1/32 -p tcp -m tcp --dport 21 -m comment --comment "one" -j ACCEPT', '-A SVC -s 10.0.0.2/32 -p tcp -m tcp --dport 22 -m comment --comment "two" -j ACCEPT',
      '-A NOSUCH -s 10.0.0.3/32 -p tcp -m tcp --dport 23 -m comment --comment "no chain" -j ACCEPT', '-A SVC -s 10.0.0.4/33 -p tcp -m tcp --dport 24 -m comment --comment "bad mask" -j ACCEPT',
      '-A SVC -s 10.0.0.5/32 -p tcp -m tcp --dport 99999 -m comment --comment "bad port" -j ACCEPT', '-A INPUT -s 10.0.0.6/32 -j SVC', '-A INPUT -s 10.0.0.7/32 -j MISSING', '-A OUTPUT -i eth0 -j ACCEPT', '-A INPUT -i eth0 -j ACCEPT', '-A OUTPUT -i eth1 -j ACCEPT', 'COMMIT', ''].join('\n');
    const checked = asChecked(text);
    assert.deepStrictEqual(told(checked), told(asEdited(text)));
    const findings = checkDocument(restoreLanguage, checked, RULES).map((f) => `${f.ruleId} ${f.range.start.line}`);
    for (const expected of ['iptables/unknown-chain 4', 'iptables/invalid-value 5', 'iptables/invalid-value 6', 'iptables/unknown-chain 8', 'iptables/interface-direction 9', 'iptables/interface-direction 11']) assert.ok(findings.includes(expected), `${expected} in ${findings.join(', ')}`);
  });

  it('reports chain lines with their own words, though a check declares chains from words it reuses for the lines after', () => {
    const text = ['*filter', ':INPUT DROP [0:0]', ':FORWARD BOGUS [0:0]', ':SVC - [0:0]', ':!bang - [0:0]', ':USER ACCEPT [0:0]', ':SVC - [0:0]',
      '-A INPUT -s 10.0.0.1/32 -p tcp -m tcp --dport 21 -j SVC', '-A SVC -s 10.0.0.2/32 -p tcp -m tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
    const checked = asChecked(text);
    assert.deepStrictEqual(told(checked), told(asEdited(text)));
    const chains = checked.rulesets[0]!.tables.get('filter')!;
    assert.deepEqual(chains.get('INPUT')!.policyWhere?.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 11 } });
    const problems = checked.rulesets[0]!.problems.map((p) => `${p.kind} ${p.word.value} ${p.word.range.start.line}:${p.word.range.start.character}`);
    assert.deepEqual(problems, ['bad-policy BOGUS 2:9', "chain-name !bang 4:1", 'bad-policy ACCEPT 5:6', 'duplicate-chain SVC 6:1']);
  });

  it('keeps the reading only of commands with problems or host names; the others are read again each time', () => {
    const text = ['*filter', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 70000 -j ACCEPT', '-A INPUT -s backup.example.org -j ACCEPT', 'COMMIT', ''].join('\n');
    const [accepted, refused, named] = asChecked(text).commands;
    assert.notEqual(accepted!.parsed, accepted!.parsed, 'an accepted command is read again when asked');
    assert.deepStrictEqual(accepted!.parsed.words.map((w) => w.value), ['-A', 'INPUT', '-p', 'tcp', '--dport', '21', '-j', 'ACCEPT']);
    assert.equal(refused!.parsed, refused!.parsed, 'a command with a problem keeps its reading');
    assert.equal(refused!.problems.length, 1);
    assert.equal(named!.parsed, named!.parsed, 'a command with a host name keeps its reading');
    const editor = asEdited(text).commands[0]!;
    assert.equal(editor.parsed, editor.parsed, 'the editor keeps every reading');
  });
});

describe('a host checked from files read for a one-off check', () => {
  const hosts = [...hostsUnder(EXAMPLES), ...hostsUnder(KERNEL_HOSTS)];
  it('has the findings and paths of the same host read for the editor (examples and kernel-test hosts)', () => {
    assert.ok(hosts.length >= 14, `hosts found: ${hosts.length}`);
    for (const { name, files } of hosts) {
      const checked = checkFiles(files, {}, 'check'), edited = checkFiles(files, {}, 'editor');
      assert.deepStrictEqual(checked.findings, edited.findings, name);
      assert.deepStrictEqual(explainPaths(checked.paths), explainPaths(edited.paths), name);
    }
  });

  it('has the findings of the same host read for the editor, for mutated firewalls', () => {
    const vsftpd = conf('pasv_min_port=40000', 'pasv_max_port=40100');
    const opening = fc.constantFrom('-A INPUT -p tcp --dport 40000:40100 -j ACCEPT\n', '-A INPUT -p tcp --dport 21 -j ACCEPT\n', '-A INPUT -j REJECT\n', '-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n', '-A INPUT -p tcp --dport 2000:2100 -j ACCEPT\n', '*raw\n-A PREROUTING -p tcp --dport 21 -j CT --helper ftp\nCOMMIT\n');
    fc.assert(fc.property(fc.constantFrom(...RESTORE_FILES), fc.array(fc.tuple(fc.nat(), opening), { minLength: 1, maxLength: 4 }), (start, inserts) => {
      let text = start;
      for (const [at, line] of inserts) { const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)]; const i = starts[at % starts.length]!; text = text.slice(0, i) + line + text.slice(i); }
      const files = { [VSFTPD]: vsftpd, [RULES]: text };
      assert.deepStrictEqual(checkFiles(files, {}, 'check').findings, checkFiles(files, {}, 'editor').findings);
    }), { numRuns: RUNS });
  });
});
