/**
 * Where a dragged or resized region lands: each moved edge snaps to the nearest pause edge or neighbouring
 * cue boundary within a tolerance of a few pixels (so it scales with zoom). A moved region keeps its length
 * and takes the smaller of its two edges' snaps. Pure: no DOM, no wavesurfer.
 */
import type { Cue } from '../../../shared/model';
import { snapTime, type Pause } from '../../../shared/pauses';

/** How close, on screen, an edge must come to a candidate to snap to it. */
export const SNAP_PX = 8;

/** The snap tolerance in ms at `pxPerSecond` (the waveform's drawn width over its duration). */
export function snapToleranceMs(pxPerSecond: number, px: number = SNAP_PX): number {
  return pxPerSecond > 0 ? (px / pxPerSecond) * 1000 : 0;
}

/** Sorted, de-duplicated snap targets: both edges of every pause and of every cue but `excludeCueId`. */
export function snapCandidates(pauses: readonly Pause[], cues: readonly Cue[], excludeCueId: string): Float64Array {
  const out = new Float64Array(pauses.length * 2 + cues.length * 2);
  let n = 0;
  for (const p of pauses) {
    out[n++] = p.start;
    out[n++] = p.end;
  }
  for (const c of cues) {
    if (c.id === excludeCueId) continue;
    out[n++] = c.start;
    out[n++] = c.end;
  }
  const sorted = out.subarray(0, n).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i];
  }
  return sorted.subarray(0, unique);
}

export interface Span {
  start: number;
  end: number;
}

/**
 * The span after snapping (ms). `side` says which edge the user moved: 'start' or 'end' for a resize,
 * undefined for a move of the whole region. A snap that would make the span shorter than `minLengthMs`
 * (or inside out) is not taken.
 */
export function snapSpan(
  span: Span,
  side: 'start' | 'end' | undefined,
  candidates: ArrayLike<number>,
  toleranceMs: number,
  minLengthMs = 50,
): Span {
  if (side === 'start') {
    const start = snapTime(span.start, candidates, toleranceMs);
    return span.end - start >= minLengthMs ? { start, end: span.end } : span;
  }
  if (side === 'end') {
    const end = snapTime(span.end, candidates, toleranceMs);
    return end - span.start >= minLengthMs ? { start: span.start, end } : span;
  }
  const dStart = snapTime(span.start, candidates, toleranceMs) - span.start;
  const dEnd = snapTime(span.end, candidates, toleranceMs) - span.end;
  const snapStart = dStart !== 0 && (dEnd === 0 || Math.abs(dStart) <= Math.abs(dEnd));
  const shift = snapStart ? dStart : dEnd;
  if (shift === 0 || span.start + shift < 0) return span;
  return { start: span.start + shift, end: span.end + shift };
}
