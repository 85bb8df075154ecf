/**
 * Pauses found from min/max peaks: runs of low amplitude long enough to be a breath or a gap between
 * sentences. "Low" is relative to the file's own loudness (its noise floor and its loud parts), so a quiet
 * recording and a loud one find the same pauses. Pure and linear in the number of peaks: a 3-hour file at
 * 100 pairs/s is about a million pairs and takes a few milliseconds.
 */

export interface Pause {
  /** Milliseconds. */
  start: number;
  end: number;
}

export interface PauseOptions {
  /** Shortest run that counts as a pause, in ms (default 150). */
  minPauseMs?: number;
  /**
   * Where the threshold sits between the noise floor (10th percentile of amplitude) and the loud level
   * (95th percentile), 0…1 (default 0.12).
   */
  thresholdRatio?: number;
  /**
   * The threshold never exceeds this fraction of the loud level (default 0.2): with few pauses the 10th
   * percentile is already speech, and the threshold must stay under it.
   */
  maxThreshold?: number;
}

const BINS = 1024;

/**
 * Pauses of any amplitude envelope: `amplitude(i)` for pair i in [0, count) is its peak-to-peak height
 * (0…2). The renderer keeps min and max in two arrays and reads them through this.
 */
export function findPauses(
  amplitude: (i: number) => number,
  count: number,
  peaksPerSecond: number,
  opts: PauseOptions = {},
): Pause[] {
  if (count <= 0 || !(peaksPerSecond > 0)) return [];
  const minRun = Math.max(1, Math.ceil(((opts.minPauseMs ?? 150) / 1000) * peaksPerSecond));
  const threshold = loudnessThreshold(amplitude, count, opts.thresholdRatio ?? 0.12, opts.maxThreshold ?? 0.2);
  if (threshold === null) return [];
  const pauses: Pause[] = [];
  const msPerPair = 1000 / peaksPerSecond;
  let runStart = -1;
  for (let i = 0; i <= count; i++) {
    const quiet = i < count && amplitude(i) <= threshold;
    if (quiet && runStart < 0) runStart = i;
    if (!quiet && runStart >= 0) {
      if (i - runStart >= minRun) pauses.push({ start: Math.round(runStart * msPerPair), end: Math.round(i * msPerPair) });
      runStart = -1;
    }
  }
  return pauses;
}

/** The amplitude under which a pair is quiet; null when the file has no loud part to be relative to. */
function loudnessThreshold(amplitude: (i: number) => number, count: number, ratio: number, cap: number): number | null {
  // A histogram instead of a sort: a million pairs would otherwise need a million-element copy.
  const histogram = new Uint32Array(BINS);
  for (let i = 0; i < count; i++) {
    const a = amplitude(i);
    const bin = Math.min(BINS - 1, Math.max(0, Math.floor((a / 2) * BINS)));
    histogram[bin]++;
  }
  const floor = percentile(histogram, count, 0.1);
  const loud = percentile(histogram, count, 0.95);
  if (loud <= floor || loud < 0.01) return null;
  return Math.min(floor + (loud - floor) * ratio, loud * cap);
}

/** The amplitude (upper edge of its bin) below which `fraction` of the pairs lie. */
function percentile(histogram: Uint32Array, count: number, fraction: number): number {
  const target = fraction * count;
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin];
    if (seen >= target) return ((bin + 1) / BINS) * 2;
  }
  return 2;
}
