/**
 * Text in the wrong script for its language: mostly Latin in Chinese, mostly CJK in English (a pasted translation
 * in the wrong pane). Chinese text often holds English names (OpenAI, GPU), so a Latin word counts as one unit
 * against one Han character, and only text with more Latin words than Han characters is flagged.
 */
import type { Issue, QcCheck } from './types';
import { cjkCount, scriptCounts } from '../text/script';
import { isCjkText } from './profiles';

export const wrongScriptCheck: QcCheck = {
  rule: 'wrong-script',
  perLanguage: true,
  timing: false,
  run(doc, at, lang, profile) {
    const issues: Issue[] = [];
    if (lang === null) return issues;
    const cjk = isCjkText(lang, profile);
    for (const i of at) {
      const cue = doc.cues[i];
      // The one script counting (markup stripped), shared with the language guess and the bilingual split.
      const counts = scriptCounts(cue.text[lang] ?? '');
      const han = cjkCount(counts);
      if (cjk) {
        const latin = counts.latinWords;
        if (latin > han) issues.push({ cueId: cue.id, lang, rule: 'wrong-script', severity: 'warning', value: 'Latin', limit: 'CJK', message: `Mostly Latin text in ${lang} (${latin} Latin words, ${han} CJK characters)` });
      } else {
        const latin = counts.latinLetters;
        if (han > latin) issues.push({ cueId: cue.id, lang, rule: 'wrong-script', severity: 'warning', value: 'CJK', limit: 'Latin', message: `Mostly CJK text in ${lang} (${han} CJK characters, ${latin} Latin letters)` });
      }
    }
    return issues;
  },
};
