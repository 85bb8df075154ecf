/**
 * WebVTT cue timing lines and cue settings, as the W3C parsing rules (and Chromium's VTTParser) read them:
 * `start --> end settings`, spaces around `-->` optional, settings may touch the end time. Times are strict:
 * `mm:ss.ttt` or `h…h:mm:ss.ttt`, minutes and seconds two digits (≤ 59), exactly three fraction digits.
 */

export interface VttTiming {
  start: number;
  end: number;
  /** What follows the end time, whitespace runs collapsed; '' when none. */
  settings: string;
}

export type TimingResult = { ok: true; timing: VttTiming } | { ok: false; reason: string };

const TIME_HELP = 'a WebVTT time is mm:ss.ttt or hh:mm:ss.ttt (two-digit minutes and seconds, three digits after the point)';

/** A cursor over one line: the scanner the spec's "collect a sequence of code points" steps describe. */
interface Cursor {
  text: string;
  at: number;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function skipSpaces(cur: Cursor): void {
  while (isSpace(cur.text[cur.at])) cur.at++;
}

/** Collects ASCII digits: how many, and their value (saturating far past any real time). */
function digits(cur: Cursor): { count: number; value: number } {
  const from = cur.at;
  let value = 0;
  while (isDigit(cur.text[cur.at])) value = Math.min(value * 10 + (cur.text.charCodeAt(cur.at++) - 48), 1e300);
  return { count: cur.at - from, value };
}

function scan(cur: Cursor, literal: string): boolean {
  if (cur.text[cur.at] !== literal[0] || !cur.text.startsWith(literal, cur.at)) return false;
  cur.at += literal.length;
  return true;
}

/** Collects a WebVTT timestamp at the cursor (spec steps 1–19), in whole milliseconds; null when invalid. */
function timestamp(cur: Cursor): number | null {
  const first = digits(cur);
  if (first.count === 0) return null;
  const hoursFirst = first.count !== 2 || first.value > 59;
  if (!scan(cur, ':')) return null;
  const second = digits(cur);
  if (second.count !== 2) return null;
  let [h, m, s] = [0, first.value, second.value];
  if (hoursFirst || cur.text[cur.at] === ':') {
    if (!scan(cur, ':')) return null;
    const third = digits(cur);
    if (third.count !== 2) return null;
    [h, m, s] = [first.value, second.value, third.value];
  }
  if (!scan(cur, '.')) return null;
  const fraction = digits(cur);
  if (fraction.count !== 3 || m > 59 || s > 59) return null;
  const ms = ((h * 60 + m) * 60 + s) * 1000 + fraction.value;
  // Absurd hour counts cannot be kept exactly; Chromium's own arithmetic overflows on them too.
  return Number.isSafeInteger(ms) ? ms : null;
}

/** A whole string as one WebVTT timestamp (a `<00:01.500>` tag in cue text); null when it is not one. */
export function parseVttTimestamp(text: string): number | null {
  const cur: Cursor = { text, at: 0 };
  const ms = timestamp(cur);
  return ms !== null && cur.at === text.length ? ms : null;
}

/** Reads a cue timing line; the reason names what is wrong so the problem can say it. */
export function parseTimingLine(line: string): TimingResult {
  const cur: Cursor = { text: line, at: 0 };
  skipSpaces(cur);
  const start = timestamp(cur);
  if (start === null) return { ok: false, reason: `bad start time: ${TIME_HELP}` };
  skipSpaces(cur);
  if (!scan(cur, '-->')) return { ok: false, reason: 'expected "-->" after the start time' };
  skipSpaces(cur);
  const end = timestamp(cur);
  if (end === null) return { ok: false, reason: `bad end time: ${TIME_HELP}` };
  const settings = line.slice(cur.at).split(/[ \t\f]+/).filter((t) => t !== '').join(' ');
  return { ok: true, timing: { start, end, settings } };
}

/** `hh:mm:ss.ttt`, hours growing past two digits when needed. */
export function formatVttTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(total % 1000, 3)}`;
}

/** The cue settings a browser applies (VTTCue attributes); what it ignores is listed in `ignored`. */
export interface VttCueSettings {
  vertical: '' | 'rl' | 'lr';
  line: number | 'auto';
  snapToLines: boolean;
  position: number | 'auto';
  size: number;
  align: 'start' | 'center' | 'end' | 'left' | 'right';
  region: string | null;
  ignored: string[];
}

const PERCENT = /^(\d+(?:\.\d+)?)%$/;
const LINE_NUMBER = /^-?\d+(?:\.\d+)?$/;

function percentage(value: string): number | null {
  const m = PERCENT.exec(value);
  const n = m ? Number(m[1]) : NaN;
  return n >= 0 && n <= 100 ? n : null;
}

/** Applies one `name:value` setting; false when a browser would ignore it. */
function applySetting(out: VttCueSettings, name: string, value: string): boolean {
  const [first, alignment] = value.includes(',') ? [value.slice(0, value.indexOf(',')), value.slice(value.indexOf(',') + 1)] : [value, null];
  switch (name) {
    case 'vertical':
      if (value !== 'rl' && value !== 'lr') return false;
      out.vertical = value;
      return true;
    case 'line': {
      if (alignment !== null && !['start', 'center', 'end'].includes(alignment)) return false;
      const pct = first.endsWith('%') ? percentage(first) : null;
      if (pct !== null) [out.line, out.snapToLines] = [pct, false];
      else if (LINE_NUMBER.test(first)) [out.line, out.snapToLines] = [Number(first), true];
      else return false;
      return true;
    }
    case 'position': {
      const pct = percentage(first);
      if (pct === null || (alignment !== null && !['line-left', 'center', 'line-right'].includes(alignment))) return false;
      out.position = pct;
      return true;
    }
    case 'size': {
      const pct = percentage(value);
      if (pct === null) return false;
      out.size = pct;
      return true;
    }
    case 'align':
      if (!['start', 'center', 'end', 'left', 'right'].includes(value)) return false;
      out.align = value as VttCueSettings['align'];
      return true;
    case 'region':
      out.region = value;
      return true;
    default:
      return false;
  }
}

/** Reads a cue's settings string as the spec's "parse the WebVTT cue settings" does; later settings win. */
export function parseCueSettings(settings: string): VttCueSettings {
  const out: VttCueSettings = { vertical: '', line: 'auto', snapToLines: true, position: 'auto', size: 100, align: 'center', region: null, ignored: [] };
  for (const token of settings.split(/[ \t\f]+/)) {
    if (token === '') continue;
    const colon = token.indexOf(':');
    const ok = colon > 0 && colon < token.length - 1 && applySetting(out, token.slice(0, colon), token.slice(colon + 1));
    if (!ok) out.ignored.push(token);
  }
  return out;
}
