import { fixesOpenInKernel, hostFolder, verdictsMatchKernel, withStockUfw } from './kernel-host.js';

/**
 * ufw hosts: the user.rules and user6.rules files were written by the real ufw 0.36.2 (`ufw allow
 * 21/tcp`, `ufw allow 40000:40010/tcp`, `ufw limit 21/tcp`, `ufw allow ftp`, `ufw insert 2 deny
 * 40000:40020/tcp`); each host holds only what differs from ufw as installed (see withStockUfw).
 */
const UFW_HOSTS = [
  'ufw-allow-21', 'ufw-21-and-range', 'ufw-allow-ftp', 'ufw-limit', 'ufw-modules-helper', 'ufw-deny-before-allow', 'ufw-disabled',
  // before.rules with a raw-table rule that assigns the FTP helper; DEFAULT_OUTPUT_POLICY="DROP".
  'ufw-raw-helper', 'ufw-output-deny',
  // Over IPv6: user6.rules without the passive range (and before6.rules' routing-header rule, which FTP never meets).
  'ufw-v6-range-missing',
  // Over IPv6: before6.rules without its neighbour discovery rules.
  'ufw-v6-discovery-removed',
];
/**
 * firewalld hosts, run by the real firewalld 1.3.3 in the server namespace with a system bus of its
 * own: the stock ftp service (21/tcp with the FTP helper) with and without the passive range, the
 * ports alone, a rich rule from the client's network (.ftpwall.json says where the clients are) and
 * from another, zone target DROP, TLS, a service on 2121 that reuses the stock helper (whose port is 21),
 * and a direct.xml ACCEPT for the range (firewalld's own zone chains still reject it).
 */
const FIREWALLD_HOSTS = [
  'fwd-ftp-service', 'fwd-ftp-service-and-range', 'fwd-ports-only', 'fwd-port-21-only', 'fwd-rich-rule-client-network',
  'fwd-rich-rule-other-network', 'fwd-target-drop', 'fwd-tls', 'fwd-stock-helper-on-2121', 'fwd-direct-accept-range',
  // Policies to this host: before the zone's rules, and from a zone nothing is bound to.
  'fwd-policy-opens-range', 'fwd-policy-reject-first', 'fwd-policy-unbound-zone',
  // Over IPv6, a DROP zone: firewalld's stock policy accepts neighbour discovery, and a host file that replaces it may not.
  'fwd-v6-target-drop', 'fwd-v6-stock-policy-replaced',
];

const HOSTS = [...UFW_HOSTS.map((h) => withStockUfw(hostFolder(h))), ...FIREWALLD_HOSTS.map(hostFolder)];
verdictsMatchKernel(HOSTS, 1, {
  says: `covers at least 8 ufw hosts (${UFW_HOSTS.length}) and 8 firewalld hosts (${FIREWALLD_HOSTS.length})`,
  holds: UFW_HOSTS.length >= 8 && FIREWALLD_HOSTS.length >= 8,
});

fixesOpenInKernel([
  // ufw: the range goes into user.rules as `ufw allow` writes it, and ufw's boot script loads it.
  { folder: withStockUfw(hostFolder('ufw-allow-21')), rule: 'ftp/passive-blocked', path: 'passive' },
  // ufw: the FTP helper as a raw-table rule at the end of before.rules.
  { folder: withStockUfw(hostFolder('ufw-modules-helper')), rule: 'ftp/passive-blocked', path: 'passive', fix: /Assign the FTP helper to port 21 in before\.rules/ },
  // ufw over IPv6: the range goes into user6.rules, never user.rules.
  { folder: withStockUfw(hostFolder('ufw-v6-range-missing')), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6' },
  // ufw over IPv6 without neighbour discovery: ICMPv6 accepted at the top of ufw6-before-input in before6.rules.
  { folder: withStockUfw(hostFolder('ufw-v6-discovery-removed')), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6', fix: /Accept ICMPv6/ },
  // firewalld over IPv6: ICMPv6 accepted in the host's file that replaced the stock policy for it.
  { folder: hostFolder('fwd-v6-stock-policy-replaced'), rule: 'ftp/ipv6-blocked', path: 'passive', family: 'ipv6', fix: /Accept ICMPv6/ },
  // firewalld: a <port> for the range in the zone file, which the real firewalld then loads.
  { folder: hostFolder('fwd-port-21-only'), rule: 'ftp/passive-blocked', path: 'passive' },
  // The range as a custom service: the new services/ftp-passive.xml must be one the real firewalld loads.
  { folder: hostFolder('fwd-port-21-only'), rule: 'ftp/passive-blocked', path: 'passive', fix: /as a service of their own/ },
], HOSTS.length + 1);
