import { applyEdits } from '../../server/src/analysis/apply-edits.js';
import { checkText } from '../../server/src/analysis/check.js';
import { languageById } from '../../server/src/analysis/languages.js';
import type { Finding } from '../../server/src/core/findings.js';

/** A typical path for each language, so tests read like the files they stand for. */
export const PATHS: Record<string, string> = {
  'iptables': 'etc/sysconfig/iptables', 'iptables-script': 'etc/firewall.sh', 'iptables-config': 'etc/sysconfig/iptables-config',
  'modprobe': 'etc/modprobe.d/ftp.conf', 'modules-load': 'etc/modules-load.d/ftp.conf', 'sysctl': 'etc/sysctl.d/90-ftp.conf', 'vsftpd': 'etc/vsftpd.conf',
  'nftables': 'etc/nftables.conf', 'ufw-settings': 'etc/default/ufw', 'firewalld': 'etc/firewalld/zones/public.xml',
  'proftpd': 'etc/proftpd/proftpd.conf', 'pureftpd-option': 'etc/pure-ftpd/conf/PassivePortRange', 'pureftpd-conf': 'etc/pure-ftpd.conf', 'comware': 'startup.cfg',
  'hosts-access': 'etc/hosts.deny',
};

export function checkAs(languageId: string, text: string, path = PATHS[languageId]!): Finding[] {
  const language = languageById(languageId);
  if (!language) throw new Error(`no language ${languageId}`);
  return checkText(language, text, path);
}

export function applyFixTo(languageId: string, text: string, finding: Finding, title: string): string {
  const fix = finding.fixes.find((f) => f.title === title);
  if (!fix) throw new Error(`no fix "${title}" on ${finding.ruleId}; have: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  const result = applyEdits(text, fix.edits[PATHS[languageId]!] ?? []);
  if (result.skipped.length) throw new Error('overlapping edits');
  return result.text;
}

export const lines = (...all: string[]) => all.join('\n') + '\n';

/** A random edit as the property tests make them: at `at` (wrapped to the text's length), `cut` characters replaced by `insert`. */
export type TypedEdit = readonly [at: number, cut: number, insert: string];

/** The text after a random edit. */
export function typed(text: string, [at, cut, insert]: TypedEdit): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + cut);
}
