import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { proftpdLanguage } from '../../../server/src/languages/proftpd/language.js';
import { readProftpdFile } from '../../../server/src/languages/proftpd/syntax.js';
import { recognize } from '../../../server/src/analysis/languages.js';
import { checkFiles, HOST } from '../../helpers/hosts.js';
import { runExplain, formatExplainText } from '../../../server/src/cli/explain-command.js';
import { scratch } from '../../helpers/temp.js';

const MAIN = `${HOST}/etc/proftpd/proftpd.conf`;
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('ProFTPD: reading lines as proftpd 1.3.8 does', () => {
  it('splits words, undoes quotes and escapes, ends at an inline comment, joins continued lines', () => {
    const file = readProftpdFile(lines('  ServerName "my \\"ftp\\" site" # name', 'PassivePorts 40000 \\', '  40100', '# PassivePorts 1 2', '<VirtualHost 10.0.0.5>', '</VirtualHost>'), 'x.conf');
    assert.deepEqual(file.entries.map((e) => [e.name.value, ...e.args.map((a) => a.value)]), [['ServerName', 'my "ftp" site'], ['PassivePorts', '40000', '40100'], ['<VirtualHost>', '10.0.0.5'], ['</VirtualHost>']]);
    // ProFTPD names the last line of a continued line.
    assert.equal(file.entries[1]!.line, 2);
    assert.deepEqual(file.comments, [3]);
  });
});

describe('ProFTPD: what each server does', () => {
  it('a virtual host takes <Global> lines but not the main server\'s; the first line that applies wins', () => {
    const files = { [MAIN]: lines('Port 21', 'PassivePorts 40000 40100', 'PassivePorts 41000 41100', '<Global>', '  MasqueradeAddress 203.0.113.7', '</Global>', '<VirtualHost 10.0.0.5>', '  Port 2121', '</VirtualHost>') };
    const { findings } = checkFiles(files);
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
    const explained = formatExplainTextFor(files);
    assert.match(explained, /the main server\n\s+control .*21/);
    assert.match(explained, /passive .*40000-40100/);
    // The virtual host has no PassivePorts of its own: ProFTPD's default range.
    assert.match(explained, /<VirtualHost 10\.0\.0\.5>\n\s+control .*2121\s[\s\S]*passive .*1024-65535/);
  });

  it('RootRevoke off makes active data come from the port below the control port; unset, from a random port', () => {
    const at = (extra: string[]) => checkFiles({ [MAIN]: lines('Port 21', ...extra), [`${HOST}/etc/iptables/rules.v4`]: lines('*filter', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT') }).paths.active.ports.toString();
    assert.equal(at(['RootRevoke off']), '20');
    assert.equal(at([]), '32768-60999');
  });

  it('passive mode is off only when a <Limit> at the server\'s level denies both PASV and EPSV to everyone', () => {
    const rules = lines('*filter', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT');
    const passive = (...extra: string[]) => checkFiles({ [MAIN]: lines('Port 21', ...extra), [`${HOST}/etc/iptables/rules.v4`]: rules }).paths.passive.verdict;
    assert.equal(passive('<Limit PASV EPSV>', 'DenyAll', '</Limit>'), 'disabled');
    assert.equal(passive('<Global>', '<Limit EPSV PASV>', 'DenyAll', '</Limit>', '</Global>'), 'disabled');
    // Only PASV: clients ask EPSV; some users let in; only inside <Anonymous>.
    assert.equal(passive('<Limit PASV>', 'DenyAll', '</Limit>'), 'open');
    assert.equal(passive('<Limit PASV EPSV>', 'AllowUser admin', 'DenyAll', '</Limit>'), 'open');
    assert.equal(passive('<Anonymous /srv/ftp>', '<Limit PASV EPSV>', 'DenyAll', '</Limit>', '</Anonymous>'), 'open');
  });

  it('an Include of a file already being read is reported (ProFTPD never finishes starting) and ends, instead of looping', () => {
    const { findings, paths } = checkFiles({ [MAIN]: lines('Port 21', 'Include /etc/proftpd/conf.d/'), [`${HOST}/etc/proftpd/conf.d/a.conf`]: lines('Include /etc/proftpd/proftpd.conf') });
    assert.match(findings.find((f) => f.ruleId === 'proftpd/config-refused')!.message, /proftpd\.conf is already being read here/);
    assert.equal(paths.control.verdict, 'blocked');
  });

  it('an Include the host does not hold makes the verdicts conditional, naming it', () => {
    const { paths } = checkFiles({ [MAIN]: lines('Port 21', 'Include /etc/proftpd/elsewhere.conf'), [`${HOST}/etc/iptables/rules.v4`]: lines('*filter', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT') });
    assert.equal(paths.passive.verdict, 'conditional');
    assert.match(paths.passive.reason, /Include of \/etc\/proftpd\/elsewhere\.conf/);
  });

  it('TLS offered but not required makes a helper-dependent passive path conditional', () => {
    const rules = lines('*raw', ':PREROUTING ACCEPT [0:0]', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT', '*filter', ':INPUT DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT');
    const tls = (required: string) => checkFiles({ [MAIN]: lines('Port 21', 'PassivePorts 40000 40100', 'LoadModule mod_tls.c', 'TLSEngine on', `TLSRequired ${required}`), [`${HOST}/etc/iptables/rules.v4`]: rules }).paths.passive.verdict;
    assert.equal(tls('off'), 'conditional');
    assert.equal(tls('on'), 'blocked');
  });

  it('the passive-range fix adds PassivePorts before the first Include', () => {
    const files = { [MAIN]: lines('Include /etc/proftpd/modules.conf', 'Port 21'), [`${HOST}/etc/proftpd/modules.conf`]: lines('# modules'), [`${HOST}/etc/iptables/rules.v4`]: lines('*filter', ':INPUT DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT') };
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0]!;
    const edit = fix.edits[MAIN]![0]!;
    assert.equal(edit.newText, 'PassivePorts 40000 40100\n');
    assert.equal(edit.range.start.line, 0);
  });
});

describe('ProFTPD: the editor', () => {
  const doc = proftpdLanguage.read(lines('# ftp', '# site', 'Port 21', '<VirtualHost 10.0.0.5>', '  PassivePorts 50000 50010', '</VirtualHost>'), MAIN);
  it('is recognised by name and by content', () => {
    assert.equal(recognize(MAIN)?.id, 'proftpd');
    assert.equal(recognize(`${HOST}/etc/proftpd/conf.d/passive`)?.id, 'proftpd');
    assert.equal(recognize('/x/site.conf', lines('ServerType standalone', 'Port 21', 'PassivePorts 40000 40100', 'User proftpd'))?.id, 'proftpd');
    assert.equal(recognize('/x/sshd.conf', lines('Port 22', 'PermitRootLogin no', 'PasswordAuthentication no'))?.id === 'proftpd', false);
  });
  it('hovers a directive in its own words, with where it is allowed', () => {
    const hover = proftpdLanguage.hover(doc, { line: 4, character: 4 })!;
    assert.match(hover.markdown, /\*\*PassivePorts\*\* \(mod_core\) — The range passive data connections use/);
    assert.match(hover.markdown, /Allowed in: server config, <VirtualHost>, <Global>/);
    assert.match(hover.markdown, /Syntax: `PassivePorts min max` · Default: None/);
  });
  it('completes directive names at the start of a line, those deciding FTP\'s paths first', () => {
    const entries = proftpdLanguage.completions(doc, { line: 2, character: 2 });
    const passive = entries.find((e) => e.label === 'PassivePorts')!;
    assert.ok(passive.sortText!.startsWith('0'));
    assert.deepEqual(proftpdLanguage.completions(doc, { line: 2, character: 6 }), []);
  });
  it('gives sections as symbols holding their lines, and folds sections and comments', () => {
    const symbols = proftpdLanguage.symbols(doc);
    assert.deepEqual(symbols.map((s) => s.name), ['Port', '<VirtualHost 10.0.0.5>']);
    assert.deepEqual(symbols[1]!.children!.map((s) => `${s.name} ${s.detail}`), ['PassivePorts 50000 50010']);
    assert.deepEqual(proftpdLanguage.folding(doc).map((f) => [f.startLine, f.endLine, f.kind]), [[3, 5, undefined], [0, 1, 'comment']]);
  });
});

/** `ftpwall explain` text for in-memory files, through a host folder on disk. */
function formatExplainTextFor(files: Record<string, string>): string {
  const root = scratch({});
  for (const [path, text] of Object.entries(files)) { const full = join(root, path.slice(HOST.length)); mkdirSync(dirname(full), { recursive: true }); writeFileSync(full, text); }
  return formatExplainText(runExplain([root]).hosts);
}
