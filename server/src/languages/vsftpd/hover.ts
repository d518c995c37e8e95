import type { HoverResult } from '../../core/features.js';
import { containsPosition, type Position } from '../../core/text.js';
import { directiveMarkdown } from './describe.js';
import { directiveInfo } from './directives.js';
import type { VsftpdDocument } from './document.js';
import { readBool, readUint } from './values.js';

function effectiveLine(doc: VsftpdDocument, name: string): string {
  const info = directiveInfo(name)!;
  const winner = doc.settings.winner(name);
  const where = winner ? ` (line ${winner.line + 1})` : ' (the default)';
  if (info.kind === 'bool') return `In effect: \`${doc.settings.bool(name).value ? 'YES' : 'NO'}\`${where}`;
  if (info.kind === 'uint') {
    const value = doc.settings.uint(name).value;
    return `In effect: \`${info.valueType === 'octal_mode' ? `0${value.toString(8)}` : value}\`${where}`;
  }
  const value = doc.settings.string(name).value;
  return `In effect: ${value === undefined ? 'unset' : `\`${value}\``}${where}`;
}

export function vsftpdHover(doc: VsftpdDocument, position: Position): HoverResult | undefined {
  const d = doc.file.directives.find((x) => x.line === position.line);
  if (!d) return undefined;
  const info = directiveInfo(d.name.text);
  if (!info) return undefined;
  const onValue = d.value && containsPosition(d.value.range, position) && d.value.text !== '';
  const sections = [directiveMarkdown(info), effectiveLine(doc, info.name)];
  if (onValue && info.kind === 'uint') {
    const reading = readUint(d.value!.text);
    sections.push(`vsftpd reads \`${d.value!.text}\` as ${reading.value}${reading.octal ? ` (octal ${d.value!.text.slice(0, reading.used)})` : ''}.`);
  }
  if (onValue && info.kind === 'bool' && readBool(d.value!.text) === undefined) sections.push('vsftpd does not accept this value (YES, NO, TRUE, FALSE, 1 or 0).');
  if (info.name === 'pasv_min_port' || info.name === 'pasv_max_port' || info.name === 'pasv_enable') {
    const { min, max, notes } = doc.settings.passiveRange();
    sections.push(doc.settings.bool('pasv_enable').value ? `Passive data ports in effect: **${min === max ? min : `${min}-${max}`}**${notes.length ? ` — ${notes.join('; ')}` : ''}.` : 'Passive mode is off (pasv_enable=NO).');
  }
  if (d.beyondLimit) sections.push('This line lies past vsftpd\'s 100,000-byte read limit and has no effect.');
  return { markdown: sections.join('\n\n'), range: onValue ? d.value!.range : d.name.range };
}
