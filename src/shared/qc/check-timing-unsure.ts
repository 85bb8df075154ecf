/**
 * Cues whose times auto-time is unsure of (its confidence, stored on the cue, under UNSURE_BELOW): the subtitler
 * checks their start and end against the audio. Moving either time, or pinning the cue, resolves it (the confidence
 * no longer applies: src/shared/timing-confidence.ts).
 */
import { timingConfidence, UNSURE_BELOW } from '../timing-confidence';
import { timingCheck } from './types';

export const timingUnsureCheck = timingCheck('timing-unsure', (cue) => {
  const confidence = timingConfidence(cue);
  if (confidence === null || confidence >= UNSURE_BELOW) return null;
  return {
    severity: 'warning',
    value: confidence,
    limit: UNSURE_BELOW,
    message: `Timing unsure (confidence ${confidence.toFixed(2)}, under ${UNSURE_BELOW}): auto-time matched this cue's text to the audio poorly; check its start and end (moving either, or pinning the cue, resolves it)`,
  };
});
