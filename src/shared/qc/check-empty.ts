/** A cue with no visible text in a language: untranslated (or an empty cue). */
import type { Issue, QcCheck } from './types';
import { charCount } from './text';

export const emptyCheck: QcCheck = {
  rule: 'empty',
  perLanguage: true,
  timing: false,
  run(doc, at, lang) {
    const issues: Issue[] = [];
    if (lang === null) return issues;
    for (const i of at) {
      const cue = doc.cues[i];
      if (charCount((cue.text[lang] ?? '').trim()) === 0) {
        issues.push({ cueId: cue.id, lang, rule: 'empty', severity: 'warning', value: 0, limit: 1, message: `No text in ${lang}` });
      }
    }
    return issues;
  },
};
