/**
 * Mel-frequency cepstral coefficients for forced alignment: 25 ms Hamming windows every 10 ms, a mel filterbank
 * limited to 100–7600 Hz (so a 16 kHz recording and 22.05 kHz TTS speech see the same bands), log, DCT.
 * C0 (overall loudness) is dropped: it differs between a TTS voice and a real speaker for reasons that say
 * nothing about which sound is being spoken. Streaming, so a 30-minute recording never sits in memory as PCM.
 */

import { toHalf, type Cepstra } from './feature-store';

export const CEPSTRA = 12;
const MEL_BANDS = 40;
const F_MIN = 100;
const WINDOW_S = 0.025;
const HOP_S = 0.01;
/** Floor of the mel energies: digital silence must not become -Infinity. */
const LOG_FLOOR = 1e-10;
/**
 * White noise at about -80 dBFS added before the spectrum: digital silence (between TTS fragments, in a clean
 * recording) then has the shape of flat noise in every signal instead of an arbitrary constant.
 */
const DITHER = 1e-4;
export const SILENCE_DB = -120;

/**
 * Knobs of the features, as measured on the degraded bench (reverb, music bed, MP3; README "Auto-timing on
 * podcast audio"). Deltas help there and cost nothing on clean speech; a sliding CMVN window helped the
 * degraded run a little but cost clean boundaries and lost the coarse DTW pass entirely at 1.5 s; a 4 kHz top
 * band lost 2.4 points. Exported so benchmarks can try other settings; the app never changes them.
 */
export const FEATURE_TUNING = {
  /** Frames of the sliding CMVN window (0: one mean and variance for the whole stretch). */
  cmvnFrames: 0,
  /** Weight of the delta features (0: none). */
  deltaWeight: 1,
  /** Top of the mel filterbank in Hz: 7600 lets a 16 kHz recording and 22.05 kHz TTS speech see the same bands. */
  maxHz: 7600,
  preEmphasis: 0.97,
};

/** Frames of one signal: `dims` cepstra per frame, flat (read through cepstraReader), plus each frame's loudness in dBFS. */
export interface Features {
  data: Cepstra;
  dims: number;
  count: number;
  energyDb: Float32Array;
  sampleRate: number;
  hop: number;
  win: number;
}

/** Centre of frame `i` in seconds. */
export function frameTime(f: Pick<Features, 'sampleRate' | 'hop' | 'win'>, i: number): number {
  return (i * f.hop + f.win / 2) / f.sampleRate;
}

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

/** Triangular filters as (first bin, weights) pairs over an `nfft`-point power spectrum. */
function melFilterbank(sampleRate: number, nfft: number): { first: number; weights: Float32Array }[] {
  const top = Math.min(FEATURE_TUNING.maxHz, sampleRate / 2);
  const lo = hzToMel(F_MIN);
  const step = (hzToMel(top) - lo) / (MEL_BANDS + 1);
  const bin = (hz: number): number => (hz * nfft) / sampleRate;
  const filters: { first: number; weights: Float32Array }[] = [];
  for (let m = 0; m < MEL_BANDS; m++) {
    const [left, centre, right] = [0, 1, 2].map((k) => bin(melToHz(lo + (m + k) * step)));
    const first = Math.ceil(left);
    const last = Math.floor(right);
    const weights = new Float32Array(Math.max(0, last - first + 1));
    for (let k = first; k <= last; k++) {
      weights[k - first] = k <= centre ? (k - left) / (centre - left) : (right - k) / (right - centre);
    }
    filters.push({ first, weights });
  }
  return filters;
}

/** In-place iterative radix-2 FFT of (re, im), length a power of two. */
export function fft(re: Float64Array, im: Float64Array, cos: Float64Array, sin: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * stride];
        const wi = -sin[k * stride];
        const a = start + k;
        const b = a + half;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/** Samples copied at a time by MfccExtractor.push (the features do not depend on it). */
const PUSH_SLICE = 1 << 16;

/** Computes features frame by frame from PCM pushed in chunks of any size. */
export class MfccExtractor {
  readonly sampleRate: number;
  readonly win: number;
  readonly hop: number;
  private readonly nfft: number;
  private readonly window: Float64Array;
  private readonly filters: { first: number; weights: Float32Array }[];
  private readonly dct: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly mel = new Float64Array(MEL_BANDS);
  private pending = new Float32Array(0);
  /** The sample just before `pending[0]` (0 at the very start). */
  private beforePending = 0;
  /** Half floats (feature-store.ts): half the memory of a long recording's cepstra. */
  private data: Uint16Array;
  private energy: Float32Array;
  private count = 0;
  private seed = 12345;
  /** Whether the arrays were sized from the signal's known length: then they grow by little and are not copied. */
  private readonly sized: boolean;

  /** `expectedSeconds`: the signal's length when known (a probed duration), so the features need no growth copies. */
  constructor(sampleRate: number, expectedSeconds = 0) {
    this.sampleRate = sampleRate;
    this.win = Math.round(sampleRate * WINDOW_S);
    this.hop = Math.round(sampleRate * HOP_S);
    // A probed duration can be a little short (a container's header): 1% and a second of slack.
    const frames = expectedSeconds > 0 ? Math.ceil((expectedSeconds * 1.01 + 1) * (sampleRate / this.hop)) : 1024;
    this.sized = expectedSeconds > 0;
    this.data = new Uint16Array(CEPSTRA * frames);
    this.energy = new Float32Array(frames);
    this.nfft = 1 << Math.ceil(Math.log2(this.win));
    this.window = Float64Array.from({ length: this.win }, (_, n) => 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (this.win - 1)));
    this.filters = melFilterbank(sampleRate, this.nfft);
    this.dct = new Float64Array(CEPSTRA * MEL_BANDS);
    for (let c = 0; c < CEPSTRA; c++) {
      for (let m = 0; m < MEL_BANDS; m++) this.dct[c * MEL_BANDS + m] = Math.cos((Math.PI * (c + 1) * (m + 0.5)) / MEL_BANDS);
    }
    this.cos = Float64Array.from({ length: this.nfft / 2 }, (_, k) => Math.cos((2 * Math.PI * k) / this.nfft));
    this.sin = Float64Array.from({ length: this.nfft / 2 }, (_, k) => Math.sin((2 * Math.PI * k) / this.nfft));
    this.re = new Float64Array(this.nfft);
    this.im = new Float64Array(this.nfft);
  }

  /** Adds samples in [-1, 1]; computes every frame that is now complete. */
  push(samples: Float32Array): void {
    // A long piece (a batch of TTS speech) goes in slices: each is copied once behind the pending tail, and a
    // whole piece's copy would be garbage of its size (tens of MB a batch) until the next collection.
    if (samples.length > PUSH_SLICE) {
      for (let at = 0; at < samples.length; at += PUSH_SLICE) this.push(samples.subarray(at, at + PUSH_SLICE));
      return;
    }
    const all = new Float32Array(this.pending.length + samples.length);
    all.set(this.pending);
    all.set(samples, this.pending.length);
    let at = 0;
    for (; at + this.win <= all.length; at += this.hop) this.frame(all, at);
    // Pre-emphasis of the next frame's first sample needs the one before it, which the slice drops: keep it, so
    // the features do not depend on how the input was chunked (ffmpeg's pipe chunks differ from run to run).
    if (at > 0) this.beforePending = all[at - 1];
    this.pending = all.slice(at);
  }

  /**
   * Pads the tail with silence to one last frame and returns everything. Arrays sized from the known length are
   * handed over as views (a copy would briefly double them); grown ones are trimmed to their frames.
   */
  finish(): Features {
    if (this.pending.length > this.win - this.hop) {
      const tail = new Float32Array(this.win);
      tail.set(this.pending);
      this.frame(tail, 0);
    }
    this.pending = new Float32Array(0);
    // A sized array at least half full is handed over: a TTS reference sized from the recording's length fills
    // less of it than the recording would (83% on the clean bench sample: tempo, pauses), and a copy would hold
    // both for a moment.
    const keep = this.sized && this.count >= 0.5 * this.energy.length;
    const data = keep ? this.data.subarray(0, this.count * CEPSTRA) : this.data.slice(0, this.count * CEPSTRA);
    const energyDb = keep ? this.energy.subarray(0, this.count) : this.energy.slice(0, this.count);
    return { data, dims: CEPSTRA, count: this.count, energyDb, sampleRate: this.sampleRate, hop: this.hop, win: this.win };
  }

  private frame(x: Float32Array, at: number): void {
    const { re, im, win } = this;
    re.fill(0);
    im.fill(0);
    for (let n = 0; n < win; n++) {
      const prev = n > 0 ? x[at + n - 1] : at > 0 ? x[at - 1] : this.beforePending;
      this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
      const dither = DITHER * (this.seed / 2 ** 31 - 1);
      re[n] = (x[at + n] - FEATURE_TUNING.preEmphasis * prev + dither) * this.window[n];
    }
    fft(re, im, this.cos, this.sin);
    for (let m = 0; m < MEL_BANDS; m++) {
      const { first, weights } = this.filters[m];
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * (re[first + k] ** 2 + im[first + k] ** 2);
      this.mel[m] = Math.log(Math.max(sum, LOG_FLOOR));
    }
    this.grow();
    const out = this.count * CEPSTRA;
    for (let c = 0; c < CEPSTRA; c++) {
      let sum = 0;
      for (let m = 0; m < MEL_BANDS; m++) sum += this.dct[c * MEL_BANDS + m] * this.mel[m];
      this.data[out + c] = toHalf(sum);
    }
    this.energy[this.count] = hopEnergyDb(x, at + ((win - this.hop) >> 1), this.hop);
    this.count++;
  }

  private grow(): void {
    if (this.count < this.energy.length) return;
    const frames = this.sized ? Math.ceil(this.energy.length * 1.1) : this.energy.length * 2;
    const data = new Uint16Array(frames * CEPSTRA);
    data.set(this.data);
    this.data = data;
    const energy = new Float32Array(frames);
    energy.set(this.energy);
    this.energy = energy;
  }
}

/** Loudness of the central hop of a frame: 10 ms resolution for finding pauses. */
function hopEnergyDb(x: Float32Array, from: number, length: number): number {
  let sum = 0;
  for (let n = from; n < from + length; n++) sum += x[n] * x[n];
  const mean = sum / length;
  return mean > 0 ? Math.max(SILENCE_DB, 10 * Math.log10(mean)) : SILENCE_DB;
}

/** Features of a whole signal at once. */
export function mfcc(samples: Float32Array, sampleRate: number): Features {
  const extractor = new MfccExtractor(sampleRate);
  extractor.push(samples);
  return extractor.finish();
}
