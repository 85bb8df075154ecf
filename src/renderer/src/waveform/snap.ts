/**
 * Where a dragged or resized region lands: each moved edge snaps to the nearest pause edge or neighbouring
 * cue boundary within a tolerance of a few pixels (so it scales with zoom). An edge that snaps to a neighbour
 * keeps the document's minimum gap from it (issue 13: an end dropped on the next cue's start lands the gap
 * before it, so the drop raises no gap warning); with a frame rate every moved edge lands on a frame start.
 * A moved region keeps its length and takes the smaller of its two edges' snaps. Pure: no DOM, no wavesurfer.
 */
import type { Cue, SubtitleDocument } from '../../../shared/model';
import type { QcProfile } from '../../../shared/qc/profiles';
import { documentMinGapMs } from '../../../shared/qc/profiles';
import { documentFrameRate, frameAtMs, frameStartMs, snapToFrame } from '../../../shared/frames';
import type { Pause } from '../../../shared/pauses';

/** How close, on screen, an edge must come to a candidate to snap to it. */
export const SNAP_PX = 8;

/** The snap tolerance in ms at `pxPerSecond` (the waveform's drawn width over its duration). */
export function snapToleranceMs(pxPerSecond: number, px: number = SNAP_PX): number {
  return pxPerSecond > 0 ? (px / pxPerSecond) * 1000 : 0;
}

export interface SnapOptions {
  /** Kept between a snapped edge and the neighbour it snapped to (0: edges meet). */
  gapMs?: number;
  /** Frames per second: moved edges land on frame starts. */
  fps?: number | null;
}

/** What edges snap to: pause edges (either edge), the other cues' starts and ends, and the rules to keep. */
export interface SnapTargets {
  pauses: Float64Array;
  starts: Float64Array;
  ends: Float64Array;
  gapMs: number;
  fps: number | null;
}

/** The document's snapping rules: its one minimum gap (the QC profile's) and its frame rate. */
export function snapOptionsFor(doc: SubtitleDocument, customProfiles: QcProfile[] = []): SnapOptions {
  return { gapMs: documentMinGapMs(doc, customProfiles), fps: documentFrameRate(doc.metadata) };
}

function sortedUnique(values: number[]): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i];
  }
  return sorted.subarray(0, unique);
}

/** Snap targets: both edges of every pause, and the edges of every cue but `excludeCueId`. */
export function snapCandidates(pauses: readonly Pause[], cues: readonly Cue[], excludeCueId: string, options: SnapOptions = {}): SnapTargets {
  const others = cues.filter((c) => c.id !== excludeCueId);
  return {
    pauses: sortedUnique(pauses.flatMap((p) => [p.start, p.end])),
    starts: sortedUnique(others.map((c) => c.start)),
    ends: sortedUnique(others.map((c) => c.end)),
    gapMs: Math.max(0, options.gapMs ?? 0),
    fps: options.fps ?? null,
  };
}

export interface Span {
  start: number;
  end: number;
}

/** A snapped edge: where it lands, and how far it was from what it snapped to (Infinity: nothing in reach). */
interface EdgeSnap {
  time: number;
  distance: number;
  /** Snapped to a neighbour, keeping the gap: frame rounding must not eat into that gap. */
  neighbour: boolean;
}

/** Indices of `values` (sorted) within [lo, hi]. */
function* within(values: Float64Array, lo: number, hi: number): Generator<number> {
  let i = 0;
  let j = values.length;
  while (i < j) {
    const mid = (i + j) >>> 1;
    if (values[mid] < lo) i = mid + 1;
    else j = mid;
  }
  for (; i < values.length && values[i] <= hi; i++) yield values[i];
}

/**
 * Where a moved edge at `t` snaps. An end dropped anywhere from `gap` before another cue's start to just past it
 * lands `gap` before that start (a start likewise `gap` after another cue's end); otherwise the nearest pause edge
 * or same-kind cue edge within the tolerance. Ties go to the neighbour: it is the one that keeps the gap.
 */
function snapEdge(t: number, edge: 'start' | 'end', targets: SnapTargets, tolerance: number): EdgeSnap {
  let best: EdgeSnap = { time: t, distance: Infinity, neighbour: false };
  if (!(tolerance > 0)) return best;
  const gap = targets.gapMs;
  const opposite = edge === 'end' ? targets.starts : targets.ends;
  const [lo, hi] = edge === 'end' ? [t - tolerance, t + gap + tolerance] : [t - gap - tolerance, t + tolerance];
  for (const x of within(opposite, lo, hi)) {
    // The zone [x − gap, x] (an end) or [x, x + gap] (a start) all snaps to its far side.
    const [zoneStart, zoneEnd, time] = edge === 'end' ? [x - gap, x, x - gap] : [x, x + gap, x + gap];
    const distance = Math.max(0, zoneStart - t, t - zoneEnd);
    if (distance <= tolerance && distance < best.distance) best = { time, distance, neighbour: true };
  }
  for (const list of [targets.pauses, edge === 'end' ? targets.ends : targets.starts]) {
    for (const x of within(list, t - tolerance, t + tolerance)) {
      const distance = Math.abs(x - t);
      if (distance < best.distance) best = { time: x, distance, neighbour: false };
    }
  }
  return best;
}

/** An edge on the frame grid: the nearest frame start, or for a gap kept to a neighbour the one that keeps it. */
function onFrame(snap: EdgeSnap, edge: 'start' | 'end', fps: number | null): number {
  if (fps === null) return snap.time;
  if (!snap.neighbour) return snapToFrame(snap.time, fps);
  const frame = frameAtMs(snap.time, fps);
  const floor = frameStartMs(frame, fps) <= snap.time ? frameStartMs(frame, fps) : frameStartMs(frame - 1, fps);
  if (edge === 'end') return floor;
  return floor >= snap.time ? floor : frameStartMs(frameAtMs(floor, fps) + 1, fps);
}

/** A plain candidate list (pause edges, or any times) snaps either edge, with no gap and no frames. */
function asTargets(candidates: SnapTargets | ArrayLike<number>): SnapTargets {
  if ('pauses' in candidates) return candidates;
  const empty = new Float64Array(0);
  return { pauses: Float64Array.from(candidates).sort(), starts: empty, ends: empty, gapMs: 0, fps: null };
}

/**
 * The span after snapping (ms). `side` says which edge the user moved: 'start' or 'end' for a resize,
 * undefined for a move of the whole region. A snap that would make the span shorter than `minLengthMs`
 * (or inside out) is not taken.
 */
export function snapSpan(
  span: Span,
  side: 'start' | 'end' | undefined,
  candidates: SnapTargets | ArrayLike<number>,
  toleranceMs: number,
  minLengthMs = 50,
): Span {
  const targets = asTargets(candidates);
  const fps = targets.fps;
  if (side === 'start') {
    const start = onFrame(snapEdge(span.start, 'start', targets, toleranceMs), 'start', fps);
    return span.end - start >= minLengthMs ? { start, end: span.end } : span;
  }
  if (side === 'end') {
    const end = onFrame(snapEdge(span.end, 'end', targets, toleranceMs), 'end', fps);
    return end - span.start >= minLengthMs ? { start: span.start, end } : span;
  }
  return snapMove(span, targets, toleranceMs);
}

/** A moved region: shifted by the nearer of its edges' snaps, keeping its length (onto a frame start, if any). */
function snapMove(span: Span, targets: SnapTargets, toleranceMs: number): Span {
  const start = snapEdge(span.start, 'start', targets, toleranceMs);
  const end = snapEdge(span.end, 'end', targets, toleranceMs);
  const fps = targets.fps;
  let shift = 0;
  if (start.distance !== Infinity || end.distance !== Infinity) {
    shift = start.distance <= end.distance ? onFrame(start, 'start', fps) - span.start : onFrame(end, 'end', fps) - span.end;
  } else if (fps !== null) {
    shift = snapToFrame(span.start, fps) - span.start;
  }
  if (shift === 0 || span.start + shift < 0) return span;
  return { start: span.start + shift, end: span.end + shift };
}
