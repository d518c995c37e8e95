/**
 * Damerau-Levenshtein distance (optimal string alignment), enough to catch typos and swaps. Past
 * `bound` the exact distance does not matter: as soon as every way through is longer, bound + 1
 * comes back. Three rows are kept (a swap looks two back), made once per call.
 */
export function editDistance(a: string, b: string, bound = Infinity): number {
  const cols = b.length + 1;
  let before = new Int32Array(cols), previous = new Int32Array(cols), current = new Int32Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
      if (best < rowBest) rowBest = best;
    }
    // No row is more than one below the row before it, so once a whole row is past the bound (the
    // row before it at the bound or past it, for a swap) every later one is too.
    if (rowBest > bound) return bound + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, bound + 1);
}

/**
 * The candidates closest to `word`, best first, among those close enough to be a plausible
 * typo (a third of the word's length, at least 2). Case differences count as nothing.
 */
export function nearestNames(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = word.toLowerCase();
  const allowed = Math.max(2, Math.floor(needle.length / 3));
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip without computing it (a 1 MB word costs nothing).
    if (Math.abs(candidate.length - needle.length) > allowed) continue;
    const distance = editDistance(needle, candidate.toLowerCase(), allowed);
    if (distance <= allowed) scored.push([candidate, distance]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, limit).map(([name]) => name);
}
