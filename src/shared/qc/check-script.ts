/**
 * Text in the wrong script for its language: mostly Latin in Chinese, mostly CJK in English (a pasted translation
 * in the wrong pane). Chinese text often holds English names (OpenAI, GPU), so a Latin word counts as one unit
 * against one Han character, and only text with more Latin words than Han characters is flagged.
 */
import type { Issue, QcCheck } from './types';
import { isCjkText } from './profiles';
import { stripMarkup } from './text';

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

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
      const text = stripMarkup(cue.text[lang] ?? '');
      const han = text.match(CJK_CHAR)?.length ?? 0;
      if (cjk) {
        const latin = text.match(LATIN_WORD)?.length ?? 0;
        if (latin > han) issues.push({ cueId: cue.id, lang, rule: 'wrong-script', severity: 'warning', value: 'Latin', limit: 'CJK', message: `Mostly Latin text in ${lang} (${latin} Latin words, ${han} CJK characters)` });
      } else {
        const latin = text.match(LATIN_LETTER)?.length ?? 0;
        if (han > latin) issues.push({ cueId: cue.id, lang, rule: 'wrong-script', severity: 'warning', value: 'CJK', limit: 'Latin', message: `Mostly CJK text in ${lang} (${han} CJK characters, ${latin} Latin letters)` });
      }
    }
    return issues;
  },
};
