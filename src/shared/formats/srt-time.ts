/**
 * SRT time codes read by hand, character by character: the reader calls this twice per cue, and a regex per call
 * was a third of its time on 100,000 cues. Same rules as `parseTimecode` (hours optional, `,` or `.`, a short
 * fraction is a decimal fraction), plus a leading `-` (a negative time, which the reader repairs and flags) and
 * hours of any size up to 7 digits (a 99999-hour time code is read, not refused).
 */

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** Milliseconds of `text.slice(from, to)`, or NaN when it is not a time code. Surrounding spaces are the caller's. */
export function readSrtTime(text: string, from: number, to: number): number {
  let i = from;
  let sign = 1;
  if (i < to && text.charCodeAt(i) === 45 /* - */) {
    sign = -1;
    i++;
  }
  let first = 0;
  let second = 0;
  let count = 0;
  let digits = 0;
  let value = 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (++digits > 7) return NaN;
      value = value * 10 + (c - DIGIT_0);
    } else if (c === 58 /* : */) {
      if (digits === 0 || count === 2) return NaN;
      if (count++ === 0) first = value;
      else second = value;
      digits = 0;
      value = 0;
    } else if (c === 44 /* , */ || c === 46 /* . */) {
      break;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || count === 0) return NaN;
  const h = count === 2 ? first : 0;
  const m = count === 2 ? second : first;
  const s = value;
  if (m > 59 || s > 59) return NaN;
  const fraction = readFraction(text, i, to);
  if (Number.isNaN(fraction)) return NaN;
  const total = ((h * 60 + m) * 60 + s) * 1000 + fraction;
  return sign < 0 && total > 0 ? -total : total; // never -0: it would not equal 0 in a round trip

}

/** `,5` → 500, `,05` → 50, `,005` → 5; nothing → 0; more than 3 digits or a non-digit → NaN. */
function readFraction(text: string, from: number, to: number): number {
  if (from >= to) return 0;
  const n = to - from - 1;
  if (n < 1 || n > 3) return NaN;
  let value = 0;
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) return NaN;
    value = value * 10 + (c - DIGIT_0);
  }
  return n === 1 ? value * 100 : n === 2 ? value * 10 : value;
}

/** What String.prototype.trim removes, by code unit: the reader and writer test it before trimming a line. */
export function isWhiteSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
