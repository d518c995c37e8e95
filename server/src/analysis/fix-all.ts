import { comparePositions, rangesOverlap, type Position, type Range } from '../core/text.js';
import type { TextEdit } from '../core/findings.js';
import { applyEdits } from './apply-edits.js';
import { checkText, type CheckOptions } from './check.js';
import type { AnyLanguage } from './language.js';

/** Enough for chains of dependent fixes; each pass re-checks, so overlapping fixes wait for the next pass. */
const MAX_PASSES = 10;

/**
 * Applies every safe fix for one file, pass after pass, until none is left. Fixes that touch the
 * same text as one already chosen in a pass wait for the next pass, where they are recomputed.
 */
export function fixAll(language: AnyLanguage, text: string, path: string, options: CheckOptions = {}): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = new ChosenEdits();
    // Lines a fix adds end as the file's lines end, while every line ends with CRLF (once a fix
    // has taken some carriage returns out, they are no longer the file's way).
    const crlf = current.includes('\r\n') && !/(^|[^\r])\n/.test(current);
    for (const finding of checkText(language, current, path, options)) {
      const safe = finding.fixes.find((f) => f.safe && Object.keys(f.edits).every((file) => file === path));
      if (!safe) continue;
      const edits = (safe.edits[path] ?? []).map((e) => (crlf ? { ...e, newText: e.newText.replace(/(^|[^\r])\n/g, '$1\r\n') } : e));
      if (edits.some((e) => chosen.overlaps(e.range))) continue;
      for (const edit of edits) chosen.add(edit);
      applied++;
    }
    if (chosen.edits.length === 0) break;
    current = applyEdits(current, chosen.edits).text;
  }
  return { text: current, applied };
}

/**
 * The edits chosen in a pass, in the order of their starts. None of them overlaps another, so a
 * range overlaps one of them only if it overlaps its neighbours where it would go: a file with
 * 100k fixable findings costs a search per fix, not a look at every edit chosen before.
 */
export class ChosenEdits {
  readonly edits: TextEdit[] = [];

  overlaps(range: Range): boolean {
    const at = this.placeOf(range.start);
    return (at > 0 && rangesOverlap(this.edits[at - 1]!.range, range)) || (at < this.edits.length && rangesOverlap(this.edits[at]!.range, range));
  }

  add(edit: TextEdit): void {
    this.edits.splice(this.placeOf(edit.range.start), 0, edit);
  }

  /** The index of the first edit that starts after `position`. */
  private placeOf(position: Position): number {
    let low = 0, high = this.edits.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comparePositions(this.edits[middle]!.range.start, position) <= 0) low = middle + 1; else high = middle;
    }
    return low;
  }
}
