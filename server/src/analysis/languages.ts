import { restoreLanguage } from '../languages/iptables/restore-language.js';
import { scriptLanguage } from '../languages/iptables/script-language.js';
import { iptablesConfigLanguage, modprobeLanguage, modulesLoadLanguage, sysctlLanguage } from '../languages/modules/languages.js';
import { vsftpdLanguage } from '../languages/vsftpd/language.js';
import { nftablesLanguage } from '../languages/nftables/language.js';
import { ufwSettingsLanguage } from '../languages/ufw/language.js';
import { ufwApplicationsLanguage } from '../languages/ufw/applications-language.js';
import { kickstartLanguage } from '../languages/kickstart/language.js';
import { firewalldLanguage } from '../languages/firewalld/language.js';
import { proftpdLanguage } from '../languages/proftpd/language.js';
import { pureftpdOptionLanguage } from '../languages/pureftpd/language.js';
import { pureftpdConfLanguage } from '../languages/pureftpd/upstream-language.js';
import { comwareLanguage } from '../languages/comware/language.js';
import { hostsAccessLanguage } from '../languages/tcp-wrappers/language.js';
import type { AnyLanguage } from './language.js';

export const LANGUAGES: readonly AnyLanguage[] = [vsftpdLanguage, proftpdLanguage, pureftpdOptionLanguage, pureftpdConfLanguage, restoreLanguage, scriptLanguage, nftablesLanguage, iptablesConfigLanguage, modprobeLanguage, modulesLoadLanguage, sysctlLanguage, ufwSettingsLanguage, ufwApplicationsLanguage, firewalldLanguage, kickstartLanguage, comwareLanguage, hostsAccessLanguage];

export function languageById(id: string): AnyLanguage | undefined {
  return LANGUAGES.find((l) => l.id === id);
}

/** Recognises a file by its name first, then by what it contains. */
export function recognize(path: string, text?: string): AnyLanguage | undefined {
  const normalized = path.replace(/\\/g, '/');
  return LANGUAGES.find((l) => l.namePatterns.some((p) => p.test(normalized))) ?? (text === undefined ? undefined : LANGUAGES.find((l) => l.matchesContent(text)));
}
