/**
 * The current-cue fields as plain functions: how a typed start, end or duration reads (ms, `HH:MM:SS,mmm`,
 * `M:SS.mmm`, `S.mmm`, and `HH:MM:SS:FF` when the document has a frame rate), what one edit it becomes, and the
 * reading speed shown beside them. Pure: no DOM, no store, so tests cover every rule.
 */
import type { Cue } from '../../../shared/model';
import { MAX_TIME_MS } from '../../../shared/model';
import { formatFrameTimecode, frameRateLabel, parseFrameTimecode, snapToFrame } from '../../../shared/frames';
import { formatTimecode } from '../../../shared/timecode';
import { defaultProfileFor, isCjkText, type QcProfile } from '../../../shared/qc/profiles';
import { charCount, wordCount } from '../../../shared/qc/text';
import { languageLoad, speedLevel, type SpeedLevel } from '../qc/reading-speed';
import { parseTime } from './time-input';

export type CueField = 'start' | 'end' | 'duration';

/** What committing a field does: nothing (same value), refuse with a message, or set one edge of the cue. */
export type FieldEdit =
  | { kind: 'none' }
  | { kind: 'error'; message: string }
  | { kind: 'set'; edge: 'start' | 'end'; time: number };

const PLAIN_MS = /^\d+$/;
/** Four parts (`00:01:02:12`, `;` before the frames as drop-frame notation writes it): a frame timecode. */
const FRAME_FORM = /^\d+:\d+:\d+[:;]\d+$/;

/** How a time shows in the fields: `HH:MM:SS:FF` with a frame rate, else `HH:MM:SS,mmm` as in SRT. */
export function formatFieldTime(ms: number, fps: number | null): string {
  return fps ? formatFrameTimecode(ms, fps) : formatTimecode(ms, ',');
}

/** How a duration shows: frames as a timecode with a frame rate, else seconds with milliseconds (`2.500`). */
export function formatFieldDuration(ms: number, fps: number | null): string {
  if (fps) return formatFrameTimecode(ms, fps);
  const total = Math.max(0, Math.round(ms));
  return `${Math.floor(total / 1000)}.${String(total % 1000).padStart(3, '0')}`;
}

function examples(fps: number | null): string {
  const frames = fps ? `, or 00:00:01:12 (frames at ${frameRateLabel(fps)} fps)` : '';
  return `ms (1500), seconds (1.5), 0:01.500 or 00:00:01,500${frames}`;
}

/** Milliseconds of a typed time, or a message saying what is wrong and what to type instead. */
export function parseFieldTime(text: string, fps: number | null): number | { error: string } {
  const t = text.trim();
  if (t === '') return { error: `Type a time: ${examples(fps)}` };
  let ms: number | null;
  if (PLAIN_MS.test(t)) ms = Number(t);
  else if (FRAME_FORM.test(t)) {
    if (!fps) return { error: `"${t}" is in frames, but the document has no frame rate: choose one, or type ${examples(null)}` };
    ms = parseFrameTimecode(t, fps);
    if (ms === null) return { error: `"${t}" is not a frame timecode at ${frameRateLabel(fps)} fps (frames 00–${String(Math.round(fps) - 1).padStart(2, '0')})` };
  } else ms = parseTime(t);
  if (ms === null) return { error: `"${t}" is not a time: type ${examples(fps)}` };
  if (ms > MAX_TIME_MS) return { error: `"${t}" is too long a time (the most is ${formatTimecode(MAX_TIME_MS)})` };
  return ms;
}

/**
 * The edit a committed field makes to `cue`. Typed times snap to frames when the document has a frame rate; a
 * typed duration keeps the start and moves the end. The end must stay after the start.
 */
export function planFieldEdit(cue: Pick<Cue, 'start' | 'end'>, field: CueField, text: string, fps: number | null): FieldEdit {
  const parsed = parseFieldTime(text, fps);
  if (typeof parsed !== 'number') return { kind: 'error', message: parsed.error };
  const snap = (ms: number) => (fps ? snapToFrame(ms, fps) : ms);
  const shown = (ms: number) => formatFieldTime(ms, fps);
  if (field === 'duration' && parsed <= 0) return { kind: 'error', message: 'The duration must be more than 0' };
  const edge = field === 'start' ? 'start' : 'end';
  const time = Math.min(MAX_TIME_MS, snap(field === 'duration' ? cue.start + parsed : parsed));
  if (edge === 'start' && time >= cue.end) return { kind: 'error', message: `The start must be before the end (${shown(cue.end)})` };
  if (edge === 'end' && time <= cue.start) return { kind: 'error', message: `The end must be after the start (${shown(cue.start)})` };
  if (time === cue[edge]) return { kind: 'none' };
  return { kind: 'set', edge, time };
}

export interface ReadingSpeed {
  lang: string;
  /** `14.2 cps` or `180 wpm`, as the QC check counts it. */
  text: string;
  level: SpeedLevel | null;
  /** The profile's limit, for the tooltip (`max 17 cps`). */
  limit: string;
}

/** Reading speed of each language with text, counted as the cps check counts it (words/min for a wpm profile). */
export function readingSpeeds(cue: Cue, langs: readonly string[], profiles: Readonly<Record<string, QcProfile>>): ReadingSpeed[] {
  const seconds = (cue.end - cue.start) / 1000;
  const out: ReadingSpeed[] = [];
  for (const lang of langs) {
    const text = cue.text[lang] ?? '';
    if (seconds <= 0 || text.trim() === '') continue;
    const profile = profiles[lang] ?? defaultProfileFor(lang);
    const wpm = profile.wordsPerMinute !== undefined && !isCjkText(lang, profile) ? profile.wordsPerMinute : 0;
    const level = speedLevel(languageLoad(text, seconds, lang, profile));
    if (wpm > 0) out.push({ lang, text: `${Math.round((wordCount(text) / seconds) * 60)} wpm`, level, limit: `max ${wpm} wpm` });
    else out.push({ lang, text: `${(charCount(text) / seconds).toFixed(1)} cps`, level, limit: profile.maxCps > 0 ? `max ${profile.maxCps} cps` : 'no limit' });
  }
  return out;
}
