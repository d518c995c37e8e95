import { LineIndex, type Range } from '../../core/text.js';
import { OPTIONS, READ_NAME, readValue, type PureOption } from './options.js';
import { settingLines } from './setting-lines.js';

/**
 * One file of /etc/pure-ftpd/conf as Debian's wrapper reads it: the option is the file's name; the
 * lines are trimmed, blank and `#` lines skipped, and the first line that gives the option a
 * value decides (a yes/no that says no leaves the option out and lets the next line speak).
 */
export interface PureOptionDocument {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly name: string;
  /** Undefined when the wrapper has no such option. */
  readonly option: PureOption | undefined;
  /** The file name is one the wrapper reads (letters and digits). */
  readonly read: boolean;
  /** The line that decides, its value and what the wrapper makes of it. */
  readonly value?: { text: string; range: Range; line: number; verdict: ReturnType<typeof readValue> };
  /** The first meaningful line, where a finding about the file goes (its first line without one). */
  readonly anchor: Range;
}

export function readPureOptionDocument(text: string, path: string): PureOptionDocument {
  const lines = new LineIndex(text);
  const name = path.split('/').pop()!;
  const option = OPTIONS.get(name);
  let value: PureOptionDocument['value'];
  let saysNo: PureOptionDocument['value'];
  let first: Range | undefined;
  for (const { line, text: trimmed, range } of settingLines(lines)) {
    first ??= range;
    if (!option) break;
    const verdict = readValue(option.kind, trimmed);
    if (verdict === undefined) { saysNo = { text: trimmed, range, line, verdict }; continue; }
    value = { text: trimmed, range, line, verdict };
    break;
  }
  value ??= saysNo;
  return { path, text, lines, name, option, read: READ_NAME.test(name), ...(value ? { value } : {}), anchor: first ?? lines.range(0, lines.lineEnd(0)) };
}

/** The files of Debian's option folder. */
export const OPTION_FILE = /(^|\/)pure-ftpd\/conf\/[^/]+$/;
