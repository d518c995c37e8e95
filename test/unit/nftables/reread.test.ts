import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkDocument } from '../../../server/src/analysis/check.js';
import { nftablesLanguage } from '../../../server/src/languages/nftables/language.js';
import type { NftablesDocument } from '../../../server/src/languages/nftables/document.js';
import { lines, typed } from '../../helpers/files.js';

const PATH = '/h/etc/nftables.conf';
const BASE = lines(
  '#!/usr/sbin/nft -f', '# the FTP server', 'table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}',
  '\tchain ftp {', '\t\ttcp dport 21 accept', '\t\treturn', '\t}',
  '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\tjump ftp',
  '\t\ttcp dport { 40000-40100 } counter accept', '\t\tiif eth0 tcp dport 22 accept', '\t\tip saddr 10.0.0.0/8 tcp dport 990 accept', '\t}', '}',
);

/** Every edit of one character or word on one line that an administrator makes while typing. */
const EDITS: Array<[string, string]> = [
  ['# the FTP server', '# the FTP servers'], ['tcp dport 21 accept', 'tcp dport 2 accept'], ['tcp dport 21 accept', 'tcp dport 211111 accept'],
  ['tcp dport 21 accept', 'tcp dport 21 acept'], ['tcp dport 21 accept', 'tcp dport 21 accept counter'], ['jump ftp', 'jump ftpx'],
  ['jump ftp', 'jump input'], ['{ 40000-40100 }', '{ 40100-40000 }'], ['counter accept', 'counter drop'], ['iif eth0', 'iifname eth0'],
  ['ip saddr 10.0.0.0/8', 'ip saddr 10.0.0.0/33'], ['ct state established,related accept', 'ct state established,relate accept'],
  ['tcp dport 21 accept', 'tcp dport 21 ct helper set "ftp-standard"'], ['tcp dport 21 accept', 'tcp dport $P accept'],
  ['policy drop', 'policy accept'], ['return', 'return;'], ['tcp dport 22 accept', 'tcp dport 22 accept # ssh'],
  // Enter and Backspace: blank lines come and go, and everything below them moves.
  ['jump ftp\n', 'jump ftp\n\n'], ['jump ftp\n', 'jump ftp\n\t\t\n'], ['\t}\n\tchain input', '\t}\n\n\n\tchain input'], ['accept\n\t\treturn', 'accept\n\t\t\n\t\treturn'],
  // Enter in the middle of a rule splits it in two; Backspace at a line's start joins two.
  ['tcp dport 21 accept', 'tcp dport\n21 accept'], ['accept\n\t\treturn', 'acceptreturn'], ['# the FTP server\n', '# the FTP\nserver\n'],
];

const findings = (doc: NftablesDocument) => checkDocument(nftablesLanguage, doc, PATH).map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`).sort();
const model = (doc: NftablesDocument) => doc.model('ipv4')!.baseChains('INPUT').flatMap((c) => c.rules.map((r) => `${r.where.line} ${r.actionName} ${JSON.stringify(r.action)}`));

const RUNS = Number(process.env['FTPWALL_PROPERTY_RUNS'] ?? 150);
/** The input hook's rules, or none where the text holds no ruleset nft would load. */
const modelOrNone = (doc: NftablesDocument) => (doc.model('ipv4') ? model(doc) : []);

describe('an nftables file edited on one line', () => {
  for (const [from, to] of EDITS) {
    it(`reads "${to}" as a whole read would`, () => {
      // Each edit applied to a document that was itself edited before, as in the editor.
      let doc = nftablesLanguage.read(BASE, PATH) as NftablesDocument;
      doc = nftablesLanguage.reread!(BASE.replace('\t\tiif eth0', '\t\tiif eth1'), PATH, doc).doc;
      const text = BASE.replace('\t\tiif eth0', '\t\tiif eth1').replace(from.replace('eth0', 'eth1'), to.replace('eth0', 'eth1'));
      assert.notEqual(text, BASE);
      const { doc: edited } = nftablesLanguage.reread!(text, PATH, doc);
      const whole = nftablesLanguage.read(text, PATH) as NftablesDocument;
      assert.deepEqual(findings(edited), findings(whole));
      assert.deepEqual(model(edited), model(whole));
      assert.equal(edited.text, text);
    });
  }

  it('keeps the places of the rules below a blank line put in, and says no finding held', () => {
    const doc = nftablesLanguage.read(BASE, PATH) as NftablesDocument;
    const { doc: edited } = nftablesLanguage.reread!(BASE.replace('jump ftp\n', 'jump ftp\n\n\n'), PATH, doc);
    assert.equal((edited as NftablesDocument).ruleset, doc.ruleset, 'the reading is kept');
    const input = (edited as NftablesDocument).ruleset.tables[0]!.chains.get('input')!;
    assert.equal(input.rules.at(-1)!.where.line, 18);
  });

  it('reads any run of typed edits, anywhere, as a whole read would', () => {
    const piece = fc.constantFrom('x', ' ', '\t', '\n', '\n\n', '#', ';', '{', '}', '"', '21', 'accept', 'drop', 'tcp dport 21 ', 'jump ftp', '\t\tip saddr 10.0.0.1 accept\n', '');
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(4), piece), { minLength: 1, maxLength: 4 }), (edits) => {
      let doc = nftablesLanguage.read(BASE, PATH) as NftablesDocument;
      let text = BASE;
      for (const edit of edits) {
        text = typed(text, edit);
        doc = nftablesLanguage.reread!(text, PATH, doc).doc as NftablesDocument;
        const whole = nftablesLanguage.read(text, PATH) as NftablesDocument;
        assert.equal(doc.text, text);
        assert.deepEqual(findings(doc), findings(whole));
        assert.deepEqual(modelOrNone(doc), modelOrNone(whole));
      }
    }), {
      numRuns: RUNS,
      // Found at random: a comment edit left the places after it unmoved (a blank line put in later
      // moved them from the wrong offsets); a newline replaced by a tab joined two statements, read
      // as a blank-line edit; a place starting in text taken out went to the line before; the end
      // of the file's empty place did not move with a newline typed there.
      examples: [
        [[[1, 0, 'x'], [0, 0, '\n']]], [[[1749655919, 1, '\t'], [0, 0, 'x']]],
        [[[675616667, 1, 'x'], [0, 3, 'x'], [0, 3, 'tcp dport 21 '], [517937098, 3, 'x']]], [[[0, 0, '{'], [1438086248, 0, '\n\n']]],
      ],
    });
  });

  it('keeps the reading of a comment edit and says the host\'s findings still hold', () => {
    const doc = nftablesLanguage.read(BASE, PATH) as NftablesDocument;
    const result = nftablesLanguage.reread!(BASE.replace('# the FTP server', '# the FTP server!'), PATH, doc);
    assert.equal(result.sameMeaning, true);
    assert.equal((result.doc as NftablesDocument).ruleset, doc.ruleset);
  });
});
