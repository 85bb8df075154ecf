/** Lines per cue. */
import type { Issue, QcCheck } from './types';
import { visibleLines } from './text';

export const linesCheck: QcCheck = {
  rule: 'lines',
  perLanguage: true,
  timing: false,
  run(doc, at, lang, profile) {
    const issues: Issue[] = [];
    if (lang === null) return issues;
    for (const i of at) {
      const cue = doc.cues[i];
      const count = visibleLines(cue.text[lang] ?? '').length;
      if (count > profile.maxLines) {
        issues.push({ cueId: cue.id, lang, rule: 'lines', severity: 'error', value: count, limit: profile.maxLines, message: `${count} lines; the limit is ${profile.maxLines}` });
      }
    }
    return issues;
  },
};
