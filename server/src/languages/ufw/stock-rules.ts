import type { AddressFamily } from '../iptables/syntax.js';
import { chainPrefix, type UfwRulesKind } from './ufw-files.js';

/*
 * What the rules files of the ufw 0.36.2 package (before.rules, after.rules, user.rules and
 * their IPv6 twins, as installed) load, as facts: the rules that can decide a TCP connection's
 * fate. ICMP, DHCP, mDNS and UPnP rules (other protocols) and LOG rules are left out. Used when
 * ufw is configured by `ufw` commands in a script and the host holds none of ufw's rules files.
 */

const BEFORE = (p: string, family: AddressFamily): string[] => [
  ...(family === 'ipv4' ? [`-N ${p}-not-local`] : []),
  `-A ${p}-before-input -i lo -j ACCEPT`,
  `-A ${p}-before-output -o lo -j ACCEPT`,
  ...(family === 'ipv6' ? ['input', 'forward', 'output'].map((d) => `-A ${p}-before-${d} -m rt --rt-type 0 -j DROP`) : []),
  ...['input', 'output', 'forward'].map((d) => `-A ${p}-before-${d} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`),
  `-A ${p}-before-input -m conntrack --ctstate INVALID -j DROP`,
  // IPv4 only: what is not addressed to this host (nor multicast or broadcast) is dropped.
  ...(family === 'ipv4' ? [
    `-A ${p}-before-input -j ${p}-not-local`,
    `-A ${p}-not-local -m addrtype --dst-type LOCAL -j RETURN`,
    `-A ${p}-not-local -m addrtype --dst-type MULTICAST -j RETURN`,
    `-A ${p}-not-local -m addrtype --dst-type BROADCAST -j RETURN`,
    `-A ${p}-not-local -j DROP`,
  ] : []),
];

/** after.rules sends SMB's ports to the default policy without logging them: the same verdict as no rule. */
const AFTER = (p: string): string[] => [139, 445].map((port) => `-A ${p}-after-input -p tcp --dport ${port} -j ${p}-skip-to-policy-input`);

/** user.rules as installed: the chains `ufw limit` jumps to (IPv4 only: ufw writes no limit rule for IPv6). */
const USER = (p: string, family: AddressFamily): string[] => (family === 'ipv4' ? [`-A ${p}-user-limit -j REJECT`, `-A ${p}-user-limit-accept -j ACCEPT`] : []);

/** The commands the package's file of this kind issues, each as iptables arguments. */
export function stockRules(kind: UfwRulesKind, family: AddressFamily): string[] {
  const p = chainPrefix(family);
  return kind === 'before' ? BEFORE(p, family) : kind === 'after' ? AFTER(p) : USER(p, family);
}
