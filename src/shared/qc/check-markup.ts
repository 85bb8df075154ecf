/** Unbalanced markup: `<i>` without `</i>`, a stray `</b>`, tags closed out of order. */
import type { Issue, QcCheck } from './types';

const TAG = /<(\/?)([A-Za-z]+)[^<>]*>/g;
/** Tags that come in pairs in SRT and WebVTT; `<br>`-like or timestamp tags do not. */
const PAIRED = new Set(['i', 'b', 'u', 's', 'font', 'c', 'v', 'ruby', 'rt', 'lang']);

/** The first unbalanced tag as written (`<i>`, `</b>`), or null when balanced. */
export function unbalancedTag(text: string): string | null {
  const open: string[] = [];
  for (const m of text.matchAll(TAG)) {
    const name = m[2].toLowerCase();
    if (!PAIRED.has(name)) continue;
    if (m[1] === '') open.push(name);
    else if (open[open.length - 1] === name) open.pop();
    else return m[0];
  }
  return open.length > 0 ? `<${open[open.length - 1]}>` : null;
}

export const markupCheck: QcCheck = {
  rule: 'markup',
  perLanguage: true,
  timing: false,
  run(doc, at, lang) {
    const issues: Issue[] = [];
    if (lang === null) return issues;
    for (const i of at) {
      const cue = doc.cues[i];
      const tag = unbalancedTag(cue.text[lang] ?? '');
      if (tag !== null) {
        const message = tag.startsWith('</') ? `${tag} closes a tag that is not open` : `${tag} is never closed`;
        issues.push({ cueId: cue.id, lang, rule: 'markup', severity: 'error', value: tag, limit: 'balanced', message });
      }
    }
    return issues;
  },
};
