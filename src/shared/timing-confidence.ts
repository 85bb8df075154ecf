/**
 * The aligner's confidence in a cue's times, as auto-time stored it on the cue (`Cue.timing`). It vouches for the
 * times it was recorded with only: once the cue's start or end moved (the user fixed them, a split or a merge), it
 * no longer counts, without any edit to remove it; nor once the user pins the cue (P: "these times are right"). One threshold for everything that shows it: the auto-time plan's
 * review selection, the QC check "timing unsure" and the reading-speed strip's mark.
 */
import type { Cue } from './model';

/**
 * Below this alignment confidence (0–1, from the path cost, the length ratio and the pauses: see
 * src/node/align/confidence.ts) a cue's timing is unsure. Chosen on the degraded test audio: of the bench's 293
 * sentence fragments, the 46 under it hold 11 of the 14 boundaries off by more than 250 ms; of the 557 subtitle
 * cues auto-time makes of the same sample, 41 under it hold 12 of the 17 (a clause cut without a pause costs
 * nothing: counting those too, 240 cues were under it).
 */
export const UNSURE_BELOW = 0.8;

/** The stored confidence while it still applies (the cue keeps the recorded times and is not pinned), else null. */
export function timingConfidence(cue: Cue): number | null {
  const t = cue.timing;
  return t !== undefined && !cue.pinned && t.start === cue.start && t.end === cue.end ? t.confidence : null;
}

/** True when the aligner doubts the cue's current times. */
export function isTimingUnsure(cue: Cue): boolean {
  const confidence = timingConfidence(cue);
  return confidence !== null && confidence < UNSURE_BELOW;
}

/** "timing unsure (confidence 0.62)": the words every view uses, so the strip, the panel and the list agree. */
export function unsureLabel(confidence: number): string {
  return `timing unsure (confidence ${confidence.toFixed(2)})`;
}

/** A confidence a cue may carry: a finite number from 0 to 1. */
export function isConfidence(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}
