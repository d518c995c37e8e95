import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '../helpers/lsp-client.js';
import { scratch } from '../helpers/temp.js';
import { filesBelow } from '../helpers/walk.js';

/** Every file below a folder with its content, to compare before and after. */
function snapshot(dir: string): Map<string, string> {
  return new Map(filesBelow(dir).map((path) => [path, readFileSync(path, 'utf8')]));
}

const childrenOf = (pid: number) => readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));

describe('the server runs nothing and writes nothing', () => {
  const root = scratch({
    'etc/vsftpd.conf': 'listen=YES\nlocal_enable=YES\npasv_min_port=40000\npasv_max_port=40100\nbogus=1\n',
    'etc/iptables/rules.v4': '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -j REJECT\n',
    'etc/rc.local': '#!/bin/sh\nmodprobe nf_conntrack_ftp\niptables -A INPUT -j ACCEPT\n',
  });
  const before_ = snapshot(root);
  const client = new TestClient();
  before(async () => { await client.initialize(pathToFileURL(root).href); });
  after(() => client.close());

  it('checks, answers and offers fixes without starting a process or changing a file', async () => {
    const conf = pathToFileURL(join(root, 'etc/vsftpd.conf')).href;
    // Once the host is checked (rules.v4 and rc.local both write INPUT, so its paths depend on which is loaded last).
    const ds = await client.diagnostics(conf, (d) => d.some((x) => x.code === 'vsftpd/unknown-directive') && d.some((x) => x.code === 'vsftpd/anonymous-login-by-default'));
    await client.open(conf, readFileSync(join(root, 'etc/vsftpd.conf'), 'utf8'));
    await client.request('textDocument/codeAction', { textDocument: { uri: conf }, range: ds[0]!.range, context: { diagnostics: ds } });
    await client.request('textDocument/codeAction', { textDocument: { uri: conf }, range: ds[0]!.range, context: { diagnostics: [], only: ['source.fixAll'] } });
    await client.request('ftpwall/fixAllInHost', { uri: conf });
    await client.request('textDocument/hover', { textDocument: { uri: conf }, position: { line: 0, character: 1 } });
    // The script's modprobe and iptables lines were read, never run.
    assert.deepEqual(childrenOf(client.process.pid!), []);
    assert.deepEqual(snapshot(root), before_);
  });
});
