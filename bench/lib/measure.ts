/** Timing helpers shared by the benchmarks: wall-clock medians, no assertions. */

/** Runs per measurement: BENCH_RUNS from the environment, else the benchmark's default. */
export function runCount(fallback: number): number {
  const n = Number(process.env.BENCH_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Milliseconds one call of `fn` takes. A function that needs set-up outside the timed part returns its own
 * measured milliseconds (a number), which is used instead.
 */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = performance.now();
  const own = await fn();
  return typeof own === 'number' ? own : performance.now() - start;
}

/**
 * Median milliseconds of each named function over `runs` rounds. Within a round the functions take turns,
 * so a slow patch of the machine (another process, GC, CPU clock) lands on all of them alike.
 */
export async function medians<K extends string>(runs: number, fns: Record<K, () => unknown>): Promise<Record<K, number>> {
  const keys = Object.keys(fns) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < runs; r++) {
    for (const k of keys) samples[k].push(await timeMs(fns[k]));
  }
  return Object.fromEntries(keys.map((k) => [k, median(samples[k])])) as Record<K, number>;
}

export const fixed = (x: number, digits = 1): string => x.toFixed(digits);
