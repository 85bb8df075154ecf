/**
 * A time index of cues: which cues overlap a span of the timeline, found by binary search. The waveform asks it for
 * the cues near the visible window, the reading-speed strip for the cues it draws, the video for the cue under the
 * playhead. Pure: no DOM, no wavesurfer.
 */
import type { Cue } from '../../../shared/model';

/** Cues sorted by start, with the running maximum of their ends so a window query can binary-search both. */
export interface CueIndex {
  cues: Cue[];
  /** maxEnd[i] = max(cues[0..i].end): non-decreasing, so "first cue that can still overlap t" is searchable. */
  maxEnd: number[];
}

export function buildCueIndex(cues: readonly Cue[]): CueIndex {
  const sorted = cues.slice().sort((a, b) => a.start - b.start || a.end - b.end);
  const maxEnd: number[] = new Array(sorted.length);
  let max = -Infinity;
  for (let i = 0; i < sorted.length; i++) {
    max = Math.max(max, sorted[i].end);
    maxEnd[i] = max;
  }
  return { cues: sorted, maxEnd };
}

/** First index i in [0, n) with pred(i) true, for a predicate that is false…false true…true; n when none. */
function lowerBound(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Cues that overlap [fromMs, toMs] (touching counts), in start order. A zero-length cue at the edge counts.
 * O(log n + cues scanned between the first possible and the last possible match).
 */
export function cuesInWindow(index: CueIndex, fromMs: number, toMs: number): Cue[] {
  const { cues, maxEnd } = index;
  if (toMs < fromMs) return [];
  const first = lowerBound(cues.length, (i) => maxEnd[i] >= fromMs);
  const last = lowerBound(cues.length, (i) => cues[i].start > toMs);
  const out: Cue[] = [];
  for (let i = first; i < last; i++) {
    if (cues[i].end >= fromMs) out.push(cues[i]);
  }
  return out;
}
