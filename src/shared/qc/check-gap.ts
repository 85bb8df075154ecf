/**
 * Minimum gap and overlap between a cue and the next one in document order. Both are reported on the earlier
 * cue, so a cue's pair problems depend only on it and its successor (what the incremental index relies on).
 */
import { timingCheck } from './types';

export const minGapCheck = timingCheck('min-gap', (cue, next, profile) => {
  if (!next || profile.minGapMs <= 0) return null;
  const gap = next.start - cue.end;
  if (gap < 0 || gap >= profile.minGapMs) return null;
  return { severity: 'warning', value: gap, limit: profile.minGapMs, message: `${gap} ms before the next cue; the minimum gap is ${profile.minGapMs} ms` };
});

export const overlapCheck = timingCheck('overlap', (cue, next) => {
  const overlap = next ? cue.end - next.start : 0;
  return overlap > 0 ? { severity: 'error', value: overlap, limit: 0, message: `Overlaps the next cue by ${overlap} ms` } : null;
});
