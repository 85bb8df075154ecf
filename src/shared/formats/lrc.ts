/**
 * LRC lyrics (.lrc): `[mm:ss.xx]text` lines. Several time tags on one line show the same text at each time;
 * `[offset:+500]` moves every line 500 ms earlier, as players apply it; ID tags (`[ti:]`, `[ar:]`, `[al:]`,
 * `[by:]`, `[length:]` …) are kept in `metadata.lrc.tags` and written back. Enhanced (A2) word times `<mm:ss.xx>`
 * are taken out of the text and kept in `extra.lrc.words` for writing back.
 *
 * LRC has no end times, so players clear a line at a bare time tag (`[00:12.50]` with no text). Reading: a bare tag
 * ends the cue on screen (an end mark); a bare tag when nothing is on screen is an empty cue. A cue without an end
 * mark ends where the next one starts; the last one at `[length:]`, else 4 s later. Writing does the reverse, so
 * Duosub's own LRC reads back to the same times (to 10 ms) and keeps empty cues.
 * Lines sharing one time tag are one cue, stacked in file order: that is how Chinese lyric players write a
 * translation (first line the first language), so the registry splits such a file by script into two languages,
 * as it does a bilingual SRT, and the writer writes each language's line under the same tag.
 */
import { languageName, type Cue, type Problem, type SubtitleDocument } from '../model';
import { stackedLines } from './bilingual';
import { plainText } from '../text/markup';
import { hasExtension, splitLines, writeLanguages, type ReadResult, type SubtitleFormat, type WriteOptions } from './types';

const EXTENSIONS = ['.lrc'];
const LAST_CUE_MS = 4000;
const TIME_LINE = /^[ \t]*\[\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?\]/m;
const ID_LINE = /^[ \t]*\[(?:ti|ar|al|by|offset|length|re|ve|au):[^\]\n]*\]/im;
const TIME_TAG = /^(-?)(\d{1,5}):(\d{1,2})(?:[.:](\d{1,3}))?$/;
const ID_TAG = /^([A-Za-z#][\w#-]*):(.*)$/s;
const WORD_TIME = /<\d{1,5}:\d{1,2}(?:[.:]\d{1,3})?>/g;

export const lrcFormat: SubtitleFormat = {
  id: 'lrc',
  extensions: EXTENSIONS,
  exports: [{ id: 'lrc', label: 'LRC lyrics (.lrc)', extensions: ['.lrc'], kind: 'cues', legacyEncodings: true, inExportDialog: false }],
  detect(text, fileName) {
    const head = text.slice(0, 100_000);
    const byName = hasExtension(fileName, EXTENSIONS);
    if (TIME_LINE.test(head)) return byName ? 1 : 0.7;
    if (ID_LINE.test(head)) return byName ? 0.6 : 0.2;
    return byName ? 0.4 : 0;
  },
  parse(text, options) {
    return parseLrc(text, options?.lang ?? 'en');
  },
  serialize(doc, options) {
    return serializeLrc(doc, options);
  },
  bilingual: true,
};

/** `mm:ss.xx` (also `mm:ss`, `mm:ss:xx`, `mm:ss.xxx`; a leading `-` kept) to ms; null when it is not one. */
export function parseLrcTime(text: string): number | null {
  const m = TIME_TAG.exec(text.trim());
  if (!m || Number(m[3]) > 59) return null;
  const ms = (Number(m[2]) * 60 + Number(m[3])) * 1000 + (m[4] ? Number(m[4].padEnd(3, '0')) : 0);
  return m[1] ? -ms : ms;
}

/** `mm:ss.xx`, minutes growing past two digits when needed; negative times written as 0. */
export function formatLrcTime(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(cs / 6000))}:${pad(Math.floor(cs / 100) % 60)}.${pad(cs % 100)}`;
}

interface LyricLine {
  time: number;
  text: string;
  /** The text with its word times, when it had any. */
  words: string | null;
  line: number;
}

interface LrcLines {
  lyrics: LyricLine[];
  tags: [string, string][];
}

/** Reads the leading `[…]` tags of one line; each `]` is searched once, so a line is read in linear time. */
function readLine(raw: string, lineNo: number, into: LrcLines, problems: Problem[]): void {
  const times: number[] = [];
  let pos = 0;
  while (raw[pos] === '[') {
    const close = raw.indexOf(']', pos);
    if (close < 0) break;
    const inner = raw.slice(pos + 1, close);
    const time = parseLrcTime(inner);
    const id = time === null && times.length === 0 ? ID_TAG.exec(inner) : null;
    if (time !== null) {
      times.push(time);
    } else if (id && !/^\d/.test(id[1])) {
      into.tags.push([id[1], id[2].trim()]);
    } else if (/^-?\d/.test(inner) && times.length === 0) {
      problems.push({ line: lineNo, message: `bad time tag "[${clip(inner)}]": line ignored`, severity: 'error' });
      return;
    } else {
      break; // `[laughs]` after the times is lyric text
    }
    pos = close + 1;
  }
  const rest = raw.slice(pos);
  if (times.length === 0) {
    if (pos === 0 || rest.trim() !== '') {
      problems.push({ line: lineNo, message: `line without a time tag is ignored: "${clip(raw)}"`, severity: 'warning' });
    }
    return;
  }
  const text = rest.replace(WORD_TIME, '').trim();
  const words = text.length !== rest.trim().length ? rest.trim() : null;
  for (const time of times) into.lyrics.push({ time, text, words, line: lineNo });
}

export function parseLrc(text: string, lang: string): ReadResult {
  const problems: Problem[] = [];
  const read: LrcLines = { lyrics: [], tags: [] };
  splitLines(text).forEach((line, i) => {
    if (line.trim() !== '') readLine(line.trim(), i + 1, read, problems);
  });
  if (read.lyrics.length === 0 && read.tags.length === 0 && !problems.some((p) => p.severity === 'error') && text.trim() !== '') {
    problems.push({ line: 0, message: 'not an LRC file: no time tag such as [00:12.34]', severity: 'error' });
  }
  const offsetTag = read.tags.find(([k]) => k.toLowerCase() === 'offset');
  const offset = offsetTag ? Number(offsetTag[1].replace(/^\+/, '')) : 0;
  if (offsetTag && !Number.isFinite(offset)) problems.push({ line: 0, message: `bad [offset:${offsetTag[1]}] ignored`, severity: 'warning' });
  const shift = Number.isFinite(offset) ? Math.round(offset) : 0;
  const lengthTag = read.tags.find(([k]) => k.toLowerCase() === 'length');
  const length = lengthTag ? parseLengthTag(lengthTag[1]) : null;
  const cues = toCues(read.lyrics, shift, length, lang, problems);
  const title = read.tags.find(([k]) => k.toLowerCase() === 'ti')?.[1];
  const doc: SubtitleDocument = {
    languages: [{ code: lang, name: languageName(lang) }],
    cues, speakers: [], chapters: [], media: null,
    metadata: read.tags.length ? { ...(title ? { title } : {}), lrc: { tags: read.tags } } : {},
  };
  return { doc, problems };
}

/** `[length: 3:45]` or `[length: 03:45.20]`. */
function parseLengthTag(value: string): number | null {
  return parseLrcTime(value);
}

interface TimeGroup {
  lines: LyricLine[];
  /** Lines at this time with no text: end marks or empty cues. */
  bare: number;
  /** Where this time was first met, for problems. */
  line: number;
}

/**
 * Lines at one time become one cue (texts stacked in file order). A bare tag ends the open cue, or (nothing open,
 * or a second bare tag at the same time) is an empty cue; a cue left open ends where the next one starts.
 */
function toCues(lyrics: LyricLine[], offset: number, length: number | null, lang: string, problems: Problem[]): Cue[] {
  const byTime = new Map<number, TimeGroup>();
  for (const lyric of lyrics) {
    const time = lyric.time - offset;
    let group = byTime.get(time);
    if (!group) byTime.set(time, (group = { lines: [], bare: 0, line: lyric.line }));
    if (lyric.text === '' && lyric.words === null) group.bare++;
    else group.lines.push(lyric);
  }
  const cues: Cue[] = [];
  let open: Cue | null = null;
  for (const time of [...byTime.keys()].sort((a, b) => a - b)) {
    const group = byTime.get(time) as TimeGroup;
    let bare = group.bare;
    if (open) {
      open.end = time;
      open = null;
      if (group.lines.length === 0) bare--; // the end mark
    }
    if (group.lines.length === 0 && bare <= 0) continue;
    if (time < 0) problems.push({ line: group.line, message: 'negative time (after [offset]): cue kept, please fix its times', severity: 'error' });
    open = { id: `c${cues.length + 1}`, start: time, end: time, speaker: null, text: { [lang]: group.lines.map((l) => l.text).filter((t) => t !== '').join('\n') } };
    const words = group.lines.flatMap((l) => (l.words ? [l.words] : []));
    // `at` is the start the word times belong to: moving the cue moves them when it is written back.
    if (words.length) open.extra = { lrc: { words, at: time } };
    cues.push(open);
  }
  if (open) open.end = lastEnd(open.start, length);
  return cues;
}

/** Where the last cue ends when nothing marks it: at `[length:]`, else 4 s after it starts. */
function lastEnd(start: number, length: number | null): number {
  return length !== null && length > start ? length : start + LAST_CUE_MS;
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

function keptTags(doc: SubtitleDocument): [string, string][] {
  const tags = (doc.metadata.lrc as { tags?: unknown } | undefined)?.tags;
  if (Array.isArray(tags)) {
    return tags.filter((t): t is [string, string] => Array.isArray(t) && typeof t[0] === 'string' && typeof t[1] === 'string');
  }
  return typeof doc.metadata.title === 'string' && doc.metadata.title ? [['ti', doc.metadata.title]] : [];
}

/** A line with the word times it was read with, when its text is unchanged; shifted as far as the cue moved. */
function withWords(line: string, cue: Cue): string {
  const kept = cue.extra?.lrc as { words?: unknown; at?: unknown } | undefined;
  if (!Array.isArray(kept?.words)) return line;
  const match = kept.words.find((w) => typeof w === 'string' && w.replace(WORD_TIME, '').trim() === line);
  if (typeof match !== 'string') return line;
  const moved = typeof kept.at === 'number' ? cue.start - kept.at : 0;
  if (moved === 0) return match;
  return match.replace(WORD_TIME, (tag) => `<${formatLrcTime((parseLrcTime(tag.slice(1, -1)) ?? 0) + moved)}>`);
}

/**
 * Writes the kept ID tags, then each cue at its start (plus the kept `[offset]`, so the file reads back to the
 * same times): one line per text line, languages in `langs` order under the same tag; an empty cue as a bare tag.
 * A cue that does not end where the next one starts gets a bare end mark; an empty cue right after a cue left
 * open gets a second bare tag, so the first reads as that cue's end and the second as the empty cue.
 */
export function serializeLrc(doc: SubtitleDocument, options?: WriteOptions): string {
  const langs = writeLanguages(doc, options, 'LRC');
  const tags = keptTags(doc);
  const offsetTag = tags.find(([k]) => k.toLowerCase() === 'offset');
  const offset = offsetTag ? Number(offsetTag[1].replace(/^\+/, '')) : 0;
  const shift = Number.isFinite(offset) ? Math.round(offset) : 0;
  const lengthTag = tags.find(([k]) => k.toLowerCase() === 'length');
  const length = lengthTag ? parseLengthTag(lengthTag[1]) : null;
  const at = (ms: number) => `[${formatLrcTime(ms + shift)}]`;
  const cs = (ms: number) => Math.round(ms / 10);
  const out = tags.map(([k, v]) => `[${k}:${v}]`);
  let openSince: number | null = null; // start of the cue still on screen, when no end mark was written
  doc.cues.forEach((cue, i) => {
    const lines = stackedLines(cue.text, langs).map((l) => plainText(l).trim()).filter((l) => l !== '');
    if (lines.length === 0) {
      if (openSince !== null && cs(openSince) < cs(cue.start)) out.push(at(cue.start));
      out.push(at(cue.start));
    }
    for (const line of lines) out.push(at(cue.start) + withWords(line, cue));
    const next = doc.cues[i + 1];
    const endsByItself = next ? cs(next.start) === cs(cue.end) : cs(lastEnd(cue.start, length)) === cs(cue.end);
    const marked = !endsByItself && (!next || cs(next.start) > cs(cue.end)) && cs(cue.end) > cs(cue.start);
    if (marked) out.push(at(cue.end));
    openSince = marked ? null : cue.start;
  });
  return out.join('\n') + '\n';
}
