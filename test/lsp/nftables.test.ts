import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, Hover, InitializeResult, MarkupContent, SemanticTokens } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lsp-client.js';

const VSFTPD = 'file:///srv/ftp/etc/vsftpd.conf';
const NFT = 'file:///srv/ftp/etc/nftables.conf';
const NFT_TEXT = ['flush ruleset', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority filter; policy drop;', '\t\tct state established,related accept', '\t\ttcp dport 21 acept', '\t}', '}', ''].join('\n');

describe('language server with an nftables ruleset', () => {
  const client = new TestClient();
  let initialized: InitializeResult;
  before(async () => {
    initialized = await client.initialize();
    await client.open(VSFTPD, 'listen=YES\nanonymous_enable=NO\npasv_min_port=40000\npasv_max_port=40100\n', 'vsftpd');
    await client.open(NFT, NFT_TEXT, 'nftables');
  });
  after(() => client.close());

  it('reports where nft refuses the file, and clears it as the rule is corrected', async () => {
    const ds = await client.diagnostics(NFT, (d) => d.some((x) => x.code === 'nftables/syntax-error'));
    assert.equal(ds.find((d) => d.code === 'nftables/syntax-error')!.range.start.line, 5);
    // As an editor sends a keystroke: the range typed in.
    const column = '\t\ttcp dport 21 ac'.length;
    await client.notify('textDocument/didChange', { textDocument: { uri: NFT, version: 2 }, contentChanges: [{ range: { start: { line: 5, character: column }, end: { line: 5, character: column } }, text: 'c' }] });
    const after = await client.diagnostics(NFT, (d) => !d.some((x) => x.code === 'nftables/syntax-error'));
    assert.deepEqual(after.filter((d) => d.severity === 1), []);
  });

  it('judges the host through the ruleset: the passive range is blocked', async () => {
    const ds = await client.diagnostics(VSFTPD, (d) => d.some((x) => x.code === 'ftp/passive-blocked'));
    assert.match(String(ds.find((d) => d.code === 'ftp/passive-blocked')!.message), /policy drop of chain input/);
  });

  it('answers hover and document symbols', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: NFT }, position: { line: 4, character: 33 } });
    assert.match((hover.contents as MarkupContent).value, /\*\*accept\*\*/);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: NFT } });
    assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [['inet filter', ['input']]]);
    assert.deepEqual(symbols[0]!.children![0]!.children!.map((r) => r.name), ['ct state established,related accept', 'tcp dport 21 accept']);
  });

  it('gives semantic tokens by the legend it announced: chains, the table, states, numbers, strings', async () => {
    const legend = initialized.capabilities.semanticTokensProvider!.legend.tokenTypes;
    const lines = NFT_TEXT.split('\n');
    const decode = ({ data }: SemanticTokens) => {
      const out: string[] = [];
      let line = 0, character = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i]!;
        character = data[i]! === 0 ? character + data[i + 1]! : data[i + 1]!;
        out.push(`${line}:${lines[line]!.slice(character, character + data[i + 2]!)}=${legend[data[i + 3]!]}`);
      }
      return out;
    };
    const all = decode(await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: NFT } }));
    for (const expected of ['1:table=keyword', '1:inet=type', '1:filter=namespace', '2:input=function', '3:input=enumMember', '4:established=enumMember', '5:21=number', '5:dport=keyword']) assert.ok(all.includes(expected), `${expected} in ${all.join(' ')}`);
    const ranged = decode(await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri: NFT }, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 40 } } }));
    assert.deepEqual(ranged, all.filter((t) => t.startsWith('4:')));
  });
});
