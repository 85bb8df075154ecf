/**
 * Provisional times for cues that came without any (a transcript): each cue gets a share of the
 * timeline by how long its text takes to read, so the waveform and the editors have something to
 * show until the cues are aligned to the audio.
 */
import type { Cue } from './model';
import { CJK_CHAR } from './text/script';

/** Reading pace: Chinese is read by the character, English by letters (~15 characters per second). */
const MS_PER_CJK_CHAR = 200;
const MS_PER_OTHER_CHAR = 1000 / 15;
const MIN_CUE_MS = 1000;
const GAP_MS = 200;


/** How long one text takes to read, in ms (not rounded). Spaces count for nothing. */
export function readingTime(text: string): number {
  let ms = 0;
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    ms += CJK_CHAR.test(ch) ? MS_PER_CJK_CHAR : MS_PER_OTHER_CHAR;
  }
  return ms;
}

/** The time a cue needs: its slowest language, never under a second. */
function cueWeight(cue: Cue): number {
  const longest = Math.max(0, ...Object.values(cue.text).map(readingTime));
  return Math.max(MIN_CUE_MS, longest);
}

/**
 * Returns copies of `cues` with monotonic, non-overlapping integer times in their current order.
 * Without `totalMs`: each cue lasts its reading time and cues are 200 ms apart from 0.
 * With `totalMs` (the media's duration): the same proportions, stretched or squeezed to end at `totalMs`.
 */
export function provisionalTimes(cues: Cue[], options: { totalMs?: number } = {}): Cue[] {
  const weights = cues.map(cueWeight);
  const total = options.totalMs;
  if (total !== undefined && Number.isFinite(total) && total > 0 && cues.length > 0) {
    return spreadOver(cues, weights, Math.floor(total));
  }
  let t = 0;
  return cues.map((cue, i) => {
    const start = t;
    const end = start + Math.round(weights[i]);
    t = end + GAP_MS;
    return { ...cue, start, end };
  });
}

/** Boundaries come from cumulative weights, so rounding never drifts and the last cue ends at `totalMs`. */
function spreadOver(cues: Cue[], weights: number[], totalMs: number): Cue[] {
  const n = cues.length;
  // Gaps take at most a fifth of the media so that a short file still leaves room for the text.
  const gap = n > 1 ? Math.min(GAP_MS, Math.floor(totalMs / 5 / (n - 1))) : 0;
  const speech = totalMs - gap * (n - 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  let before = 0;
  return cues.map((cue, i) => {
    const after = before + weights[i];
    const start = Math.floor((before / sum) * speech) + i * gap;
    const end = i === n - 1 ? totalMs : Math.floor((after / sum) * speech) + i * gap;
    before = after;
    return { ...cue, start, end };
  });
}
