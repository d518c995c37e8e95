import type { FoldingEntry } from './features.js';

/** One fold for each run of two or more consecutive lines of `lines` (0-based), of `kind`. */
export function foldRuns(lines: ReadonlySet<number>, lineCount: number, kind?: FoldingEntry['kind']): FoldingEntry[] {
  const folds: FoldingEntry[] = [];
  let start = -1;
  for (let line = 0; line <= lineCount; line++) {
    if (lines.has(line)) { if (start === -1) start = line; continue; }
    if (start !== -1 && line - 1 > start) folds.push({ startLine: start, endLine: line - 1, ...(kind ? { kind } : {}) });
    start = -1;
  }
  return folds;
}
