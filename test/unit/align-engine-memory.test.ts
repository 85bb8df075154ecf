import { describe, expect, it } from 'vitest';
import { MfccExtractor, CEPSTRA, FEATURE_TUNING, type Features } from '../../src/shared/align/mfcc';
import { dtwFeatureFrames, dtwFeatures, dtwScale } from '../../src/shared/align/dtw-features';
import { dtwBanded, dtwMultiscale, fullBand } from '../../src/shared/align/dtw';
import { BlockSource, dtwFeatureSource, pooledSource, wholeSource } from '../../src/shared/align/frame-source';
import { spanCosts } from '../../src/node/align/confidence';
import { ReferenceBuilder, REF_GAP_MS } from '../../src/node/align/reference';

const TTS_RATE = 22050;

/** A tone of `ms` as 16-bit TTS speech. */
const tone = (hz: number, ms: number): Int16Array =>
  Int16Array.from({ length: Math.round((TTS_RATE * ms) / 1000) }, (_, n) => Math.round(8000 * Math.sin((2 * Math.PI * hz * n) / TTS_RATE)));

/** The reference as it was built before streaming: the stretch's whole speech, gap, piece, gap, piece, … */
function wholeReference(pieces: Int16Array[]): Features {
  const extractor = new MfccExtractor(TTS_RATE);
  const gap = new Float32Array(Math.round((TTS_RATE * REF_GAP_MS) / 1000));
  extractor.push(gap);
  for (const piece of pieces) {
    extractor.push(Float32Array.from(piece, (x) => x / 32768));
    extractor.push(gap);
  }
  return extractor.finish();
}

describe('ReferenceBuilder (TTS batches streamed into features)', () => {
  // Fragments 0-1 and 3-5 are stretches (2 is pinned); 4 is unspeakable and never comes in a batch.
  const pieces = [tone(300, 400), tone(500, 700), tone(700, 300), tone(900, 500), new Int16Array(0), tone(1200, 600)];
  const parts = [{ from: 0, to: 2 }, { from: 3, to: 6 }];

  it('gives each stretch the features of its whole speech, whatever the batches, and every fragment its length', () => {
    const builder = new ReferenceBuilder(pieces.length, parts);
    builder.add([0], [pieces[0]], TTS_RATE);
    builder.add([1, 2, 3], [pieces[1], pieces[2], pieces[3]], TTS_RATE);
    builder.add([5], [pieces[5]], TTS_RATE);
    const refs = builder.finish();
    expect(refs).toHaveLength(2);
    expect(Array.from(refs[0].features.data)).toEqual(Array.from(wholeReference(pieces.slice(0, 2)).data));
    expect(Array.from(refs[1].features.data)).toEqual(Array.from(wholeReference(pieces.slice(3, 6)).data));
    expect(Array.from(builder.ttsMs).map(Math.round)).toEqual([400, 700, 300, 500, 0, 600]);
    // Spans in frames (10 ms; an edge sits half a window late): 200 ms of gap, then each piece; the unspeakable one is empty.
    expect(refs[1].spans.map((s) => s.end - s.start)).toEqual([50, 0, 60]);
    expect(refs[1].spans[0].start).toBe(19);
  });

  it('gives the same features when each stretch is sized from its part of the recording, short or long', () => {
    const plain = new ReferenceBuilder(pieces.length, parts);
    plain.add([0, 1, 2, 3, 5], [pieces[0], pieces[1], pieces[2], pieces[3], pieces[5]], TTS_RATE);
    const want = plain.finish();
    for (const seconds of [[1.6, 2.1], [0.2, 9]]) {
      const sized = new ReferenceBuilder(pieces.length, parts, seconds);
      sized.add([0, 1, 2, 3, 5], [pieces[0], pieces[1], pieces[2], pieces[3], pieces[5]], TTS_RATE);
      const refs = sized.finish();
      refs.forEach((r, n) => {
        expect(Array.from(r.features.data)).toEqual(Array.from(want[n].features.data));
        expect(r.spans).toEqual(want[n].spans);
      });
    }
  });

  it('closes stretches whose fragments never came (all unspeakable, at the end)', () => {
    const builder = new ReferenceBuilder(3, [{ from: 0, to: 1 }, { from: 2, to: 3 }]);
    builder.add([0], [tone(400, 500)], TTS_RATE);
    const refs = builder.finish();
    expect(refs[1].spans).toEqual([{ start: 19, end: 19 }]);
    expect(refs[1].features.count).toBeGreaterThan(0);
  });
});

describe('MfccExtractor sized from a known length', () => {
  const signal = Float32Array.from({ length: 16000 * 3 }, (_, n) => 0.3 * Math.sin(n / 7) * Math.sin(n / 900));

  const features = (expectedSeconds: number): ReturnType<MfccExtractor['finish']> => {
    const extractor = new MfccExtractor(16000, expectedSeconds);
    for (let at = 0; at < signal.length; at += 5000) extractor.push(signal.subarray(at, at + 5000));
    return extractor.finish();
  };

  it('gives the same features as growing arrays, whether the length was right, short or long', () => {
    const grown = features(0);
    for (const seconds of [3, 0.5, 30]) {
      const sized = features(seconds);
      expect(sized.count).toBe(grown.count);
      expect(sized.data.length).toBe(grown.count * CEPSTRA);
      expect(Array.from(sized.data)).toEqual(Array.from(grown.data));
      expect(Array.from(sized.energyDb)).toEqual(Array.from(grown.energyDb));
    }
  });

  it('hands a right-sized array over without copying it', () => {
    const sized = features(3);
    expect(sized.data.buffer.byteLength).toBeLessThan(1.1 * sized.data.byteLength + 2000 * CEPSTRA);
    // Half floats: two bytes a cepstrum.
    expect(sized.data).toBeInstanceOf(Uint16Array);
    expect(sized.data.byteLength).toBe(sized.count * CEPSTRA * 2);
  });
});

describe('dtwBanded path', () => {
  it('runs from corner to corner in steps of one', () => {
    const a = { data: Float32Array.from([0, 1, 2, 3, 4]), count: 5 };
    const b = { data: Float32Array.from([0, 0, 1, 2, 2, 3, 4, 4]), count: 8 };
    const path = dtwBanded(a, b, 1, fullBand(5, 8));
    expect(path.i[0]).toBe(0);
    expect(path.j[0]).toBe(0);
    expect(path.i.at(-1)).toBe(4);
    expect(path.j.at(-1)).toBe(7);
    for (let k = 1; k < path.i.length; k++) {
      expect(path.i[k] - path.i[k - 1]).toBeGreaterThanOrEqual(0);
      expect(path.j[k] - path.j[k - 1]).toBeLessThanOrEqual(1);
      expect(path.i[k] - path.i[k - 1] + path.j[k] - path.j[k - 1]).toBeGreaterThan(0);
    }
    expect(Array.from(path.j)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

/** Speech-like 12-cepstra features with loudness: louder and quieter runs, so the stretch has pauses. */
function syntheticFeatures(count: number, seed: number): Features {
  let s = seed >>> 0;
  const rnd = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const data = Float32Array.from({ length: count * CEPSTRA }, (_, k) => Math.sin(k / 37) * 5 + rnd() * 2);
  const energyDb = Float32Array.from({ length: count }, (_, i) => (Math.floor(i / 40) % 3 === 0 ? -70 + rnd() : -20 - 10 * rnd()));
  return { data, dims: CEPSTRA, count, energyDb, sampleRate: 16000, hop: 160, win: 400 };
}

/** A source over `make` that counts the most frames it ever made at once. */
function countingSource(f: Features, from: number, to: number, block: number): { source: BlockSource; most: () => number } {
  const scale = dtwScale(f, from, to);
  let most = 0;
  const source = new BlockSource(to - from, scale.stride, (first, end) => {
    most = Math.max(most, end - first);
    return dtwFeatureFrames(f, scale, first, end);
  }, block);
  return { source, most: () => most };
}

describe('DTW features made on demand', () => {
  const f = syntheticFeatures(3000, 5);

  it('are the numbers of dtwFeatures over the whole stretch, block by block, with and without deltas', () => {
    const weight = FEATURE_TUNING.deltaWeight;
    try {
      for (const deltaWeight of [1, 0]) {
        FEATURE_TUNING.deltaWeight = deltaWeight;
        const whole = dtwFeatures(f, 100, 2900);
        const source = dtwFeatureSource(f, 100, 2900);
        expect(source.dims).toBe(whole.dims);
        for (let at = 0; at < source.count; at += 97) {
          const end = Math.min(source.count, at + 97);
          const w = source.window(at, end);
          const got = w.data.subarray((at - w.first) * source.dims, (end - w.first) * source.dims);
          expect(Array.from(got)).toEqual(Array.from(whole.data.subarray(at * whole.dims, end * whole.dims)));
        }
      }
    } finally {
      FEATURE_TUNING.deltaWeight = weight;
    }
  });

  it('give multiscale DTW and the path costs the path and costs of the whole features, never made whole', () => {
    const ref = syntheticFeatures(2200, 9);
    const whole = { a: dtwFeatures(ref), b: dtwFeatures(f, 0, 2500) };
    const a = { data: whole.a.data, count: ref.count };
    const b = { data: whole.b.data, count: 2500 };
    const options = { maxCoarseCells: 20_000, levelRatio: 4, radius: 30 };
    const expected = dtwMultiscale(a, b, whole.a.dims, options);
    const onDemand = { a: countingSource(ref, 0, ref.count, 256), b: countingSource(f, 0, 2500, 256) };
    const path = dtwMultiscale(onDemand.a.source, onDemand.b.source, whole.a.dims, options);
    expect(Array.from(path.i)).toEqual(Array.from(expected.i));
    expect(Array.from(path.j)).toEqual(Array.from(expected.j));
    // A block at a time, or one row of the band where the path runs flat and the row is wider: never the whole.
    expect(onDemand.a.most()).toBeLessThanOrEqual(256);
    expect(onDemand.b.most()).toBeLessThanOrEqual(500);
    const spans = [{ start: 0, end: 300 }, { start: 300, end: 301 }, { start: 900, end: 2199 }, { start: 2199, end: 2200 }];
    const costs = spanCosts(path, spans, onDemand.a.source, onDemand.b.source);
    expect(costs).toEqual(spanCosts(expected, spans, wholeSource(a.data, a.count, whole.a.dims), wholeSource(b.data, b.count, whole.a.dims)));
  });

  it('pools on demand into the same frames as pooling the whole sequence', () => {
    const data = Float32Array.from({ length: 1003 * 2 }, (_, k) => Math.sin(k * 0.37) * 100);
    const pooled = pooledSource(wholeSource(data, 1003, 2), 16);
    expect(pooled.count).toBe(63);
    const w = pooled.window(0, 63);
    const at = (p: number, c: number): number => {
      let sum = 0;
      const end = Math.min(1003, (p + 1) * 16);
      for (let k = p * 16; k < end; k++) sum = Math.fround(sum + data[k * 2 + c]);
      return Math.fround(sum / (end - p * 16));
    };
    for (const p of [0, 31, 62]) for (const c of [0, 1]) expect(w.data[(p - w.first) * 2 + c]).toBe(at(p, c));
  });
});
