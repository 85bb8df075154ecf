/** Reading speed: visible characters per second (or words per minute for a BBC-style profile). */
import type { Issue, QcCheck } from './types';
import { round1 } from './types';
import { isCjkText } from './profiles';
import { charCount, wordCount } from './text';

export const cpsCheck: QcCheck = {
  rule: 'cps',
  perLanguage: true,
  timing: true,
  run(doc, at, lang, profile) {
    const issues: Issue[] = [];
    if (lang === null) return issues;
    const wpm = profile.wordsPerMinute !== undefined && !isCjkText(lang, profile) ? profile.wordsPerMinute : 0;
    if (wpm === 0 && profile.maxCps <= 0) return issues;
    for (const i of at) {
      const cue = doc.cues[i];
      const text = cue.text[lang] ?? '';
      const seconds = (cue.end - cue.start) / 1000;
      if (seconds <= 0 || text.trim() === '') continue;
      if (wpm > 0) {
        const value = round1((wordCount(text) / seconds) * 60);
        if (value > wpm) issues.push({ cueId: cue.id, lang, rule: 'cps', severity: 'error', value, limit: wpm, message: `Reading speed ${value} words/min is above ${wpm}` });
        continue;
      }
      const exact = charCount(text) / seconds;
      if (exact > profile.maxCps) {
        // Rounded up, so a cue just above the limit never reads as "20 > 20".
        const value = Math.ceil(exact * 10 - 1e-9) / 10;
        issues.push({ cueId: cue.id, lang, rule: 'cps', severity: 'error', value, limit: profile.maxCps, message: `Reading speed ${value} chars/s is above ${profile.maxCps}` });
      }
    }
    return issues;
  },
};
