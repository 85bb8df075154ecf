/** Minimum and maximum time on screen (shared by every language). */
import type { Issue, QcCheck } from './types';

export const minDurationCheck: QcCheck = {
  rule: 'min-duration',
  perLanguage: false,
  timing: true,
  run(doc, at, _lang, profile) {
    const issues: Issue[] = [];
    if (profile.minDurationMs <= 0) return issues;
    for (const i of at) {
      const cue = doc.cues[i];
      const d = cue.end - cue.start;
      if (d < profile.minDurationMs) {
        issues.push({ cueId: cue.id, lang: null, rule: 'min-duration', severity: 'warning', value: d, limit: profile.minDurationMs, message: `On screen ${d} ms; the minimum is ${profile.minDurationMs} ms` });
      }
    }
    return issues;
  },
};

export const maxDurationCheck: QcCheck = {
  rule: 'max-duration',
  perLanguage: false,
  timing: true,
  run(doc, at, _lang, profile) {
    const issues: Issue[] = [];
    if (profile.maxDurationMs <= 0) return issues;
    for (const i of at) {
      const cue = doc.cues[i];
      const d = cue.end - cue.start;
      if (d > profile.maxDurationMs) {
        issues.push({ cueId: cue.id, lang: null, rule: 'max-duration', severity: 'warning', value: d, limit: profile.maxDurationMs, message: `On screen ${d} ms; the maximum is ${profile.maxDurationMs} ms` });
      }
    }
    return issues;
  },
};
