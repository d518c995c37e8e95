import { rangesOverlap } from '../core/text.js';
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
    const chosen: TextEdit[] = [];
    for (const finding of checkText(language, current, path, options)) {
      const safe = finding.fixes.find((f) => f.safe && Object.keys(f.edits).every((file) => file === path));
      if (!safe) continue;
      const edits = safe.edits[path] ?? [];
      if (edits.some((e) => chosen.some((c) => rangesOverlap(c.range, e.range)))) continue;
      chosen.push(...edits);
      applied++;
    }
    if (chosen.length === 0) break;
    current = applyEdits(current, chosen).text;
  }
  return { text: current, applied };
}
