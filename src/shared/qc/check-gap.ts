/**
 * Minimum gap and overlap between a cue and the next one in document order. Both are reported on the earlier
 * cue, so a cue's pair problems depend only on it and its successor (what the incremental index relies on).
 */
import type { Issue, QcCheck } from './types';

export const minGapCheck: QcCheck = {
  rule: 'min-gap',
  perLanguage: false,
  timing: true,
  run(doc, at, _lang, profile) {
    const issues: Issue[] = [];
    if (profile.minGapMs <= 0) return issues;
    for (const i of at) {
      const [cue, next] = [doc.cues[i], doc.cues[i + 1]];
      if (!next) continue;
      const gap = next.start - cue.end;
      if (gap >= 0 && gap < profile.minGapMs) {
        issues.push({ cueId: cue.id, lang: null, rule: 'min-gap', severity: 'warning', value: gap, limit: profile.minGapMs, message: `${gap} ms before the next cue; the minimum gap is ${profile.minGapMs} ms` });
      }
    }
    return issues;
  },
};

export const overlapCheck: QcCheck = {
  rule: 'overlap',
  perLanguage: false,
  timing: true,
  run(doc, at) {
    const issues: Issue[] = [];
    for (const i of at) {
      const [cue, next] = [doc.cues[i], doc.cues[i + 1]];
      if (!next) continue;
      const overlap = cue.end - next.start;
      if (overlap > 0) {
        issues.push({ cueId: cue.id, lang: null, rule: 'overlap', severity: 'error', value: overlap, limit: 0, message: `Overlaps the next cue by ${overlap} ms` });
      }
    }
    return issues;
  },
};
