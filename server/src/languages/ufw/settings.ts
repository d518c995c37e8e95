import { LineIndex } from '../../core/text.js';
import { shellSettings, splitValue, type ShellSetting } from '../modules/documents.js';
import type { ModuleFile } from '../modules/mentions.js';

/** /etc/default/ufw or /etc/ufw/ufw.conf: NAME="value" lines that ufw's boot script sources. */
export interface UfwSettingsDocument extends ModuleFile {
  kind: 'ufw-settings';
  settings: ShellSetting[];
  /** The assignment that wins (a sourced file's last). */
  last(name: string): ShellSetting | undefined;
}

export function readUfwSettings(text: string, path: string): UfwSettingsDocument {
  const lines = new LineIndex(text);
  const settings = shellSettings(text, lines);
  const last = (name: string) => settings.filter((s) => s.name === name).at(-1);
  // ufw-init runs `modprobe` on each of IPT_MODULES when it starts the firewall.
  const modules = last('IPT_MODULES');
  const mentions = modules ? splitValue(modules.value, lines).map((name) => ({ name, role: 'load' as const })) : [];
  return { kind: 'ufw-settings', path, text, lines, settings, last, mentions };
}

/** What each setting does, in ftpwall's words, for hover and completion. */
export const UFW_SETTINGS: Readonly<Record<string, string>> = {
  ENABLED: 'ufw.conf: `yes` makes ufw load its rules at boot; `no` (as installed) loads none. `ufw enable` writes yes.',
  LOGLEVEL: 'ufw.conf: how much ufw logs (off, low, medium, high, full); changes only LOG rules.',
  IPV6: '`yes`: ufw loads before6/after6/user6.rules for IPv6; `no`: IPv6 is dropped except on loopback.',
  DEFAULT_INPUT_POLICY: 'What happens to incoming packets no rule accepted: DROP, REJECT or ACCEPT. ufw sets the INPUT policy from it (REJECT becomes DROP plus a REJECT rule).',
  DEFAULT_OUTPUT_POLICY: 'What happens to outgoing packets no rule accepted: ACCEPT (as installed), DROP or REJECT. DROP blocks active FTP, where the server connects out.',
  DEFAULT_FORWARD_POLICY: 'What happens to routed packets no rule accepted: DROP, REJECT or ACCEPT.',
  DEFAULT_APPLICATION_POLICY: 'The policy for application profiles ufw has not been told about; SKIP leaves them alone.',
  MANAGE_BUILTINS: '`yes`: ufw flushes the built-in chains when it starts and stops; `no` leaves other rules in them.',
  IPT_SYSCTL: 'The sysctl file ufw applies when it starts.',
  IPT_MODULES: 'Kernel modules ufw loads when it starts. Loading nf_conntrack_ftp does not make the kernel use it (since 4.7 a rule must assign it), and ufw writes no such rule.',
};
