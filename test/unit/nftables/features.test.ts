import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recognize } from '../../../server/src/analysis/languages.js';
import { nftablesLanguage } from '../../../server/src/languages/nftables/language.js';
import { readNftablesDocument } from '../../../server/src/languages/nftables/document.js';
import { lines } from '../../helpers/files.js';

const TEXT = lines('#!/usr/sbin/nft -f', 'define PASSIVE = 40000-40100', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\ttcp dport { 21, $PASSIVE } accept', '\t}', '\tchain ftp {', '\t\treturn', '\t}', '}');
const doc = readNftablesDocument(TEXT, '/h/etc/nftables.conf');

describe('nftables editor features', () => {
  it('recognises nftables files by name and by their first line', () => {
    for (const path of ['/etc/nftables.conf', '/etc/sysconfig/nftables.conf', '/etc/nftables.d/ftp.nft', '/etc/nftables/main.nft']) assert.equal(recognize(path)?.id, 'nftables', path);
    assert.equal(recognize('/srv/firewall-rules', '#!/usr/sbin/nft -f\ntable ip t {\n}\n')?.id, 'nftables');
    assert.notEqual(recognize('/srv/notes.md', 'iptables rules are loaded first\n')?.id, 'iptables-script');
  });

  it('shows tables and their chains as symbols, with each base chain\'s hook', () => {
    const [table] = nftablesLanguage.symbols(doc);
    assert.equal(table!.name, 'inet filter');
    assert.deepEqual(table!.children!.map((c) => [c.name, c.detail]), [['input', 'filter hook input priority 0, policy drop'], ['ftp', '1 rules']]);
    assert.deepEqual(table!.children!.map((c) => c.children!.map((r) => [r.name, r.range.start.line])), [[['tcp dport { 21, $PASSIVE } accept', 5]], [['return', 8]]]);
  });

  it('folds every block', () => {
    assert.deepEqual(nftablesLanguage.folding(doc).map((f) => [f.startLine, f.endLine]).sort((a, b) => a[0]! - b[0]!), [[2, 10], [3, 6], [7, 9]]);
  });

  it('explains keywords on hover, in its own words', () => {
    const hover = nftablesLanguage.hover(doc, { line: 5, character: 32 });
    assert.match(hover!.markdown, /\*\*accept\*\*.*Other base chains on the same hook still see it/);
    assert.equal(nftablesLanguage.hover(doc, { line: 1, character: 20 }), undefined);
  });

  it('completes what may stand where the cursor is', () => {
    const labels = (line: number) => nftablesLanguage.completions(doc, { line, character: 2 }).map((c) => c.label);
    assert.ok(labels(5).includes('tcp') && labels(5).includes('policy'));
    assert.ok(labels(3).includes('chain') && !labels(3).includes('tcp'));
    assert.ok(labels(11).includes('table'));
  });

  it('completes by the words before the cursor: fields, states, hooks, chains and helper objects of the table', () => {
    const text = lines('table inet filter {', '\tct helper ftp-standard {', '\t\ttype "ftp" protocol tcp', '\t}', '\tset trusted {', '\t\ttype ipv4_addr', '\t}',
      '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tRULE', '\t}', '\tchain ftp {', '\t\treturn', '\t}', '}');
    const edited = (rule: string) => {
      const at = { line: 9, character: 2 + rule.length };
      return nftablesLanguage.completions(readNftablesDocument(text.replace('RULE', rule), '/h/etc/nftables.conf'), at).map((c) => c.label);
    };
    assert.deepEqual(edited('tcp '), ['dport', 'sport', 'flags']);
    assert.deepEqual(edited('ct state '), ['new', 'established', 'related', 'invalid', 'untracked']);
    assert.deepEqual(edited('ct state established,'), ['new', 'established', 'related', 'invalid', 'untracked']);
    assert.deepEqual(edited('tcp dport 21 jump '), ['ftp']);
    assert.deepEqual(edited('tcp dport 21 ct helper set '), ['"ftp-standard"']);
    assert.deepEqual(edited('ip saddr @'), ['@trusted']);
    assert.ok(edited('tcp dport 21 ').includes('accept') && !edited('tcp dport 21 ').includes('policy'));
    assert.ok(edited('tcp dport 21 acc').includes('accept'), 'the word being typed is left to the editor to filter');
    assert.deepEqual(edited('type filter hook '), ['prerouting', 'input', 'forward', 'output', 'postrouting']);
    assert.ok(edited('type filter hook input priority ').includes('raw'));
  });
});
