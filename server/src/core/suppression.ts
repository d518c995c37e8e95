import type { Finding, Fix } from './findings.js';
import type { LineIndex } from './text.js';

/** Every suppression comment holds this; a comment without it cannot change any finding. */
export const SUPPRESSION_MARK = 'ftpwall-disable';
const DIRECTIVE = /^#\s*ftpwall-(disable-next-line|disable)\b(.*)$/;

/**
 * Suppression comments: `# ftpwall-disable-next-line ID[,ID]` silences the next line,
 * `# ftpwall-disable ID` the whole file; without ids they silence every rule. Every file kind
 * ftpwall reads uses `#` comments at the start of a line, so one reader serves them all.
 */
export interface Suppressions {
  file: Set<string> | 'all' | undefined;
  byLine: Map<number, Set<string> | 'all'>;
}

function parseIds(rest: string): Set<string> | 'all' {
  const ids = rest.split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 ? 'all' : new Set(ids);
}

function merge(a: Set<string> | 'all' | undefined, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...(a ?? []), ...b]);
}

/** The file's own check and the host check both ask for a text's suppressions: it is read once per text. */
const readFor = new WeakMap<LineIndex, Suppressions>();

export function readSuppressions(lines: LineIndex): Suppressions {
  let result = readFor.get(lines);
  if (!result) readFor.set(lines, result = scanSuppressions(lines));
  return result;
}

function scanSuppressions(lines: LineIndex): Suppressions {
  const result: Suppressions = { file: undefined, byLine: new Map() };
  // Most files have none; this saves a regex per line on every keystroke in a large file.
  if (!lines.text.includes(SUPPRESSION_MARK)) return result;
  for (let line = 0; line < lines.lineCount; line++) {
    const match = DIRECTIVE.exec(lines.lineText(line).replace(/\r$/, ''));
    if (!match) continue;
    const ids = parseIds(match[2] ?? '');
    if (match[1] === 'disable') result.file = merge(result.file, ids);
    else result.byLine.set(line + 1, merge(result.byLine.get(line + 1), ids));
  }
  return result;
}

function covers(ids: Set<string> | 'all' | undefined, ruleId: string): boolean {
  return ids === 'all' || (ids !== undefined && ids.has(ruleId));
}

export function isSuppressed(finding: Finding, suppressions: Suppressions): boolean {
  return covers(suppressions.file, finding.ruleId) || covers(suppressions.byLine.get(finding.range.start.line), finding.ruleId);
}

/** Line 0 unless the file starts with a `#!` line, which must stay first. */
function fileCommentLine(lines: LineIndex): number {
  return lines.lineText(0).startsWith('#!') ? 1 : 0;
}

export function suppressionFixes(finding: Finding, lines: LineIndex): Fix[] {
  const line = finding.range.start.line;
  const atLine = (n: number) => ({ start: { line: n, character: 0 }, end: { line: n, character: 0 } });
  const insertAt = (n: number, text: string) =>
    n >= lines.lineCount ? { range: { start: lines.positionAt(lines.text.length), end: lines.positionAt(lines.text.length) }, newText: `\n${text}` } : { range: atLine(n), newText: `${text}\n` };
  return [
    {
      title: `Suppress ${finding.ruleId} on this line`,
      edits: { [finding.file]: [insertAt(line, `# ftpwall-disable-next-line ${finding.ruleId}`)] },
      safe: false,
    },
    {
      title: `Suppress ${finding.ruleId} in this file`,
      edits: { [finding.file]: [insertAt(fileCommentLine(lines), `# ftpwall-disable ${finding.ruleId}`)] },
      safe: false,
    },
  ];
}
