import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vsftpdRules } from '../../../server/src/languages/vsftpd/rules/index.js';
import { check, findingsOf } from '../../helpers/vsftpd.js';
import { clean, RULE_CASES as CASES } from './rule-cases.js';

describe('vsftpd rules', () => {
  it('has fire and quiet cases for every registered rule', () => {
    for (const rule of vsftpdRules) {
      const cases = CASES[rule.id];
      assert.ok(cases, `no test cases for ${rule.id}`);
      assert.ok(cases.fires.length > 0 && cases.quiet.length > 0, `${rule.id} needs both kinds of case`);
    }
    assert.deepEqual(Object.keys(CASES).sort(), vsftpdRules.map((r) => r.id).sort());
  });

  it('finds nothing in a clean configuration', () => {
    assert.deepEqual(check(clean()).map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  for (const [id, { fires, quiet }] of Object.entries(CASES)) {
    describe(id, () => {
      fires.forEach((c, i) => {
        it(`fires (case ${i + 1}${c.says ? `: ${c.says}` : ''})`, () => {
          const found = findingsOf(c.text, id);
          assert.ok(found.length > 0, `expected ${id} in:\n${c.text.slice(0, 300)}\ngot: ${check(c.text).map((f) => f.ruleId).join(', ')}`);
          if (c.line !== undefined) assert.ok(found.some((f) => f.range.start.line + 1 === c.line), `expected on line ${c.line}, got ${found.map((f) => f.range.start.line + 1)}`);
          if (c.says) assert.ok(found.some((f) => f.message.includes(c.says!)), `expected "${c.says}" in: ${found.map((f) => f.message).join(' | ')}`);
          const severity = vsftpdRules.find((r) => r.id === id)!.severity;
          for (const f of found) assert.equal(f.severity, severity);
        });
      });
      quiet.forEach((text, i) => {
        it(`stays quiet (case ${i + 1})`, () => {
          assert.deepEqual(findingsOf(text, id).map((f) => f.message), []);
        });
      });
    });
  }
});
