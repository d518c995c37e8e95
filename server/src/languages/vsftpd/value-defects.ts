import type { TextEdit } from '../../core/findings.js';
import { DIRECTIVES } from './directives.js';
import { replaceSpan } from './edits.js';
import type { DirectiveLine, VsftpdFile } from './syntax.js';

/**
 * Ways a value picks up text its author did not mean as part of it. vsftpd reads the value
 * verbatim to the end of the line, so each of these changes what vsftpd sees; whether that is
 * fatal depends on the directive's kind, so the rules decide the severity, not this reader.
 */
export type ValueDefect =
  | { kind: 'carriage-return'; explanation: string; edit: TextEdit }
  | { kind: 'inline-comment'; explanation: string; edit: TextEdit; comment: string; offsetInValue: number }
  | { kind: 'run-together'; explanation: string; edit: TextEdit; secondName: string; offsetInValue: number }
  | { kind: 'leading-whitespace'; explanation: string; edit: TextEdit }
  | { kind: 'trailing-whitespace'; explanation: string; edit: TextEdit };

// "# text" after whitespace; a "#" glued to a word ("server #2") is left alone.
const INLINE_COMMENT = /[ \t]+#(?:[ \t#].*)?$/;

/** Finds `<known directive>=` inside a value: the line break between two directives was lost. */
export function findRunTogether(value: string): { index: number; name: string } | undefined {
  for (let i = 1; i < value.length; i++) {
    const eq = value.indexOf('=', i);
    if (eq === -1) return undefined;
    // Try every start before this '=' whose text up to it is a known name, longest first.
    for (let start = i; start < eq; start++) {
      const candidate = value.slice(start, eq);
      if (DIRECTIVES.has(candidate)) return { index: start, name: candidate };
    }
    i = eq;
  }
  return undefined;
}

export function valueDefects(file: VsftpdFile, d: DirectiveLine): ValueDefect[] {
  const value = d.value;
  if (!value || value.text === '') return [];
  const defects: ValueDefect[] = [];
  let body = value.text;
  let bodyEnd = value.end;
  if (body.endsWith('\r')) {
    defects.push({
      kind: 'carriage-return',
      explanation: 'the line ends with a carriage return (Windows line endings), which vsftpd keeps as part of the value',
      edit: replaceSpan(file, value.end - 1, value.end, ''),
    });
    body = body.slice(0, -1);
    bodyEnd--;
  }
  const comment = INLINE_COMMENT.exec(body);
  if (comment && comment.index > 0) {
    const commentText = comment[0].trim();
    const lineStart = file.lines.lineStarts[d.line]!;
    defects.push({
      kind: 'inline-comment',
      explanation: `vsftpd has no end-of-line comments, so "${commentText}" is part of the value`,
      // Keep the remark: it moves to a comment line of its own above the directive.
      edit: { range: file.lines.range(lineStart, bodyEnd), newText: `${commentText}\n${file.text.slice(lineStart, value.start + comment.index)}` },
      comment: commentText,
      offsetInValue: comment.index,
    });
    body = body.slice(0, comment.index);
    bodyEnd = value.start + comment.index;
  }
  const joined = findRunTogether(body);
  if (joined) {
    defects.push({
      kind: 'run-together',
      explanation: `"${joined.name}=" inside the value looks like a second directive that lost its line break`,
      edit: replaceSpan(file, value.start + joined.index, value.start + joined.index, '\n'),
      secondName: joined.name,
      offsetInValue: joined.index,
    });
  }
  const leading = /^[ \t]+/.exec(body);
  if (leading && leading[0].length < body.length) {
    defects.push({
      kind: 'leading-whitespace',
      explanation: 'the value starts with whitespace, which vsftpd keeps',
      edit: replaceSpan(file, value.start, value.start + leading[0].length, ''),
    });
  }
  const trailing = /[ \t]+$/.exec(body);
  if (trailing && trailing.index > 0) {
    defects.push({
      kind: 'trailing-whitespace',
      explanation: 'the value ends with whitespace, which vsftpd keeps',
      edit: replaceSpan(file, value.start + trailing.index, bodyEnd, ''),
    });
  }
  return defects;
}
