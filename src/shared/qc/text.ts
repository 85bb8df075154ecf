/** The visible text of a cue, as a reader sees it: markup stripped, counted per code point (CJK per character). */

import { stripMarkup } from '../text/markup';

export { stripMarkup };

/** Visible lines: markup stripped, CRLF tolerated; an empty text has no lines. */
export function visibleLines(text: string): string[] {
  const visible = stripMarkup(text);
  return visible.trim() === '' ? [] : visible.split(/\r?\n/);
}

/** Characters as the style guides count them: code points, spaces and punctuation included, line breaks not. */
export function charCount(text: string): number {
  return visibleLines(text).reduce((n, line) => n + Array.from(line).length, 0);
}

export function lineLength(line: string): number {
  return Array.from(line).length;
}

/** Words for words-per-minute (BBC): runs of letters or digits; a CJK character counts as one word. */
export function wordCount(text: string): number {
  return (stripMarkup(text).match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}'’-]+/gu) ?? []).length;
}
