import { describe, expect, it } from 'vitest';
import { cepstraLike, cepstraReader, cepstraValues, halfCepstra, halfValue, readCepstra, toHalf } from '../../src/shared/align/feature-store';
import { mfcc, type Features } from '../../src/shared/align/mfcc';
import { dtwFeatures } from '../../src/shared/align/dtw-features';
import { dtwFeatureSource } from '../../src/shared/align/frame-source';
import { stretchFeatures } from '../../src/node/align/tempo';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('half floats', () => {
  it('stores the edge values as IEEE 754 binary16 does', () => {
    const cases: [number, number][] = [
      [0, 0x0000], [-0, 0x8000], [1, 0x3c00], [-2, 0xc000], [0.5, 0x3800], [65504, 0x7bff],
      // Past the largest half: the tie at 65520 rounds to even, which is Infinity.
      [65519, 0x7bff], [65520, 0x7c00], [1e9, 0x7c00], [-1e9, 0xfc00], [Infinity, 0x7c00], [-Infinity, 0xfc00],
      // Smallest normal, subnormals, and the ties around the smallest subnormal.
      [2 ** -14, 0x0400], [2 ** -24, 0x0001], [3 * 2 ** -24, 0x0003], [1023 * 2 ** -24, 0x03ff], [-(2 ** -24), 0x8001],
      [2 ** -25, 0x0000], [1.5 * 2 ** -24, 0x0002], [2 ** -25 * 1.01, 0x0001], [1e-30, 0x0000], [-1e-30, 0x8000],
      // Ties to even in the mantissa, and a carry into the exponent.
      [1 + 2 ** -11, 0x3c00], [1 + 3 * 2 ** -11, 0x3c02], [2 - 2 ** -12, 0x4000],
    ];
    for (const [x, bits] of cases) expect([x, toHalf(x)]).toEqual([x, bits]);
    expect(Object.is(halfValue(0x8000), -0)).toBe(true);
    expect(halfValue(0x7c00)).toBe(Infinity);
    expect(halfValue(0xfc00)).toBe(-Infinity);
    expect(halfValue(toHalf(NaN))).toBeNaN();
    expect(halfValue(0x0001)).toBe(2 ** -24);
    expect(halfValue(0x7bff)).toBe(65504);
  });

  it('gives every half float back from its value', () => {
    for (let bits = 0; bits < 65536; bits++) {
      const value = halfValue(bits);
      if (Number.isNaN(value)) expect(Number.isNaN(halfValue(toHalf(value)))).toBe(true);
      else expect(toHalf(value)).toBe(bits);
    }
  });

  it('rounds a 32-bit float to the nearest half float, within 2^-11 of it', () => {
    const rnd = lcg(3);
    for (let n = 0; n < 20000; n++) {
      const x = Math.fround((rnd() * 2 - 1) * 2 ** (rnd() * 40 - 24));
      const bits = toHalf(x);
      const err = Math.abs(halfValue(bits) - x);
      // Neither neighbour is nearer.
      for (const other of [bits - 1, bits + 1]) if ((other & 0x7fff) < 0x7c00 && other >= 0) expect(err).toBeLessThanOrEqual(Math.abs(halfValue(other) - x));
      if (Math.abs(x) >= 2 ** -14 && Math.abs(x) <= 65504) expect(err).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11);
    }
  });
});

describe('cepstra stored as half floats', () => {
  const RATE = 16000;
  const rnd = lcg(11);
  const speechLike = Float32Array.from({ length: RATE * 4 }, (_, n) => (n > RATE / 2 ? 0.4 * Math.sin(n / 7) * Math.sin(n / 1900) * (rnd() * 2 - 1) : 0));

  it('is what the extractor makes, read back through the reader', () => {
    const f = mfcc(speechLike, RATE);
    expect(f.data).toBeInstanceOf(Uint16Array);
    const values = cepstraValues(f.data);
    const read = cepstraReader(f.data);
    expect(values[37]).toBe(halfValue(f.data[37]));
    expect(read(37)).toBe(values[37]);
    // A block read gives the same values, from either storage.
    for (const data of [f.data, values]) {
      const block = new Float32Array(100);
      readCepstra(data, 240, 340, block);
      expect(Array.from(block)).toEqual(Array.from(values.subarray(240, 340)));
    }
    // Real cepstra: finite and in the range a half float holds.
    expect(values.every((v) => Number.isFinite(v) && Math.abs(v) < 1000)).toBe(true);
  });

  it('gives DTW features within 0.01 of those from 32-bit cepstra (each coefficient in units of its spread)', () => {
    const wide: Features = { ...mfcc(speechLike, RATE) };
    // 32-bit cepstra off the half-float grid: the stored values' own rounding.
    wide.data = Float32Array.from(cepstraValues(wide.data), (v) => v * (1 + (rnd() - 0.5) * 2 ** -10));
    const narrow: Features = { ...wide, data: halfCepstra(wide.data) };
    const a = dtwFeatures(wide);
    const b = dtwFeatures(narrow);
    expect(b.dims).toBe(a.dims);
    let worst = 0;
    for (let k = 0; k < a.data.length; k++) worst = Math.max(worst, Math.abs(a.data[k] - b.data[k]));
    expect(worst).toBeGreaterThan(0);
    // A half float keeps a cepstrum of 30 within 0.008; the spread it is divided by is a few units.
    expect(worst).toBeLessThan(0.01);
    // Made a block at a time they are the same numbers as made whole.
    const source = dtwFeatureSource(narrow);
    const w = source.window(0, source.count);
    expect(Array.from(w.data.subarray(0, source.count * source.dims))).toEqual(Array.from(b.data));
  });

  it('stays half floats when the tempo stretch repeats frames', () => {
    const f = mfcc(speechLike, RATE);
    const out = stretchFeatures(f, [{ start: 10, end: 20 }], 1.5);
    expect(out.features.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(out.features.data.subarray(3 * f.dims, 4 * f.dims))).toEqual(Array.from(f.data.subarray(2 * f.dims, 3 * f.dims)));
    expect(cepstraLike(new Float32Array(1), 3)).toBeInstanceOf(Float32Array);
  });
});
