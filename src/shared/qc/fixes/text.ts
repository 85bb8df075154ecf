/** Text fixes: re-break lines within the profile's line length, and trim spaces. */
import { bestPair, breakCosts, fillLines } from '../../text/line-break';
import { isCjkText, type QcProfile } from '../profiles';

const WORDISH = /[\p{Script=Latin}\p{N}'’.,%-]/u;

const len = (s: string): number => Array.from(s).length;

/** Collapses spaces and joins the lines again: CJK lines join directly (with a space only between two Latin words). */
function unbreak(text: string, cjk: boolean): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim().replace(/[ \t]+/g, ' ')).filter((l) => l !== '');
  if (!cjk) return lines.join(' ');
  return lines.reduce((acc, line) => (acc === '' ? line : acc + (WORDISH.test(acc.slice(-1)) && WORDISH.test(line[0]) ? ' ' : '') + line), '');
}

/**
 * Breaks `text` into the fewest lines within `width`: two lines at the break that best combines balance and
 * place (after punctuation, between phrases, between words — see text/line-break.ts), greedy beyond two. CJK text
 * never breaks inside a word by the segmenter (text/segment.ts), a number with its unit, a Latin word or a name.
 */
export function rebreak(text: string, lang: string, profile: QcProfile): string {
  const cjk = isCjkText(lang, profile);
  const flat = unbreak(text, cjk);
  const width = profile.charsPerLine;
  if (len(flat) <= width) return flat;
  const cps = Array.from(flat);
  const pair = bestPair(cps, breakCosts(cps, lang, cjk), width);
  return (pair ?? fillLines(cps, lang, cjk, width)).join('\n');
}

/** Trims every line and collapses runs of spaces (ideographic spaces included). */
export function trimSpaces(text: string): string {
  return text.split(/\r?\n/).map((l) => l.replace(/^[ \t\u3000]+|(?<![ \t\u3000])[ \t\u3000]+$/g, '').replace(/[ \t\u3000]{2,}/g, (run) => run[0])).join('\n');
}
