import { VsftpdSettings } from './model.js';
import { parseVsftpd } from './parser.js';
import { LineIndex, type Range } from '../../core/text.js';
import type { VsftpdFile } from './syntax.js';

/** A parsed vsftpd.conf together with the settings it leaves vsftpd with: what every rule reads. */
export interface VsftpdDocument {
  file: VsftpdFile;
  settings: VsftpdSettings;
}

export function readVsftpdDocument(text: string, path: string): VsftpdDocument {
  const file = parseVsftpd(text, path);
  return { file, settings: new VsftpdSettings(file) };
}

/** The settings of a host that has no vsftpd.conf: every directive at its default, with no text to parse. */
export function defaultVsftpdSettings(): VsftpdSettings {
  return new VsftpdSettings({ kind: 'vsftpd', path: '', text: '', lines: new LineIndex(''), directives: [], comments: [] });
}

/** Where to show a finding about the file as a whole: its first directive, or its first line. */
export function fileAnchor(file: VsftpdFile): Range {
  return file.directives[0]?.range ?? file.lines.range(0, file.lines.lineEnd(0));
}
