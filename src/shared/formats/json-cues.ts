/**
 * A plain JSON array of cues, as web players and scripts exchange them:
 * `[{"start": 1000, "end": 2500, "text": "…", "speaker": "Sam"}, …]`.
 *
 * - Times: numbers in milliseconds. When any time in the file is not a whole number, every time is read as
 *   seconds (Whisper-style `1.5`); a time code string (`"00:00:01,500"`) is read too. `startTime`/`endTime`
 *   are accepted for `start`/`end` (a common spelling in web exports).
 * - `text`: a string (one language; the registry guesses it), or an object of language code → text, which makes
 *   a document in those languages (`{"zh-Hans": "…", "en": "…"}`).
 * - Other fields of a cue (`id`, …) are kept in `extra.json` and written back.
 * A Duosub project (an object with `"format": "duosub"`) is not this format: it goes to its own reader.
 * Text is written in the SRT-style basic markup (`<i>`), which JSON consumers most often render.
 */
import { LanguageCodes } from './language-codes';
import { sortCues, speakerColor, type Cue, type Problem, type Speaker, type SubtitleDocument } from '../model';
import { parseTimecode } from '../timecode';
import { arrayItemLines } from './json-cues-locate';
import { serializeJsonChapters } from './chapters';
import { jsonErrorLine } from './json-locate';
import { toSrtMarkup } from '../text/markup';
import { hasExtension, writeLanguages, type ReadResult, type SubtitleFormat, type WriteOptions } from './types';

const EXTENSIONS = ['.json'];
const START_KEYS = ['start', 'startTime'];
const END_KEYS = ['end', 'endTime'];
const KNOWN = new Set([...START_KEYS, ...END_KEYS, 'text', 'speaker']);
const CUE_ARRAY = /^\[\s*(?:\{\s*"(?:start|startTime|end|endTime|text|speaker|id)"\s*:|\])/;

export const jsonCuesFormat: SubtitleFormat = {
  id: 'json',
  extensions: EXTENSIONS,
  exports: [
    { id: 'json', label: 'JSON cue list (.json)', extensions: ['.json'], kind: 'cues', legacyEncodings: false, inExportDialog: false },
    { id: 'chapters-json', label: 'Chapters, Podcasting 2.0 JSON', extensions: ['.chapters.json'], kind: 'chapters', legacyEncodings: false, inExportDialog: true, write: serializeJsonChapters },
  ],
  detect(text, fileName) {
    const body = text.replace(/^\uFEFF/, '').trimStart();
    if (!body.startsWith('[')) return 0; // a Duosub project or any other JSON object is not a cue list
    if (CUE_ARRAY.test(body.slice(0, 1000))) return hasExtension(fileName, EXTENSIONS) ? 1 : 0.8;
    return hasExtension(fileName, EXTENSIONS) ? 0.3 : 0;
  },
  parse(text, options) {
    return parseJsonCues(text, options?.lang ?? 'en');
  },
  serialize(doc, options) {
    return serializeJsonCues(doc, options);
  },
  bilingual: true,
};

type Item = Record<string, unknown>;

function unreadable(message: string, line: number): ReadResult {
  return {
    doc: { languages: [], cues: [], speakers: [], chapters: [], media: null, metadata: {} },
    problems: [{ line, message, severity: 'error' }],
  };
}

function rawTime(item: Item, keys: string[]): unknown {
  for (const key of keys) if (item[key] !== undefined) return item[key];
  return undefined;
}

/** True when any numeric time holds a fraction: the file counts seconds. */
function inSeconds(items: unknown[]): boolean {
  return items.some((item) => {
    if (!item || typeof item !== 'object') return false;
    const s = rawTime(item as Item, START_KEYS);
    const e = rawTime(item as Item, END_KEYS);
    return (typeof s === 'number' && !Number.isInteger(s)) || (typeof e === 'number' && !Number.isInteger(e));
  });
}

function toMs(value: unknown, seconds: boolean): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Past 2^53 ms (285,000 years) a time is not exact: not a time any file means.
    const ms = Math.round(seconds ? value * 1000 : value);
    return Number.isSafeInteger(ms) ? ms : null;
  }
  if (typeof value === 'string') {
    const negative = value.trim().startsWith('-');
    const ms = parseTimecode(negative ? value.trim().slice(1) : value);
    return ms === null ? null : negative ? -ms : ms;
  }
  return null;
}

interface Reading {
  problems: Problem[];
  languages: string[];
  /** Codes of `{"en": …}` texts, checked (a `__proto__` key is read as a stand-in, with a warning at its line). */
  codes: LanguageCodes;
  speakers: Map<string, Speaker>;
  /** Languages plain-string texts went to (the first named language, or the default before any). */
  plain: Set<string>;
}

function readText(value: unknown, lang: string, line: () => number, r: Reading): Record<string, string> | null {
  if (value === undefined || value === null) return { [lang]: '' };
  if (typeof value === 'string') {
    const code = r.languages[0] ?? lang;
    r.plain.add(code);
    return { [code]: value };
  }
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  // Entries, then fromEntries: an assignment `text["__proto__"] = t` would drop the text (the key is checked later).
  const entries: [string, string][] = [];
  for (const [key, t] of Object.entries(value as Item)) {
    if (typeof t !== 'string') {
      r.problems.push({ line: line(), message: `text in ${JSON.stringify(key.slice(0, 40))} is not a string: left out`, severity: 'warning' });
      continue;
    }
    const code = r.codes.safe(key, line());
    if (!r.languages.includes(code)) r.languages.push(code);
    entries.push([code, t]);
  }
  return Object.fromEntries(entries);
}

function speakerId(name: unknown, r: Reading): string | null {
  if (typeof name !== 'string' || name.trim() === '') return null;
  let speaker = r.speakers.get(name);
  if (!speaker) {
    speaker = { id: `s${r.speakers.size + 1}`, name, color: speakerColor(r.speakers.size) };
    r.speakers.set(name, speaker);
  }
  return speaker.id;
}

function readCue(item: unknown, line: () => number, seconds: boolean, lang: string, r: Reading): Cue | null {
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    r.problems.push({ line: line(), message: 'a cue must be an object {start, end, text}: skipped', severity: 'error' });
    return null;
  }
  const obj = item as Item;
  const start = toMs(rawTime(obj, START_KEYS), seconds);
  const end = toMs(rawTime(obj, END_KEYS), seconds);
  if (start === null || end === null) {
    r.problems.push({ line: line(), message: `cue without a readable ${start === null ? 'start' : 'end'} time: skipped`, severity: 'error' });
    return null;
  }
  const text = readText(obj.text, lang, line, r);
  if (!text) {
    r.problems.push({ line: line(), message: 'cue text must be a string or {language: text}: skipped', severity: 'error' });
    return null;
  }
  if (start < 0 || end < 0) r.problems.push({ line: line(), message: 'negative time: cue kept, please fix its times', severity: 'error' });
  else if (end < start) r.problems.push({ line: line(), message: 'cue ends before it starts: kept, please fix its times', severity: 'error' });
  const cue: Cue = { id: '', start, end, speaker: speakerId(obj.speaker, r), text };
  const rest = Object.fromEntries(Object.entries(obj).filter(([k]) => !KNOWN.has(k)));
  if (Object.keys(rest).length) cue.extra = { json: rest };
  return cue;
}

export function parseJsonCues(text: string, lang: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unreadable(`not valid JSON: ${message}`, jsonErrorLine(text, message));
  }
  if (!Array.isArray(data)) return unreadable('a JSON cue list must be an array of {start, end, text}', 1);
  // Item lines cost a scan of the whole text: only a problem needs them.
  let lines: number[] | null = null;
  const lineOf = (i: number) => () => (lines ??= arrayItemLines(text.replace(/^\uFEFF/, '')))[i] ?? 0;
  const seconds = inSeconds(data);
  const r: Reading = { problems: [], languages: [], codes: new LanguageCodes(), speakers: new Map(), plain: new Set() };
  const cues: Cue[] = [];
  data.forEach((item, i) => {
    const cue = readCue(item, lineOf(i), seconds, lang, r);
    if (cue) cues.push(cue);
  });
  const fromFile = r.languages.length > 0;
  // A plain string among language objects went to the first language (or the default one, before any).
  const codes = fromFile ? [...r.languages, ...[...r.plain].filter((c) => !r.languages.includes(c))] : [lang];
  const doc: SubtitleDocument = {
    languages: codes.map((code) => ({ code, name: r.codes.nameFor(code, undefined) })),
    cues: sortCues(cues).map((c, i) => ({ ...c, id: `c${i + 1}` })),
    speakers: [...r.speakers.values()],
    chapters: [], media: null, metadata: {},
  };
  return { doc, problems: [...r.problems, ...r.codes.problems], languagesFromFile: fromFile };
}

/**
 * One cue per line. One language: `text` is a string (empty for a cue without text in it, so empty cues
 * survive); several: an object in `langs` order holding the languages the cue has.
 */
export function serializeJsonCues(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'JSON');
  const speakers = new Map(doc.speakers.map((s) => [s.id, s.name]));
  const lines = doc.cues.map((cue) => {
    const text = langs.length === 1
      ? toSrtMarkup(cue.text[langs[0]] ?? '')
      : Object.fromEntries(langs.filter((l) => cue.text[l] !== undefined).map((l) => [l, toSrtMarkup(cue.text[l])]));
    const speaker = cue.speaker ? speakers.get(cue.speaker) : undefined;
    const extra = cue.extra?.json;
    const rest = extra && typeof extra === 'object' && !Array.isArray(extra) ? (extra as Item) : {};
    const kept = Object.fromEntries(Object.entries(rest).filter(([k]) => !KNOWN.has(k)));
    return JSON.stringify({ start: cue.start, end: cue.end, text, ...(speaker ? { speaker } : {}), ...kept });
  });
  return lines.length ? `[\n  ${lines.join(',\n  ')}\n]\n` : '[]\n';
}
