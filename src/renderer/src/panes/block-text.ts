/** Text helpers for cue blocks: one block = the cue's text in one language, split into model lines. */

/** Monaco models use LF; cue text may carry CRLF or CR from a file. */
export function normalizeBlockText(text: string | undefined): string {
  if (!text) return '';
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Lines a block occupies: an empty text is still one (empty) line. */
export function lineCountOf(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The text of every block of one language, normalized, in cue order. */
export function blockTextsFor(cues: readonly { text: Record<string, string> }[], lang: string): string[] {
  return cues.map((cue) => normalizeBlockText(cue.text[lang]));
}

/** The smallest replacement turning `before` into `after`: offsets into `before`, and the text to insert. */
export interface TextDiff {
  start: number;
  end: number;
  insert: string;
}

export function diffText(before: string, after: string): TextDiff {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start: prefix, end: before.length - suffix, insert: after.slice(prefix, after.length - suffix) };
}

/** 0-based line and 0-based column of an offset inside a block's text. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}
