import { lines } from '../../helpers/files.js';
import type { RuleCases } from '../firewall/rule-cases.js';

/** /etc/default/ufw as Debian installs it, with `changes` appended (a sourced file's last assignment wins). */
const defaults = (...changes: string[]) => ({
  lang: 'ufw-settings',
  text: lines('IPV6=yes', 'DEFAULT_INPUT_POLICY="DROP"', 'DEFAULT_OUTPUT_POLICY="ACCEPT"', 'DEFAULT_FORWARD_POLICY="DROP"', 'DEFAULT_APPLICATION_POLICY="SKIP"', 'MANAGE_BUILTINS=no', 'IPT_SYSCTL=/etc/ufw/sysctl.conf', 'IPT_MODULES=""', ...changes),
});

export const UFW_CASES: Record<string, RuleCases> = {
  'ufw/bad-policy': {
    fires: [
      { ...defaults('DEFAULT_INPUT_POLICY="DENY"'), line: 9, says: 'cannot set the policy "DENY"' },
      { ...defaults('DEFAULT_OUTPUT_POLICY=allow'), line: 9, says: 'policy stays ACCEPT' },
    ],
    quiet: [defaults(), defaults('DEFAULT_INPUT_POLICY="REJECT"'), defaults('DEFAULT_APPLICATION_POLICY="DROP"')],
  },
};
