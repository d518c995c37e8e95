import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const INSTALL = join(import.meta.dirname, '..', '..', '.cache', 'code-server');
export const CODE_SERVER = join(INSTALL, 'node_modules', '.bin', 'code-server');
/** The marker scripts/install-code-server.sh leaves once every step worked (the binary alone may be half installed). */
export const CODE_SERVER_COMPLETE = join(INSTALL, (existsSync(INSTALL) ? readdirSync(INSTALL) : []).find((name) => name.startsWith('.complete-')) ?? '.complete');

async function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); }); });
}

/** code-server on loopback with its own config, user data and extensions folders, killed with its process group. */
export class CodeServer {
  private process?: ChildProcess;
  port = 0;
  log = '';

  constructor(readonly home: string, readonly extensionsDir = join(home, 'extensions')) {}

  /** `untrusted`: workspace trust stays on and the folder opens in Restricted Mode, without the trust prompt. */
  async start(folder: string, { untrusted = false } = {}): Promise<void> {
    this.port = await freePort();
    mkdirSync(join(this.home, 'user', 'User'), { recursive: true });
    writeFileSync(join(this.home, 'config.yaml'), 'auth: none\n');
    const trust = untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : { 'security.workspace.trust.enabled': false };
    writeFileSync(join(this.home, 'user', 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', ...trust, 'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off' }));
    this.process = spawn(CODE_SERVER, [
      '--config', join(this.home, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`, '--disable-telemetry', '--disable-update-check',
      ...(untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--user-data-dir', join(this.home, 'user'), '--extensions-dir', this.extensionsDir, folder,
    ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}' } });
    this.process.stdout!.on('data', (d) => { this.log += d; });
    this.process.stderr!.on('data', (d) => { this.log += d; });
    const deadline = Date.now() + 60_000;
    while (!/HTTP server listening/.test(this.log)) {
      if (Date.now() > deadline || this.process.exitCode !== null) throw new Error(`code-server did not start:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  url(folder: string, payload?: Array<[string, string]>): string {
    const base = `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(folder)}`;
    return payload ? `${base}&payload=${encodeURIComponent(JSON.stringify(payload))}` : base;
  }

  /** A path as the browser-side workbench names it for the extension host. */
  remote(path: string): string { return `vscode-remote://127.0.0.1:${this.port}${path}`; }

  stop(): void {
    try { if (this.process?.pid) process.kill(-this.process.pid, 'SIGKILL'); } catch { /* gone already */ }
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  return context.newPage();
}
