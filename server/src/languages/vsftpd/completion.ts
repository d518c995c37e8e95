import type { CompletionEntry } from '../../core/features.js';
import type { Position } from '../../core/text.js';
import { directiveMarkdown, formatDefault } from './describe.js';
import { DIRECTIVES, directiveInfo } from './directives.js';
import type { VsftpdDocument } from './document.js';

export function vsftpdCompletions(doc: VsftpdDocument, position: Position): CompletionEntry[] {
  const lines = doc.file.lines;
  const lineStart = lines.lineStarts[position.line] ?? lines.text.length;
  const before = lines.text.slice(lineStart, lines.offsetAt(position));
  if (before.startsWith('#')) return [];
  const eq = before.indexOf('=');
  if (eq === -1) {
    // The directive name: replace what has been typed so far (after any indentation).
    const typedStart = lineStart + (/^[ \t]*/.exec(before)![0].length);
    const lineText = lines.lineText(position.line);
    const nameEnd = lineStart + (lineText.includes('=') ? lineText.indexOf('=') : lineText.replace(/\r$/, '').length);
    const range = lines.range(typedStart, Math.max(nameEnd, lines.offsetAt(position)));
    return [...DIRECTIVES.values()].map((info) => {
      const set = doc.settings.isSet(info.name);
      return {
        label: info.name,
        kind: 'property',
        detail: `${info.kind === 'bool' ? 'YES/NO' : info.kind === 'uint' ? 'number' : 'text'} — default ${formatDefault(info)}${set ? ' — already set' : ''}`,
        documentation: directiveMarkdown(info),
        insertText: lineText.includes('=') ? info.name : `${info.name}=`,
        range,
        // Names not yet in the file first.
        sortText: `${set ? '1' : '0'}${info.name}`,
      } satisfies CompletionEntry;
    });
  }
  const info = directiveInfo(before.slice(0, eq).trim());
  if (!info) return [];
  const valueStart = lineStart + eq + 1;
  const valueEnd = lineStart + lines.lineText(position.line).replace(/\r$/, '').length;
  const range = lines.range(valueStart, valueEnd);
  if (info.kind === 'bool') {
    return ['YES', 'NO'].map((v) => ({ label: v, kind: 'value', range, detail: v === info.default ? 'default' : undefined, sortText: v === info.default ? '1' : '0' }) as CompletionEntry);
  }
  if (info.default !== null) {
    const value = info.defaultOctal ?? info.default;
    return [{ label: value, kind: 'value', range, detail: 'default' }];
  }
  return [];
}
