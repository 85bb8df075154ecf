import { describe, expect, it } from 'vitest';
import { mfcc, MfccExtractor, SILENCE_DB, CEPSTRA } from '../../src/shared/align/mfcc';
import { dtwFeatures } from '../../src/shared/align/dtw-features';
import { cepstraReader, cepstraValues } from '../../src/shared/align/feature-store';
import { bandAroundPath, dtwBanded, dtwMultiscale, fullBand, poolingLevels, type WarpPath } from '../../src/shared/align/dtw';
import {
  abnormalFragments, canSnap, findPauses, finalizeTimes, loudness, mapSpans, snapToPauses,
} from '../../src/shared/align/boundaries';

const RATE = 16000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const sine = (hz: number, amp: number, seconds = 1): Float32Array =>
  Float32Array.from({ length: RATE * seconds }, (_, n) => amp * Math.sin((2 * Math.PI * hz * n) / RATE));

function noise(amp: number, seed = 1): Float32Array {
  const rnd = lcg(seed);
  return Float32Array.from({ length: RATE }, () => amp * (rnd() * 2 - 1));
}

/** Mean cepstral vector over the frames away from the edges. */
function meanCepstra(samples: Float32Array): number[] {
  const f = mfcc(samples, RATE);
  const read = cepstraReader(f.data);
  const mean = new Array<number>(f.dims).fill(0);
  for (let i = 5; i < f.count - 5; i++) for (let c = 0; c < f.dims; c++) mean[c] += read(i * f.dims + c) / (f.count - 10);
  return mean;
}
const dist = (a: number[], b: number[]): number => Math.hypot(...a.map((x, c) => x - b[c]));

describe('mfcc', () => {
  it('frames every 10 ms with 12 cepstra and the loudness of each frame', () => {
    const f = mfcc(sine(1000, 0.5), RATE);
    expect(f.dims).toBe(CEPSTRA);
    expect(f.count).toBeGreaterThanOrEqual(98);
    expect(f.count).toBeLessThanOrEqual(100);
    // A 0.5-amplitude sine has mean square 1/8: -9.03 dBFS.
    expect(f.energyDb[50]).toBeCloseTo(-9.03, 1);
    expect(mfcc(new Float32Array(RATE), RATE).energyDb[50]).toBe(SILENCE_DB);
  });

  it('gives the same features however the input is chunked (pre-emphasis keeps the sample before each chunk)', () => {
    const rnd = lcg(7);
    // Five seconds: longer than the slice push copies at a time, so a whole push is sliced too.
    const speechLike = Float32Array.from({ length: RATE * 5 }, (_, n) => 0.4 * Math.sin(n / 7) * (rnd() * 2 - 1));
    const chunked = (sizes: number[]) => {
      const extractor = new MfccExtractor(RATE);
      let at = 0;
      for (let k = 0; at < speechLike.length; k++) {
        const size = sizes[k % sizes.length];
        extractor.push(speechLike.subarray(at, at + size));
        at += size;
      }
      return extractor.finish();
    };
    const whole = mfcc(speechLike, RATE);
    for (const sizes of [[4096], [1000, 333, 7919], [160, 161], [70_000]]) {
      const f = chunked(sizes);
      expect(f.count).toBe(whole.count);
      expect(Array.from(f.data)).toEqual(Array.from(whole.data));
    }
  });

  it('is steady on a steady tone and tells pitches apart', () => {
    const f = mfcc(sine(1000, 0.5), RATE);
    const row = (i: number): number[] => Array.from(cepstraValues(f.data).subarray(i * f.dims, (i + 1) * f.dims));
    expect(dist(row(20), row(70))).toBeLessThan(0.02 * Math.hypot(...row(20)));
    const tone = meanCepstra(sine(1000, 0.5));
    expect(dist(tone, meanCepstra(sine(3000, 0.5)))).toBeGreaterThan(0.5 * Math.hypot(...tone));
  });

  it('gives noise the same cepstra at any level, 14 dB apart in loudness for 5× the amplitude', () => {
    const quiet = mfcc(noise(0.1), RATE);
    const loud = mfcc(noise(0.5), RATE);
    // C0 is dropped, so the level does not matter (up to the -80 dBFS dither).
    const row = (f: typeof quiet): number[] => Array.from(cepstraValues(f.data).subarray(40 * f.dims, 41 * f.dims));
    expect(dist(row(loud), row(quiet))).toBeLessThan(0.005 * Math.hypot(...row(loud)));
    expect(loud.energyDb[40] - quiet.energyDb[40]).toBeCloseTo(20 * Math.log10(5), 3);
    // Noise is not a tone: its cepstra differ from the sine's.
    expect(dist(meanCepstra(noise(0.5)), meanCepstra(sine(1000, 0.5)))).toBeGreaterThan(1);
  });

  it('normalizes each coefficient over speech frames and adds loudness from the noise floor to speech', () => {
    const samples = new Float32Array(2 * RATE);
    samples.set(noise(0.3), RATE / 2);
    const f = mfcc(samples, RATE);
    const { data, dims } = dtwFeatures(f);
    // The cepstra, their deltas, then the loudness.
    expect(dims).toBe(2 * f.dims + 1);
    const speech = [...f.energyDb.keys()].filter((i) => f.energyDb[i] > -40);
    for (let c = 0; c < f.dims; c++) {
      const values = speech.map((i) => data[i * dims + c]);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(mean).toBeCloseTo(0, 4);
      expect(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length).toBeCloseTo(1, 3);
    }
    expect(data[10 * dims + dims - 1]).toBe(0);
    expect(data[100 * dims + dims - 1]).toBeGreaterThan(2.5);
  });
});

/**
 * `b` made of `a`'s frames each repeated 1–3 times (a known warp). `a` is smooth, like features of speech, so
 * pooled frames still resemble each other; its values are distinct, so the only zero-cost path is the warp.
 */
function warped(n: number, seed: number): { a: Float32Array; b: Float32Array; source: number[] } {
  const rnd = lcg(seed);
  const phases = [rnd(), rnd(), rnd()].map((p) => p * 2 * Math.PI);
  const a = Float32Array.from({ length: n }, (_, i) =>
    Math.sin(i / 7 + phases[0]) + 0.6 * Math.sin(i / 23 + phases[1]) + 0.3 * Math.sin(i / 3.1 + phases[2]) + 1e-4 * i);
  const source: number[] = [];
  for (let i = 0; i < n; i++) {
    const copies = 1 + Math.floor(rnd() * 3);
    for (let c = 0; c < copies; c++) source.push(i);
  }
  return { a, b: Float32Array.from(source, (i) => a[i]), source };
}

const seq = (data: Float32Array): { data: Float32Array; count: number } => ({ data, count: data.length });

function pathCost(path: WarpPath, a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < path.i.length; k++) sum += Math.abs(a[path.i[k]] - b[path.j[k]]);
  return sum;
}

describe('dtw', () => {
  it('recovers a known warp: every frame of b is matched with the frame of a it was copied from', () => {
    const { a, b, source } = warped(200, 7);
    const path = dtwBanded(seq(a), seq(b), 1, fullBand(a.length, b.length));
    expect(path.i[0]).toBe(0);
    expect(path.j[0]).toBe(0);
    expect(path.i.at(-1)).toBe(a.length - 1);
    expect(path.j.at(-1)).toBe(b.length - 1);
    for (let k = 0; k < path.i.length; k++) {
      if (k > 0) {
        expect(path.i[k] - path.i[k - 1]).toBeGreaterThanOrEqual(0);
        expect(path.j[k] - path.j[k - 1]).toBeGreaterThanOrEqual(0);
        expect(path.i[k] - path.i[k - 1] + path.j[k] - path.j[k - 1]).toBeGreaterThan(0);
      }
    }
    for (let j = 0; j < b.length; j++) {
      const matched = [...path.i].filter((_, k) => path.j[k] === j);
      expect(matched).toContain(source[j]);
    }
  });

  it('banded DTW around the optimal path, and multiscale DTW, find the full DTW path', () => {
    const rnd = lcg(3);
    const a = Float32Array.from({ length: 60 }, () => rnd());
    const b = Float32Array.from({ length: 75 }, () => rnd());
    const full = dtwBanded(seq(a), seq(b), 1, fullBand(60, 75));
    const banded = dtwBanded(seq(a), seq(b), 1, bandAroundPath(full, 1, 60, 75, 2));
    expect([...banded.i]).toEqual([...full.i]);
    expect([...banded.j]).toEqual([...full.j]);
    const multi = dtwMultiscale(seq(a), seq(b), 1, { maxCoarseCells: 100, levelRatio: 2, radius: 80 });
    expect(pathCost(multi, a, b)).toBeCloseTo(pathCost(full, a, b), 6);
    expect([...multi.j]).toEqual([...full.j]);
  });

  it('recovers a warp through coarse levels with a narrow band', () => {
    const { a, b, source } = warped(3000, 11);
    const path = dtwMultiscale(seq(a), seq(b), 1, { maxCoarseCells: 10_000, levelRatio: 4, radius: 30 });
    expect(pathCost(path, a, b)).toBeLessThan(1e-3);
    const wrong = [...path.j].filter((j, k) => source[j] !== path.i[k]).length;
    expect(wrong).toBe(0);
  });

  it('pools until the coarsest full matrix fits', () => {
    expect(poolingLevels(180_000, 180_000, 16_000_000, 4)).toEqual([64, 16, 4, 1]);
    expect(poolingLevels(100, 100, 16_000_000, 4)).toEqual([1]);
  });
});

describe('boundaries', () => {
  it('maps reference spans through the path: first real frame of a start, last of an end', () => {
    // Reference frames 0..5; real frames 0..7. Ref frame 2 is held over real 2..4.
    const path = { i: Int32Array.from([0, 1, 2, 2, 2, 3, 4, 5]), j: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]) };
    expect(mapSpans(path, [{ start: 1, end: 3 }, { start: 3, end: 6 }], 6)).toEqual([{ start: 1, end: 5 }, { start: 5, end: 8 }]);
    expect(mapSpans(path, [{ start: 2, end: 2 }], 6)).toEqual([{ start: 2, end: 2 }]);
  });

  const energy = (pattern: string): Float32Array => Float32Array.from(pattern, (ch) => (ch === '.' ? -90 : -20));

  it('finds pauses and snaps starts to their ends and ends to their starts, within reach', () => {
    //                    0         1         2         3
    //                    0123456789012345678901234567890123456789
    const e = energy('....xxxxxxxxxx......xxxxxxxxx..xxxxx....');
    const pauses = findPauses(e, -60, 3);
    expect(pauses).toEqual([{ start: 0, end: 4 }, { start: 14, end: 20 }, { start: 36, end: 40 }]);
    const snapped = snapToPauses([{ start: 5, end: 12 }, { start: 22, end: 37 }], pauses, { maxShift: 3, minPause: 3 });
    expect(snapped).toEqual([{ start: 4, end: 14 }, { start: 20, end: 36 }]);
    // Out of reach: nothing moves.
    expect(snapToPauses([{ start: 9, end: 30 }], pauses, { maxShift: 3, minPause: 3 })).toEqual([{ start: 9, end: 30 }]);
  });

  it('undoes a snap that would reverse a fragment or overlap its neighbour', () => {
    // The start would move to 12 and the end to 10.
    expect(snapToPauses([{ start: 11, end: 13 }], [{ start: 10, end: 12 }], { maxShift: 3, minPause: 1 })).toEqual([{ start: 11, end: 13 }]);
    // Fragment 0's end would move to 11 and fragment 1's start to 8.
    const pauses = [{ start: 5, end: 8 }, { start: 11, end: 13 }];
    expect(snapToPauses([{ start: 0, end: 9 }, { start: 10, end: 20 }], pauses, { maxShift: 3, minPause: 1 }))
      .toEqual([{ start: 0, end: 9 }, { start: 10, end: 20 }]);
  });

  it('snaps only when speech stands far above the noise floor', () => {
    const clean = Float32Array.from({ length: 100 }, (_, k) => (k % 10 < 3 ? SILENCE_DB : -20));
    const noisy = Float32Array.from({ length: 100 }, (_, k) => (k % 10 < 3 ? -45 : -20));
    expect(canSnap(loudness(clean))).toBe(true);
    expect(canSnap(loudness(noisy))).toBe(false);
    expect(loudness(noisy).noiseFloorDb).toBe(-45);
  });

  it('flags fragments whose real duration is implausible for their TTS duration', () => {
    expect(abnormalFragments([1000, 300, 3000, 1000, 0, 5000], [1000, 1000, 1000, 2400, 0, 0])).toEqual([1, 2, 5]);
  });

  it('finalizes to integer, monotonic, non-overlapping times within the audio', () => {
    expect(finalizeTimes([{ start: -5, end: 10.4 }, { start: 8, end: 20.6 }, { start: 30, end: 25 }, { start: 990, end: 1200 }], 1000))
      .toEqual([{ start: 0, end: 10 }, { start: 10, end: 21 }, { start: 30, end: 30 }, { start: 990, end: 1000 }]);
  });
});
