import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import yauzl from 'yauzl';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');

/** Every entry of a zip file, with its content. */
function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => { entries.set(entry.fileName, Buffer.concat(chunks)); zip.readEntry(); });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the .vsix package', () => {
  it('holds the bundles, grammar, rule pages and metadata, and nothing else', async () => {
    const out = scratch({});
    const vsix = join(out, 'ftpwall.vsix');
    execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: root, stdio: 'pipe' });
    const entries = await readZip(vsix);
    const names = [...entries.keys()];
    for (const required of [
      'extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/cli.js', 'extension/dist/cli-main.js', 'extension/dist/package.json',
      'extension/syntaxes/vsftpd.tmLanguage.json', 'extension/language-configuration.vsftpd.json', 'extension/docs/rules/vsftpd/unknown-directive.md',
      'extension/images/icon.png', 'extension/schemas/ftpwall.schema.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
    ]) assert.ok(names.some((n) => n.toLowerCase() === required.toLowerCase()), `missing ${required}; have ${names.join(', ')}`);
    for (const name of names) {
      assert.ok(!/node_modules|\/src\/|\/test\/|\.ts$|\.map$|\/scripts\//.test(name), `should not be packaged: ${name}`);
    }

    // The bundles must run from the package alone, with no node_modules anywhere above them.
    const unpacked = scratch({});
    for (const [name, content] of entries) {
      if (!name.startsWith('extension/')) continue;
      const target = join(unpacked, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    const conf = join(unpacked, 'vsftpd.conf');
    writeFileSync(conf, 'listen=YES\nlisten_ipv6=YES\nlocal_enable=YES\n');
    const run = spawnSync(process.execPath, [join(unpacked, 'extension', 'dist', 'cli.js'), 'check', '--format', 'json', conf], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.ok(JSON.parse(run.stdout).diagnostics.some((d: { code: string }) => d.code === 'vsftpd/listen-and-listen-ipv6'));
    const manifest = JSON.parse(entries.get('extension/package.json')!.toString());
    assert.equal(manifest.main, './dist/client.js');
    assert.ok(manifest.capabilities.untrustedWorkspaces.supported);
  });
});
