/**
 * The reading-speed strip's second meaning: a band over the cues whose times auto-time is unsure of, in a colour
 * none of the reading-speed levels uses, and the words its tooltip says. Pure: no DOM.
 */
import type { Cue } from '../../../shared/model';
import { isTimingUnsure, timingConfidence, UNSURE_BELOW, unsureLabel } from '../../../shared/timing-confidence';

/** Violet: apart from the strip's green, amber and red, and from the waveform's error and warning marks. */
export const UNSURE_COLOR = '#8e5bd8';

/** The band's colour for a cue, or null when its timing is not in doubt. */
export function unsureColor(cue: Cue): string | null {
  return isTimingUnsure(cue) ? UNSURE_COLOR : null;
}

/** What the strip's tooltip adds to the reading-speed legend. */
export const UNSURE_LEGEND = `violet band: timing unsure (auto-time's confidence under ${UNSURE_BELOW})`;

/** "Cue 12: timing unsure (confidence 0.62)" for the cue under the pointer, or null when it is not unsure. */
export function unsureTooltip(cue: Cue, number: number): string | null {
  const confidence = timingConfidence(cue);
  return confidence !== null && isTimingUnsure(cue) ? `Cue ${number}: ${unsureLabel(confidence)}` : null;
}
