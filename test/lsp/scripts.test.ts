import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, Hover, InlayHint, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lsp-client.js';

const SCRIPT = 'file:///srv/ftp1/etc/firewall.sh';
const TEXT = [
  '#!/bin/sh',
  'IPT=/sbin/iptables',
  'PORTS="21 40000:40100"',
  'open_tcp() {',
  '  $IPT -A INPUT -p tcp --dport "$1" -j ACCEPT',
  '}',
  'for p in $PORTS; do open_tcp "$p"; done',
  'if [ "$ROLE" = ftp ]; then',
  '  $IPT -A INPUT -p tcp --dport 990 -j ACCEPT',
  'fi',
  '',
].join('\n');
const line = (n: number) => TEXT.split('\n')[n]!;

describe('language server with a firewall script', () => {
  const client = new TestClient();
  before(async () => {
    await client.initialize();
    await client.open(SCRIPT, TEXT, 'shellscript');
  });
  after(() => client.close());

  it('shows the values a variable takes at a line, through loops and function calls', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: SCRIPT }, position: { line: 4, character: line(4).indexOf('$1') + 1 } });
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /\*\*\$1\*\* here takes 2 values/);
    assert.match(text, /`21`/);
    assert.match(text, /`40000:40100`/);
    const ipt = await client.request<Hover>('textDocument/hover', { textDocument: { uri: SCRIPT }, position: { line: 4, character: 3 } });
    assert.match((ipt.contents as MarkupContent).value, /\*\*\$IPT\*\* here: `\/sbin\/iptables`/);
  });

  it('goes to where a variable is set and where a function is defined', async () => {
    const variable = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: SCRIPT }, position: { line: 6, character: line(6).indexOf('$PORTS') + 2 } });
    assert.deepEqual(variable.map((l) => [l.uri, l.range.start.line]), [[SCRIPT, 2]]);
    const fn = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: SCRIPT }, position: { line: 6, character: line(6).indexOf('open_tcp') + 1 } });
    assert.deepEqual(fn.map((l) => [l.range.start.line, l.range.start.character, l.range.end.character]), [[3, 0, 8]]);
  });

  it('lists functions in the outline', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: SCRIPT } });
    assert.ok(symbols.some((s) => s.name === 'open_tcp()' && s.range.start.line === 3), symbols.map((s) => s.name).join(', '));
  });

  it('shows the value of each variable of an iptables command inline', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: SCRIPT }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } });
    assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[4, '= /sbin/iptables'], [8, '= /sbin/iptables']]);
  });

  it('marks a rule under a condition the host does not fix with a hint saying what it depends on', async () => {
    const ds = await client.diagnostics(SCRIPT, (d) => d.some((x) => x.code === 'iptables/runs-in-some-ways'));
    const hint = ds.find((d) => d.code === 'iptables/runs-in-some-ways')!;
    assert.equal(hint.range.start.line, 8);
    assert.match(String(hint.message), /runs only when \$ROLE is "ftp" \(the if at firewall\.sh:8; it depends on \$ROLE, set outside this host\)/);
  });
});
