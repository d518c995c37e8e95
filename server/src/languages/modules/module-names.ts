/** Netfilter module names, for spotting misspellings; an unknown name far from all of these is left alone (it may be any driver). */
export const NETFILTER_MODULES: readonly string[] = [
  'nf_conntrack', 'nf_conntrack_ftp', 'nf_conntrack_tftp', 'nf_conntrack_irc', 'nf_conntrack_sip', 'nf_conntrack_h323', 'nf_conntrack_pptp',
  'nf_conntrack_amanda', 'nf_conntrack_netbios_ns', 'nf_conntrack_snmp', 'nf_conntrack_sane', 'nf_conntrack_broadcast', 'nf_conntrack_netlink',
  'nf_conntrack_ipv4', 'nf_conntrack_ipv6', 'nf_defrag_ipv4', 'nf_defrag_ipv6', 'nf_nat', 'nf_nat_ftp', 'nf_nat_tftp', 'nf_nat_irc', 'nf_nat_sip',
  'nf_nat_h323', 'nf_nat_pptp', 'nf_nat_amanda', 'nf_nat_snmp_basic', 'nf_nat_ipv4', 'nf_nat_ipv6', 'nf_tables', 'nft_ct', 'nft_nat',
  'ip_tables', 'ip6_tables', 'x_tables', 'iptable_filter', 'iptable_nat', 'iptable_mangle', 'iptable_raw', 'iptable_security',
  'ip6table_filter', 'ip6table_nat', 'ip6table_mangle', 'ip6table_raw', 'ip6table_security', 'xt_conntrack', 'xt_state', 'xt_helper', 'xt_CT',
  'xt_multiport', 'xt_tcpudp', 'xt_LOG', 'xt_comment', 'xt_limit', 'xt_recent', 'xt_REDIRECT', 'xt_nat', 'xt_MASQUERADE', 'ipt_REJECT', 'ip6t_REJECT',
  'nf_reject_ipv4', 'nf_reject_ipv6', 'nf_log_syslog', 'nf_log_ipv4', 'nf_log_ipv6',
  'ip_conntrack', 'ip_conntrack_ftp', 'ip_conntrack_tftp', 'ip_conntrack_irc', 'ip_nat', 'ip_nat_ftp', 'ip_nat_tftp', 'ip_nat_irc',
];

/** Old names that current kernels still accept as aliases, with what they stand for now. */
export const OLD_NAMES: Readonly<Record<string, string>> = {
  ip_conntrack: 'nf_conntrack', ip_conntrack_ftp: 'nf_conntrack_ftp', ip_conntrack_tftp: 'nf_conntrack_tftp', ip_conntrack_irc: 'nf_conntrack_irc',
  ip_nat: 'nf_nat', ip_nat_ftp: 'nf_nat_ftp', ip_nat_tftp: 'nf_nat_tftp', ip_nat_irc: 'nf_nat_irc',
};

export const FTP_CONNTRACK_HELPER = 'nf_conntrack_ftp';
export const FTP_NAT_HELPER = 'nf_nat_ftp';

/** The current name for a module name or one of its old aliases. */
export function currentName(name: string): string { return OLD_NAMES[name] ?? name; }
