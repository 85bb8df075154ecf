import { describe, expect, it } from 'vitest';
import { MfccExtractor, CEPSTRA } from '../../src/shared/align/mfcc';
import { dtwBanded, fullBand } from '../../src/shared/align/dtw';
import { ReferenceBuilder, REF_GAP_MS } from '../../src/node/align/reference';

const TTS_RATE = 22050;

/** A tone of `ms` as 16-bit TTS speech. */
const tone = (hz: number, ms: number): Int16Array =>
  Int16Array.from({ length: Math.round((TTS_RATE * ms) / 1000) }, (_, n) => Math.round(8000 * Math.sin((2 * Math.PI * hz * n) / TTS_RATE)));

/** The reference as it was built before streaming: the stretch's whole speech, gap, piece, gap, piece, … */
function wholeReference(pieces: Int16Array[]): { data: Float32Array; count: number } {
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
    expect(sized.data.byteLength).toBe(sized.count * CEPSTRA * 4);
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
