import { DESCRIPTIONS } from './descriptions.js';
import { type DirectiveInfo, VSFTPD_VERSION } from './directives.js';

export function formatDefault(info: DirectiveInfo): string {
  if (info.default === null) return 'unset';
  if (info.defaultOctal) return `${info.defaultOctal} (octal)`;
  return info.default;
}

/** The Markdown shown for a directive in hover and completion. */
export function directiveMarkdown(info: DirectiveInfo): string {
  const parts = [
    `**${info.name}** — ${info.kind === 'bool' ? 'YES/NO' : info.kind === 'uint' ? 'number' : 'text'}, default \`${formatDefault(info)}\``,
    DESCRIPTIONS[info.name] ?? '',
  ];
  const notes: string[] = [];
  if (info.upstreamDefault !== undefined) notes.push(`Debian's build changes the default; upstream vsftpd uses \`${info.upstreamDefault}\`.`);
  if (info.debianOnly) notes.push('Only in Debian\'s build of vsftpd.');
  notes.push(`Since vsftpd ${info.since.replace('<=', '')}${info.since.startsWith('<=') ? ' or earlier' : ''}; described for vsftpd ${VSFTPD_VERSION}.`);
  return [...parts, notes.join(' ')].filter(Boolean).join('\n\n');
}
