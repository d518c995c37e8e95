import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { CODE_SERVER, CODE_SERVER_COMPLETE, CodeServer, launchBrowser, newPage } from '../helpers/code-server.js';
import { unmet } from '../helpers/requirements.js';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const output = join(root, 'test-output', 'e2e');

const needs = unmet('end-to-end tests', {
  commands: ['/usr/bin/chromium'],
  files: [{ path: CODE_SERVER_COMPLETE, madeBy: 'npm test installs code-server into .cache/' }, { path: join(root, 'dist', 'e2e', 'index.js'), madeBy: 'npm run build:e2e' }],
});

describe('end to end in a real VS Code (code-server) driven by Chromium', { skip: needs }, () => {
  mkdirSync(output, { recursive: true });
  const servers: CodeServer[] = [];
  after(() => { for (const s of servers) s.stop(); });

  /** Runs the built suite inside code-server's extension host; returns its console output once it passed. */
  async function runSuite(): Promise<string> {
    const workspace = join(scratch({}), 'examples');
    cpSync(join(root, 'examples'), workspace, { recursive: true });
    const server = new CodeServer(scratch({}));
    servers.push(server);
    await server.start(workspace);
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser);
      const lines: string[] = [];
      const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
      // The extension host forwards console output printf-style: format it as Node would.
      await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => { lines.push(format(...(args as [string, ...unknown[]]))); });
      await page.goto(server.url(workspace, [['extensionDevelopmentPath', server.remote(root)], ['extensionTestsPath', server.remote(join(root, 'dist', 'e2e', 'index.js'))]]));
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exit, new Promise<number>((r) => { timer = setTimeout(() => r(-1), 240_000); })]);
      clearTimeout(timer);
      await page.screenshot({ path: join(output, 'suite.png') });
      assert.equal(code, 0, `the suite failed (exit ${code}):\n${lines.join('\n').slice(-6000)}`);
      const log = lines.join('\n');
      assert.doesNotMatch(log, /pending|failing/);
      return log;
    } finally {
      await browser.close();
    }
  }

  it('runs the extension test suite inside the extension host and it passes', async () => {
    // Every test of the suite ran and passed: none pending, none failing.
    const log = await runSuite();
    assert.match(log, /6 passing/, log.slice(-3000));
  });
});

describe('the packaged .vsix in code-server, as a user meets it', { skip: needs }, () => {
  const servers: CodeServer[] = [];
  after(() => { for (const s of servers) s.stop(); });
  const home = scratch({});
  const extensionsDir = join(home, 'extensions');
  const workspace = join(scratch({}), 'examples');
  cpSync(join(root, 'examples', '01-only-control-port-open'), join(workspace, '01-only-control-port-open'), { recursive: true });

  /** code-server with the installed extension on the scenario folder, and Chromium on its page once the explorer shows. */
  async function openWorkbench(untrusted: boolean): Promise<{ page: import('playwright-core').Page; close(): Promise<void> }> {
    const server = new CodeServer(scratch({}), extensionsDir);
    servers.push(server);
    await server.start(workspace, { untrusted });
    const browser = await launchBrowser();
    const page = await newPage(browser);
    await page.goto(server.url(workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    return { page, close: () => browser.close() };
  }

  /** Opens vsftpd.conf the way a user does and returns the Problems panel's rows once ftpwall's finding is listed. */
  async function problemsOfVsftpdConf(page: import('playwright-core').Page, screenshot: string): Promise<string[]> {
    // Quick Open, type, Enter once the file is listed (the file index may not be ready on the first try).
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+P');
      await page.keyboard.type('01-only-control-port-open/etc/vsftpd.conf');
      const listed = await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="vsftpd.conf"]', { timeout: 10_000 }).then(() => true, () => false);
      if (listed) { await page.keyboard.press('Enter'); break; }
      await page.keyboard.press('Escape');
      if (attempt === 5) { await page.screenshot({ path: join(output, 'quick-open-failure.png') }); assert.fail('Quick Open never listed vsftpd.conf'); }
    }
    await page.waitForSelector('.tabs-container .tab[aria-label*="vsftpd.conf"]', { timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => /Passive data connections are blocked/.test(r.getAttribute('aria-label') ?? r.textContent ?? '')), undefined, { timeout: 60_000 })
      .catch(async (error: Error) => { await page.screenshot({ path: join(output, `${screenshot}-failure.png`) }); throw error; });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(output, `${screenshot}.png`) });
    return page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  }

  // Both tests below use the extension as a user installs it: packaged by vsce, installed by code-server.
  before(() => {
    const vsix = join(home, 'ftpwall.vsix');
    const packaged = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: root, encoding: 'utf8' });
    assert.equal(packaged.status, 0, packaged.stderr);
    const install = spawnSync(CODE_SERVER, ['--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(install.status, 0, install.stdout + install.stderr);
    const listed = spawnSync(CODE_SERVER, ['--extensions-dir', extensionsDir, '--list-extensions', '--show-versions'], { encoding: 'utf8', timeout: 60_000 });
    assert.match(listed.stdout, /^ftpwall\.ftpwall@0\.1\.0$/m);
  });

  it('installs with --install-extension, activates, lists findings in the Problems panel and shows the Explain view', async () => {
    const { page, close } = await openWorkbench(false);
    try {
      const rows = await problemsOfVsftpdConf(page, 'problems-panel');
      assert.ok(rows.some((r) => /Passive data connections are blocked/.test(r)), rows.join('\n'));
      assert.ok(rows.some((r) => /cleartext/.test(r)), rows.join('\n'));

      await page.keyboard.press('F1');
      await page.keyboard.type('ftpwall: Explain FTP path');
      await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Explain FTP path"]', { timeout: 20_000 });
      await page.keyboard.press('Enter');
      const frame = await waitForFrame(page, /FTP through/);
      assert.match(await frame.content(), /<tr class="blocked"><th>passive<\/th><td>5001-65535<\/td>/);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(output, 'explain-view.png') });
    } finally {
      await close();
    }
  });

  it('works in Restricted Mode: in an untrusted workspace the installed extension still checks the host', async () => {
    const { page, close } = await openWorkbench(true);
    try {
      // VS Code shows that the workspace is untrusted; an extension that did not declare support would be disabled here.
      await page.waitForSelector('[id="status.workspaceTrust"], .statusbar-item[aria-label*="Restricted Mode"]', { timeout: 30_000 })
        .catch(async (error: Error) => { await page.screenshot({ path: join(output, 'restricted-mode-failure.png') }); throw error; });
      const rows = await problemsOfVsftpdConf(page, 'restricted-mode');
      assert.ok(rows.some((r) => /Passive data connections are blocked/.test(r)), rows.join('\n'));
    } finally {
      await close();
    }
  });
});

/** Webviews live in nested iframes: find the one whose content matches. */
async function waitForFrame(page: import('playwright-core').Page, content: RegExp) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const html = await frame.content().catch(() => '');
      if (content.test(html)) return frame;
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`no frame matching ${content}`);
}
