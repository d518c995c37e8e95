import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lsp-client.js';

const URI = 'file:///srv/flood/etc/vsftpd.conf';
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

describe('the server survives a misbehaving client', () => {
  const client = new TestClient();
  before(async () => { await client.initialize(); await client.open(URI, 'listen=YES\nlocal_enable=YES\n'); await client.diagnostics(URI, (d) => d.length > 0); });
  after(() => client.close());

  it('takes edits with positions far outside the document and keeps answering', async () => {
    await client.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 500, character: 90 }, end: { line: 900, character: 3 } }, text: 'pasv_min_prot=1\n' }] });
    const ds = await client.diagnostics(URI, (_d, p) => p.version === 2);
    assert.ok(ds.some((d) => d.code === 'vsftpd/unknown-directive'), JSON.stringify(ds.map((d) => d.code)));
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: -5, character: -1 } }), null);
  });

  it('answers requests about documents it was never told about', async () => {
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/x.conf' }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri: 'file:///nowhere/x.conf' } }), []);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere/x.conf' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
  });

  it('absorbs 10,000 edits in a burst, stays responsive, checks the last version and gives its memory back', async () => {
    const pid = client.process.pid!;
    const baseline = rssKb(pid);
    let version = 3;
    for (let i = 0; i < 10_000; i++) {
      void client.notify('textDocument/didChange', { textDocument: { uri: URI, version: version++ }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: i % 2 ? '' : '#' }] });
    }
    const last = version - 1;
    await client.notify('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: [{ text: 'listen=YES\nlisten_ipv6=YES\nlocal_enable=YES\n' }] });
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 2 } });
    assert.ok(hover, 'the server answers right after the burst');
    const ds = await client.diagnostics(URI, (_d, p) => p.version === version, 30_000);
    assert.ok(ds.some((d) => d.code === 'vsftpd/listen-and-listen-ipv6'), `the final version (${version}, after ${last}) is checked`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const afterFlood = rssKb(pid);
    assert.ok(afterFlood - baseline < 100 * 1024, `memory grew from ${baseline} kB to ${afterFlood} kB`);
    assert.equal(client.process.exitCode, null, client.stderr);
  });
});
