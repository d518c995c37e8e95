import type { AddressFamily } from '../iptables/syntax.js';

/** The three rules files ufw loads per family, in the order it loads them. */
export type UfwRulesKind = 'before' | 'after' | 'user';

export interface UfwRulesFile { kind: UfwRulesKind; family: AddressFamily }

/**
 * ufw's rules files by name: /etc/ufw/before.rules, user6.rules, ... (and the templates ufw
 * keeps under /usr/share/ufw/iptables/). Paths use '/' separators.
 */
export const UFW_RULES_NAME = /(^|\/)ufw\/(?:iptables\/)?(before|after|user)(6?)\.rules$/;

/** /etc/default/ufw (policies, IPV6, IPT_MODULES) and /etc/ufw/ufw.conf (ENABLED). */
export const UFW_SETTINGS_NAMES = [/(^|\/)default\/ufw$/, /(^|\/)ufw\/ufw\.conf$/];

/** The sysctl file ufw-init applies as it starts (IPT_SYSCTL in /etc/default/ufw). */
export const UFW_SYSCTL_NAME = /(^|\/)ufw\/sysctl\.conf$/;

export function ufwRulesFile(path: string): UfwRulesFile | undefined {
  const match = UFW_RULES_NAME.exec(path.replace(/\\/g, '/'));
  return match ? { kind: match[2] as UfwRulesKind, family: match[3] ? 'ipv6' : 'ipv4' } : undefined;
}

/** The chain prefix ufw uses for a family: ufw-before-input, ufw6-before-input. */
export const chainPrefix = (family: AddressFamily): string => (family === 'ipv6' ? 'ufw6' : 'ufw');
