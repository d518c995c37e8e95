import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { checkText } from '../../server/src/analysis/check.js';
import { recognize } from '../../server/src/analysis/languages.js';
import { readScriptDocument } from '../../server/src/languages/iptables/script-document.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');

function scenarioFile(relative: string) {
  const path = join(examples, relative);
  const text = readFileSync(path, 'utf8');
  const language = recognize(path, text);
  assert.ok(language, `${relative} is not recognised`);
  return { path, text, language, findings: checkText(language, text, path) };
}

/** What each scenario's firewall and module files show on their own (the host cross-check comes later). */
describe('scenarios: the firewall and module files', () => {
  it('every scenario firewall file loads: no errors', () => {
    for (const relative of ['01-only-control-port-open/etc/sysconfig/iptables', '02-passive-range-opened/etc/sysconfig/iptables', '03-directives-run-together/etc/sysconfig/iptables', '04-inverted-range/etc/sysconfig/iptables', '05-iptables-config-modules/etc/sysconfig/iptables', '06-rc-local-typos/etc/rc.local', '07-active-only/etc/iptables/rules.v4', '08-helper-loaded-not-assigned/etc/sysconfig/iptables', '08b-helper-assigned/etc/sysconfig/iptables', '09-shell-script-firewall/etc/firewall.sh', '10-two-hosts/hosts/ftp1/etc/iptables/rules.v4', '10-two-hosts/hosts/ftp2/etc/iptables/rules.v4']) {
      assert.deepEqual(scenarioFile(relative).findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`), [], relative);
    }
  });

  it('05: the first IPTABLES_MODULES is flagged, and the fix writes one line with both helpers', () => {
    const { path, text, findings } = scenarioFile('05-iptables-config-modules/etc/sysconfig/iptables-config');
    const overwritten = findings.find((f) => f.ruleId === 'modules/iptables-modules-overwritten')!;
    assert.equal(overwritten.range.start.line, 2);
    const fixed = applyEdits(text, overwritten.fixes[0]!.edits[path]!).text;
    assert.match(fixed, /^IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"$/m);
    assert.equal(fixed.match(/^IPTABLES_MODULES=/gm)!.length, 1);
    assert.ok(findings.some((f) => f.ruleId === 'modules/helper-needs-assignment'), 'loading is not assigning');
  });

  it('06: both misspelt module names are flagged with the nearest real name', () => {
    const modprobe = scenarioFile('06-rc-local-typos/etc/modprobe.conf').findings.find((f) => f.ruleId === 'modules/misspelt-module')!;
    assert.match(modprobe.message, /"ip_conntract_ftp".*Did you mean "ip_conntrack_ftp"/);
    const rc = scenarioFile('06-rc-local-typos/etc/rc.local').findings.find((f) => f.ruleId === 'modules/misspelt-module')!;
    assert.match(rc.message, /"ip_conntract".*Did you mean "ip_conntrack"/);
    assert.equal(rc.range.start.line, 2);
  });

  it('09: the script\'s variables resolve to the passive range 40000:40100', () => {
    const { path, text } = scenarioFile('09-shell-script-firewall/etc/firewall.sh');
    const doc = readScriptDocument(text, path);
    const input = doc.rulesets[0]!.chain('filter', 'INPUT')!;
    assert.equal(input.policy, 'DROP');
    const passive = input.rules.find((r) => r.parsed.matches.some((m) => m.options.some((o) => o.args[0]?.value === '40000:40100')));
    assert.ok(passive, input.rules.map((r) => r.parsed.words.map((w) => w.value).join(' ')).join('\n'));
    assert.equal(input.rules.length, 5);
  });

  it('08: the helper is loaded, and that alone is called out as not enough', () => {
    const ids = scenarioFile('08-helper-loaded-not-assigned/etc/sysconfig/iptables-config').findings.map((f) => f.ruleId);
    assert.deepEqual(ids, ['modules/helper-needs-assignment']);
  });
});
