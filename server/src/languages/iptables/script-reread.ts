import { SUPPRESSION_MARK } from '../../core/suppression.js';
import { commonPrefixLength, commonSuffixLength, LineIndex } from '../../core/text.js';
import { firstAtOrAfter } from '../../core/sorted.js';
import type { ScriptDocument } from './script-document.js';
import { iptablesIntents } from './firewall-intents.js';

/**
 * A script after an edit that only changed the text of one comment: the script runs the same, so
 * its reading is kept. Everything read from it keeps its offsets into the text it was first read
 * from (`source`), whose positions stay right on every line, since a comment ends its line; only
 * `text` and `lines` are new. Undefined for any other edit (the script is then read and run again).
 */
export function withEditedComment(previous: ScriptDocument, text: string): ScriptDocument | undefined {
  const old = previous.text;
  const prefix = commonPrefixLength(old, text);
  const oldEnd = old.length - commonSuffixLength(old, text, prefix);
  const newEnd = oldEnd + (text.length - old.length);
  if (old.slice(prefix, oldEnd).includes('\n') || text.slice(prefix, newEnd).includes('\n')) return undefined;
  // The comment the edit falls in: one on the edit's line whose '#' comes before the edit.
  const at = previous.lines.positionAt(prefix);
  const { script, lines: sourceLines } = previous.source;
  const first = firstAtOrAfter(script.comments, at.line, (start) => sourceLines.positionAt(start).line);
  const comment = script.comments[first];
  const place = comment === undefined ? undefined : sourceLines.positionAt(comment);
  if (!place || place.line !== at.line || place.character >= at.character) return undefined;
  const lines = new LineIndex(text);
  if (previous.lines.lineText(at.line).includes(SUPPRESSION_MARK) || lines.lineText(at.line).includes(SUPPRESSION_MARK)) return undefined;
  // The intents write into the new text, so they are made from the new document, not copied from the old.
  const edited = (doc: ScriptDocument): ScriptDocument => ({ ...doc, text, lines, get intents() { return iptablesIntents(this); } });
  return { ...edited(previous), inHost: (context) => edited(previous.inHost(context)) };
}
