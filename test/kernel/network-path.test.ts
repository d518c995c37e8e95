import { fixesOpenInKernel, hostFolder, verdictsMatchKernel } from './kernel-host.js';

/*
 * The network path on the server itself (issue 18), beside ftp-paths.test.ts so that each file
 * stays within the runner's time per file: NAT in front of the server's own filter, and the
 * server over IPv6. Gateways in front of it are in gateways.test.ts.
 */

/** NAT on the server itself: the port clients connect to, REDIRECT and DNAT, and the FTP helper before and after NAT. */
const NAT_HOSTS = [
  'nat-redirect-2121', 'nat-redirect-filter-opens-2121', 'nat-dnat-helper-on-21', 'nat-dnat-helper-on-2121', 'nat-connect-port-not-sent',
  'nat-dnat-away', 'nat-nft-helper-after-dstnat', 'nat-nft-helper-before-dstnat',
  // REDIRECT --to-ports 021 sends 2121 to port 17 (octal), where nothing listens.
  'nat-redirect-octal-port',
];
/** Servers that listen on IPv6 too: each family judged through its own rules (rules.v4 and rules.v6, an inet table). */
const IPV6_HOSTS = ['v6-both-families-open', 'v6-range-missing', 'v6-helper', 'v6-output-drop', 'v6-nft-inet', 'v6-icmp-dropped', 'v6-icmp-dropped-nft',
  // ICMPv6 types read: ping allowed but not discovery, all of ICMPv6 dropped, and discovery's own types accepted (nftables' example).
  'v6-ping-only', 'v6-ping-only-nft', 'v6-icmpv6-dropped-whole', 'v6-discovery-types-nft',
  // NAT over IPv6: REDIRECT in rules.v6, the helper assigned before it, and a redirect rules.v6 lacks.
  'v6-nat-redirect-2121', 'v6-nat-helper-on-2121', 'v6-nat-redirect-ipv4-only',
  // Rules by the clients' IPv6 network, which .ftpwall.json gives (clientsFrom.network6).
  'v6-clients-network', 'v6-clients-other-network'];
const HOSTS = [...NAT_HOSTS, ...IPV6_HOSTS].map(hostFolder);

verdictsMatchKernel(HOSTS, 1, {
  says: `covers at least 5 NAT hosts (${NAT_HOSTS.length}) and 5 IPv6 hosts (${IPV6_HOSTS.length})`,
  holds: NAT_HOSTS.length >= 5 && IPV6_HOSTS.length >= 5,
});

fixesOpenInKernel([
  // The helper's rule names the port its chain sees: the client's in iptables' raw table (before NAT), the translated one in nft's chain after dstnat.
  { folder: hostFolder('nat-dnat-helper-on-21'), rule: 'ftp/passive-blocked', path: 'passive', fix: /Assign the FTP helper/ },
  { folder: hostFolder('nat-nft-helper-before-dstnat'), rule: 'ftp/passive-blocked', path: 'passive', fix: /Assign the FTP helper/ },
  // Over IPv6 the rule goes into rules.v6, before the DROP policy takes the packets.
  { folder: hostFolder('v6-range-missing'), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6' },
  { folder: hostFolder('v6-output-drop'), rule: 'ftp/ipv6-blocked', path: 'active', family: 'ipv6' },
  // Where neighbour discovery is dropped, no port opens anything: the fix accepts ICMPv6 where it is dropped.
  { folder: hostFolder('v6-icmp-dropped'), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6', fix: /Accept ICMPv6/ },
  { folder: hostFolder('v6-icmp-dropped-nft'), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6', fix: /Accept ICMPv6/ },
  { folder: hostFolder('script-v6-icmp-dropped'), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6', fix: /Accept ICMPv6/ },
  { folder: hostFolder('v6-ping-only'), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6', fix: /Accept ICMPv6/ },
  { folder: hostFolder('v6-icmpv6-dropped-whole'), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6', fix: /Accept ICMPv6/ },
], HOSTS.length + 1);
