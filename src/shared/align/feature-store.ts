/**
 * The cepstra of a signal stored as IEEE 754 half floats (16 bits) instead of 32-bit floats: 24 bytes a frame
 * instead of 48, 8.6 MB an hour a side less, the part of the aligner's memory that still grew with the
 * recording's length. Node 20 has no Float16Array, so the bits are kept in a Uint16Array and converted here.
 * A half float keeps 11 significant bits: a cepstrum of 30 is stored within 0.008, far inside the differences
 * between sounds (the DTW features divide each coefficient by its spread over the speech, several units).
 */

/** Cepstra as made by hand (tests, small signals: 32-bit floats) or by MfccExtractor (half-float bits). */
export type Cepstra = Float32Array | Uint16Array;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * `x` as the bits of the half float nearest its 32-bit float (ties to even); beyond ±65504 it is ±Infinity, NaN
 * stays NaN. A 64-bit `x` is rounded twice, which can cost it a 32-bit float's last bit: nothing here.
 */
export function toHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal (or zero): the implicit leading bit shifted in with the rest.
    if (e < -10) return sign;
    const shift = 14 - e;
    const full = mantissa | 0x800000;
    return sign | roundShifted(full, shift);
  }
  // A carry out of the mantissa moves into the exponent, which is what rounding up there means (up to Infinity).
  return sign | ((e << 10) + roundShifted(mantissa, 13));
}

/** `value >>> shift`, rounded to nearest with ties to even. */
function roundShifted(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1)) ? kept + 1 : kept;
}

/** The number a half float's bits stand for. */
export function halfValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const e = (bits >>> 10) & 0x1f;
  const m = bits & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

let table: Float32Array | null = null;

/** Every half float's value by its bits (256 KB, made once): a look-up is faster than decoding. */
function halfTable(): Float32Array {
  if (!table) {
    table = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) table[bits] = halfValue(bits);
  }
  return table;
}

/** Reads value k of `data`, whichever way it is stored. */
export function cepstraReader(data: Cepstra): (k: number) => number {
  if (data instanceof Float32Array) return (k) => data[k];
  const values = halfTable();
  return (k) => values[data[k]];
}

/** Values [from, to) of `data` into `out` from 0: a loop per storage, for the DTW features' blocks (hot). */
export function readCepstra(data: Cepstra, from: number, to: number, out: Float32Array): void {
  if (data instanceof Float32Array) {
    out.set(data.subarray(from, to));
    return;
  }
  const values = halfTable();
  for (let k = from; k < to; k++) out[k - from] = values[data[k]];
}

/** Room for `length` cepstra stored like `data`. */
export function cepstraLike(data: Cepstra, length: number): Cepstra {
  return data instanceof Float32Array ? new Float32Array(length) : new Uint16Array(length);
}

/** Half-float cepstra of `values` (what MfccExtractor stores). */
export function halfCepstra(values: ArrayLike<number>): Uint16Array {
  return Uint16Array.from({ length: values.length }, (_, k) => toHalf(values[k]));
}

/** 32-bit float copies of `data`'s values: for tests and checks, not for a long recording. */
export function cepstraValues(data: Cepstra): Float32Array {
  const read = cepstraReader(data);
  return Float32Array.from({ length: data.length }, (_, k) => read(k));
}
