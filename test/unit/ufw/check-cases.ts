import { lines } from '../../helpers/files.js';
import type { RuleCases } from '../firewall/rule-cases.js';

/** /etc/default/ufw as Debian installs it, with `changes` appended (a sourced file's last assignment wins). */
const defaults = (...changes: string[]) => ({
  lang: 'ufw-settings',
  text: lines('IPV6=yes', 'DEFAULT_INPUT_POLICY="DROP"', 'DEFAULT_OUTPUT_POLICY="ACCEPT"', 'DEFAULT_FORWARD_POLICY="DROP"', 'DEFAULT_APPLICATION_POLICY="SKIP"', 'MANAGE_BUILTINS=no', 'IPT_SYSCTL=/etc/ufw/sysctl.conf', 'IPT_MODULES=""', ...changes),
});

/** A provisioning script that configures ufw with its commands. */
const script = (...commands: string[]) => ({ lang: 'iptables-script', path: '/srv/host/provision.sh', text: lines('#!/bin/sh', 'ufw default deny incoming', ...commands) });

export const UFW_CASES: Record<string, RuleCases> = {
  'ufw/bad-policy': {
    fires: [
      { ...defaults('DEFAULT_INPUT_POLICY="DENY"'), line: 9, says: 'cannot set the policy "DENY"' },
      { ...defaults('DEFAULT_OUTPUT_POLICY=allow'), line: 9, says: 'policy stays ACCEPT' },
    ],
    quiet: [defaults(), defaults('DEFAULT_INPUT_POLICY="REJECT"'), defaults('DEFAULT_APPLICATION_POLICY="DROP"')],
  },
  'ufw/command-refused': {
    fires: [
      { ...script('ufw allow 40000:40100'), line: 3, says: '"Must specify \'tcp\' or \'udp\' with multiple ports"' },
      { ...script('sudo ufw allow in on eth0 21/tcp'), line: 3, says: '"Wrong number of arguments"' },
      { ...script('ufw allow 21/TCP'), line: 3, says: '"Bad port"' },
      { ...script('ufw allow from 10.0.0.300 to any port 21 proto tcp'), line: 3, says: '"Bad source address"' },
    ],
    quiet: [script('ufw allow 40000:40100/tcp', 'ufw allow OpenSSH', 'ufw allow from 10.0.0.0/8 to any port 21 proto tcp', 'ufw allow "$CUSTOM_PROFILE"', 'ufw --force enable')],
  },
};
