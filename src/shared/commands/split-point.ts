/**
 * Where a cue's text splits: the cut nearest the cursor's share of the text, by clause, then word, boundaries
 * (text/boundaries.ts); positions in code points (text/code-points.ts).
 */
import { clauseBoundaries, wordBoundaries } from '../text/boundaries';
import { isCjkLanguage } from '../text/script';

function nearest(candidates: number[], target: number): number {
  let best = candidates[0];
  for (const c of candidates) if (Math.abs(c - target) < Math.abs(best - target)) best = c;
  return best;
}

/**
 * The cut for a language whose text must split near `ratio` (0…1) of its length: the nearest clause boundary,
 * else the nearest word boundary, else whichever end is nearer. A ratio of exactly 0 or 1 (the cursor was at the
 * very start or end of its own text) keeps all of this text on that side.
 */
export function chooseCut(cps: string[], lang: string, ratio: number): number {
  if (ratio <= 0) return 0;
  if (ratio >= 1) return cps.length;
  const cjk = isCjkLanguage(lang);
  const target = ratio * cps.length;
  const clauses = clauseBoundaries(cps, cjk);
  if (clauses.length > 0) return nearest(clauses, target);
  const words = wordBoundaries(cps, cjk, lang);
  if (words.length > 0) return nearest(words, target);
  return nearest([0, cps.length], target);
}
