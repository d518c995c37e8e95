import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scratch } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function ftpwall(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CLEAN = 'listen=YES\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=YES\npasv_min_port=40000\npasv_max_port=40100\n';
/** A firewall that lets FTP through for CLEAN, so that a host made of both has nothing to report. */
const CLEAN_RULES = '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\n-A INPUT -p tcp --dport 21 -j ACCEPT\n-A INPUT -p tcp --dport 40000:40100 -j ACCEPT\n-A INPUT -j REJECT\nCOMMIT\n';
const WARNING_ONLY = CLEAN + 'pasv_promiscuous=YES\n';
const BROKEN = CLEAN + 'listen =YES\npasv_min_prot=1\n';

describe('ftpwall check', () => {
  const dir = scratch({
    'clean/vsftpd.conf': CLEAN,
    'clean/rules.v4': CLEAN_RULES,
    'lone/vsftpd.conf': CLEAN,
    'warn/vsftpd.conf': WARNING_ONLY,
    'warn/rules.v4': CLEAN_RULES,
    'badconfig/.ftpwall.json': '{ "kernel": 5.10, ',
    'badconfig/etc/vsftpd.conf': CLEAN,
    'badconfig/etc/iptables/rules.v4': CLEAN_RULES,
    'broken/etc/vsftpd.conf': BROKEN,
    'sniffed/ftp-settings': 'listen=YES\nlocal_enable=YES\nanonymous_enable=NO\n',
    'binary/vsftpd.conf': Buffer.from([0x6c, 0x69, 0x00, 0x01, 0x02]),
    'notes.txt': 'hello\n',
  });

  it('exits 0 with no output for a clean host', () => {
    const r = ftpwall(['check', '--failure-threshold', 'hint', join(dir, 'clean')]);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, '');
  });

  it('says once that a lone vsftpd.conf has no firewall beside it', () => {
    const r = ftpwall(['check', '--failure-threshold', 'hint', join(dir, 'lone/vsftpd.conf')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^.*vsftpd\.conf:1:1: information: This host has no firewall file .* \[ftp\/no-firewall\]\n$/);
  });

  it('reports a broken .ftpwall.json and carries on with the defaults', () => {
    const r = ftpwall(['check', '--format', 'json', join(dir, 'badconfig')]);
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'ftp/config-invalid');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /not valid JSON/);
    assert.equal(found[0].file, join(dir, 'badconfig', '.ftpwall.json'));
  });

  it('reports every one of 200,000 refused rules instead of failing on their number', () => {
    const many = ['*filter', ':INPUT DROP [0:0]', ...Array.from({ length: 200_000 }, (_, i) => `-A INPUT -p tcp --dport ${70000 + (i % 1000)} -j ACCEPT`), 'COMMIT', ''].join('\n');
    const own = scratch({ 'many.v4': many });
    const r = spawnSync(process.execPath, [cli, 'check', 'many.v4'], { cwd: own, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 30 });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.trim().split('\n').filter((l) => l.endsWith('[iptables/invalid-value]')).length, 200_000);
  });

  it('exits 1 on errors and prints compiler-style lines, 1-based', () => {
    const r = ftpwall(['check', 'broken/etc/vsftpd.conf'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('broken/etc/vsftpd.conf:7:7: error: Whitespace between "listen" and "=" makes vsftpd read the name "listen ", so it refuses to start ("unrecognised variable in config file: listen "). [vsftpd/space-before-equals]'), r.stdout);
    assert.ok(lines.some((l) => /^broken\/etc\/vsftpd\.conf:8:1: error: .*Did you mean "pasv_min_port".* \[vsftpd\/unknown-directive\]$/.test(l)), r.stdout);
  });

  it('applies --failure-threshold', () => {
    assert.equal(ftpwall(['check', join(dir, 'warn')]).code, 0);
    assert.equal(ftpwall(['check', '--failure-threshold', 'warning', join(dir, 'warn')]).code, 1);
    assert.equal(ftpwall(['check', '--failure-threshold', 'info', join(dir, 'clean')]).code, 0);
    assert.equal(ftpwall(['check', '--failure-threshold=error', join(dir, 'broken')]).code, 1);
  });

  it('prints the JSON contract with 0-based LSP positions and paths as given', () => {
    const r = ftpwall(['check', '--format', 'json', 'broken'], dir);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['diagnostics']);
    const d = json.diagnostics.find((x: { code: string }) => x.code === 'vsftpd/space-before-equals');
    assert.deepEqual(d, {
      file: join('broken', 'etc', 'vsftpd.conf'),
      range: { start: { line: 6, character: 6 }, end: { line: 6, character: 7 } },
      severity: 'error',
      code: 'vsftpd/space-before-equals',
      message: d.message,
    });
    for (const x of json.diagnostics) assert.deepEqual(Object.keys(x), ['file', 'range', 'severity', 'code', 'message']);
  });

  it('prints SARIF 2.1.0 with rule metadata and help links', () => {
    const r = ftpwall(['check', '--format', 'sarif', 'broken'], dir);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'ftpwall');
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'vsftpd/unknown-directive');
    assert.ok(rule.shortDescription.text.length > 10);
    assert.match(rule.helpUri, /docs\/rules\/vsftpd\/unknown-directive\.md$/);
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'vsftpd/unknown-directive');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'vsftpd/unknown-directive');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 8, startColumn: 1, endLine: 8, endColumn: 14 });
  });

  it('walks folders recursively, recognising files by name and by content', () => {
    const r = ftpwall(['check', '--format', 'json', '--failure-threshold', 'hint', '.'], dir);
    const files = new Set(JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => !d.code.startsWith('ftp/')).map((d: { file: string }) => d.file));
    assert.ok(files.has(join('sniffed', 'ftp-settings')), [...files].join(' '));
    assert.ok(files.has(join('broken', 'etc', 'vsftpd.conf')));
    assert.ok(![...files].some((f) => String(f).includes('notes.txt')));
  });

  it('exits 2 with one clear line for a missing path, and never a stack trace', () => {
    const r = ftpwall(['check', join(dir, 'nope.conf')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `ftpwall: ${join(dir, 'nope.conf')}: no such file or directory\n`);
  });

  it('exits 2 for a binary file, and still reports the other files', () => {
    const r = ftpwall(['check', join(dir, 'binary/vsftpd.conf'), join(dir, 'broken')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `ftpwall: ${join(dir, 'binary/vsftpd.conf')}: binary file (contains NUL bytes)\n`);
    assert.match(r.stdout, /vsftpd\/unknown-directive/);
  });

  it('exits 2 for a file over the 16 MiB limit without reading it, and still reports the other files', () => {
    const big = join(dir, 'big/rules.v4');
    mkdirSync(join(dir, 'big'));
    // A sparse file: its size is what is refused, before any of it is read.
    writeFileSync(big, '');
    truncateSync(big, 16 * 1024 * 1024 + 1);
    const r = ftpwall(['check', big, join(dir, 'broken')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `ftpwall: ${big}: file is larger than 16 MiB\n`);
    assert.match(r.stdout, /vsftpd\/unknown-directive/);
  });

  it('exits 2 on usage errors', () => {
    for (const args of [['check'], ['check', '--format', 'xml', '.'], ['check', '--failure-threshold', 'loud', '.'], ['frobnicate'], ['check', '--bogus', '.'], []]) {
      const r = ftpwall(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
    }
    assert.match(ftpwall(['check', '--format', 'xml', '.'], dir).stderr, /^ftpwall: --format takes text, json or sarif, not "xml"\n$/);
    assert.match(ftpwall(['--version']).stdout, /^ftpwall \d+\.\d+\.\d+\n$/);
  });

  it('explains each command on its own with help COMMAND or --help, and refuses an unknown one', () => {
    for (const args of [['help', 'check'], ['check', '--help']]) {
      const r = ftpwall(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /^Usage: ftpwall check \[--fix\][\s\S]*--failure-threshold LEVEL[\s\S]*judged inside its whole host[\s\S]*Exit status: 0/);
    }
    assert.match(ftpwall(['help', 'explain']).stdout, /^Usage: ftpwall explain[\s\S]*conditional/);
    assert.match(ftpwall(['help']).stdout, /ftpwall help check/);
    const unknown = ftpwall(['help', 'frobnicate']);
    assert.deepEqual([unknown.code, unknown.stderr], [2, 'ftpwall: no command "frobnicate" (commands: check, explain)\n']);
  });

  it('ends quietly when the reader of its output stops early', () => {
    // The SARIF of the examples is over 100 KB, more than a pipe holds, so the write meets the closed pipe.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" check --format sarif examples | head -c 10`], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.stdout, '{\n  "$sche');
    assert.equal(r.stderr, '');
  });

  it('survives a symbolic link loop while walking', () => {
    const loop = scratch({ 'a/vsftpd.conf': BROKEN });
    symlinkSync(join(loop, 'a'), join(loop, 'a', 'again'));
    symlinkSync(join(loop, 'missing'), join(loop, 'a', 'dangling'));
    const r = ftpwall(['check', '--format', 'json', loop]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).diagnostics.filter((d: { code: string }) => d.code === 'vsftpd/unknown-directive').length, 1);
  });

  it('in a folder, follows a link that stays inside it but not one that leads out (a copy of /etc keeps absolute links to this machine)', () => {
    const host = scratch({ 'etc/vsftpd.conf': 'listen=YES\n', 'etc/iptables/main.rules': '*filter\n-A INPUT -p tcp --dport 70000 -j ACCEPT\nCOMMIT\n' });
    mkdirSync(join(host, 'etc', 'alternatives'));
    // As Debian's alternatives: a binary, outside the host, under a name ftpwall reads.
    const elsewhere = scratch({ 'usr/sbin/iptables-nft-save': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]) });
    symlinkSync(join(elsewhere, 'usr', 'sbin', 'iptables-nft-save'), join(host, 'etc', 'alternatives', 'iptables-save'));
    symlinkSync('main.rules', join(host, 'etc', 'iptables', 'rules.v4'));
    const walked = ftpwall(['check', '--format', 'json', host]);
    assert.equal(walked.stderr, '');
    const files = new Set(JSON.parse(walked.stdout).diagnostics.map((d: { file: string }) => d.file.split('/etc/')[1]));
    assert.ok(files.has('iptables/rules.v4'), [...files].join(', '));
    // The file the link leads to is read once, under the name that says what loads it.
    assert.ok(!files.has('iptables/main.rules'), [...files].join(', '));
    // Named, the link is read as it leads.
    const named = ftpwall(['check', join(host, 'etc', 'alternatives', 'iptables-save')]);
    assert.match(named.stderr, /binary file/);
  });
});
