/**
 * Dynamic time warping between two feature sequences (flat Float32Arrays, `dims` values per frame) in bounded
 * memory: a full pass over heavily pooled frames finds the rough path, then each finer level only computes a band
 * around the path of the level above. Full DTW at 100 frames/s over 30 minutes would be ~32 G cells.
 */
import { pooledSource, pooledWhole, wholeSource, type FrameSource } from './frame-source';

/** A monotonic warping path from (0, 0) to (na-1, nb-1): frame a[i[k]] matches b[j[k]]. */
export interface WarpPath {
  i: Int32Array;
  j: Int32Array;
}

/** For each row i of `a`, the inclusive column range of `b` to compute; both ends non-decreasing. */
export interface Band {
  lo: Int32Array;
  hi: Int32Array;
}

export interface Sequence {
  data: Float32Array;
  count: number;
}

const DIAG = 0;
const UP = 1; // from (i-1, j)
const LEFT = 2; // from (i, j-1)

function distance(a: Float32Array, ia: number, b: Float32Array, ib: number, dims: number): number {
  let sum = 0;
  for (let c = 0; c < dims; c++) {
    const d = a[ia + c] - b[ib + c];
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** Every cell: for tests and for tiny inputs. */
export function fullBand(na: number, nb: number): Band {
  return { lo: new Int32Array(na), hi: new Int32Array(na).fill(nb - 1) };
}

/** Frames held whole, or made on demand (see frame-source.ts). */
export type Frames = Sequence | FrameSource;

const sourceOf = (s: Frames, dims: number): FrameSource => ('window' in s ? s : wholeSource(s.data, s.count, dims));

/**
 * DTW restricted to `band`; cells outside it cost infinity. Memory: a quarter of the band's area in bytes for
 * the steps, and two rows of the widest band for the costs; the frames are read row by row through a source.
 */
export function dtwBanded(a: Frames, b: Frames, dims: number, band: Band): WarpPath {
  const sa = sourceOf(a, dims);
  const sb = sourceOf(b, dims);
  const na = sa.count;
  const nb = sb.count;
  if (!na || !nb) return { i: new Int32Array(0), j: new Int32Array(0) };
  const { lo, hi } = band;
  let cells = 0;
  let widest = 0;
  for (let i = 0; i < na; i++) {
    cells += hi[i] - lo[i] + 1;
    widest = Math.max(widest, hi[i] - lo[i] + 1);
  }
  // Two bits a step, four cells a byte: on a long recording the band is the biggest matrix (~6 MB an hour).
  const steps = new Uint8Array(Math.ceil(cells / 4));
  // Costs of the row above and of this one, each indexed from its own band's first column.
  let prev = new Float64Array(widest);
  let cur = new Float64Array(widest);
  let rowBase = 0;
  for (let i = 0; i < na; i++) {
    const plo = i > 0 ? lo[i - 1] : 0;
    const phi = i > 0 ? hi[i - 1] : -1;
    const wa = sa.window(i, i + 1);
    const wb = sb.window(lo[i], hi[i] + 1);
    const ia = (i - wa.first) * dims;
    for (let j = lo[i]; j <= hi[i]; j++) {
      const x = j - lo[i];
      const d = distance(wa.data, ia, wb.data, (j - wb.first) * dims, dims);
      if (i === 0 && j === 0) {
        cur[x] = d;
        continue;
      }
      const diag = i > 0 && j > 0 && j - 1 >= plo && j - 1 <= phi ? prev[j - 1 - plo] : Infinity;
      const up = i > 0 && j >= plo && j <= phi ? prev[j - plo] : Infinity;
      const left = j > lo[i] ? cur[x - 1] : Infinity;
      let best = diag;
      let step = DIAG;
      if (up < best) [best, step] = [up, UP];
      if (left < best) [best, step] = [left, LEFT];
      cur[x] = d + best;
      const cell = rowBase + x;
      steps[cell >> 2] |= step << ((cell & 3) << 1);
    }
    rowBase += hi[i] - lo[i] + 1;
    [prev, cur] = [cur, prev];
  }
  return backtrack(steps, cells, band, na, nb);
}

/**
 * Filled from the end into arrays of the longest possible path (na + nb - 1): no growing lists of numbers. Each
 * row's first cell is found by walking back from the total, so no per-row offsets are kept.
 */
function backtrack(steps: Uint8Array, cells: number, { lo, hi }: Band, na: number, nb: number): WarpPath {
  const is = new Int32Array(na + nb - 1);
  const js = new Int32Array(na + nb - 1);
  let i = na - 1;
  let j = nb - 1;
  let rowBase = cells - (hi[i] - lo[i] + 1);
  let at = is.length;
  for (;;) {
    at--;
    is[at] = i;
    js[at] = j;
    if (i === 0 && j === 0) break;
    const cell = rowBase + j - lo[i];
    const step = i === 0 ? LEFT : j === 0 ? UP : (steps[cell >> 2] >> ((cell & 3) << 1)) & 3;
    if (step !== UP) j--;
    if (step !== LEFT) {
      i--;
      rowBase -= hi[i] - lo[i] + 1;
    }
  }
  return { i: is.subarray(at), j: js.subarray(at) };
}

/**
 * The band at a finer level: every cell of the coarse path covers `ratio`×`ratio` fine cells, widened by
 * `radius` fine frames on each side, then made monotonic so the band is one connected corridor.
 */
export function bandAroundPath(path: WarpPath, ratio: number, na: number, nb: number, radius: number): Band {
  const lo = new Int32Array(na).fill(nb);
  const hi = new Int32Array(na).fill(-1);
  for (let k = 0; k < path.i.length; k++) {
    const rowFrom = Math.max(0, path.i[k] * ratio - radius);
    const rowTo = Math.min(na - 1, (path.i[k] + 1) * ratio - 1 + radius);
    const colFrom = Math.max(0, path.j[k] * ratio - radius);
    const colTo = Math.min(nb - 1, (path.j[k] + 1) * ratio - 1 + radius);
    for (let r = rowFrom; r <= rowTo; r++) {
      if (colFrom < lo[r]) lo[r] = colFrom;
      if (colTo > hi[r]) hi[r] = colTo;
    }
  }
  lo[0] = 0;
  hi[na - 1] = nb - 1;
  for (let r = na - 2; r >= 0; r--) lo[r] = Math.min(lo[r], lo[r + 1]);
  for (let r = 1; r < na; r++) hi[r] = Math.max(hi[r], hi[r - 1]);
  for (let r = 0; r < na; r++) if (hi[r] < lo[r]) hi[r] = lo[r];
  return { lo, hi };
}

export interface MultiscaleOptions {
  /** Largest full matrix of the coarsest pass, in cells (four to a byte of its step matrix). */
  maxCoarseCells?: number;
  /** Pooling factor between consecutive levels. */
  levelRatio?: number;
  /** Band half-width added around the projected path, in frames of the finer level. */
  radius?: number;
}

/** Pooling factors from coarsest to 1, so that the coarsest full matrix fits in `maxCells`. */
export function poolingLevels(na: number, nb: number, maxCells: number, ratio: number): number[] {
  let coarse = 1;
  while (Math.ceil(na / coarse) * Math.ceil(nb / coarse) > maxCells) coarse *= ratio;
  const levels: number[] = [];
  for (let f = coarse; f >= 1; f /= ratio) levels.push(f);
  return levels;
}

/**
 * DTW of two long sequences: a full pass on pooled frames, then banded passes down to full frame rate. Every
 * level pools the frames on demand from `a` and `b`, which may themselves be made on demand.
 */
export function dtwMultiscale(a: Frames, b: Frames, dims: number, options: MultiscaleOptions = {}): WarpPath {
  const ratio = options.levelRatio ?? 4;
  const radius = options.radius ?? 30;
  const sa = sourceOf(a, dims);
  const sb = sourceOf(b, dims);
  const levels = poolingLevels(sa.count, sb.count, options.maxCoarseCells ?? 16_000_000, ratio);
  // The levels pooled 16× and more are made whole in one pass (a twelfth of the frames); the next is pooled on
  // demand (a quarter of them, 9 MB an hour a side) and the finest reads the sources themselves.
  const coarse = levels.filter((factor) => factor >= ratio * ratio);
  const [wholeA, wholeB] = [pooledWhole(sa, coarse), pooledWhole(sb, coarse)];
  let path: WarpPath | null = null;
  let previous = 1;
  for (const [n, factor] of levels.entries()) {
    const pa = n < coarse.length ? wholeA[n] : pooledSource(sa, factor);
    const pb = n < coarse.length ? wholeB[n] : pooledSource(sb, factor);
    const band = path
      ? bandAroundPath(path, previous / factor, pa.count, pb.count, radius)
      : fullBand(pa.count, pb.count);
    path = dtwBanded(pa, pb, dims, band);
    previous = factor;
  }
  return path ?? { i: new Int32Array(0), j: new Int32Array(0) };
}
