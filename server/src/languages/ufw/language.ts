import type { Language } from '../../analysis/language.js';
import { containsPosition } from '../../core/text.js';
import { moduleRules } from '../modules/rules.js';
import { ufwChecks } from './checks.js';
import { readUfwSettings, UFW_SETTINGS, type UfwSettingsDocument } from './settings.js';
import { UFW_SETTINGS_NAMES } from './ufw-files.js';

export const ufwSettingsLanguage: Language<UfwSettingsDocument> = {
  id: 'ufw-settings',
  displayName: 'ufw settings (/etc/default/ufw, ufw.conf)',
  read: readUfwSettings,
  lines: (doc) => doc.lines,
  rules: [...ufwChecks, ...moduleRules],
  namePatterns: UFW_SETTINGS_NAMES,
  matchesContent: () => false,
  hover(doc, position) {
    const setting = doc.settings.find((s) => containsPosition(s.value.range, position));
    const text = setting && UFW_SETTINGS[setting.name];
    return setting && text ? { markdown: `**${setting.name}** — ${text}`, range: setting.value.range } : undefined;
  },
  completions(doc, position) {
    // A name is completed at the start of a line only.
    if (doc.lines.lineText(position.line).slice(0, position.character).includes('=')) return [];
    return Object.entries(UFW_SETTINGS).map(([name, documentation]) => ({ label: name, kind: 'property' as const, documentation, insertText: `${name}=` }));
  },
  symbols: (doc) => doc.settings.map((s) => ({ name: s.name, detail: s.value.value, kind: 'property' as const, range: s.value.range, selectionRange: s.value.range })),
  folding: () => [],
};
