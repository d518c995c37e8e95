import { lines } from '../../helpers/files.js';

/** A file of kind `lang` at `path` (the kind's usual path when absent). */
export interface FirewallCase { lang: string; text: string; path?: string; line?: number; says?: string }
export interface RuleCases { fires: FirewallCase[]; quiet: FirewallCase[] }

const r = (...body: string[]) => ({ lang: 'iptables', text: lines('*filter', ':INPUT DROP [0:0]', ...body, 'COMMIT') });
const rAt = (line: number, says: string | undefined, ...body: string[]): FirewallCase => ({ ...r(...body), line, ...(says ? { says } : {}) });
const sh = (...body: string[]) => ({ lang: 'iptables-script', text: lines('#!/bin/sh', 'IPT=/sbin/iptables', ...body) });
const GOOD = r('-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 21 -j ACCEPT', '-A INPUT -p tcp --dport 40000:40100 -j ACCEPT');

export const FIREWALL_CASES: Record<string, RuleCases> = {
  'iptables/carriage-return': { fires: [{ lang: 'iptables', text: '*filter\r\n-A INPUT -j ACCEPT\r\nCOMMIT\r\n', line: 1, says: '3 lines end' }], quiet: [GOOD] },
  'iptables/missing-commit': { fires: [{ lang: 'iptables', text: lines('*filter', '-A INPUT -j ACCEPT'), line: 1, says: 'COMMIT expected at line 3' }], quiet: [GOOD] },
  'iptables/table-still-open': { fires: [{ lang: 'iptables', text: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', '*filter', 'COMMIT'), line: 3, says: "Bad argument `*filter'" }], quiet: [GOOD] },
  'iptables/outside-table': { fires: [{ lang: 'iptables', text: lines('-A INPUT -j ACCEPT', '*filter', 'COMMIT'), line: 1, says: 'line 1 failed' }, { lang: 'iptables', text: lines('*filter', 'COMMIT', 'COMMIT'), line: 3 }], quiet: [GOOD] },
  'iptables/unknown-table': { fires: [{ lang: 'iptables', text: lines('*filters', 'COMMIT'), line: 1, says: "unable to initialize table 'filters'" }], quiet: [GOOD] },
  'iptables/unknown-chain': {
    fires: [rAt(3, "Couldn't load target `FTP_IN'", '-A INPUT -j FTP_IN'), rAt(3, "chain 'FTP_IN' does not exist", '-A FTP_IN -j ACCEPT'), { ...sh('$IPT -A INPUT -j FTP_IN'), line: 3 }],
    quiet: [GOOD, r(':FTP_IN - [0:0]', '-A INPUT -j FTP_IN'), sh('$IPT -N FTP_IN', '$IPT -A INPUT -j FTP_IN')],
  },
  'iptables/script-stops-early': {
    fires: [{ ...sh('set -e', '$IPT -A INPUT -j FTP_IN', '$IPT -A INPUT -p tcp --dport 21 -j ACCEPT'), line: 4, says: 'This command fails (Couldn\'t load target `FTP_IN\'' }, { ...sh('set -e', 'if [ "$ROLE" = ftp ]; then false; fi', '$IPT -A INPUT -j ACCEPT'), line: 4, says: 'In some ways the script runs' }],
    quiet: [GOOD, sh('$IPT -A INPUT -j FTP_IN', '$IPT -A INPUT -j ACCEPT'), sh('set -e', '$IPT -A INPUT -j FTP_IN || true', 'if $IPT -N X; then :; fi')],
  },
  'iptables/runs-in-some-ways': {
    fires: [
      { ...sh('case "$ROLE" in', '  ftp) $IPT -A INPUT -p tcp --dport 21 -j ACCEPT ;;', 'esac'), line: 4, says: 'runs only when $ROLE is "ftp" (the case at firewall.sh:3; it depends on $ROLE, set outside this host)' },
      { ...sh('open_ftp() { $IPT -A INPUT -p tcp --dport 21 -j ACCEPT; }', '$IPT -P INPUT DROP'), line: 3, says: 'No way through the script runs this command' },
      { ...sh('exit 0', '$IPT -A INPUT -j ACCEPT'), line: 4, says: 'No way' },
    ],
    quiet: [GOOD, sh('ROLE=ftp', 'case "$ROLE" in', '  ftp) $IPT -A INPUT -p tcp --dport 21 -j ACCEPT ;;', 'esac'), sh('open_ftp() { $IPT -A INPUT -p tcp --dport "$1" -j ACCEPT; }', 'open_ftp 21')],
  },
  'iptables/duplicate-chain': { fires: [rAt(4, 'File exists', ':FTP - [0:0]', ':FTP - [0:0]', '-A INPUT -j FTP')], quiet: [GOOD] },
  'iptables/bad-policy': { fires: [rAt(3, 'Bad built-in chain name', ':FTP ACCEPT [0:0]'), { lang: 'iptables', text: lines('*filter', ':INPUT REJECT [0:0]', 'COMMIT'), line: 2, says: 'Bad policy name' }], quiet: [GOOD] },
  'iptables/chain-name': { fires: [rAt(3, '28 chars max', ':A2345678901234567890123456789 - [0:0]')], quiet: [r(':A234567890123456789012345678 - [0:0]', '-A INPUT -j A234567890123456789012345678')] },
  'iptables/rule-operation': { fires: [rAt(3, 'Index of insertion too big', '-I INPUT 2 -j ACCEPT'), rAt(3, 'matching rule', '-D INPUT -j ACCEPT'), rAt(3, "Can't delete built-in chain", '-X INPUT')], quiet: [r('-A INPUT -j ACCEPT', '-I INPUT 2 -j DROP', '-D INPUT -j ACCEPT')] },
  'iptables/unknown-option': { fires: [rAt(3, 'Did you mean "--destination-port"', '-A INPUT -p tcp --destination-prot 21 -j ACCEPT'), rAt(3, '"--icmpv6-type" exists only in ip6tables, and this file is read as IPv4', '-A INPUT -p icmpv6 --icmpv6-type destination-unreachable -j ACCEPT')], quiet: [GOOD, r('-A INPUT -p tcp --destination-po 21 -j ACCEPT')] },
  'iptables/unknown-extension': { fires: [rAt(3, 'Did you mean "conntrack"', '-A INPUT -m conntrak --ctstate ESTABLISHED -j ACCEPT'), rAt(3, '"rt" exists only in ip6tables', '-A INPUT -m rt --rt-type 0 -j DROP')], quiet: [GOOD, r('-A INPUT -m string --algo bm --string x -j DROP')] },
  'iptables/invalid-value': {
    fires: [rAt(3, 'Bad state "RELATD"', '-A INPUT -m state --state RELATD -j ACCEPT'), rAt(3, "invalid port/service `65536'", '-A INPUT -p tcp --dport 65536 -j ACCEPT'), rAt(3, 'iptables 1.8.9 loads this rule as port 4464 (the number kept to its last 16 bits)', '-A INPUT -p udp --dport 70000 -j ACCEPT'), rAt(3, 'too many ports', '-A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT'), rAt(3, 'The kernel refuses this rule when the rules are loaded', '-A INPUT -m recent --name x --rcheck --hitcount 70000 -j ACCEPT'), rAt(3, 'with the comment cut to its first 255 characters', `-A INPUT -m comment --comment "${'x'.repeat(300)}" -j ACCEPT`)],
    quiet: [GOOD, r('-A INPUT -m state --state estab,rel -j ACCEPT'), sh('$IPT -A INPUT -s $TRUSTED -j ACCEPT')],
  },
  'iptables/port-range-inverted': {
    fires: [
      rAt(3, 'iptables refuses this rule ("invalid portrange (min > max)")', '-A INPUT -p tcp --dport 40100:40000 -j ACCEPT'),
      rAt(3, 'iptables 1.8.9 loads this rule with its range running backwards (30:20), so that it matches no packet, but iptables\' own tests expect it refused ("invalid portrange (min > max)")', '-A INPUT -p udp --dport 30:20 -j ACCEPT'),
    ],
    quiet: [GOOD, r('-A INPUT -p udp --dport 20:30 -j ACCEPT')],
  },
  'iptables/option-needs-protocol': { fires: [rAt(3, 'needs -p tcp', '-A INPUT --dport 21 -j ACCEPT'), rAt(3, "multiport needs `-p tcp'", '-A INPUT -m multiport --dports 20,21 -j ACCEPT')], quiet: [GOOD] },
  'iptables/duplicate-option': { fires: [rAt(3, "Only one `--destination-port' allowed", '-A INPUT -p tcp --dport 20 --dport 21 -j ACCEPT'), rAt(3, 'multiple -j flags', '-A INPUT -j ACCEPT -j DROP')], quiet: [GOOD] },
  'iptables/bad-argument': { fires: [rAt(3, 'no end-of-line comments', '-A INPUT -p tcp --dport 21 -j ACCEPT # ftp'), rAt(3, 'double quotes only', "-A INPUT -m comment --comment 'ftp control' -j ACCEPT")], quiet: [GOOD, r('-A INPUT -m comment --comment "ftp control" -j ACCEPT')] },
  'iptables/interface-direction': { fires: [rAt(3, "Can't use -i with OUTPUT", '-A OUTPUT -i eth0 -j ACCEPT')], quiet: [r('-A OUTPUT -o eth0 -j ACCEPT', '-A INPUT -i eth0 -j ACCEPT')] },
  'iptables/incomplete-extension': { fires: [rAt(3, 'must be specified', '-A INPUT -m state -j ACCEPT')], quiet: [GOOD] },
  'iptables/missing-argument': { fires: [rAt(3, 'requires an argument', '-A INPUT -p tcp --dport')], quiet: [GOOD] },
  'iptables/no-command': { fires: [rAt(3, 'no command specified', '-p tcp --dport 21 -j ACCEPT')], quiet: [GOOD] },
  'iptables/target-wrong-table': {
    fires: [rAt(3, 'only in the raw table', '-A INPUT -p tcp --dport 21 -j CT --helper ftp'), { lang: 'iptables', text: lines('*nat', '-A PREROUTING -j DROP', 'COMMIT'), line: 2, says: 'not intended for filtering' }, { lang: 'iptables', text: lines('*nat', '-A POSTROUTING -p tcp -j DNAT --to-destination 10.0.0.1', 'COMMIT'), line: 2, says: 'only in PREROUTING, OUTPUT' }, { lang: 'iptables', text: lines('*mangle', '-A INPUT -p tcp -j REJECT', 'COMMIT'), line: 2, says: 'REJECT only in the filter table, not in mangle' }],
    quiet: [{ lang: 'iptables', text: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT') }, { lang: 'iptables', text: lines('*nat', '-A POSTROUTING -o eth0 -j MASQUERADE', 'COMMIT') }],
  },
  'iptables/helper-protocol': {
    fires: [
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING -j CT --helper ftp', 'COMMIT'), line: 2, says: 'The helper "ftp" exists for tcp only' },
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING -p udp --dport 21 -j CT --helper ftp', 'COMMIT'), line: 2, says: 'refuses the rule when the rules are loaded' },
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING ! -p udp -j CT --helper ftp', 'COMMIT'), line: 2 },
    ],
    quiet: [
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', 'COMMIT') },
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING -p udp --dport 5060 -j CT --helper sip', '-A PREROUTING -p tcp -j CT --helper ftp-2121', 'COMMIT') },
    ],
  },
  'iptables/unknown-helper': {
    fires: [
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper FTP', 'COMMIT'), line: 2, says: 'no helper named "FTP" (did you mean "ftp"?)' },
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING -p tcp --dport 2121 -j CT --helper ftp-2121', 'COMMIT'), line: 2, says: 'unless nf_conntrack_ftp is loaded with port 2121 in its ports= option' },
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp-21', 'COMMIT'), line: 2, says: 'unless a user-space helper of that name is registered' },
      { lang: 'iptables', path: 'etc/iptables/rules.v6', text: lines('*raw', '-A PREROUTING -p udp --dport 161 -j CT --helper snmp', 'COMMIT'), line: 2, says: 'no helper named "snmp" for IPv6' },
    ],
    quiet: [
      { lang: 'iptables', text: lines('*raw', '-A PREROUTING -p tcp --dport 21 -j CT --helper ftp', '-A PREROUTING -p udp --dport 161 -j CT --helper snmp', '-A PREROUTING -p tcp -j CT --notrack', 'COMMIT') },
    ],
  },
  'iptables/tcp-reset-needs-tcp': { fires: [rAt(3, 'needs the rule to match TCP only', '-A INPUT -j REJECT --reject-with tcp-reset')], quiet: [r('-A INPUT -p tcp -j REJECT --reject-with tcp-reset')] },
  'iptables/log-prefix-truncated': { fires: [rAt(3, 'keeps the first 29', '-A INPUT -j LOG --log-prefix "FTP passive connection refused: "')], quiet: [r('-A INPUT -j LOG --log-prefix "FTP refused: "')] },
  'iptables/octal-number': {
    fires: [
      rAt(3, 'iptables reads 021 as an octal number (it starts with 0): 17, not 21. This port', '-A INPUT -p tcp --dport 021 -j ACCEPT'),
      rAt(3, 'iptables reads 040000 in "21,040000:040100" as an octal number', '-A INPUT -p tcp -m multiport --dports 21,040000:040100 -j ACCEPT'),
      rAt(3, 'This address', '-A INPUT -s 010.0.0.1 -p tcp --dport 21 -j ACCEPT'),
      rAt(3, 'This protocol', '-A INPUT -p 021 -j ACCEPT'),
      { lang: 'iptables', text: lines('*nat', '-A PREROUTING -p tcp --dport 2121 -j REDIRECT --to-ports 021', 'COMMIT'), line: 2, says: '17, not 21' },
      { ...sh('$IPT -A INPUT -p tcp --dport 021 -j ACCEPT'), line: 3 },
    ],
    // The udp match reads ports in decimal; hexadecimal, 07 and IPv6 groups read as they look; a fraction is no port.
    quiet: [GOOD, r('-A INPUT -p udp --dport 021 -j ACCEPT', '-A INPUT -p tcp --dport 0x15 -j ACCEPT', '-A INPUT -p tcp --dport 07 -j ACCEPT', '-A INPUT -m statistic --mode random --probability 0.0625 -j ACCEPT'),
      { lang: 'iptables', text: lines('*filter', '-A INPUT -s 2001:db8::0100 -j ACCEPT', 'COMMIT'), path: 'rules.v6' }],
  },
  'iptables/hostname-in-rule': { fires: [rAt(3, 'resolved by DNS', '-A INPUT -s backup.example.org -j ACCEPT')], quiet: [r('-A INPUT -s 192.0.2.10 -j ACCEPT')] },
  'iptables/unused-chain': { fires: [rAt(3, 'Nothing jumps to chain FTP_IN', ':FTP_IN - [0:0]', '-A FTP_IN -j ACCEPT')], quiet: [r(':FTP_IN - [0:0]', '-A INPUT -j FTP_IN')] },
  'modules/misspelt-module': {
    fires: [{ lang: 'iptables-config', text: lines('IPTABLES_MODULES="ip_conntract_ftp"'), line: 1, says: 'Did you mean "ip_conntrack_ftp"' }, { ...sh('modprobe nf_conntrak_ftp'), line: 3 }, { lang: 'modules-load', text: lines('# FTP', 'nf_conntrack_ftpp'), line: 2 }],
    quiet: [{ lang: 'iptables-config', text: lines('IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"') }, { lang: 'modules-load', text: lines('e1000e', 'loop') }],
  },
  'modules/old-module-name': { fires: [{ lang: 'modprobe', text: lines('options ip_conntrack_ftp ports=21,2121'), line: 1, says: 'old name of nf_conntrack_ftp' }], quiet: [{ lang: 'modprobe', text: lines('options nf_conntrack_ftp ports=21,2121') }] },
  'modules/nat-before-conntrack': { fires: [{ lang: 'iptables-config', text: lines('IPTABLES_MODULES="nf_nat_ftp nf_conntrack_ftp"'), line: 1 }], quiet: [{ lang: 'iptables-config', text: lines('IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"') }] },
  'modules/nat-without-conntrack': { fires: [{ lang: 'modules-load', text: lines('nf_nat_ftp'), line: 1 }], quiet: [{ lang: 'modules-load', text: lines('nf_conntrack_ftp', 'nf_nat_ftp') }] },
  'modules/helper-needs-assignment': { fires: [{ lang: 'modules-load', text: lines('nf_conntrack_ftp'), line: 1, says: 'kernel 4.7' }], quiet: [{ lang: 'modules-load', text: lines('loop') }] },
  'modules/iptables-modules-overwritten': {
    fires: [{ lang: 'iptables-config', text: lines('IPTABLES_MODULES="ip_conntrack_ftp"', 'IPTABLES_MODULES="ip_nat_ftp"', 'IPTABLES_MODULES_UNLOAD="yes"'), line: 1, says: 'only "ip_nat_ftp" is loaded' }],
    quiet: [{ lang: 'iptables-config', text: lines('IPTABLES_MODULES="nf_conntrack_ftp nf_nat_ftp"', 'IP6TABLES_MODULES="nf_conntrack_ftp"') }],
  },
  'sysctl/conntrack-helper-auto-assign': { fires: [{ lang: 'sysctl', text: lines('# ftp', 'net.netfilter.nf_conntrack_helper = 1'), line: 2, says: 'kernel 6.0 removed it' }], quiet: [{ lang: 'sysctl', text: lines('net.ipv4.ip_forward = 1') }] },
};
