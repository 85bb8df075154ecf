/** Minimum and maximum time on screen (shared by every language; a limit of 0 means none). */
import { timingCheck } from './types';

export const minDurationCheck = timingCheck('min-duration', (cue, _next, profile) => {
  const d = cue.end - cue.start;
  if (profile.minDurationMs <= 0 || d >= profile.minDurationMs) return null;
  return { severity: 'warning', value: d, limit: profile.minDurationMs, message: `On screen ${d} ms; the minimum is ${profile.minDurationMs} ms` };
});

export const maxDurationCheck = timingCheck('max-duration', (cue, _next, profile) => {
  const d = cue.end - cue.start;
  if (profile.maxDurationMs <= 0 || d <= profile.maxDurationMs) return null;
  return { severity: 'warning', value: d, limit: profile.maxDurationMs, message: `On screen ${d} ms; the maximum is ${profile.maxDurationMs} ms` };
});
