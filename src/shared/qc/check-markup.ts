/** Unbalanced markup: `<i>` without `</i>`, a stray `</b>`, tags closed out of order. */
import { textCheck } from './types';

const TAG = /<(\/?)([A-Za-z]+)(?:[^<>A-Za-z][^<>]*)?>/g;
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

export const markupCheck = textCheck('markup', (text) => {
  const tag = unbalancedTag(text);
  if (tag === null) return null;
  const message = tag.startsWith('</') ? `${tag} closes a tag that is not open` : `${tag} is never closed`;
  return { severity: 'error', value: tag, limit: 'balanced', message };
});
