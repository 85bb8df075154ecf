/** Leading or trailing spaces on a line, or two spaces in a row. */
import type { Issue, QcCheck } from './types';

/** What is wrong with the spacing of a text, or null. */
export function spacingProblem(text: string): string | null {
  const lines = text.split(/\r?\n/);
  if (lines.some((l) => /^[ \t\u3000]/.test(l))) return 'leading space';
  if (lines.some((l) => /[ \t\u3000]$/.test(l))) return 'trailing space';
  if (lines.some((l) => /[ \t\u3000]{2}/.test(l))) return 'double space';
  return null;
}

export const spacesCheck: QcCheck = {
  rule: 'spaces',
  perLanguage: true,
  timing: false,
  run(doc, at, lang) {
    const issues: Issue[] = [];
    if (lang === null) return issues;
    for (const i of at) {
      const cue = doc.cues[i];
      const problem = spacingProblem(cue.text[lang] ?? '');
      if (problem !== null) issues.push({ cueId: cue.id, lang, rule: 'spaces', severity: 'info', value: problem, limit: 'none', message: `A ${problem}` });
    }
    return issues;
  },
};
