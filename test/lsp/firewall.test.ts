import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from '../helpers/lsp-client.js';

const RULES = 'file:///srv/etc/sysconfig/iptables';
const RULES_TEXT = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATD -j ACCEPT\n-A INPUT --dport 21 -j ACCEPT\n';
const SCRIPT = 'file:///srv/etc/setup-net';
const SCRIPT_TEXT = '#!/bin/sh\nIPT=/sbin/iptables\n$IPT -A INPUT -p tcp --dport 40100:40000 -j ACCEPT\nmodprobe ip_conntract_ftp\n';
const PLAIN_SHELL = 'file:///srv/etc/backup.sh';

describe('language server with firewall files', () => {
  const client = new TestClient();
  before(async () => {
    await client.initialize();
    await client.open(RULES, RULES_TEXT, 'iptables');
    await client.open(SCRIPT, SCRIPT_TEXT, 'shellscript');
    await client.open(PLAIN_SHELL, '#!/bin/sh\ntar czf /backup.tgz /srv\n', 'shellscript');
  });
  after(() => client.close());

  it('checks a restore file', async () => {
    const ds = await client.diagnostics(RULES, (d) => d.length > 0);
    assert.deepEqual(ds.map((d) => d.code).sort(), ['iptables/invalid-value', 'iptables/missing-commit', 'iptables/option-needs-protocol']);
    assert.match(String(ds.find((d) => d.code === "iptables/invalid-value")!.message), /Bad state "RELATD"/);
  });

  it('checks a shell script recognised by its content, and leaves other shell scripts alone', async () => {
    const ds = await client.diagnostics(SCRIPT, (d) => d.length > 0);
    assert.deepEqual(ds.map((d) => d.code).sort(), ['iptables/port-range-inverted', 'modules/misspelt-module']);
    assert.deepEqual(await client.diagnostics(PLAIN_SHELL), []);
  });

  it('fixes a restore file with code actions, including fix-all', async () => {
    const ds = await client.diagnostics(RULES, (d) => d.length > 0);
    const state = ds.find((d) => d.code === 'iptables/invalid-value')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: RULES }, range: state.range, context: { diagnostics: [state] } });
    const fix = actions.find((a) => a.title === 'Change RELATD to RELATED')!;
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const fixAll = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: RULES }, range: state.range, context: { diagnostics: [], only: ['source.fixAll.ftpwall'] } });
    const fixed = TextDocument.applyEdits(TextDocument.create(RULES, 'iptables', 1, RULES_TEXT), fixAll[0]!.edit!.changes![RULES] as TextEdit[]);
    assert.equal(fixed, '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT --dport 21 -j ACCEPT\nCOMMIT\n');
  });

  it('answers hover and completion in firewall files', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: RULES }, position: { line: 2, character: 13 } });
    assert.match((hover.contents as MarkupContent).value, /-m state/);
    // Right after "-j " in the script: targets.
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: SCRIPT }, position: { line: 2, character: SCRIPT_TEXT.split('\n')[2]!.indexOf('ACCEPT') } });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('ACCEPT') && labels.includes('REJECT') && labels.includes('CT'), labels.join(' '));
  });
});
