import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pureftpdOptionLanguage } from '../../../server/src/languages/pureftpd/language.js';
import { recognize } from '../../../server/src/analysis/languages.js';
import { checkFiles, HOST } from '../../helpers/hosts.js';
import { workspaceEdit } from '../../../server/src/lsp/code-actions.js';
import { pureftpdConfLanguage } from '../../../server/src/languages/pureftpd/upstream-language.js';

const conf = (name: string) => `${HOST}/etc/pure-ftpd/conf/${name}`;
const RULES = `${HOST}/etc/iptables/rules.v4`;
const open = ['*filter', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT', ''].join('\n');

describe('Pure-FTPd: what the option files make it do', () => {
  it('reads Bind, PassivePortRange, ForcePassiveIP, TLS and NATmode as pure-ftpd-wrapper passes them', () => {
    const { paths } = checkFiles({ [conf('Bind')]: ',2121\n', [conf('PassivePortRange')]: '40000 40100\n', [conf('ForcePassiveIP')]: '203.0.113.7\n', [RULES]: open });
    assert.equal(paths.server.server, 'Pure-FTPd');
    assert.equal(paths.control.ports.toString(), '2121');
    assert.equal(paths.passive.ports.toString(), '40000-40100');
    assert.equal(paths.server.announcedAddress, '203.0.113.7');
    // pure-ftpd binds active data to port 20.
    assert.equal(paths.active.ports.toString(), '20');
    assert.equal(checkFiles({ [conf('NATmode')]: 'yes\n', [RULES]: open }).paths.passive.verdict, 'disabled');
  });

  it('a range pure-ftpd refuses, or a file the wrapper skips, leaves the default range', () => {
    for (const files of [{ [conf('PassivePortRange')]: '100 200\n' }, { [conf('PassivePortRange.bak')]: '40000 40100\n' }]) {
      assert.equal(checkFiles({ ...files, [RULES]: open }).paths.passive.ports.toString(), '1024-65535');
    }
  });

  it('TLS 1 (offered) makes a helper-dependent passive path conditional; TLS 2 blinds the helper', () => {
    const rules = ['*raw', ':PREROUTING ACCEPT [0:0]', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT', '*filter', ':INPUT DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT', ''].join('\n');
    const verdict = (tls: string) => checkFiles({ [conf('TLS')]: `${tls}\n`, [conf('PassivePortRange')]: '40000 40100\n', [RULES]: rules }).paths.passive.verdict;
    assert.deepEqual([verdict('0'), verdict('1'), verdict('2')], ['open', 'conditional', 'blocked']);
  });

  it('the passive-range fix rewrites the PassivePortRange file', () => {
    const files = { [conf('PassivePortRange')]: '1024 65535\n', [RULES]: ['*filter', ':INPUT DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT', ''].join('\n') };
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => f.edits[conf('PassivePortRange')]);
    assert.ok(fix, finding.fixes.map((f) => f.title).join(' | '));
    assert.equal(fix.edits[conf('PassivePortRange')]![0]!.newText, '40000 40100');
  });
});

describe('Pure-FTPd: a fix that makes the option file', () => {
  it('without a PassivePortRange file, the passive fix creates it beside the other option files', () => {
    const files = { [conf('NoAnonymous')]: 'yes\n', [RULES]: ['*filter', ':INPUT DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT', ''].join('\n') };
    const finding = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!;
    const fix = finding.fixes.find((f) => f.preferred)!;
    assert.deepEqual(fix.creates, [conf('PassivePortRange')]);
    assert.equal(fix.edits[conf('PassivePortRange')]![0]!.newText, '40000 40100\n');
    assert.ok(fix.edits[RULES], 'and opens the range in the firewall');
    const edit = workspaceEdit(fix, (p) => `file://${p}`);
    assert.deepEqual(edit.documentChanges![0], { kind: 'create', uri: `file://${conf('PassivePortRange')}`, options: { ignoreIfExists: true } });
    assert.equal(edit.documentChanges!.length, 3);
  });
});

describe('Pure-FTPd: the editor', () => {
  it('knows option files by their folder, hovers the option and completes yes/no', () => {
    assert.equal(recognize(conf('TLS'))?.id, 'pureftpd-option');
    const doc = pureftpdOptionLanguage.read('# passive\n40000 40100\n', conf('PassivePortRange'));
    assert.match(pureftpdOptionLanguage.hover(doc, { line: 1, character: 2 })!.markdown, /\*\*PassivePortRange\*\* \(pure-ftpd -p, value: two numbers\) — The ports passive data connections use/);
    assert.deepEqual(pureftpdOptionLanguage.symbols(doc).map((s) => `${s.name} ${s.detail}`), ['PassivePortRange 40000 40100']);
    const nat = pureftpdOptionLanguage.read('yes\n', conf('NATmode'));
    assert.deepEqual(pureftpdOptionLanguage.completions(nat, { line: 0, character: 0 }).map((c) => c.label), ['yes', 'no']);
  });
});

describe('Pure-FTPd: upstream\'s pure-ftpd.conf', () => {
  const text = ['# passive', '# mode', 'PassivePortRange 40000 40100', 'ForcePassiveIP 203.0.113.7', 'ForcePassiveIP 198.51.100.1', 'NATmode no', ''].join('\n');
  it('gives the facts, the first ForcePassiveIP standing; a Boolean that is off sets nothing', () => {
    const { paths } = checkFiles({ [`${HOST}/etc/pure-ftpd.conf`]: text, [RULES]: open });
    assert.equal(paths.passive.ports.toString(), '40000-40100');
    assert.equal(paths.server.announcedAddress, '203.0.113.7');
    assert.notEqual(paths.passive.verdict, 'disabled');
  });
  it('hovers, completes, lists and folds', () => {
    const doc = pureftpdConfLanguage.read(text, `${HOST}/etc/pure-ftpd.conf`);
    assert.match(pureftpdConfLanguage.hover(doc, { line: 2, character: 3 })!.markdown, /\*\*PassivePortRange\*\* — The ports passive/);
    assert.ok(pureftpdConfLanguage.completions(doc, { line: 5, character: 0 }).some((c) => c.label === 'ForcePassiveIP'));
    assert.deepEqual(pureftpdConfLanguage.symbols(doc).map((s) => `${s.name} ${s.detail}`), ['PassivePortRange 40000 40100', 'ForcePassiveIP 203.0.113.7', 'ForcePassiveIP 198.51.100.1']);
    assert.deepEqual(pureftpdConfLanguage.folding(doc).map((f) => [f.startLine, f.endLine]), [[0, 1]]);
  });
  it('an Include is no error, but what it sets is unknown: the verdicts are conditional', () => {
    const { paths, findings } = checkFiles({ [`${HOST}/etc/pure-ftpd.conf`]: 'PassivePortRange 40000 40100\nInclude /etc/pure-ftpd/extra.conf\n', [RULES]: open });
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
    assert.equal(paths.passive.verdict, 'conditional');
    assert.match(paths.passive.reason, /Include of \/etc\/pure-ftpd\/extra\.conf/);
  });

  it('the passive fix rewrites the PassivePortRange line', () => {
    const files = { [`${HOST}/etc/pure-ftpd.conf`]: 'PassivePortRange 1024 65535\n', [RULES]: ['*filter', ':INPUT DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 21 -j ACCEPT', 'COMMIT', ''].join('\n') };
    const fix = checkFiles(files).findings.find((f) => f.ruleId === 'ftp/passive-blocked')!.fixes.find((f) => f.preferred)!;
    assert.equal(fix.edits[`${HOST}/etc/pure-ftpd.conf`]![0]!.newText, 'PassivePortRange 40000 40100');
  });
});
