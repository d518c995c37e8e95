import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lsp-client.js';
import { scratch } from '../helpers/temp.js';

const CONF = 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n';
const RULES = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -j REJECT\nCOMMIT\n';
const RULES_OPEN = RULES.replace('-A INPUT -j REJECT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT\n-A INPUT -j REJECT');
const NFT = 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established,related accept\n\t\ttcp dport 21 accept\n\t}\n}\n';

describe('language server across a host\'s files', () => {
  const root = scratch({ 'web1/etc/vsftpd.conf': CONF, 'web1/etc/iptables/rules.v4': RULES, 'web2/etc/vsftpd.conf': CONF, 'web2/etc/iptables/rules.v4': RULES_OPEN, 'web3/etc/vsftpd.conf': CONF, 'web3/etc/nftables.conf': NFT });
  const uri = (p: string) => pathToFileURL(join(root, p)).href;
  const client = new TestClient();
  before(async () => { await client.initialize(pathToFileURL(root).href); });
  after(() => client.close());
  const codes = (ds: Array<{ code?: string | number }>) => ds.map((d) => String(d.code));

  it('checks files nobody opened, per host, without mixing hosts', async () => {
    const web1 = await client.diagnostics(uri('web1/etc/vsftpd.conf'), (d) => codes(d).includes('ftp/passive-blocked'));
    assert.match(String(web1.find((d) => d.code === 'ftp/passive-blocked')!.message), /none of them is accepted: .*REJECT at rules\.v4:5/);
    const web2 = await client.diagnostics(uri('web2/etc/vsftpd.conf'));
    assert.ok(!codes(web2).includes('ftp/passive-blocked'), codes(web2).join(' '));
  });

  it('offers a fix in vsftpd.conf whose edit goes into the firewall file', async () => {
    const ds = await client.open(uri('web1/etc/vsftpd.conf'), CONF).then(() => client.diagnostics(uri('web1/etc/vsftpd.conf'), (d) => codes(d).includes('ftp/passive-blocked')));
    const blocked = ds.find((d) => d.code === 'ftp/passive-blocked')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri('web1/etc/vsftpd.conf') }, range: blocked.range, context: { diagnostics: [blocked] } });
    const open = actions.find((a) => a.title.startsWith("Accept vsftpd's passive ports 40000-40100"))!;
    assert.ok(open, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(Object.keys(open.edit!.changes!), [uri('web1/etc/iptables/rules.v4')]);
    assert.match(open.edit!.changes![uri('web1/etc/iptables/rules.v4')]![0]!.newText, /^-A INPUT -p tcp --dport 40000:40100 -m comment --comment "ftpwall: vsftpd passive ports" -j ACCEPT\n$/);
  });

  it('shows the host\'s verdicts in hover and code lenses, and answers the explain request', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri('web1/etc/vsftpd.conf') }, position: { line: 4, character: 3 } });
    assert.match((hover.contents as MarkupContent).value, /Through this host's firewall[\s\S]*\*\*passive\*\* \(40000-40100\): \*\*blocked\*\* — deciding: rules\.v4:5/);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri('web1/etc/vsftpd.conf') } });
    assert.deepEqual(lenses.map((l) => l.command!.title), ['control connection 21: open (rules.v4:4, rules.v4:3)', 'passive data ports 40000-40100: blocked (rules.v4:5)', 'active data connection 32768-60999: open (rules.v4:3)']);
    assert.equal(lenses[1]!.range.start.line, 4);
    const explained = await client.request<{ root: string; paths: Record<string, { verdict: string }> }>('ftpwall/explain', { uri: uri('web1/etc/vsftpd.conf') });
    assert.equal(explained.root, join(root, 'web1'));
    assert.deepEqual(Object.values(explained.paths).map((p) => p.verdict), ['open', 'blocked', 'open']);
  });

  it('shows the verdicts through an nftables ruleset in code lenses and the explain request as for iptables', async () => {
    await client.open(uri('web3/etc/vsftpd.conf'), CONF);
    await client.diagnostics(uri('web3/etc/vsftpd.conf'), (d) => codes(d).includes('ftp/passive-blocked'));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri('web3/etc/vsftpd.conf') } });
    assert.deepEqual(lenses.map((l) => l.command!.title), ['control connection 21: open (nftables.conf:5, nftables.conf:4)', 'passive data ports 40000-40100: blocked (nftables.conf:3)', 'active data connection 32768-60999: open (nftables.conf:4)']);
    const explained = await client.request<{ paths: Record<string, { verdict: string }> }>('ftpwall/explain', { uri: uri('web3/etc/nftables.conf') });
    assert.deepEqual(Object.values(explained.paths).map((p) => p.verdict), ['open', 'blocked', 'open']);
  });

  it('re-checks the host when the firewall is edited in the editor, and clears what no longer holds', async () => {
    await client.open(uri('web1/etc/iptables/rules.v4'), RULES, 'iptables');
    await client.notify('textDocument/didChange', { textDocument: { uri: uri('web1/etc/iptables/rules.v4'), version: 2 }, contentChanges: [{ text: RULES_OPEN }] });
    const ds = await client.diagnostics(uri('web1/etc/vsftpd.conf'), (d) => !codes(d).includes('ftp/passive-blocked'));
    assert.ok(!codes(ds).includes('ftp/passive-blocked'));
  });

  it('re-checks a closed file changed on disk when the editor reports the change', async () => {
    const web2Rules = join(root, 'web2/etc/iptables/rules.v4');
    writeFileSync(web2Rules, RULES);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(web2Rules).href, type: 2 }] });
    const ds = await client.diagnostics(uri('web2/etc/vsftpd.conf'), (d) => codes(d).includes('ftp/passive-blocked'));
    assert.ok(codes(ds).includes('ftp/passive-blocked'));
  });
});

describe('language server: files the host reads from disk but never as documents', () => {
  const INETD_OFF = '#<off># ftp stream tcp nowait root /usr/sbin/vsftpd vsftpd /etc/vsftpd.conf\n';
  const root = scratch({ 'h/etc/vsftpd.conf': 'listen=NO\nlisten_ipv6=NO\nlocal_enable=YES\n', 'h/etc/inetd.conf': INETD_OFF });
  const uri = (p: string) => pathToFileURL(join(root, p)).href;
  const client = new TestClient();
  before(async () => { await client.initialize(pathToFileURL(root).href); });
  after(() => client.close());
  const codes = (ds: Array<{ code?: string | number }>) => ds.map((d) => String(d.code));

  it('re-checks the host when inetd.conf changes on disk, though ftpwall reads it only while building the host', async () => {
    await client.diagnostics(uri('h/etc/vsftpd.conf'), (d) => codes(d).includes('ftp/not-started-by-inetd'));
    const inetd = join(root, 'h', 'etc', 'inetd.conf');
    writeFileSync(inetd, INETD_OFF.replace('#<off># ', ''));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(inetd).href, type: 2 }] });
    const ds = await client.diagnostics(uri('h/etc/vsftpd.conf'), (d) => !codes(d).includes('ftp/not-started-by-inetd'));
    assert.ok(!codes(ds).includes('ftp/not-started-by-inetd'), codes(ds).join(' '));
  });

  it('reads an init script once when a runlevel link to it appears on disk (the link is no second script)', async () => {
    const script = join(root, 'h', 'etc', 'init.d', 'firewall');
    mkdirSync(dirname(script), { recursive: true });
    writeFileSync(script, '#!/bin/sh\niptables -P INPUT DROP\niptables -A INPUT -p tcp --dport 21 -j ACCEPT\n');
    mkdirSync(join(root, 'h', 'etc', 'rc2.d'));
    const link = join(root, 'h', 'etc', 'rc2.d', 'S01firewall');
    symlinkSync('../init.d/firewall', link);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [script, link].map((p) => ({ uri: pathToFileURL(p).href, type: 1 })) });
    const files = async () => (await client.request<{ files: string[] }>('ftpwall/explain', { uri: uri('h/etc/vsftpd.conf') })).files;
    assert.ok((await files()).includes(script), (await files()).join(', '));
    assert.ok(!(await files()).includes(link), (await files()).join(', '));
  });
});

describe('language server: host-wide fix-all and host settings', () => {
  const root = scratch({
    'h/etc/vsftpd.conf': 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=NO \n',
    'h/etc/iptables/rules.v4': '*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\r\n-A INPUT -p tcp --dport 21 -j ACCEPT\r\nCOMMIT\r\n',
    'h/etc/sysconfig/iptables-config': 'IPTABLES_MODULES="nf_conntrack_ftp"\n',
  });
  const uri = (p: string) => pathToFileURL(join(root, p)).href;
  const client = new TestClient();
  before(async () => { await client.initialize(pathToFileURL(root).href); });
  after(() => client.close());

  it('fixes every safe problem in every file of the host in one workspace edit', async () => {
    await client.diagnostics(uri('h/etc/iptables/rules.v4'), (d) => d.some((x) => x.code === 'iptables/carriage-return'));
    const edit = await client.request<{ changes: Record<string, Array<{ newText: string }>> }>('ftpwall/fixAllInHost', { uri: uri('h/etc/vsftpd.conf') });
    assert.deepEqual(Object.keys(edit.changes).sort(), [uri('h/etc/iptables/rules.v4'), uri('h/etc/vsftpd.conf')].sort());
    assert.ok(!edit.changes[uri('h/etc/iptables/rules.v4')]![0]!.newText.includes('\r'));
    assert.match(edit.changes[uri('h/etc/vsftpd.conf')]![0]!.newText, /ssl_enable=NO\n$/);
  });

  it('takes the kernel version from the settings when the host does not say', async () => {
    const passive = () => client.request<{ paths: { passive: { verdict: string } } }>('ftpwall/explain', { uri: uri('h/etc/vsftpd.conf') });
    await client.diagnostics(uri('h/etc/vsftpd.conf'));
    assert.equal((await passive()).paths.passive.verdict, 'blocked');
    client.settings = { kernel: '4.4' };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uri('h/etc/vsftpd.conf'), (d) => !d.some((x) => x.code === 'ftp/passive-blocked'));
    assert.equal((await passive()).paths.passive.verdict, 'open');
  });
});

describe('language server: a host\'s .ftpwall.json rules reach every check of its files', () => {
  const root = scratch({
    'h/.ftpwall.json': JSON.stringify({ rules: { 'vsftpd/cleartext-login': 'off' } }),
    'h/etc/vsftpd.conf': 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=NO\n',
    'h/etc/iptables/rules.v4': RULES,
  });
  const uri = (p: string) => pathToFileURL(join(root, p)).href;
  const client = new TestClient();
  before(async () => { await client.initialize(pathToFileURL(root).href); });
  after(() => client.close());
  const codes = (ds: Array<{ code?: string | number }>) => ds.map((d) => String(d.code));

  it('turns a per-file check off, and on again when .ftpwall.json changes on disk', async () => {
    const off = await client.diagnostics(uri('h/etc/vsftpd.conf'), (d) => codes(d).includes('ftp/passive-blocked'));
    assert.ok(!codes(off).includes('vsftpd/cleartext-login'), codes(off).join(' '));
    const config = join(root, 'h', '.ftpwall.json');
    writeFileSync(config, JSON.stringify({ rules: { 'vsftpd/cleartext-login': 'error' } }));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    const on = await client.diagnostics(uri('h/etc/vsftpd.conf'), (d) => codes(d).includes('vsftpd/cleartext-login'));
    assert.equal(on.find((d) => d.code === 'vsftpd/cleartext-login')!.severity, 1);
  });
});

describe('language server: a server behind a switch whose ACLs are edited in the editor', () => {
  const example = join(import.meta.dirname, '..', '..', 'examples', '12-switch-acl-in-front', 'hosts');
  const read = (p: string) => readFileSync(join(example, p), 'utf8');
  const SWITCH = read('switch/startup.cfg');
  const root = scratch({
    'ftp/etc/vsftpd.conf': read('ftp/etc/vsftpd.conf'), 'ftp/etc/iptables/rules.v4': read('ftp/etc/iptables/rules.v4'), 'ftp/.ftpwall.json': read('ftp/.ftpwall.json'),
    'switch/startup.cfg': SWITCH, 'switch/.ftpwall.json': read('switch/.ftpwall.json'),
  });
  const uri = (p: string) => pathToFileURL(join(root, p)).href;
  const client = new TestClient();
  before(async () => { await client.initialize(pathToFileURL(root).href); });
  after(() => client.close());
  const codes = (ds: Array<{ code?: string | number }>) => ds.map((d) => String(d.code));

  it('tells the server that the switch stops active data, shows it in the lenses, and takes it back when the ACL is edited', async () => {
    const before = await client.diagnostics(uri('ftp/etc/vsftpd.conf'), (d) => codes(d).includes('ftp/gateway-blocks'));
    assert.match(String(before.find((d) => d.code === 'ftp/gateway-blocks')!.message), /^Gateway \.\.\/switch stops active data/);
    await client.open(uri('ftp/etc/vsftpd.conf'), read('ftp/etc/vsftpd.conf'));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri('ftp/etc/vsftpd.conf') } });
    assert.match(lenses[2]!.command!.title, /^active data connection 32768-60999: blocked \(startup\.cfg:16\)/);
    // Without `established`, the server's replies rule lets its own connections out too.
    await client.open(uri('switch/startup.cfg'), SWITCH, 'comware');
    await client.notify('textDocument/didChange', { textDocument: { uri: uri('switch/startup.cfg'), version: 2 }, contentChanges: [{ text: SWITCH.replace(' destination 198.51.100.0 0.0.0.255 established', ' destination 198.51.100.0 0.0.0.255') }] });
    const after = await client.diagnostics(uri('ftp/etc/vsftpd.conf'), (d) => !codes(d).includes('ftp/gateway-blocks'));
    assert.ok(!codes(after).includes('ftp/gateway-blocks'), codes(after).join(' '));
  });
});
