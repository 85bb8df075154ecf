/**
 * Sentences of one cue's text in one language: the units Gale–Church pairs across languages.
 *
 * CJK text ends a sentence after 。！？… (and the ASCII ! ? ... transcripts often use in Chinese), with no space
 * needed. Space-separated text ends one after . ? ! … followed by whitespace or the end — unless the period
 * belongs to an abbreviation (Mr. e.g. U.S.), an initial ("J. R. R. Tolkien"), or the next word is lowercase.
 * Closing quotes and brackets stay with the sentence they close. Decimals (3.5) never qualify: no space follows.
 */
import { CLOSERS, codePoints, isLatinAlnum, isSpace, wordBefore } from './code-points';
import { isCjkLanguage } from './script';

/** Marks that may end a sentence; runs of them ("?!", "……", "...") count as one. */
const CJK_ENDS = new Set(['。', '！', '？', '!', '?', '…', '｡', '.']);
const LATIN_ENDS = new Set(['.', '?', '!', '…']);

/** Titles and Latin abbreviations that are never the last word of a sentence ("Dr. Tan", "vs. Nvidia"). */
const NEVER_FINAL = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'mt', 'gen', 'col', 'lt', 'sgt', 'capt', 'rev', 'hon',
  'gov', 'sen', 'rep', 'fig', 'approx', 'dept', 'vol', 'cf', 'e.g', 'i.e', 'viz', 'ca',
]);
/** Abbreviations that often end a sentence: they do when a capitalised word follows ("…, etc. Then we"). */
const OFTEN_FINAL = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'al']);
/**
 * After an initial or a dotted acronym ("U.S.", "Plan B.") a capital may be a name ("U.S. Army", "J. R. R."),
 * so only words that usually start a sentence end one there.
 */
const STARTERS = new Set([
  'the', 'this', 'that', 'these', 'those', 'there', 'then', 'it', 'its', "it's", 'i', "i'm", 'we', "we're", 'you',
  'he', 'she', 'they', 'and', 'but', 'so', 'or', 'if', 'when', 'what', 'why', 'how', 'in', 'on', 'at', 'for', 'a',
  'an', 'our', 'my', 'now', 'yes', 'no', 'well', 'also', 'as', 'after', 'before',
]);

export function splitSentences(text: string, lang: string): string[] {
  const cps = codePoints(text);
  const cuts = isCjkLanguage(lang) ? cjkEnds(cps) : latinEnds(cps);
  const sentences: string[] = [];
  let from = 0;
  for (const cut of [...cuts, cps.length]) {
    const sentence = cps.slice(from, cut).join('').replace(/\s+/gu, ' ').trim();
    if (sentence !== '') sentences.push(sentence);
    from = cut;
  }
  return sentences;
}

/** The end of the run of marks starting at `i` and of the closing quotes after it. */
function runEnd(cps: string[], i: number, ends: Set<string>): { last: number; after: number } {
  let last = i;
  while (last + 1 < cps.length && ends.has(cps[last + 1])) last++;
  let after = last + 1;
  while (after < cps.length && CLOSERS.has(cps[after])) after++;
  return { last, after };
}

function cjkEnds(cps: string[]): number[] {
  const cuts: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    if (!CJK_ENDS.has(cps[i])) continue;
    const { last, after } = runEnd(cps, i, CJK_ENDS);
    const run = cps.slice(i, last + 1);
    // A lone ASCII "." is a decimal point or a domain (acast.com) in Chinese text; "..." is an ellipsis.
    const dotsOnly = run.every((c) => c === '.');
    const ascii = run.every((c) => c === '.' || c === '!' || c === '?');
    const ends = !(dotsOnly && run.length < 2) && !(ascii && isLatinAlnum(cps[last + 1]));
    if (ends && after < cps.length) cuts.push(after);
    i = last;
  }
  return cuts;
}

function latinEnds(cps: string[]): number[] {
  const cuts: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    if (!LATIN_ENDS.has(cps[i])) continue;
    const { last, after } = runEnd(cps, i, LATIN_ENDS);
    if (after < cps.length && !isSpace(cps[after])) {
      i = last;
      continue;
    }
    const run = cps.slice(i, last + 1).join('');
    const next = nextWord(cps, after);
    if (after < cps.length && endsSentence(run, wordBefore(cps, i), next)) cuts.push(after);
    i = last;
  }
  return cuts;
}

/** Whether a run of end marks followed by a space ends the sentence, from the words on either side. */
function endsSentence(run: string, before: string, next: string): boolean {
  if (/[?!]/u.test(run)) return true;
  const capital = /^\p{Lu}/u.test(next) || /^\d/u.test(next);
  if (run !== '.') return capital; // an ellipsis: "so... maybe" trails on, "so... We" starts anew
  if (!capital && next !== '') return false;
  const word = before.toLowerCase();
  if (NEVER_FINAL.has(word)) return false;
  if (OFTEN_FINAL.has(word)) return true;
  const initial = /^\p{L}$/u.test(before) || /^(\p{L}\.)+\p{L}$/u.test(before);
  if (initial) return STARTERS.has(next.toLowerCase());
  return true;
}

/** The word starting after the spaces at `from`, without opening quotes/brackets or trailing punctuation. */
function nextWord(cps: string[], from: number): string {
  let start = from;
  while (start < cps.length && isSpace(cps[start])) start++;
  let end = start;
  while (end < cps.length && !isSpace(cps[end])) end++;
  return cps.slice(start, end).join('').replace(/^[("'“‘[{«¿¡]+/u, '').replace(/(?<![.,;:!?…"'”’)\]])[.,;:!?…"'”’)\]]+$/u, '');
}
