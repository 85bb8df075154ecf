/**
 * Text as code points, and the characters the cutters look at. Positions are counted in code points (never
 * UTF-16 units or bytes — Aegisub's byte ratio is what puts its zh/en cuts in the wrong place). A cut at position
 * p gives the halves `text[0, p)` with its trailing whitespace trimmed and `text[p, …)` with its leading
 * whitespace trimmed, so joining the halves again with the language's separator (none for CJK, one space
 * otherwise) restores the text.
 */

export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** A UTF-16 offset (a cursor) as a code-point position; an offset inside a surrogate pair snaps before it. */
export function codePointOffset(text: string, offset: number): number {
  let units = Math.max(0, Math.min(offset, text.length));
  const high = text.charCodeAt(units - 1);
  if (units > 0 && units < text.length && high >= 0xd800 && high <= 0xdbff) units--;
  return codePoints(text.slice(0, units)).length;
}

export function cutAt(cps: string[], cut: number): [string, string] {
  return [cps.slice(0, cut).join('').trimEnd(), cps.slice(cut).join('').trimStart()];
}

/** Where, between 0 and 1, the first half ends, by code points of the two (trimmed) halves; 0.5 when both are empty. */
export function halfRatio([first, second]: [string, string]): number {
  const a = codePoints(first).length;
  const b = codePoints(second).length;
  return a + b === 0 ? 0.5 : a / (a + b);
}

/** Closing quotes and brackets stay with the clause or sentence they close. */
export const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '}', '」', '』', '）', '】', '》', '〉', '»']);

export const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);
export const isLatinAlnum = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9\u00C0-\u024F]/u.test(c);

/** The word before position `end` (exclusive), without opening quotes/brackets: "Dr" in "(Dr." */
export function wordBefore(cps: string[], end: number): string {
  let start = end;
  while (start > 0 && !isSpace(cps[start - 1])) start--;
  return cps.slice(start, end).join('').replace(/^[("'“‘[{«]+/u, '');
}
