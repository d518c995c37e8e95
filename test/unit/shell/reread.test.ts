import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkDocument } from '../../../server/src/analysis/check.js';
import { scriptLanguage } from '../../../server/src/languages/iptables/script-language.js';
import type { ScriptDocument } from '../../../server/src/languages/iptables/script-document.js';
import { scriptHover, scriptInlayHints } from '../../../server/src/languages/iptables/script-features.js';

const PATH = '/srv/none/etc/firewall.sh';
const TEXT = [
  '#!/bin/sh',
  'IPT=/sbin/iptables # the tool',
  '# ports to open',
  'for p in 21 40000:40100; do $IPT -A INPUT -p tcp --dport $p -j ACCEPT; done # both',
  'if [ "$ROLE" = ftp ]; then $IPT -A INPUT -p tcp --dport 990 -j ACCEPT; fi',
  '$IPT -A INPUT -p tcp --dport 70000 -j ACCEPT',
  '',
].join('\n');

const read = (text: string) => scriptLanguage.read(text, PATH) as ScriptDocument;
const reread = (text: string, previous: ScriptDocument) => scriptLanguage.reread!(text, PATH, previous);
/** What the editor shows of a document: findings, hovers at each `$`, inline values. */
function shown(doc: ScriptDocument): unknown {
  const hovers = [...doc.text.matchAll(/\$\w/g)].map((m) => { const p = doc.lines.positionAt(m.index + 1); return scriptHover(doc, p)?.markdown; });
  return { findings: checkDocument(scriptLanguage, doc, PATH), hovers, hints: scriptInlayHints(doc) };
}

describe('a script edited in a comment', () => {
  it('keeps its reading when only a comment changed, and reads again otherwise', () => {
    const doc = read(TEXT);
    const inComment = TEXT.replace('# ports to open', '# ports we open');
    const kept = reread(inComment, doc);
    assert.equal(kept.sameMeaning, true);
    assert.equal(kept.doc.text, inComment);
    assert.equal((kept.doc as ScriptDocument).variants, doc.variants);
    for (const changed of [TEXT.replace('--dport 990', '--dport 991'), TEXT.replace('# ports to open', 'ports to open'), TEXT.replace('# the tool', '# the\ntool'), TEXT.replace('# both', '# ftpwall-disable-line iptables/invalid-value')]) {
      assert.equal(reread(changed, doc).sameMeaning, false, changed);
    }
  });

  it('shows exactly what a fresh reading shows, after any run of comment edits', () => {
    const comments = [...TEXT.matchAll(/#[^\n!]*/g)].map((m) => m.index! + 1);
    const edit = fc.tuple(fc.constantFrom(...comments), fc.nat(12), fc.nat(3), fc.constantFrom('x', 'port', '  ', 'é', '$IPT', '"', ''));
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
      let text = TEXT;
      let doc = read(TEXT);
      for (const [comment, offset, cut, insert] of edits) {
        const lineEnd = text.indexOf('\n', comment);
        // Places shift as earlier comments change length: the edit lands inside the comment wherever it now is.
        const hash = text.lastIndexOf('#', Math.min(comment, text.length - 1));
        const at = Math.min(hash + 1 + offset, lineEnd === -1 ? text.length : text.indexOf('\n', hash));
        const end = Math.min(at + cut, text.indexOf('\n', hash));
        text = text.slice(0, at) + insert + text.slice(end);
        doc = reread(text, doc).doc as ScriptDocument;
      }
      assert.deepStrictEqual(shown(doc), shown(read(text)));
    }), { numRuns: 200 });
  });
});
