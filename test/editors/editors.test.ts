import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const server = join(root, 'dist', 'server.js');
const CONF = 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=YES\npasv_min_prot=40000\npasv_max_port=40100\n';
const RULES = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -j REJECT\nCOMMIT\n';

/** A host folder as an editor would open it: a project (with .git) holding etc/. */
function project(): string {
  const dir = scratch({ 'etc/vsftpd.conf': CONF, 'etc/iptables/rules.v4': RULES });
  mkdirSync(join(dir, '.git'));
  return dir;
}

function diagnosticsFrom(output: string): Array<{ line: number; code: string; message: string }> {
  return output.split('\n').filter((l) => l.startsWith('DIAG ')).map((l) => {
    const [, line, code, ...message] = l.split(' ');
    return { line: Number(line), code: code!, message: message.join(' ') };
  });
}

function expectFtpwallDiagnostics(output: string): void {
  const diagnostics = diagnosticsFrom(output);
  const unknown = diagnostics.find((d) => d.code === 'vsftpd/unknown-directive');
  assert.ok(unknown, `no vsftpd/unknown-directive in:\n${output}`);
  assert.equal(unknown.line, 4);
  assert.match(unknown.message, /"pasv_min_prot" is not a vsftpd directive.*Did you mean "pasv_min_port"/);
  assert.ok(diagnostics.some((d) => d.code === 'ftp/passive-blocked'), `the host check (vsftpd against rules.v4) is missing:\n${output}`);
}

const needs = unmet('editor tests', { commands: ['nvim', 'emacs'], files: [{ path: server, madeBy: 'npm run build' }] });

describe('other real editors talk to the bundled server', { skip: needs }, () => {
  it('Neovim 0.7 (vim.lsp.start_client) receives the diagnostics, the host check included', () => {
    const dir = project();
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(import.meta.dirname, 'neovim-client.lua')}`], {
      cwd: dir, encoding: 'utf8', timeout: 40_000, env: { ...process.env, FTPWALL_SERVER: server, FTPWALL_ROOT: dir, FTPWALL_FILE: join(dir, 'etc', 'vsftpd.conf') },
    });
    assert.equal(run.status, 0, `nvim: ${run.stdout}\n${run.stderr}`);
    expectFtpwallDiagnostics(run.stdout);
  });

  it('Emacs 28 with eglot receives the diagnostics, the host check included', () => {
    const dir = project();
    // -q, not -Q: Debian activates its system-wide elpa packages (eglot) from the site start-up file.
    const run = spawnSync('emacs', ['--batch', '-q', '-l', join(import.meta.dirname, 'eglot-client.el')], {
      cwd: dir, encoding: 'utf8', timeout: 40_000, env: { ...process.env, FTPWALL_SERVER: server, FTPWALL_ROOT: dir, FTPWALL_FILE: join(dir, 'etc', 'vsftpd.conf') },
    });
    assert.equal(run.status, 0, `emacs: ${run.stdout}\n${run.stderr.slice(-2000)}`);
    expectFtpwallDiagnostics(run.stdout);
  });
});
