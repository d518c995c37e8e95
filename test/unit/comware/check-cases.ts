import type { RuleCases } from '../firewall/rule-cases.js';

/** A device's startup.cfg holding `lines`. */
const device = (lines: string[], line?: number, says?: string) => ({ lang: 'comware', path: 'startup.cfg', text: `${lines.join('\n')}\n`, ...(line ? { line } : {}), ...(says ? { says } : {}) });
const ACL = ['acl advanced 3000', ' rule 0 permit tcp destination-port eq ftp', ' rule 5 deny ip', '#'];

export const COMWARE_CASES: Record<string, RuleCases> = {
  'comware/acl-missing': {
    fires: [device([...ACL, 'interface GigabitEthernet1/0/1', ' packet-filter 3010 inbound'], 6, 'ACL 3010 is not defined in this configuration (ACLs here: 3000)')],
    // An IPv6 filter names an IPv6 ACL, which this reading does not hold.
    quiet: [device([...ACL, 'interface GigabitEthernet1/0/1', ' packet-filter 3000 inbound', ' packet-filter ipv6 3500 inbound'])],
  },
  'comware/rule-not-read': {
    fires: [
      device(['acl advanced 3000', ' rule 0 permit tcp destination-port eq ftp time-range office'], 2, '`time-range office`'),
      device(['acl advanced 3000', ' rule 0 permit tcp source 10.0.0.0 0.0.255.0'], 2, 'not contiguous'),
    ],
    quiet: [device(['acl advanced 3000', ' rule 0 permit tcp source 10.0.0.0 0.0.0.255 destination-port range 40000 40100 counting logging', ' rule deny ip'])],
  },
};
