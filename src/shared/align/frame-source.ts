/**
 * Feature frames made on demand, a block at a time, for readers that move forward through them: a DTW band, a
 * warping path. A 3-hour stretch's DTW features made whole would be 100 bytes a frame, 108 MB a side; read
 * through a source only a block of them exists at once, and the numbers are the same.
 */
import { dtwFeatureFrames, dtwFeatures, dtwScale } from './dtw-features';
import { FEATURE_TUNING, type Features } from './mfcc';

/** Where a source's frames [first, first + data.length / dims) sit: frame k at (k - first) * dims. */
export interface FrameWindow {
  data: Float32Array;
  first: number;
}

export interface FrameSource {
  readonly count: number;
  readonly dims: number;
  /** Makes frames [from, to) available; the window stays valid until the next call. */
  window(from: number, to: number): FrameWindow;
}

/** Frames already held whole. */
export function wholeSource(data: Float32Array, count: number, dims: number): FrameSource {
  const all = { data, first: 0 };
  return { count, dims, window: () => all };
}

/** Frames made a block of at least `block` at a time by `make(from, to)`; reading backwards only costs a remake. */
export class BlockSource implements FrameSource {
  private current: FrameWindow = { data: new Float32Array(0), first: 0 };
  private end = 0;

  constructor(
    readonly count: number,
    readonly dims: number,
    private readonly make: (from: number, to: number) => Float32Array,
    private readonly block = 4096,
  ) {}

  window(from: number, to: number): FrameWindow {
    if (from >= this.current.first && to <= this.end) return this.current;
    // Drop the old block before making the next, so two never coexist.
    this.current = { data: new Float32Array(0), first: 0 };
    const end = Math.min(this.count, Math.max(to, from + this.block));
    this.current = { data: this.make(from, end), first: from };
    this.end = end;
    return this.current;
  }
}

/**
 * `s` with each run of `factor` frames averaged into one, made on demand: the same sums in the same order (into
 * 32-bit floats) as pooling the whole sequence at once.
 */
export function pooledSource(s: FrameSource, factor: number): FrameSource {
  if (factor <= 1) return s;
  const { dims } = s;
  const make = (from: number, to: number): Float32Array => {
    const data = new Float32Array((to - from) * dims);
    for (let p = from; p < to; p++) {
      const start = p * factor;
      const end = Math.min(s.count, start + factor);
      const w = s.window(start, end);
      const at = (p - from) * dims;
      for (let f = start; f < end; f++) {
        const src = (f - w.first) * dims;
        for (let c = 0; c < dims; c++) data[at + c] += w.data[src + c];
      }
      for (let c = 0; c < dims; c++) data[at + c] /= end - start;
    }
    return data;
  };
  return new BlockSource(Math.ceil(s.count / factor), dims, make, Math.max(64, Math.ceil(16384 / factor)));
}

/**
 * `s` pooled by each of `factors`, made whole in one pass over it (the same sums as pooledSource): for the
 * coarse levels, which are small, where a pass each would make every frame of `s` once per level.
 */
export function pooledWhole(s: FrameSource, factors: number[]): FrameSource[] {
  if (!factors.length) return [];
  const { dims } = s;
  const levels = factors.map((factor) => ({ factor, count: Math.ceil(s.count / factor), data: new Float32Array(Math.ceil(s.count / factor) * dims) }));
  // Asked for in small steps: a block source makes its own block size at a time whatever the step.
  for (let from = 0; from < s.count; from += 256) {
    const to = Math.min(s.count, from + 256);
    const w = s.window(from, to);
    for (const { factor, data } of levels) {
      for (let k = from; k < to; k++) {
        const at = Math.floor(k / factor) * dims;
        const src = (k - w.first) * dims;
        for (let c = 0; c < dims; c++) data[at + c] += w.data[src + c];
      }
    }
  }
  return levels.map(({ factor, count, data }) => {
    for (let p = 0; p < count; p++) {
      const frames = Math.min(s.count, (p + 1) * factor) - p * factor;
      for (let c = 0; c < dims; c++) data[p * dims + c] /= frames;
    }
    return wholeSource(data, count, dims);
  });
}

/**
 * The DTW features of frames [from, to) of `f` (dtwFeatures' numbers), made a block at a time. A sliding CMVN
 * window (an experiment, FEATURE_TUNING.cmvnFrames) has no stretch-wide scale: those are made whole.
 */
export function dtwFeatureSource(f: Features, from = 0, to = f.count): FrameSource {
  if (FEATURE_TUNING.cmvnFrames) {
    const whole = dtwFeatures(f, from, to);
    return wholeSource(whole.data, whole.data.length / whole.dims, whole.dims);
  }
  const scale = dtwScale(f, from, to);
  return new BlockSource(scale.to - scale.from, scale.stride, (first, end) => dtwFeatureFrames(f, scale, first, end));
}
