/**
 * Where a text may be cut, in code points: after a clause or sentence end, at a word start (the dictionary's for
 * Chinese and Japanese, the platform's word breaker elsewhere), or between any two characters outside a unit
 * never cut. The split command, the alignment's cue builder and the re-break all choose among these.
 */
import { CLOSERS, isLatinAlnum, isSpace, wordBefore } from './code-points';
import { insideSpans, segmentWordStarts, unbreakableSpans } from './segment';

/** Full-width clause and sentence ends, in CJK text or anywhere. */
const WIDE_PUNCT = new Set(['。', '！', '？', '；', '，', '、', '．', '｡', '…']);
/** ASCII ends: clause boundaries in Latin text, and the "ASCII-width variants" CJK texts often use (the sample's `,`). */
const ASCII_PUNCT = new Set(['.', '?', '!', ';', ',']);

/** Abbreviations whose period does not end a sentence ("Mr. Altman", "vs. Broadcom"). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'mt', 'gen', 'col', 'lt', 'sgt', 'capt', 'rev', 'hon',
  'gov', 'sen', 'rep', 'fig', 'approx', 'dept', 'vol', 'cf', 'al', 'ca',
]);

const isPunct = (c: string): boolean => WIDE_PUNCT.has(c) || ASCII_PUNCT.has(c);

/** True when a lone "." at `dot` abbreviates (Mr. e.g. U.S.) or follows an initial ("J. R."), so no sentence ends there. */
function isAbbreviationDot(cps: string[], dot: number): boolean {
  const word = wordBefore(cps, dot);
  if (/^\p{L}$/u.test(word)) return true;
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Cut positions just after a clause or sentence end (and its closing quotes and spaces), strictly inside the text.
 * Latin text needs whitespace after the mark (so 3.5, 1,000 and example.com are not boundaries); CJK text needs
 * none, but an ASCII mark directly before a Latin letter or digit (acast.com, 3.5) is not one either.
 */
export function clauseBoundaries(cps: string[], cjk: boolean): number[] {
  const cuts: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    if (!isPunct(cps[i])) continue;
    let j = i;
    while (j + 1 < cps.length && isPunct(cps[j + 1])) j++;
    const run = cps.slice(i, j + 1);
    let k = j + 1;
    while (k < cps.length && CLOSERS.has(cps[k])) k++;
    const ascii = run.every((c) => ASCII_PUNCT.has(c));
    const isBoundary = cjk ? !(ascii && isLatinAlnum(cps[j + 1])) : k === cps.length || isSpace(cps[k]);
    const abbreviation = run.length === 1 && run[0] === '.' && isAbbreviationDot(cps, i);
    while (k < cps.length && isSpace(cps[k])) k++;
    if (isBoundary && !abbreviation && k > 0 && k < cps.length) cuts.push(k);
    i = j;
  }
  return cuts;
}

const segmenters = new Map<string, Intl.Segmenter | null>();

function wordSegmenter(lang: string): Intl.Segmenter | null {
  if (!segmenters.has(lang)) {
    let segmenter: Intl.Segmenter | null = null;
    if (typeof Intl.Segmenter === 'function') {
      try {
        segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
      } catch {
        segmenter = new Intl.Segmenter('zh', { granularity: 'word' }); // a tag the platform does not take
      }
    }
    segmenters.set(lang, segmenter);
  }
  return segmenters.get(lang)!;
}

/**
 * Code-point positions where a word starts, strictly inside the text. Chinese and Japanese put no spaces between
 * words, so only a segmenter knows that 芯片 is one word and 芯|片 a bad cut: text/segment.ts (BudouX plus the
 * units never cut: numbers with units, Latin words, "·" names, "——"), the same in Node and in the page. Other
 * languages use the platform's word breaker (Intl.Segmenter); null where there is none.
 */
export function dictionaryWordStarts(cps: string[], lang: string): Set<number> | null {
  const segmented = segmentWordStarts(cps, lang);
  if (segmented) return segmented;
  const segmenter = wordSegmenter(lang);
  if (!segmenter) return null;
  // Segments are indexed in UTF-16 units; positions here are code points.
  const unitToPoint = new Map<number, number>();
  let units = 0;
  cps.forEach((c, p) => {
    unitToPoint.set(units, p);
    units += c.length;
  });
  const starts = new Set<number>();
  for (const { index } of segmenter.segment(cps.join(''))) {
    const p = unitToPoint.get(index);
    if (p !== undefined && p > 0) starts.add(p);
  }
  return starts;
}

/**
 * Cut positions that split no Latin word: word starts in space-separated text; in CJK text any character outside
 * a unit never cut (a Latin word, a number with its unit, a "·" name, "——": see text/segment.ts).
 */
export function characterBoundaries(cps: string[], cjk: boolean): number[] {
  const cuts: number[] = [];
  const inside = cjk ? insideSpans(unbreakableSpans(cps, 'zh')) : null;
  for (let p = 1; p < cps.length; p++) {
    if (cjk ? !(isLatinAlnum(cps[p - 1]) && isLatinAlnum(cps[p])) && !inside!.has(p) : isSpace(cps[p - 1]) && !isSpace(cps[p])) cuts.push(p);
  }
  return cuts;
}

/**
 * Fallback cut positions: word starts in space-separated text; in CJK text the dictionary's word starts, or (no
 * dictionary, or a single long word) any character outside a Latin word.
 */
export function wordBoundaries(cps: string[], cjk: boolean, lang: string): number[] {
  const cuts = characterBoundaries(cps, cjk);
  if (!cjk) return cuts;
  const words = dictionaryWordStarts(cps, lang);
  const inWords = words ? cuts.filter((p) => words.has(p)) : [];
  return inWords.length > 0 ? inWords : cuts;
}
