import type { Language } from '../../analysis/language.js';
import { containsPosition, LineIndex, type Range } from '../../core/text.js';
import { UFW_APPLICATIONS_FOLDER } from './applications.js';

/** One `[Name]` section of an applications.d file: the profile `ufw allow Name` opens. */
export interface UfwProfileSection { name: string; line: number; range: Range; ports?: { value: string; range: Range } }

/** An applications.d file: ufw's application profiles. */
export interface UfwApplicationsDocument { kind: 'ufw-applications'; path: string; text: string; lines: LineIndex; sections: UfwProfileSection[] }

export function readApplications(text: string, path: string): UfwApplicationsDocument {
  const lines = new LineIndex(text);
  const sections: UfwProfileSection[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    const header = /^\s*\[(.+)\]\s*$/.exec(content);
    if (header) { sections.push({ name: header[1]!.trim(), line, range: { start: { line, character: 0 }, end: { line, character: content.length } } }); continue; }
    const ports = /^(\s*ports\s*=\s*)(.*?)\s*$/.exec(content);
    const section = sections.at(-1);
    if (ports && section) section.ports = { value: ports[2]!, range: { start: { line, character: ports[1]!.length }, end: { line, character: ports[1]!.length + ports[2]!.length } } };
  }
  return { kind: 'ufw-applications', path, text, lines, sections };
}

/** A profile's ports in words: "21 and 40000-40100 over TCP; 8021 over TCP". */
function describePorts(value: string): string {
  return value.split('|').map((entry) => {
    const [ports = '', protocol] = entry.split('/');
    return `${ports.split(',').map((p) => p.replace(':', '-')).join(', ')} over ${protocol ? protocol.toUpperCase() : 'TCP and UDP'}`;
  }).join('; ');
}

export const ufwApplicationsLanguage: Language<UfwApplicationsDocument> = {
  id: 'ufw-applications',
  displayName: 'ufw application profiles (/etc/ufw/applications.d)',
  read: readApplications,
  lines: (doc) => doc.lines,
  rules: [],
  namePatterns: [UFW_APPLICATIONS_FOLDER],
  matchesContent: () => false,
  hover(doc, position) {
    const section = doc.sections.find((s) => containsPosition(s.range, position) || (s.ports && containsPosition(s.ports.range, position)));
    if (!section) return undefined;
    const opens = section.ports ? `\`ufw allow ${section.name.includes(' ') ? `'${section.name}'` : section.name}\` opens ${describePorts(section.ports.value)}, one rule per entry.` : 'No `ports=` line: ufw cannot use this profile.';
    return { markdown: `**${section.name}**: ${opens}`, range: section.ports && containsPosition(section.ports.range, position) ? section.ports.range : section.range };
  },
  completions: () => [],
  symbols: (doc) => doc.sections.map((s) => ({ name: s.name, detail: s.ports?.value ?? '', kind: 'property' as const, range: s.range, selectionRange: s.range })),
  folding: () => [],
};
