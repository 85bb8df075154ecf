/**
 * From a warping path to fragment times: map each fragment's span in the TTS reference to the real recording,
 * snap the ends to nearby pauses when the recording is quiet enough for pauses to mean something, flag
 * fragments whose real length is implausible for their text, and make the times a clean monotonic sequence.
 * Spans here are in frame edges: edge k is the boundary between frame k-1 and frame k.
 */
import type { WarpPath } from './dtw';

/** A half-open range of frames [start, end). */
export interface FrameSpan {
  start: number;
  end: number;
}

/**
 * Maps reference spans through the path: a fragment starts at the first real frame matched with its first
 * reference frame and ends after the last real frame matched with its last. Spans must be within the path.
 */
export function mapSpans(path: WarpPath, spans: FrameSpan[], refCount: number): FrameSpan[] {
  const first = new Int32Array(refCount).fill(-1);
  const last = new Int32Array(refCount).fill(-1);
  for (let k = 0; k < path.i.length; k++) {
    const i = path.i[k];
    if (first[i] < 0) first[i] = path.j[k];
    last[i] = path.j[k];
  }
  const clamp = (i: number): number => Math.min(refCount - 1, Math.max(0, i));
  return spans.map(({ start, end }) => {
    if (end <= start) {
      const at = first[clamp(start)];
      return { start: at, end: at };
    }
    return { start: first[clamp(start)], end: last[clamp(end - 1)] + 1 };
  });
}

/** The value below which `fraction` of `values` lie. */
export function percentile(values: Float32Array, fraction: number): number {
  if (!values.length) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(fraction * sorted.length)))];
}

export interface Loudness {
  /** The quietest 5% of frames: room tone, hiss, or digital silence. */
  noiseFloorDb: number;
  /** The loudest 10%: the level of speech. */
  speechDb: number;
}

export function loudness(energyDb: Float32Array): Loudness {
  return { noiseFloorDb: percentile(energyDb, 0.05), speechDb: percentile(energyDb, 0.9) };
}

/** Below this distance between speech and the noise floor, quiet runs are noise dips, not pauses. */
export const MIN_SNAP_RANGE_DB = 45;

/** Whether pauses can be trusted on this recording (on noisy audio snapping makes alignment worse). */
export function canSnap(l: Loudness): boolean {
  return l.speechDb - l.noiseFloorDb >= MIN_SNAP_RANGE_DB;
}

/** Runs of at least `minFrames` frames quieter than `thresholdDb`, in order. */
export function findPauses(energyDb: Float32Array, thresholdDb: number, minFrames: number): FrameSpan[] {
  const pauses: FrameSpan[] = [];
  let from = -1;
  for (let f = 0; f <= energyDb.length; f++) {
    const quiet = f < energyDb.length && energyDb[f] < thresholdDb;
    if (quiet && from < 0) from = f;
    if (!quiet && from >= 0) {
      if (f - from >= minFrames) pauses.push({ start: from, end: f });
      from = -1;
    }
  }
  return pauses;
}

/**
 * Pauses a music bed or room tone does not fake, for recordings too noisy for `canSnap`: runs of at least
 * `minFrames` frames whose loudness stays below `fraction` of the way from the noise floor to the level of
 * speech. A bed 20 dB under the speech, with its beats, stays well below that line, and reverb tails cross it
 * within a few frames of the dry speech's end. Null when speech does not stand `minRangeDb` above the floor:
 * then no quiet run can be told from the bed.
 */
export function trustedPauses(energyDb: Float32Array, options: TrustedPauseOptions): FrameSpan[] | null {
  const level = loudness(energyDb);
  const range = level.speechDb - level.noiseFloorDb;
  if (range < options.minRangeDb) return null;
  const line = (fraction: number | undefined): number => level.noiseFloorDb + Math.min(options.fraction, fraction ?? options.fraction) * range;
  const pauses = findPauses(energyDb, line(options.fraction), options.minFrames);
  const [offset, onset] = [line(options.offsetFraction), line(options.onsetFraction)];
  return pauses.map((p) => edgesAt(energyDb, p, offset, onset));
}

export interface TrustedPauseOptions {
  /** Where the line between the floor and speech is drawn, 0–1 of the way from the floor to speech. */
  fraction: number;
  minFrames: number;
  minRangeDb: number;
  /**
   * Lower lines for where the speech after a pause begins and where the speech before it ends: a syllable's
   * first frames (a consonant, the voicing building up) and its decay sit under the detection line, so the
   * pause's edges at that line are a few frames inside the speech. A pause keeps at least one frame.
   * Default (or when not below `fraction`): `fraction`.
   */
  onsetFraction?: number;
  offsetFraction?: number;
}

/** `pause` narrowed to where the speech before it falls under `offsetDb` and the speech after it rises over `onsetDb`. */
function edgesAt(energyDb: Float32Array, pause: FrameSpan, offsetDb: number, onsetDb: number): FrameSpan {
  let start = pause.start;
  while (start + 1 < pause.end && energyDb[start] >= offsetDb) start++;
  let end = pause.end;
  while (end - 1 > start && energyDb[end - 1] >= onsetDb) end--;
  return { start, end };
}

export interface SnapOptions {
  /** How far a boundary may move, in frames. */
  maxShift: number;
  /** Shortest quiet run that counts as a pause, in frames. */
  minPause: number;
  /**
   * A boundary that falls inside a pause goes to the pause's edge (a start to its end, an end to its start),
   * however far: the aligner put it in the silence, so the speech it belongs to begins or ends there.
   */
  fromInside?: boolean;
}

/** The pause that strictly contains `edge`, by binary search over pauses in order. */
function containing(pauses: FrameSpan[], edge: number): FrameSpan | null {
  let lo = 0;
  let hi = pauses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pauses[mid].end <= edge) lo = mid + 1;
    else hi = mid;
  }
  const p = pauses[lo];
  return p && p.start < edge && edge < p.end ? p : null;
}

function nearest(edges: number[], target: number, maxShift: number): number {
  let best = target;
  let bestDistance = maxShift + 1;
  // Binary search for the first edge >= target, then look at it and its left neighbour.
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  for (const k of [lo - 1, lo]) {
    if (k < 0 || k >= edges.length) continue;
    const d = Math.abs(edges[k] - target);
    if (d < bestDistance) [best, bestDistance] = [edges[k], d];
  }
  return best;
}

/**
 * Moves each start to the nearest end of a pause (a speech onset) and each end to the nearest start of a
 * pause, within `maxShift`. A snap that would make a fragment overlap its neighbours is undone.
 */
export function snapToPauses(spans: FrameSpan[], pauses: FrameSpan[], options: SnapOptions): FrameSpan[] {
  const onsets = pauses.map((p) => p.end);
  const offsets = pauses.map((p) => p.start);
  const inside = (edge: number): FrameSpan | null => (options.fromInside ? containing(pauses, edge) : null);
  const snapped = spans.map((s) => ({
    start: inside(s.start)?.end ?? nearest(onsets, s.start, options.maxShift),
    end: s.end > s.start ? inside(s.end)?.start ?? nearest(offsets, s.end, options.maxShift) : s.end,
  }));
  for (let k = 0; k < snapped.length; k++) {
    if (snapped[k].end < snapped[k].start) snapped[k] = { ...spans[k] };
    if (k > 0 && snapped[k].start < snapped[k - 1].end) {
      snapped[k - 1] = { ...spans[k - 1] };
      snapped[k] = { ...spans[k] };
    }
  }
  return snapped;
}

/** Real/TTS duration ratios outside this range are flagged for review. */
export const NORMAL_RATIO: [number, number] = [0.4, 2.5];

/** Indices of fragments whose aligned duration is implausible for their synthesized duration. */
export function abnormalFragments(realMs: number[], ttsMs: number[], range: [number, number] = NORMAL_RATIO): number[] {
  const flagged: number[] = [];
  realMs.forEach((real, k) => {
    const tts = ttsMs[k];
    if (tts <= 0) {
      if (real > 2000) flagged.push(k);
      return;
    }
    const ratio = real / tts;
    if (ratio < range[0] || ratio > range[1]) flagged.push(k);
  });
  return flagged;
}

/** Integer ms, each start ≥ the previous end, each end ≥ its start, everything within [0, audioMs]. */
export function finalizeTimes(times: { start: number; end: number }[], audioMs: number): { start: number; end: number }[] {
  const limit = Math.max(0, Math.floor(audioMs));
  let floor = 0;
  return times.map((t) => {
    const start = Math.min(limit, Math.max(floor, Math.round(t.start)));
    const end = Math.min(limit, Math.max(start, Math.round(t.end)));
    floor = end;
    return { start, end };
  });
}
