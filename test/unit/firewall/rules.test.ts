import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../../server/src/analysis/registry.js';
import { hostRules } from '../../../server/src/rules/index.js';
import { checkAs } from '../../helpers/files.js';
import { FIREWALL_CASES } from './rule-cases.js';
import { RULE_CASES } from '../vsftpd/rule-cases.js';
import { NFT_CASES } from '../nftables/check-cases.js';
import { UFW_CASES } from '../ufw/check-cases.js';
import { FIREWALLD_CASES } from '../firewalld/check-cases.js';
import { PUREFTPD_CASES } from '../pureftpd/check-cases.js';
import { COMWARE_CASES } from '../comware/check-cases.js';
import { KICKSTART_CASES } from '../kickstart/check-cases.js';
import { HOSTS_ACCESS_CASES } from '../tcp-wrappers/check-cases.js';

describe('firewall, module and sysctl rules', () => {
  it('every registered rule has cases that fire and cases that stay quiet', () => {
    // Internal rules, and host rules (test/unit/host) and .ftpwall.json problems (test/cli), are covered elsewhere.
    const internal = new Set(['ftpwall/internal-error', 'ftpwall/file-not-checked', 'ftp/config-invalid', ...hostRules.map((r) => r.id)]);
    for (const rule of ALL_RULES) {
      if (internal.has(rule.id)) continue;
      const cases = FIREWALL_CASES[rule.id] ?? RULE_CASES[rule.id] ?? NFT_CASES[rule.id] ?? UFW_CASES[rule.id] ?? FIREWALLD_CASES[rule.id] ?? PUREFTPD_CASES[rule.id] ?? COMWARE_CASES[rule.id] ?? KICKSTART_CASES[rule.id] ?? HOSTS_ACCESS_CASES[rule.id];
      assert.ok(cases && cases.fires.length && cases.quiet.length, `no test cases for ${rule.id}`);
    }
  });

  for (const [id, { fires, quiet }] of Object.entries({ ...FIREWALL_CASES, ...NFT_CASES, ...UFW_CASES, ...FIREWALLD_CASES, ...PUREFTPD_CASES, ...COMWARE_CASES, ...KICKSTART_CASES, ...HOSTS_ACCESS_CASES })) {
    describe(id, () => {
      fires.forEach((c, i) => it(`fires (case ${i + 1}${c.says ? `: ${c.says}` : ''})`, () => {
        const all = checkAs(c.lang, c.text, c.path);
        const found = all.filter((f) => f.ruleId === id);
        assert.ok(found.length, `expected ${id}; got ${all.map((f) => `${f.ruleId}@${f.range.start.line + 1}: ${f.message}`).join(' | ')}\n${c.text}`);
        if (c.line) assert.ok(found.some((f) => f.range.start.line + 1 === c.line), `expected on line ${c.line}, got ${found.map((f) => f.range.start.line + 1)}`);
        if (c.says) assert.ok(found.some((f) => f.message.includes(c.says!)), `expected "${c.says}" in ${found.map((f) => f.message).join(' | ')}`);
      }));
      quiet.forEach((c, i) => it(`stays quiet (case ${i + 1})`, () => {
        assert.deepEqual(checkAs(c.lang, c.text, c.path).filter((f) => f.ruleId === id).map((f) => f.message), []);
      }));
    });
  }
});
