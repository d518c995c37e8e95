import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { checkText } from '../../server/src/analysis/check.js';
import { vsftpdLanguage } from '../../server/src/languages/vsftpd/language.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');

function scenario(name: string, file = 'etc/vsftpd.conf') {
  const path = join(examples, name, file);
  const text = readFileSync(path, 'utf8');
  return { path, text, findings: checkText(vsftpdLanguage, text, path) };
}

/** What each scenario's vsftpd.conf alone must show (the firewall side comes with the host checks). */
describe('scenarios: the vsftpd.conf side', () => {
  it('03: the run-together line is flagged, and splitting it gives vsftpd both directives', () => {
    const { path, text, findings } = scenario('03-directives-run-together');
    const joined = findings.find((f) => f.ruleId === 'vsftpd/directives-run-together');
    assert.ok(joined, findings.map((f) => f.ruleId).join(' '));
    assert.equal(joined.range.start.line, 3);
    const fixed = applyEdits(text, joined.fixes[0]!.edits[path]!).text;
    assert.match(fixed, /^pasv_min_port=2222\npasv_max_port=2225$/m);
    assert.ok(!checkText(vsftpdLanguage, fixed, path).some((f) => f.ruleId === 'vsftpd/directives-run-together'));
  });

  it('04: the inverted range is flagged with the range vsftpd really uses, and the swap fixes it', () => {
    const { path, text, findings } = scenario('04-inverted-range');
    const inverted = findings.find((f) => f.ruleId === 'vsftpd/pasv-range-inverted')!;
    assert.match(inverted.message, /uses passive ports 20480-65535/);
    const fixed = applyEdits(text, inverted.fixes[0]!.edits[path]!).text;
    assert.match(fixed, /pasv_max_port=20480\npasv_min_port=10240/);
    assert.deepEqual(checkText(vsftpdLanguage, fixed, path).filter((f) => f.ruleId.startsWith('vsftpd/pasv-range')), []);
  });

  it('01 and 08: passive mode left at its defaults is pointed out', () => {
    for (const name of ['01-only-control-port-open', '08-helper-loaded-not-assigned', '08b-helper-assigned']) {
      const noRange = scenario(name).findings.find((f) => f.ruleId === 'vsftpd/pasv-no-range');
      assert.match(noRange?.message ?? '', /5001-65535/, name);
    }
  });

  it('02: logins in cleartext are worth a warning, the explicit range is not flagged', () => {
    const ids = scenario('02-passive-range-opened').findings.map((f) => f.ruleId);
    assert.ok(ids.includes('vsftpd/cleartext-login'));
    assert.ok(!ids.some((id) => id.startsWith('vsftpd/pasv-')), ids.join(' '));
  });

  it('07: anonymous login is noted, passive off with active on is not a fault', () => {
    const ids = scenario('07-active-only').findings.map((f) => f.ruleId);
    assert.ok(ids.includes('vsftpd/anonymous-login'));
    assert.ok(!ids.includes('vsftpd/no-data-mode') && !ids.includes('vsftpd/pasv-no-range'), ids.join(' '));
  });

  it('09: FTPS with a fixed range raises nothing about passive mode or the certificate path', () => {
    const ids = scenario('09-shell-script-firewall').findings.map((f) => f.ruleId);
    assert.ok(!ids.some((id) => id.startsWith('vsftpd/pasv-') || id === 'vsftpd/cleartext-login' || id === 'vsftpd/value-whitespace'), ids.join(' '));
  });

  it('no scenario vsftpd.conf is one vsftpd would refuse', () => {
    for (const name of ['01-only-control-port-open', '02-passive-range-opened', '03-directives-run-together', '04-inverted-range', '05-iptables-config-modules', '06-rc-local-typos', '07-active-only', '08-helper-loaded-not-assigned', '08b-helper-assigned', '09-shell-script-firewall']) {
      assert.deepEqual(scenario(name).findings.filter((f) => f.severity === 'error').map((f) => f.message), [], name);
    }
    for (const host of ['ftp1', 'ftp2']) assert.deepEqual(scenario('10-two-hosts', `hosts/${host}/etc/vsftpd.conf`).findings.filter((f) => f.severity === 'error'), []);
  });
});
