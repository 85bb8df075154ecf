import { describe, expect, it } from 'vitest';
import { findPauses, type PauseOptions } from '../../src/shared/pauses';

/** Interleaved min/max peaks at `pps` pairs/s from segments of [seconds, amplitude]. */
function peaksOf(pps: number, segments: Array<[number, number]>): { peaksPerSecond: number; data: Float32Array } {
  const pairs = segments.reduce((n, [s]) => n + Math.round(s * pps), 0);
  const data = new Float32Array(pairs * 2);
  let i = 0;
  for (const [seconds, amp] of segments) {
    for (let k = 0; k < Math.round(seconds * pps); k++, i++) {
      // A little variation so loud parts are not a constant.
      const a = amp * (0.8 + 0.2 * ((k * 7) % 5) / 4);
      data[2 * i] = -a;
      data[2 * i + 1] = a;
    }
  }
  return { peaksPerSecond: pps, data };
}

/** Pauses of interleaved min/max peaks, read as the renderer reads its two arrays: through `findPauses`. */
function findPausesFromPeaks(peaks: { peaksPerSecond: number; data: ArrayLike<number> }, opts?: PauseOptions) {
  const { data } = peaks;
  return findPauses((i) => data[2 * i + 1] - data[2 * i], Math.floor(data.length / 2), peaks.peaksPerSecond, opts);
}

describe('findPauses', () => {
  it('finds the quiet runs of at least 150 ms between loud parts, in ms', () => {
    const peaks = peaksOf(100, [[1, 0.6], [0.3, 0.01], [1, 0.5], [0.1, 0.01], [1, 0.7], [0.5, 0.02], [1, 0.6]]);
    expect(findPausesFromPeaks(peaks)).toEqual([
      { start: 1000, end: 1300 },
      // The 100 ms dip at 2.3 s is too short to be a pause.
      { start: 3400, end: 3900 },
    ]);
  });

  it('is relative to the file: a quiet recording finds the same pauses as a loud one', () => {
    const loud = peaksOf(100, [[2, 0.8], [0.4, 0.02], [2, 0.8]]);
    const quiet = peaksOf(100, [[2, 0.08], [0.4, 0.002], [2, 0.08]]);
    expect(findPausesFromPeaks(quiet)).toEqual(findPausesFromPeaks(loud));
    expect(findPausesFromPeaks(loud)).toEqual([{ start: 2000, end: 2400 }]);
  });

  it('honours minPauseMs and other resolutions', () => {
    const peaks = peaksOf(50, [[1, 0.5], [0.1, 0], [1, 0.5]]);
    expect(findPausesFromPeaks(peaks)).toEqual([]);
    expect(findPausesFromPeaks(peaks, { minPauseMs: 80 })).toEqual([{ start: 1000, end: 1100 }]);
  });

  it('counts quiet runs at the very start and end', () => {
    const peaks = peaksOf(100, [[0.5, 0], [2, 0.5], [0.5, 0]]);
    expect(findPausesFromPeaks(peaks)).toEqual([{ start: 0, end: 500 }, { start: 2500, end: 3000 }]);
  });

  it('finds nothing in silence or in no data', () => {
    expect(findPausesFromPeaks(peaksOf(100, [[3, 0]]))).toEqual([]);
    expect(findPausesFromPeaks({ peaksPerSecond: 100, data: [] })).toEqual([]);
  });
});
