import type { Language } from '../../analysis/language.js';
import type { HoverResult } from '../../core/features.js';
import { containsPosition, type Position } from '../../core/text.js';
import {
  readIptablesConfig, readModprobe, readModulesLoad, readSysctl,
  type IptablesConfigDocument, type ModprobeDocument, type ModulesLoadDocument, type SysctlDocument,
} from './documents.js';
import type { ModuleFile } from './mentions.js';
import { currentName, FTP_CONNTRACK_HELPER, FTP_NAT_HELPER, OLD_NAMES } from './module-names.js';
import { helperSysctl, iptablesModulesOverwritten, moduleRules } from './rules.js';

function moduleHover(doc: ModuleFile, position: Position): HoverResult | undefined {
  const mention = doc.mentions.find((m) => containsPosition(m.name.range, position));
  if (!mention) return undefined;
  const name = mention.name.value, now = currentName(name);
  const role = now === FTP_CONNTRACK_HELPER ? 'the FTP conntrack helper: it reads PORT and PASV on the control connection and lets the data connection in as RELATED, once a raw-table CT rule assigns it'
    : now === FTP_NAT_HELPER ? 'the FTP NAT helper: it rewrites the addresses inside PORT and PASV for NAT; it needs the conntrack helper'
    : 'a kernel module';
  return { markdown: `**${name}** — ${role}.${OLD_NAMES[name] ? ` Old name of ${OLD_NAMES[name]}.` : ''}`, range: mention.name.range };
}

const simple = <D extends ModuleFile>(id: string, displayName: string, read: (t: string, p: string) => D, names: RegExp[], rules: Language<D>['rules'], content: (t: string) => boolean = () => false): Language<D> => ({
  id, displayName, read, lines: (d) => d.lines, rules,
  namePatterns: names,
  matchesContent: content,
  hover: moduleHover,
  completions: () => [],
  symbols: (d) => d.mentions.map((m) => ({ name: m.name.value, detail: m.role, kind: 'property' as const, range: m.name.range, selectionRange: m.name.range })),
  folding: () => [],
});

export const iptablesConfigLanguage = simple<IptablesConfigDocument>('iptables-config', 'iptables-config', readIptablesConfig,
  [/(^|\/)sysconfig\/ip6?tables-config$/], [...moduleRules, iptablesModulesOverwritten], (t) => /^IP6?TABLES_MODULES=/m.test(t) && /^IP6?TABLES_[A-Z_]+=/m.test(t));
export const modprobeLanguage = simple<ModprobeDocument>('modprobe', 'modprobe configuration', readModprobe,
  [/(^|\/)modprobe\.d\/[^/]+\.conf$/, /(^|\/)modprobe\.conf$/], [...moduleRules]);
export const modulesLoadLanguage = simple<ModulesLoadDocument>('modules-load', 'modules to load at boot', readModulesLoad,
  [/(^|\/)modules-load\.d\/[^/]+\.conf$/, /(^|\/)etc\/modules$/], [...moduleRules]);
export const sysctlLanguage = simple<SysctlDocument>('sysctl', 'sysctl settings', readSysctl,
  [/(^|\/)sysctl\.conf$/, /(^|\/)sysctl\.d\/[^/]+\.conf$/], [helperSysctl]);
