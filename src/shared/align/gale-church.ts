/**
 * Gale–Church (1993) length-based sentence alignment, for the sentences of ONE turn in two languages.
 *
 * Translations keep lengths roughly proportional, so a dynamic programme over "beads" (1-1, 1-2, 2-1, 2-2, 1-0,
 * 0-1 sentences) finds the cheapest pairing, where a bead costs −log P(bead type) − log P(length mismatch). The
 * mismatch is δ = (c·l₁ − l₂) / √(s²·(l₁ + l₂/c)/2), two-sided normal tail, exactly as in the paper's program;
 * l₁, l₂ count code points without whitespace.
 *
 * `ratio` (c) is the document's own: second-language characters per first-language character (~3.1 non-space
 * English characters per Chinese one on the sample, ~3.5 counting spaces). The variance s² defaults to 6.8·c: the
 * paper measured Var(l₂) ≈ 6.8·l₁ with c ≈ 1, i.e. 6.8 per expected character of the second language; with
 * c ≠ 1 the expected length is c·l₁, so Var(l₂) ≈ 6.8·c·l₁. (A fit on the sample's 24 one-sentence turns gives
 * ≈ 7.6 — translations of short turns are tight — but a looser s² keeps the priors in charge on ambiguous turns,
 * and the paper's figure aligns the sample as well; see test/unit/align-gale-church.test.ts.)
 */

/** One alignment unit: sentences of the first language (`zh`) paired with sentences of the second (`en`). */
export interface Bead {
  zh: string[];
  en: string[];
}

/** Dispersion per expected character of the second language (Gale & Church's 6.8, measured with c ≈ 1). */
export const VARIANCE_PER_CHAR = 6.8;

/** [sentences of the first language, of the second, prior probability] — the paper's figures and program. */
const BEAD_TYPES: readonly [number, number, number][] = [
  [1, 1, 0.89],
  [1, 0, 0.0099],
  [0, 1, 0.0099],
  [2, 1, 0.089],
  [1, 2, 0.089],
  [2, 2, 0.011],
];

/** Length as alignment counts it: code points that are not whitespace. */
export function textLength(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
}

/** Second-language characters per first-language character over whole texts; 1 when either side is empty. */
export function lengthRatio(first: string[], second: string[]): number {
  const a = first.reduce((sum, t) => sum + textLength(t), 0);
  const b = second.reduce((sum, t) => sum + textLength(t), 0);
  return a > 0 && b > 0 ? b / a : 1;
}

/** log(erfc(x)) for x ≥ 0 without underflow (Numerical Recipes' erfcc, accurate to 1.2e-7 relative). */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** −log P(δ) for a bead of l₁ and l₂ characters: the two-sided normal tail 2(1 − Φ(|δ|)) = erfc(|δ|/√2). */
export function lengthCost(l1: number, l2: number, ratio: number, variance: number): number {
  if (l1 === 0 && l2 === 0) return 0;
  const mean = (l1 + l2 / ratio) / 2;
  const delta = Math.abs(ratio * l1 - l2) / Math.sqrt(variance * mean);
  return -logErfc(delta / Math.SQRT2);
}

/**
 * The cheapest sequence of beads covering both lists in order; every sentence is in exactly one bead.
 * `ratio`: second-language characters per first-language character.
 */
export function alignSentences(zh: string[], en: string[], ratio: number, variance = VARIANCE_PER_CHAR * ratio): Bead[] {
  if (!(ratio > 0) || !(variance > 0)) throw new RangeError(`bad length model: ratio ${ratio}, variance ${variance}`);
  const la = zh.map(textLength);
  const lb = en.map(textLength);
  const n = zh.length;
  const m = en.length;
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  const back: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(-1));
  cost[0][0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      BEAD_TYPES.forEach(([di, dj, prior], type) => {
        if (i < di || j < dj || cost[i - di][j - dj] === Infinity) return;
        const l1 = sum(la, i - di, i);
        const l2 = sum(lb, j - dj, j);
        const c = cost[i - di][j - dj] - Math.log(prior) + lengthCost(l1, l2, ratio, variance);
        if (c < cost[i][j]) {
          cost[i][j] = c;
          back[i][j] = type;
        }
      });
    }
  }
  const beads: Bead[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const [di, dj] = BEAD_TYPES[back[i][j]];
    beads.push({ zh: zh.slice(i - di, i), en: en.slice(j - dj, j) });
    i -= di;
    j -= dj;
  }
  return beads.reverse();
}

function sum(lengths: number[], from: number, to: number): number {
  let s = 0;
  for (let k = from; k < to; k++) s += lengths[k];
  return s;
}
