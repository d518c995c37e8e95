import type { Decision, RunResult } from './run.js';

/** One way the script can run: the branches it took on what is unknown, and what it left behind. */
export interface World<T> { decisions: readonly Decision[]; result: RunResult; outcome: T }

/** Every way through, or the first `limit` of them when there are more (`complete` false). */
export interface Worlds<T> { worlds: World<T>[]; complete: boolean }

/**
 * Runs a script once per way through its unknown branches. `runOne` runs it taking the branches
 * `choices` gives, the first way (false) past them; each run names the branches it met, and the
 * ways not yet taken are run next, depth first, so every way is run exactly once.
 */
export function everyWay<T>(runOne: (choices: readonly boolean[]) => { result: RunResult; outcome: T }, limit: number): Worlds<T> {
  const worlds: World<T>[] = [];
  const pending: boolean[][] = [[]];
  while (pending.length > 0) {
    if (worlds.length === limit) return { worlds, complete: false };
    const choices = pending.pop()!;
    const { result, outcome } = runOne(choices);
    worlds.push({ decisions: result.decisions, result, outcome });
    // Branches met past the given choices went the first way; the other way of each is still to run.
    for (let n = result.decisions.length - 1; n >= choices.length; n--) {
      pending.push([...result.decisions.slice(0, n).map((d) => d.taken), true]);
    }
  }
  return { worlds, complete: true };
}

/** The first branch two ways through the script took differently: the one they part at. */
export function partingDecision(a: readonly Decision[], b: readonly Decision[]): Decision | undefined {
  for (let n = 0; n < Math.min(a.length, b.length); n++) {
    if (a[n]!.taken !== b[n]!.taken) return a[n];
  }
  return a[0] ?? b[0];
}
