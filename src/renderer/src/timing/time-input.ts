/** Time fields of the timing dialog: offsets `±H:MM:SS.mmm` / `±M:SS.mmm` / `±S.mmm` or plain ms, and absolute times. */
import { formatClock, parseTimecode } from '../../../shared/timecode';

const PLAIN_MS = /^[+-]?\d+$/;
const SECONDS = /^(\d+)[.,](\d{1,3})$/;

/** Milliseconds of a signed offset; a bare integer is ms (`-250`), anything with `:` or a fraction a time. Null if unreadable. */
export function parseOffset(text: string): number | null {
  const t = text.trim().replace(/\s+/g, '');
  if (t === '') return null;
  if (PLAIN_MS.test(t)) return Number(t);
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  const ms = parseTime(body);
  return ms === null ? null : sign * ms;
}

/** An absolute time: `H:MM:SS.mmm`, `M:SS.mmm`, `S.mmm`; null if unreadable. */
export function parseTime(text: string): number | null {
  const t = text.trim();
  const s = SECONDS.exec(t);
  if (s) return Number(s[1]) * 1000 + Number(s[2].padEnd(3, '0'));
  return parseTimecode(t);
}

/** `+0:01.500` / `-1:02:03.000`: what `parseOffset` reads back. */
export function formatOffset(ms: number): string {
  return `${ms < 0 ? '-' : '+'}${formatClock(Math.abs(ms))}`;
}
