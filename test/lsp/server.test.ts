import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from '../helpers/lsp-client.js';

const URI = 'file:///srv/etc/vsftpd.conf';
const TEXT = [
  'listen=YES',
  'anonymous_enable=NO',
  'local_enable=YES',
  'ssl_enable=YES',
  'pasv_min_port=20480',
  'pasv_max_port=10240',
  'listen =YES',
  'write_enable=YES',
  'write_enable=NO',
  '',
].join('\n');

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

describe('language server over stdio', () => {
  const client = new TestClient();
  before(async () => {
    const init = await client.initialize();
    assert.equal(init.serverInfo?.name, 'ftpwall');
    assert.ok(init.capabilities.hoverProvider);
    assert.deepEqual((init.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.ftpwall']);
    await client.open(URI, TEXT);
  });
  after(() => client.close());

  it('publishes diagnostics with ids, ranges, severities, links and related locations', async () => {
    const ds = await client.diagnostics(URI, (d) => d.length > 0);
    // A vsftpd.conf alone in its folder also gets, once, the note that there is no firewall file beside it.
    assert.deepEqual(codes(ds), ['ftp/no-firewall', 'vsftpd/duplicate-directive', 'vsftpd/pasv-range-inverted', 'vsftpd/space-before-equals']);
    const space = ds.find((d) => d.code === 'vsftpd/space-before-equals')!;
    assert.equal(space.severity, 1);
    assert.deepEqual(space.range, { start: { line: 6, character: 6 }, end: { line: 6, character: 7 } });
    assert.match(space.codeDescription!.href, /docs\/rules\/vsftpd\/space-before-equals\.md$/);
    const dup = ds.find((d) => d.code === 'vsftpd/duplicate-directive')!;
    assert.equal(dup.severity, 2);
    assert.deepEqual(dup.tags, [1]);
    assert.equal(dup.relatedInformation![0]!.location.range.start.line, 8);
  });

  it('answers hover with the meaning and the passive range in effect', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 4, character: 2 } });
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /pasv_min_port/);
    assert.match(value, /Passive data ports in effect: \*\*20480-65535\*\*/);
  });

  it('completes directive names and boolean values', async () => {
    const names = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 9, character: 0 } });
    assert.ok(names.some((i) => i.label === 'pasv_address' && (i.documentation as MarkupContent).value.includes('NAT')));
    const values = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 7, character: 13 } });
    assert.deepEqual(values.map((i) => i.label).sort(), ['NO', 'YES']);
  });

  it('offers quick fixes, suppressions and fix-all as code actions', async () => {
    const ds = await client.diagnostics(URI);
    const inverted = ds.find((d) => d.code === 'vsftpd/pasv-range-inverted')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: inverted.range, context: { diagnostics: [inverted] } });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Swap them: pasv_min_port=10240, pasv_max_port=20480'), titles.join(' | '));
    assert.ok(titles.includes('Suppress vsftpd/pasv-range-inverted on this line'));
    const swap = actions.find((a) => a.title.startsWith('Swap'))!;
    const after = TextDocument.applyEdits(TextDocument.create(URI, 'vsftpd', 1, TEXT), swap.edit!.changes![URI] as TextEdit[]);
    assert.match(after, /pasv_min_port=10240\npasv_max_port=20480/);
    const fixAll = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(fixAll.length, 1);
    const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'vsftpd', 1, TEXT), fixAll[0]!.edit!.changes![URI] as TextEdit[]);
    assert.ok(!fixed.includes('listen =YES') && !fixed.includes('write_enable=YES\n'), fixed);
  });

  it('gives document symbols and folding ranges', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(symbols.map((s) => s.name), ['Listening', 'Access and logins', 'TLS', 'Passive mode', 'Unknown directives']);
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepEqual(folds, [{ startLine: 0, endLine: 8, kind: 'region' }]);
  });

  it('re-checks on incremental edits and clears findings that no longer hold', async () => {
    await client.notify('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 6, character: 6 }, end: { line: 6, character: 7 } }, text: '' }],
    });
    const ds = await client.diagnostics(URI, (_d, p) => p.version === 2);
    assert.ok(!codes(ds).includes('vsftpd/space-before-equals'), codes(ds).join(' '));
    assert.ok(codes(ds).includes('vsftpd/duplicate-directive'));
  });

  it('applies rule settings from the client at once', async () => {
    client.settings = { rules: { 'vsftpd/duplicate-directive': 'off', 'vsftpd/pasv-range-inverted': 'error' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const ds = await client.diagnostics(URI, (d) => d.length > 0 && !codes(d).includes('vsftpd/duplicate-directive'));
    assert.equal(ds.find((d) => d.code === 'vsftpd/pasv-range-inverted')?.severity, 1);
    client.settings = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(URI, (d) => codes(d).includes('vsftpd/duplicate-directive'));
  });

  it('stays up for requests about unknown documents and out-of-range positions', async () => {
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.conf' }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 9999, character: 9999 } }), null);
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri: 'file:///nowhere.conf' }, position: { line: 0, character: 0 } }), []);
  });

  it('recognises a file by its name when the client calls it plain text, and refuses binary content politely', async () => {
    const named = 'file:///srv/other/vsftpd.conf';
    await client.open(named, 'listen=YES\nlisten_ipv6=YES\nlocal_enable=YES\n', 'plaintext');
    assert.ok(codes(await client.diagnostics(named)).includes('vsftpd/listen-and-listen-ipv6'));
    const binary = 'file:///srv/bin/vsftpd.conf';
    await client.open(binary, 'listen=YES\u0000\u0001', 'vsftpd');
    const ds = await client.diagnostics(binary);
    assert.deepEqual(codes(ds), ['ftpwall/file-not-checked']);
    assert.equal(ds[0]!.severity, 3);
  });

  it('refuses a document over the 16 MiB limit with one information diagnostic, counting its UTF-8 bytes', async () => {
    // 5.6M two-byte characters are 11 MiB: under the limit, though three bytes per character would not be.
    const under = 'file:///srv/size/under/vsftpd.conf';
    await client.open(under, `listen=YES\nlisten_ipv6=YES\n# ${'\u00e9'.repeat(5_600_000)}\n`, 'vsftpd');
    assert.ok(codes(await client.diagnostics(under, (d) => d.length > 0, 30_000)).includes('vsftpd/listen-and-listen-ipv6'));
    // 8.5M of them are 17 MiB.
    const over = 'file:///srv/size/over/vsftpd.conf';
    await client.open(over, `listen=YES\nlisten_ipv6=YES\n# ${'\u00e9'.repeat(8_500_000)}\n`, 'vsftpd');
    const ds = await client.diagnostics(over, (d) => d.length > 0, 30_000);
    assert.deepEqual(codes(ds), ['ftpwall/file-not-checked']);
    assert.equal(ds[0]!.severity, 3);
    assert.match(String(ds[0]!.message), /larger than 16 MiB/);
  });

  it('clears diagnostics when a document closes', async () => {
    await client.notify('textDocument/didClose', { textDocument: { uri: URI } });
    await client.diagnostics(URI, (d) => d.length === 0);
    assert.equal(client.process.exitCode, null, client.stderr);
  });
});
