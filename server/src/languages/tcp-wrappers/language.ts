import type { Language } from '../../analysis/language.js';
import { readHostsAccess, type HostsAccessDocument } from './hosts-access.js';
import { missingSeparator } from './missing-separator.js';
import { hostsAccessHover } from './hover.js';

/** hosts.allow and hosts.deny: read for the servers built with libwrap (vsftpd's tcp_wrappers=YES). */
export const hostsAccessLanguage: Language<HostsAccessDocument> = {
  id: 'hosts-access',
  displayName: 'TCP wrappers (hosts.allow, hosts.deny)',
  read: readHostsAccess,
  lines: (doc) => doc.lines,
  rules: [missingSeparator],
  namePatterns: [/(^|\/)hosts\.(allow|deny)$/],
  matchesContent: () => false,
  hover: hostsAccessHover,
  completions: () => [],
  symbols: () => [],
  folding: () => [],
};
