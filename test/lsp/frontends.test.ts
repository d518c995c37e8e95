import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../helpers/lsp-client.js';
import { scratch } from '../helpers/temp.js';

const CONF = 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n';
const ZONE_TEXT = ['<?xml version="1.0" encoding="utf-8"?>', '<zone>', '  <service name="ssh"/>', '  <port protocol="tcp" port="21"/>', '</zone>', ''].join('\n');
const USER_TEXT = ['*filter', ':ufw-user-input - [0:0]', ':ufw-user-output - [0:0]', ':ufw-user-forward - [0:0]', ':ufw-user-limit - [0:0]', ':ufw-user-limit-accept - [0:0]', '### RULES ###', '', '### tuple ### allow tcp 21 0.0.0.0/0 any 0.0.0.0/0 in', '-A ufw-user-input -p tcp --dport 21 -j ACCEPT', '', '### END RULES ###', 'COMMIT', ''].join('\n');

describe('language server with firewalld and ufw files', () => {
  // Hosts on disk, as an editor's workspace holds them: a firewalld host and a ufw host.
  const root = scratch({ 'fwd/etc/vsftpd.conf': CONF, 'fwd/etc/firewalld/zones/public.xml': ZONE_TEXT, 'ufw/etc/ufw/user.rules': USER_TEXT });
  const uri = (p: string) => pathToFileURL(join(root, p)).href;
  const VSFTPD = uri('fwd/etc/vsftpd.conf'), ZONE = uri('fwd/etc/firewalld/zones/public.xml'), USER_RULES = uri('ufw/etc/ufw/user.rules');
  const client = new TestClient();
  before(async () => {
    await client.initialize(pathToFileURL(root).href);
    await client.open(VSFTPD, CONF, 'vsftpd');
    await client.open(ZONE, ZONE_TEXT, 'firewalld');
    await client.open(USER_RULES, USER_TEXT, 'iptables');
  });
  after(() => client.close());

  it('judges the host through firewalld: passive is blocked, and the fix adds a <port> to the zone', async () => {
    const ds = await client.diagnostics(VSFTPD, (d) => d.some((x) => x.code === 'ftp/passive-blocked'));
    const finding = ds.find((d) => d.code === 'ftp/passive-blocked')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: VSFTPD }, range: finding.range, context: { diagnostics: [finding] } });
    const fix = actions.find((a) => /firewall-cmd --permanent --zone=public --add-port=40000-40100\/tcp/.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(fix.edit!.changes![ZONE]!.map((e) => e.newText), ['  <port protocol="tcp" port="40000-40100"/>\n']);
  });

  it('reports what firewalld refuses as it is typed, and clears it when corrected', async () => {
    await client.notify('textDocument/didChange', { textDocument: { uri: ZONE, version: 2 }, contentChanges: [{ text: ZONE_TEXT.replace('port="21"', 'port="21-70000"') }] });
    const refused = await client.diagnostics(ZONE, (d) => d.some((x) => x.code === 'firewalld/config-refused'));
    assert.match(String(refused.find((d) => d.code === 'firewalld/config-refused')!.message), /INVALID_PORT: '21-70000' is invalid port range/);
    await client.notify('textDocument/didChange', { textDocument: { uri: ZONE, version: 3 }, contentChanges: [{ text: ZONE_TEXT }] });
    await client.diagnostics(ZONE, (d) => !d.some((x) => x.code === 'firewalld/config-refused'));
  });

  it('explains a stock service on hover', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: ZONE }, position: { line: 2, character: 5 } });
    assert.match((hover.contents as MarkupContent).value, /firewalld's `ssh`: 22\/tcp/);
  });

  it('reads ufw\'s user.rules as ufw loads it: no finding, and its tuple lines as `ufw status` shows them', async () => {
    const ds = await client.diagnostics(USER_RULES, () => true);
    assert.deepEqual(ds.map((d) => d.code), []);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: USER_RULES }, position: { line: 8, character: 4 } });
    assert.match((hover.contents as MarkupContent).value, /\*\*21\/tcp\*\* ALLOW IN \*\*Anywhere\*\*/);
  });
});

describe('language server with scripts that configure ufw and firewalld, and a kickstart file', () => {
  const UFW_SCRIPT = ['#!/bin/sh', 'ufw --force reset', 'ufw default deny incoming', 'ufw allow 21/tcp', 'ufw --force enable', ''].join('\n');
  const KICKSTART = ['text', 'firewall --enabled --port=21:tcp', '%post', 'firewall-cmd --permanent --add-port=40000-40100/tcp', '%end', ''].join('\n');
  const root = scratch({ 'u/etc/vsftpd.conf': CONF, 'u/provision.sh': UFW_SCRIPT, 'k/etc/vsftpd.conf': CONF, 'k/ks.cfg': KICKSTART });
  const uri = (p: string) => pathToFileURL(join(root, p)).href;
  const U_CONF = uri('u/etc/vsftpd.conf'), U_SCRIPT = uri('u/provision.sh'), K_CONF = uri('k/etc/vsftpd.conf'), K_FILE = uri('k/ks.cfg');
  const client = new TestClient();
  before(async () => {
    await client.initialize(pathToFileURL(root).href);
    await client.open(U_CONF, CONF, 'vsftpd');
    await client.open(U_SCRIPT, UFW_SCRIPT, 'iptables-script');
    await client.open(K_CONF, CONF, 'vsftpd');
    await client.open(K_FILE, KICKSTART, 'kickstart');
  });
  after(() => client.close());

  it('judges a host through the ufw commands of its script, and clears the finding when the range is allowed there', async () => {
    await client.diagnostics(U_CONF, (d) => d.some((x) => x.code === 'ftp/passive-blocked'));
    await client.notify('textDocument/didChange', { textDocument: { uri: U_SCRIPT, version: 2 }, contentChanges: [{ text: UFW_SCRIPT.replace('ufw allow 21/tcp', 'ufw allow 21/tcp\nufw allow 40000:40100') }] });
    const refused = await client.diagnostics(U_SCRIPT, (d) => d.some((x) => x.code === 'ufw/command-refused'));
    assert.match(String(refused.find((d) => d.code === 'ufw/command-refused')!.message), /Must specify 'tcp' or 'udp' with multiple ports/);
    await client.notify('textDocument/didChange', { textDocument: { uri: U_SCRIPT, version: 3 }, contentChanges: [{ text: UFW_SCRIPT.replace('ufw allow 21/tcp', 'ufw allow 21/tcp\nufw allow 40000:40100/tcp') }] });
    await client.diagnostics(U_CONF, (d) => !d.some((x) => x.code === 'ftp/passive-blocked'));
  });

  it('reads a kickstart file: firewall-cmd in %post changes nothing, and its fix is firewall-offline-cmd', async () => {
    await client.diagnostics(K_CONF, (d) => d.some((x) => x.code === 'ftp/passive-blocked'));
    const ds = await client.diagnostics(K_FILE, (d) => d.some((x) => x.code === 'kickstart/firewall-cmd-in-post'));
    const warning = ds.find((d) => d.code === 'kickstart/firewall-cmd-in-post')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: K_FILE }, range: warning.range, context: { diagnostics: [warning] } });
    const fix = actions.find((a) => a.title === 'Use firewall-offline-cmd');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: K_FILE }, position: { line: 1, character: 20 } });
    assert.match((hover.contents as MarkupContent).value, /--port/);
  });
});
