/** Characters per line: the longest visible line (CJK counted per character, as the Chinese guides do). */
import type { Issue, QcCheck } from './types';
import { lineLength, visibleLines } from './text';

export const cplCheck: QcCheck = {
  rule: 'cpl',
  perLanguage: true,
  timing: false,
  run(doc, at, lang, profile) {
    const issues: Issue[] = [];
    if (lang === null) return issues;
    for (const i of at) {
      const cue = doc.cues[i];
      const longest = Math.max(0, ...visibleLines(cue.text[lang] ?? '').map(lineLength));
      if (longest > profile.charsPerLine) {
        issues.push({ cueId: cue.id, lang, rule: 'cpl', severity: 'error', value: longest, limit: profile.charsPerLine, message: `A line has ${longest} characters; the limit is ${profile.charsPerLine}` });
      }
    }
    return issues;
  },
};
