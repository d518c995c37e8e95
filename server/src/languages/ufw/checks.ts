import type { FileRule } from '../../core/rule.js';
import type { UfwSettingsDocument } from './settings.js';

const POLICIES = new Set(['ACCEPT', 'DROP', 'REJECT']);

export const ufwBadPolicy: FileRule<UfwSettingsDocument> = {
  id: 'ufw/bad-policy',
  severity: 'error',
  summary: 'A default policy ufw cannot set',
  docs: {
    detects: 'A DEFAULT_INPUT_POLICY, DEFAULT_OUTPUT_POLICY or DEFAULT_FORWARD_POLICY in /etc/default/ufw that is not ACCEPT, DROP or REJECT.',
    why: 'ufw\'s boot script hands the value to iptables, which refuses it: the policy stays ACCEPT and the chain that applies the policy is never made, so after.rules fails to load as well. What the firewall then does is not what the file says.',
    fix: 'Use ACCEPT, DROP or REJECT (or `ufw default deny incoming`, which writes the file for you).',
    before: 'DEFAULT_INPUT_POLICY="DENY"',
    after: 'DEFAULT_INPUT_POLICY="DROP"',
    language: 'text',
  },
  check(doc, report) {
    for (const setting of doc.settings) {
      if (!/^DEFAULT_(INPUT|OUTPUT|FORWARD)_POLICY$/.test(setting.name) || POLICIES.has(setting.value.value)) continue;
      const suggestion = /^(deny|block)$/i.test(setting.value.value) ? 'DROP' : /^allow$/i.test(setting.value.value) ? 'ACCEPT' : setting.value.value.toUpperCase();
      const fixes = POLICIES.has(suggestion)
        ? [{ title: `Use ${suggestion}`, edits: { [doc.path]: [{ range: setting.value.range, newText: `${setting.name}="${suggestion}"` }] }, safe: true, preferred: true }]
        : [];
      report({ range: setting.value.range, message: `ufw cannot set the policy "${setting.value.value}": iptables takes ACCEPT or DROP (ufw also knows REJECT), so at boot the policy stays ACCEPT and after.rules fails to load.`, fixes });
    }
  },
};

export const ufwChecks = [ufwBadPolicy] as const;
