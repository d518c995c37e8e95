import type { RuleCases } from '../firewall/rule-cases.js';

/** /etc/pure-ftpd/conf/NAME holding `text`. */
const option = (name: string, text: string, line?: number, says?: string) => ({ lang: 'pureftpd-option', path: `etc/pure-ftpd/conf/${name}`, text, ...(line ? { line } : {}), ...(says ? { says } : {}) });

/** Upstream's /etc/pure-ftpd.conf holding `lines`. */
const upstream = (lines: string[], line?: number, says?: string) => ({ lang: 'pureftpd-conf', path: 'etc/pure-ftpd.conf', text: `${lines.join('\n')}\n`, ...(line ? { line } : {}), ...(says ? { says } : {}) });

export const PUREFTPD_CASES: Record<string, RuleCases> = {
  'pureftpd/config-refused': {
    fires: [
      upstream(['ChrootEveryone yes', 'Umask 133 022'], 2, 'syntax error line 2: [Umask 133 022]'),
      upstream(['PasivePortRange 40000 40100'], 1, 'property not found line 1'),
      upstream(['PassivePortRange 50000 40000'], 1, 'Configuration error: Illegal ports range: 50000:40000'),
    ],
    quiet: [upstream(['PassivePortRange 40000 40100', 'NATmode no', 'Umask 133:022', '# TLS 9'])],
  },
  'pureftpd/refused': {
    fires: [
      option('PasivePortRange', '40000 40100\n', 1, 'No corresponding directive (did you mean PassivePortRange?'),
      option('PassivePortRange', '# the range\n40000-40100\n', 2, '"40000-40100" not two numbers'),
      option('PassivePortRange', '50000 40000\n', 1, 'Configuration error: Illegal ports range: 50000:40000'),
      option('TLS', '4\n', 1, 'Configuration error: TLS'),
      option('NATmode', 'maybe\n', 1, '"maybe" not convertible to true or false'),
      option('TrustedIP', '10.0.0.256\n', 1, '"10.0.0.256": Invalid IP address'),
    ],
    quiet: [option('PassivePortRange', '40000 40100\n'), option('NATmode', 'no\nyes\n'), option('TLS', '2\n'), option('PureDB', '/etc/pure-ftpd/pureftpd.pdb\n')],
  },
  'pureftpd/file-skipped': {
    fires: [option('PassivePortRange.conf', '40000 40100\n', 1, 'PassivePortRange is not set here'), option('TLS~', '2\n')],
    quiet: [option('PassivePortRange', '40000 40100\n'), option('notes.txt', 'remember\n')],
  },
};
