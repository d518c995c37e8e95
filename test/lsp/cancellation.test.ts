import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lsp-client.js';

const URI = 'file:///srv/cancel/etc/iptables/rules.v4';
const REQUEST_CANCELLED = -32800;

const rules = (chains: string[]) => `*filter\n:INPUT DROP [0:0]\n${chains.map((c) => `:${c} - [0:0]\n`).join('')}-A INPUT -p tcp --dport 21 -j ACCEPT\nCOMMIT\n`;
const symbolsRequest = (id: string) => ({ id, method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } });
const cancel = (id: string) => ({ method: '$/cancelRequest', params: { id } });
const names = (symbols: DocumentSymbol[]): string[] => symbols.flatMap((s) => [s.name, ...names(s.children ?? [])]);

describe('requests the editor cancels', () => {
  const client = new TestClient();
  before(async () => {
    await client.initialize();
    await client.open(URI, rules(['WEB']), 'iptables');
    await client.diagnostics(URI);
  });
  after(() => client.close());

  it('are answered "cancelled" when the cancel arrives while they still wait', async () => {
    client.sendTogether([symbolsRequest('waiting'), cancel('waiting')]);
    const response = await client.rawResponse('waiting');
    assert.equal(response.error?.code, REQUEST_CANCELLED, JSON.stringify(response));
    assert.equal(response.result, undefined);
  });

  it('are answered in full when nobody cancels them', async () => {
    client.sendTogether([symbolsRequest('kept')]);
    const response = await client.rawResponse('kept');
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    assert.ok(names(response.result as DocumentSymbol[]).includes('WEB'), JSON.stringify(response.result));
  });

  it('behind an edit: the stale request is dropped and the one after it sees the new text', async () => {
    client.sendTogether([
      { method: 'textDocument/didChange', params: { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: rules(['WEB', 'MAIL']) }] } },
      symbolsRequest('stale'),
      cancel('stale'),
      symbolsRequest('current'),
    ]);
    const [stale, current] = await Promise.all([client.rawResponse('stale'), client.rawResponse('current')]);
    assert.equal(stale.error?.code, REQUEST_CANCELLED, JSON.stringify(stale));
    assert.ok(names(current.result as DocumentSymbol[]).includes('MAIL'), JSON.stringify(current.result));
  });

  it('cancelled after their answer change nothing, and the server goes on answering', async () => {
    client.sendTogether([symbolsRequest('done')]);
    await client.rawResponse('done');
    client.sendTogether([cancel('done')]);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(names(symbols).includes('MAIL'));
    assert.equal(client.process.exitCode, null, client.stderr);
  });
});
