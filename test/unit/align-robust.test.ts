import { describe, expect, it } from 'vitest';
import { FEATURE_TUNING, mfcc } from '../../src/shared/align/mfcc';
import { dtwFeatures } from '../../src/shared/align/dtw-features';
import { snapToPauses, trustedPauses } from '../../src/shared/align/boundaries';
import { fragmentConfidence, spanCosts } from '../../src/node/align/confidence';
import { wholeSource } from '../../src/shared/align/frame-source';
import { musicBed } from '../../tools/test-audio/degrade';
import { speechExtent, stretchFeatures, tempoRatio } from '../../src/node/align/tempo';
import type { Features } from '../../src/shared/align/mfcc';

const RATE = 16000;

/** Loudness per 10 ms frame: speech at -15 dB with pauses, over a bed that pulses between -42 and -32 dB. */
function podcastLoudness(): { energy: Float32Array; pauses: [number, number][] } {
  const pauses: [number, number][] = [[100, 130], [300, 360], [520, 535]];
  const energy = Float32Array.from({ length: 700 }, (_, f) => {
    const bed = f % 50 < 10 ? -32 : -42;
    const quiet = pauses.some(([a, b]) => f >= a && f < b) || f % 23 === 5;
    return quiet ? bed : -15 + ((f * 7) % 5);
  });
  return { energy, pauses };
}

describe('trustedPauses', () => {
  it('finds the pauses under a pulsing music bed but not the one-frame dips between words', () => {
    const { energy, pauses } = podcastLoudness();
    const found = trustedPauses(energy, { fraction: 0.4, minFrames: 10, minRangeDb: 18 });
    expect(found?.map((p) => [p.start, p.end])).toEqual(pauses);
  });

  it('ends a pause where the next speech first rises over the onset line, and starts it where the last falls under the offset line', () => {
    // Floor -60, speech -10 (detection line at 40%: -40). A pause 100–140 at -60, the onset ramping -50, -35, -25
    // over 137–139 and the decay -30, -45 over 100–101: the detector sees 101–138.
    const energy = Float32Array.from({ length: 300 }, (_, f) => {
      const ramp: Record<number, number> = { 100: -30, 101: -45, 137: -50, 138: -35, 139: -25 };
      return ramp[f] ?? (f >= 102 && f < 137 ? -60 : f % 50 === 0 ? -60 : -10);
    });
    const detect = { fraction: 0.4, minFrames: 10, minRangeDb: 18 };
    expect(trustedPauses(energy, detect)).toEqual([{ start: 101, end: 138 }]);
    // Onset line at 20% (-50): -50 and -35 are speech. Offset line at 20%: -45 is speech too.
    expect(trustedPauses(energy, { ...detect, onsetFraction: 0.2 })).toEqual([{ start: 101, end: 137 }]);
    expect(trustedPauses(energy, { ...detect, onsetFraction: 0.2, offsetFraction: 0.2 })).toEqual([{ start: 102, end: 137 }]);
    // A line above the detection line is the detection line.
    expect(trustedPauses(energy, { ...detect, onsetFraction: 0.9 })).toEqual([{ start: 101, end: 138 }]);
  });

  it('keeps at least one frame of a pause whose every frame is over the onset line', () => {
    const energy = Float32Array.from({ length: 300 }, (_, f) => (f >= 100 && f < 115 ? -45 : f % 10 === 0 ? -60 : -10));
    expect(trustedPauses(energy, { fraction: 0.4, onsetFraction: 0.1, minFrames: 10, minRangeDb: 18 })).toEqual([{ start: 100, end: 101 }]);
  });

  it('trusts nothing when speech hardly stands above the bed', () => {
    const energy = Float32Array.from({ length: 500 }, (_, f) => (f % 100 < 30 ? -30 : -20));
    expect(trustedPauses(energy, { fraction: 0.4, minFrames: 10, minRangeDb: 18 })).toBeNull();
  });
});

describe('snapToPauses fromInside', () => {
  const pauses = [{ start: 100, end: 130 }, { start: 300, end: 360 }];
  it('moves a boundary left inside a pause to its edge however far, and keeps the rest within maxShift', () => {
    const spans = [{ start: 0, end: 104 }, { start: 105, end: 250 }, { start: 320, end: 400 }];
    expect(snapToPauses(spans, pauses, { maxShift: 20, minPause: 10, fromInside: true })).toEqual([
      { start: 0, end: 100 }, { start: 130, end: 250 }, { start: 360, end: 400 },
    ]);
    // Without it, only the boundaries within maxShift of an edge move.
    expect(snapToPauses(spans, pauses, { maxShift: 20, minPause: 10 })).toEqual([
      { start: 0, end: 100 }, { start: 105, end: 250 }, { start: 320, end: 400 },
    ]);
  });
});

describe('sliding CMVN', () => {
  it('normalizes each part of a recording whose colouring changes against its own neighbourhood', () => {
    // 6 s of noise, the second half through a different colouring (a louder, duller room).
    const samples = new Float32Array(6 * RATE);
    let seed = 7;
    let low = 0;
    for (let n = 0; n < samples.length; n++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const white = (seed / 2 ** 32) * 2 - 1;
      low = 0.9 * low + 0.1 * white;
      samples[n] = n < 3 * RATE ? 0.1 * white : 0.5 * low;
    }
    const f = mfcc(samples, RATE);
    const saved = { ...FEATURE_TUNING };
    const halves = (cmvnFrames: number): number => {
      Object.assign(FEATURE_TUNING, { cmvnFrames, deltaWeight: 0 });
      const { data, dims } = dtwFeatures(f);
      // Mean of C1 over the middle of each half: near 0 in both when the window is local.
      const mean = (from: number, to: number): number => {
        let sum = 0;
        for (let i = from; i < to; i++) sum += data[i * dims];
        return sum / (to - from);
      };
      return Math.abs(mean(60, 240)) + Math.abs(mean(360, 540));
    };
    try {
      expect(halves(300)).toBeLessThan(0.3 * halves(0));
    } finally {
      Object.assign(FEATURE_TUNING, saved);
    }
  });

  it('adds deltas of the cepstra when asked', () => {
    const f = mfcc(Float32Array.from({ length: RATE }, (_, n) => 0.3 * Math.sin(n / (1 + n / 4000))), RATE);
    const saved = { ...FEATURE_TUNING };
    try {
      Object.assign(FEATURE_TUNING, { deltaWeight: 1 });
      expect(dtwFeatures(f).dims).toBe(2 * f.dims + 1);
      Object.assign(FEATURE_TUNING, { deltaWeight: 0 });
      expect(dtwFeatures(f).dims).toBe(f.dims + 1);
    } finally {
      Object.assign(FEATURE_TUNING, saved);
    }
  });
});

describe('confidence', () => {
  it('averages the matched-frame distance inside each reference span and around its ends', () => {
    const a = { data: new Float32Array(100), count: 100 };
    const b = { data: Float32Array.from({ length: 100 }, (_, j) => (j >= 60 ? 4 : 0)), count: 100 };
    const path = { i: Int32Array.from({ length: 100 }, (_, k) => k), j: Int32Array.from({ length: 100 }, (_, k) => k) };
    const [first, second] = spanCosts(path, [{ start: 0, end: 50 }, { start: 50, end: 100 }], wholeSource(a.data, a.count, 1), wholeSource(b.data, b.count, 1));
    expect(first.whole).toBe(0);
    expect(first.start).toBe(0);
    // Its end's window (frames 20–79) holds 20 frames at distance 4.
    expect(first.end).toBeCloseTo((20 * 4) / 60, 6);
    expect(second.whole).toBeCloseTo((40 * 4) / 50, 6);
  });

  it('is high for typical fragments and low for costly, implausibly long or pause-less ones', () => {
    const cost = (x: number) => ({ whole: x, start: x, end: x });
    const costs = [cost(1), cost(1), cost(1), cost(2.5), cost(1), cost(1)];
    const c = fragmentConfidence(costs, [1000, 1000, 1000, 1000, 4000, 1000], Array(6).fill(1000), [2, 2, 2, 2, 2, 0]);
    expect(c.slice(0, 3)).toEqual([1, 1, 1]);
    expect(c[3]).toBe(0);
    expect(c[4]).toBeLessThan(0.5);
    expect(c[5]).toBe(0.5);
  });
});

describe('musicBed', () => {
  it('is the same for a seed, has rhythm, and differs between seeds', () => {
    const a = musicBed(4, 1);
    expect(musicBed(4, 1)).toEqual(a);
    expect(musicBed(4, 2)).not.toEqual(a);
    // Louder right after each beat than just before the next one.
    const rms = (from: number): number => Math.sqrt(a.subarray(from, from + 800).reduce((s, x) => s + x * x, 0) / 800);
    expect(rms(RATE / 2 + 400)).toBeGreaterThan(2 * rms(RATE - 900));
  });
});

describe('tempo', () => {
  /** Features with one value per frame (its index) and speech (-10 dB) where `speech` says, silence elsewhere. */
  const features = (count: number, speech: (i: number) => boolean): Features => ({
    data: Float32Array.from({ length: count }, (_, i) => i), dims: 1, count,
    energyDb: Float32Array.from({ length: count }, (_, i) => (speech(i) ? -10 : -80)), sampleRate: 16000, hop: 160, win: 400,
  });

  it('measures how much longer the recording speaks than the reference, from first to last speech', () => {
    const ref = features(4000, (i) => i >= 200 && i < 3800);
    const real = features(9000, (i) => i >= 1000 && i < 6400 && i % 100 > 30);
    expect(speechExtent(ref.energyDb)).toEqual({ first: 200, end: 3800 });
    expect(tempoRatio(ref, real, 0, 9000)).toBeCloseTo((6400 - 1031) / 3600, 6);
    // No speech, or a reference of a few sentences: left to DTW.
    expect(tempoRatio(ref, features(9000, () => false), 0, 9000)).toBe(1);
    expect(tempoRatio(features(1000, (i) => i > 100), real, 0, 9000)).toBe(1);
  });

  it('repeats reference frames to the recording tempo and scales the spans with them', () => {
    const ref = features(10, () => true);
    const out = stretchFeatures(ref, [{ start: 2, end: 6 }], 1.5);
    expect(out.features.count).toBe(15);
    expect([...out.features.data]).toEqual([0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 9]);
    expect(out.spans).toEqual([{ start: 3, end: 9 }]);
    // The frame at a scaled edge is the frame at the original edge.
    expect(out.features.data[out.spans[0].start]).toBe(2);
    expect(out.features.data[out.spans[0].end]).toBe(6);
  });
});
