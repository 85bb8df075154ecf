/**
 * The features the DTW compares, made from the MFCCs (mfcc.ts): each cepstrum normalised over the speech of a
 * sliding window, with deltas and a loudness feature. Made for any window of frames, bit-identical to the whole,
 * so frame sources (frame-source.ts) can make them a block at a time.
 */
import { cepstraReader, readCepstra } from './feature-store';
import { FEATURE_TUNING, type Features } from './mfcc';

/** Weight of the loudness feature (0 at the noise floor, this at the level of speech) against the cepstra. */
const LOUDNESS_WEIGHT = 3;

/**
 * Mean and standard deviation of coefficient `c` over the speech frames of a window around each frame, by
 * running sums (no per-frame arrays): a slow change of the room, the microphone or a music bed under the speech
 * leaves the normalized coefficients where they were. With `window` 0 one set of statistics covers everything.
 */
function normalizeCoefficient(f: Features, from: number, n: number, c: number, speech: (i: number) => boolean, window: number, out: Float32Array, stride: number): void {
  const read = cepstraReader(f.data);
  const value = (i: number): number => read((from + i) * f.dims + c);
  const half = window > 0 ? window >> 1 : n;
  let sum = 0;
  let sq = 0;
  let used = 0;
  const add = (i: number, sign: number): void => {
    if (i < 0 || i >= n || !speech(i)) return;
    const v = value(i);
    sum += sign * v;
    sq += sign * v * v;
    used += sign;
  };
  for (let i = 0; i < Math.min(n, half); i++) add(i, 1);
  for (let i = 0; i < n; i++) {
    add(i + half, 1);
    add(i - half - 1, -1);
    const mean = used ? sum / used : 0;
    const variance = used ? sq / used - mean * mean : 0;
    // Too few speech frames in the window for a variance: leave the scale alone rather than blow up noise.
    const sd = used >= 20 && variance > 1e-6 ? Math.sqrt(variance) : 1;
    out[i * stride + c] = (value(i) - mean) / sd;
  }
}

/** Appends regression deltas (±2 frames) of the first `dims` values of each frame, scaled by `weight`. */
function addDeltas(out: Float32Array, n: number, stride: number, dims: number, at: number, weight: number): void {
  const get = (i: number, c: number): number => out[Math.min(n - 1, Math.max(0, i)) * stride + c];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dims; c++) {
      const d = (get(i + 1, c) - get(i - 1, c) + 2 * (get(i + 2, c) - get(i - 2, c))) / 10;
      out[i * stride + at + c] = weight * d;
    }
  }
}

/**
 * Features for DTW of frames [from, to): the cepstra with mean and variance normalized (removing the constant
 * colouring of a voice and a microphone, most of what differs between TTS and a real speaker), optionally their
 * deltas, then the loudness relative to the signal's loud frames, which tells a pause from speech whatever the
 * voice. The statistics come from speech frames only (within `speechRangeDb` of the loud ones): a recording with
 * more pauses than its reference would otherwise shift every coefficient.
 */
export function dtwFeatures(f: Features, from = 0, to = f.count, speechRangeDb = 30): { data: Float32Array; dims: number } {
  if (!FEATURE_TUNING.cmvnFrames) {
    const scale = dtwScale(f, from, to, speechRangeDb);
    return { data: dtwFeatureFrames(f, scale, 0, scale.to - scale.from), dims: scale.stride };
  }
  const { dims } = f;
  const n = Math.max(0, to - from);
  const energy = f.energyDb.subarray(from, to);
  const { loud, floor } = loudRange(energy);
  const speech = (i: number): boolean => energy[i] >= loud - speechRangeDb;
  const deltas = FEATURE_TUNING.deltaWeight > 0 ? dims : 0;
  const stride = dims + deltas + 1;
  const out = new Float32Array(n * stride);
  for (let c = 0; c < dims; c++) normalizeCoefficient(f, from, n, c, speech, FEATURE_TUNING.cmvnFrames, out, stride);
  if (deltas) addDeltas(out, n, stride, dims, dims, FEATURE_TUNING.deltaWeight);
  addLoudness(out, energy, 0, n, stride, loud, floor);
  return { data: out, dims: stride };
}

/** The level of the loud frames (90th percentile) and of the floor (5th) of a stretch's loudness. */
function loudRange(energy: Float32Array): { loud: number; floor: number } {
  const n = energy.length;
  const sorted = Float32Array.from(energy).sort();
  return { loud: n ? sorted[Math.floor(0.9 * (n - 1))] : 0, floor: n ? sorted[Math.floor(0.05 * (n - 1))] : 0 };
}

/** Writes the relative loudness of frames [first, first + count) of `energy` as the last value of each out frame. */
function addLoudness(out: Float32Array, energy: Float32Array, first: number, count: number, stride: number, loud: number, floor: number): void {
  for (let i = 0; i < count; i++) {
    const relative = loud > floor ? (energy[first + i] - floor) / (loud - floor) : 1;
    out[i * stride + stride - 1] = LOUDNESS_WEIGHT * Math.min(1, Math.max(0, relative));
  }
}

/**
 * What every window of a stretch's DTW features shares (one CMVN window for the whole stretch): its loudness
 * range and each coefficient's mean and spread over its speech frames. With it the features of a long stretch
 * are made a block at a time (dtwFeatureFrames) instead of whole: 100 bytes a frame, 36 MB an hour a side.
 */
export interface DtwScale {
  from: number;
  to: number;
  /** Values per frame of the DTW features. */
  stride: number;
  loud: number;
  floor: number;
  mean: Float64Array;
  sd: Float64Array;
}

/** The scale of frames [from, to) of `f`: the same sums, in the same order, as normalizeCoefficient's whole window. */
export function dtwScale(f: Features, from = 0, to = f.count, speechRangeDb = 30): DtwScale {
  const n = Math.max(0, to - from);
  const energy = f.energyDb.subarray(from, from + n);
  const { loud, floor } = loudRange(energy);
  const mean = new Float64Array(f.dims);
  const sd = new Float64Array(f.dims).fill(1);
  const read = cepstraReader(f.data);
  for (let c = 0; c < f.dims; c++) {
    let sum = 0;
    let sq = 0;
    let used = 0;
    for (let i = 0; i < n; i++) {
      if (energy[i] < loud - speechRangeDb) continue;
      const v = read((from + i) * f.dims + c);
      sum += v;
      sq += v * v;
      used++;
    }
    mean[c] = used ? sum / used : 0;
    const variance = used ? sq / used - mean[c] * mean[c] : 0;
    // Too few speech frames for a variance: leave the scale alone rather than blow up noise.
    if (used >= 20 && variance > 1e-6) sd[c] = Math.sqrt(variance);
  }
  const deltas = FEATURE_TUNING.deltaWeight > 0 ? f.dims : 0;
  return { from, to: from + n, stride: f.dims + deltas + 1, loud, floor, mean, sd };
}

/**
 * DTW features of frames [first, end) of the stretch `scale` covers (counted from its start), equal to those
 * frames of dtwFeatures over the whole stretch: the deltas read two normalized frames beyond each end.
 */
export function dtwFeatureFrames(f: Features, scale: DtwScale, first: number, end: number): Float32Array {
  const { dims } = f;
  const n = scale.to - scale.from;
  const count = Math.max(0, end - first);
  const out = new Float32Array(count * scale.stride);
  const lo = Math.max(0, first - 2);
  const hi = Math.min(n, end + 2);
  const norm = new Float32Array((hi - lo) * dims);
  readCepstra(f.data, (scale.from + lo) * dims, (scale.from + hi) * dims, norm);
  for (let i = lo; i < hi; i++) {
    for (let c = 0; c < dims; c++) norm[(i - lo) * dims + c] = (norm[(i - lo) * dims + c] - scale.mean[c]) / scale.sd[c];
  }
  const row = (i: number): number => (Math.min(n - 1, Math.max(0, i)) - lo) * dims;
  const weight = FEATURE_TUNING.deltaWeight;
  for (let i = first; i < end; i++) {
    const at = (i - first) * scale.stride;
    const [m2, m1, p0, p1, p2] = [row(i - 2), row(i - 1), row(i), row(i + 1), row(i + 2)];
    for (let c = 0; c < dims; c++) out[at + c] = norm[p0 + c];
    if (scale.stride === dims + 1) continue;
    for (let c = 0; c < dims; c++) {
      const d = (norm[p1 + c] - norm[m1 + c] + 2 * (norm[p2 + c] - norm[m2 + c])) / 10;
      out[at + dims + c] = weight * d;
    }
  }
  addLoudness(out, f.energyDb, scale.from + first, count, scale.stride, scale.loud, scale.floor);
  return out;
}
