/** Time codes: integer milliseconds to and from the text forms subtitle files and the UI use. */

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function splitMs(ms: number): { h: number; m: number; s: number; f: number } {
  const total = Math.max(0, Math.round(ms));
  return {
    h: Math.floor(total / 3_600_000),
    m: Math.floor(total / 60_000) % 60,
    s: Math.floor(total / 1000) % 60,
    f: total % 1000,
  };
}

/** `HH:MM:SS,mmm` (SRT); `sep` `.` gives the WebVTT form. Hours grow past two digits when needed. */
export function formatTimecode(ms: number, sep = ','): string {
  const { h, m, s, f } = splitMs(ms);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${sep}${pad(f, 3)}`;
}

/** `M:SS.mmm`, or `H:MM:SS.mmm` from an hour on: compact, for display. */
export function formatClock(ms: number): string {
  const { h, m, s, f } = splitMs(ms);
  const tail = `${pad(s, 2)}.${pad(f, 3)}`;
  return h > 0 ? `${h}:${pad(m, 2)}:${tail}` : `${m}:${tail}`;
}

const TIMECODE = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?$/;

/**
 * Reads `HH:MM:SS,mmm`, also with `.`, without hours (`MM:SS,mmm`) or without the fraction.
 * A short fraction is a decimal fraction (`,5` is 500 ms), as players read it. Null when it is not a time code.
 */
export function parseTimecode(text: string): number | null {
  const m = TIMECODE.exec(text.trim());
  if (!m) return null;
  const [h, min, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (min > 59 || s > 59) return null;
  const frac = m[4] ? Number(m[4].padEnd(3, '0')) : 0;
  return ((h * 60 + min) * 60 + s) * 1000 + frac;
}

const CHAPTER_MARK = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})$/;

/** A chapter mark as show notes write it: `03:06`, `1:02:03`. Minutes may pass 59 when there are no hours. */
export function parseChapterMark(text: string): number | null {
  const m = CHAPTER_MARK.exec(text.trim());
  if (!m) return null;
  const [h, min, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (s > 59 || (m[1] !== undefined && min > 59)) return null;
  return ((h * 60 + min) * 60 + s) * 1000;
}
