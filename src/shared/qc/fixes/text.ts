/** Text fixes: re-break lines within the profile's line length, and trim spaces. */
import { dictionaryWordStarts } from '../../commands/split-point';
import { isCjkText, type QcProfile } from '../profiles';

const WORDISH = /[\p{Script=Latin}\p{N}'’.,%-]/u;
/** Full-width punctuation that must not start a line (it belongs to the text before it). */
const NO_LINE_START = /[，。、；：！？）」』》〉】…,.;:!?)]/u;

const len = (s: string): number => Array.from(s).length;

/** Collapses spaces and joins the lines again: CJK lines join directly (with a space only between two Latin words). */
function unbreak(text: string, cjk: boolean): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim().replace(/[ \t]+/g, ' ')).filter((l) => l !== '');
  if (!cjk) return lines.join(' ');
  return lines.reduce((acc, line) => (acc === '' ? line : acc + (WORDISH.test(acc.slice(-1)) && WORDISH.test(line[0]) ? ' ' : '') + line), '');
}

/**
 * Positions (code points) where a line may break: after a space in Latin text; between characters in CJK text,
 * never inside a Latin word or a number, nor before punctuation that closes the text before it. `words` (CJK):
 * only where the dictionary starts a word.
 */
function breakPoints(cps: string[], cjk: boolean, words: Set<number> | null = null): number[] {
  const points: number[] = [];
  for (let p = 1; p < cps.length; p++) {
    if (cjk ? !(WORDISH.test(cps[p - 1]) && WORDISH.test(cps[p])) && !NO_LINE_START.test(cps[p]) : cps[p - 1] === ' ') points.push(p);
  }
  return words ? points.filter((p) => words.has(p)) : points;
}

/** The most balanced two lines within `width` breaking at one of `points`, or null. */
function balancedPair(cps: string[], points: number[], width: number): [string, string] | null {
  let best: [string, string] | null = null;
  for (const p of points) {
    const pair: [string, string] = [cps.slice(0, p).join('').trimEnd(), cps.slice(p).join('').trimStart()];
    if (len(pair[0]) > width || len(pair[1]) > width) continue;
    if (best === null || Math.abs(len(pair[0]) - len(pair[1])) < Math.abs(len(best[0]) - len(best[1]))) best = pair;
  }
  return best;
}

/**
 * Breaks `text` into the fewest lines within `width`, as balanced as possible; greedy beyond two lines. CJK text
 * breaks between words (the platform's dictionary, see dictionaryWordStarts) when that fits, else between any characters.
 */
export function rebreak(text: string, lang: string, profile: QcProfile): string {
  const cjk = isCjkText(lang, profile);
  const flat = unbreak(text, cjk);
  const width = profile.charsPerLine;
  if (len(flat) <= width) return flat;
  const cps = Array.from(flat);
  const words = cjk ? dictionaryWordStarts(cps, lang) : null;
  const best = (words && balancedPair(cps, breakPoints(cps, cjk, words), width)) ?? balancedPair(cps, breakPoints(cps, cjk), width);
  if (best) return best.join('\n');
  return greedy(cps, cjk, width, lang).join('\n');
}

/** As many characters per line as fit (ending between words in CJK when one fits); an unbreakable run longer than the width keeps a line of its own. */
function greedy(cps: string[], cjk: boolean, width: number, lang: string): string[] {
  const lines: string[] = [];
  let rest = cps;
  while (len(rest.join('')) > width) {
    const points = breakPoints(rest, cjk);
    const fits = (p: number) => len(rest.slice(0, p).join('').trimEnd()) <= width;
    const fitting = points.filter(fits);
    const words = cjk ? dictionaryWordStarts(rest, lang) : null;
    const fittingWords = words ? fitting.filter((p) => words.has(p)) : [];
    const p = fittingWords.at(-1) ?? fitting.at(-1) ?? points[0];
    if (p === undefined) break;
    lines.push(rest.slice(0, p).join('').trimEnd());
    rest = Array.from(rest.slice(p).join('').trimStart());
  }
  lines.push(rest.join(''));
  return lines;
}

/** Trims every line and collapses runs of spaces (ideographic spaces included). */
export function trimSpaces(text: string): string {
  return text.split(/\r?\n/).map((l) => l.replace(/^[ \t\u3000]+|(?<![ \t\u3000])[ \t\u3000]+$/g, '').replace(/[ \t\u3000]{2,}/g, (run) => run[0])).join('\n');
}
