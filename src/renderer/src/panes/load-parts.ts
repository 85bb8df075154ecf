/**
 * How a long document is cut into parts for the panes (pane-loader.ts does the loading). No DOM here, so the
 * tests can read the figures.
 */

/** Documents up to this many cues load in one task, as before (a 3-hour podcast is ~5,000). */
export const LOAD_AT_ONCE_MAX = 6000;
/** Cues in the first, synchronous part: enough to fill the screen and scroll a while. */
export const FIRST_PART = 1500;
/** Cues per later part: ~50–100 ms of model, layout and zone work for two panes. */
export const PART = 5000;

/** How many cues the first, synchronous load shows. */
export function firstPartSize(total: number): number {
  return total > LOAD_AT_ONCE_MAX ? FIRST_PART : total;
}

/** 42000 → "42,000" (toLocaleString's first call sets up ICU: ~50 ms inside the first part). */
export function thousands(n: number): string {
  // Groups of three from the right, without a look-ahead regex (that one is quadratic on long digit runs).
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(n));
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return sign + groups.join(',');
}
