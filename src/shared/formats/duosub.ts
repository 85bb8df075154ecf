/**
 * The native project file (`.duosub.json`): the whole document as JSON, written with a stable key
 * order and one cue per line so that diffs stay readable and a problem's line points at its cue.
 */
import { speakerColor, emptyDocument } from '../model';
import type { Chapter, Cue, Language, MediaReference, Problem, Speaker, SubtitleDocument } from '../model';
import type { z } from 'zod';
import * as S from './duosub-schema';
import { jsonErrorLine, locateJson, type JsonLocations } from './json-locate';
import { hasExtension, type ReadResult, type SubtitleFormat } from './types';
import { serializeDuosub } from './duosub-write';
import { LanguageCodes } from './language-codes';

export { serializeDuosub };

/** The project file offered for a document: `talk.srt` → `talk.duosub.json`; no name → `untitled.duosub.json`. */
export function projectFileName(fileName: string | null): string {
  const base = (fileName ?? 'untitled').replace(/\.duosub\.json$/i, '').replace(/\.[^.]+$/, '');
  return `${base || 'untitled'}.duosub.json`;
}

const EXTENSIONS = ['.duosub.json', '.duosub'];

export const duosubFormat: SubtitleFormat = {
  id: 'duosub',
  extensions: EXTENSIONS,
  exports: [{ id: 'duosub', label: 'Duosub project (.duosub.json)', extensions: ['.duosub.json'], kind: 'project', legacyEncodings: false, inExportDialog: true, write: serializeDuosub }],
  detect(text, fileName) {
    const body = text.replace(/^\uFEFF/, '').trimStart();
    if (body.startsWith('{') && /"format"\s*:\s*"duosub"/.test(body.slice(0, 1_000_000))) return 1;
    // A broken project file still comes here, to be told where its JSON breaks.
    if (hasExtension(fileName, EXTENSIONS)) return 0.7;
    return 0;
  },
  parse(text) {
    return parseDuosub(text);
  },
  serialize(doc) {
    return serializeDuosub(doc);
  },
};

/** A file nothing can be read from: an empty document and the one reason. */
function unreadable(message: string, line: number): ReadResult {
  return { doc: emptyDocument([]), problems: [{ line, message, severity: 'error' }] };
}

class Reader {
  readonly problems: Problem[] = [];
  constructor(private readonly loc: JsonLocations) {}

  keyLine(key: string): number {
    return this.loc.keys.get(key) ?? 0;
  }
  itemLine(key: string, i: number): number {
    return this.loc.items.get(key)?.[i] ?? this.keyLine(key);
  }
  report(line: number, message: string, severity: Problem['severity'] = 'error'): void {
    this.problems.push({ line, message, severity });
  }

  /** Items of a top-level array that fit `schema`; each misfit is one problem at its own line. */
  list<T>(data: Record<string, unknown>, key: string, label: string, schema: z.ZodType<T>): { item: T; line: number }[] {
    const value = data[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.report(this.keyLine(key), `"${key}" must be a list`);
      return [];
    }
    const out: { item: T; line: number }[] = [];
    value.forEach((raw, i) => {
      const line = this.itemLine(key, i);
      const parsed = schema.safeParse(raw);
      if (parsed.success) out.push({ item: parsed.data, line });
      else this.report(line, `${label} ${i + 1}: ${S.describeIssue(parsed.error)}`);
    });
    return out;
  }
}

export function parseDuosub(text: string): ReadResult {
  const body = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return unreadable(`invalid JSON: ${message}`, jsonErrorLine(body, message));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return unreadable('not a Duosub project: expected a JSON object', 1);
  }
  const record = data as Record<string, unknown>;
  const r = new Reader(locateJson(body));
  if (record.format !== 'duosub') {
    r.report(r.keyLine('format') || 1, `"format" is ${JSON.stringify(record.format) ?? 'missing'}, expected "duosub"`);
  }
  const version = record.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > S.DUOSUB_VERSION) {
    return unreadable(`made by a newer Duosub (version ${version}); this one reads version ${S.DUOSUB_VERSION}`, r.keyLine('version'));
  }
  if (version !== S.DUOSUB_VERSION) {
    r.report(r.keyLine('version') || 1, `unknown version ${JSON.stringify(version) ?? '(missing)'}; read as version ${S.DUOSUB_VERSION}`, 'warning');
  }
  const doc = readDocument(record, r);
  return { doc, problems: r.problems, languagesFromFile: true };
}

function readDocument(data: Record<string, unknown>, r: Reader): SubtitleDocument {
  const codes = new LanguageCodes();
  const languages: Language[] = [];
  for (const { item, line } of r.list(data, 'languages', 'language', S.languageSchema)) {
    const code = codes.safe(item.code, line);
    if (languages.some((l) => l.code === code)) r.report(line, `language "${code}" is listed twice`, 'warning');
    else languages.push({ code, name: item.name });
  }
  const speakers = readSpeakers(data, r);
  const chapters: Chapter[] = r.list(data, 'chapters', 'chapter', S.chapterSchema).map(({ item }) => item);
  const cues = readCues({ ...data, cues: textsWithSafeCodes(data.cues, codes, r) }, r, languages, speakers, codes);
  r.problems.push(...codes.problems);
  return { languages, cues, speakers, chapters, media: readMedia(data, r), metadata: readMetadata(data, r) };
}

/**
 * The raw cues with their text keys checked before the schema sees them: zod copies a record by assignment, so a
 * `"__proto__"` key (an own key after JSON.parse) would lose its text silently.
 */
function textsWithSafeCodes(raw: unknown, codes: LanguageCodes, r: Reader): unknown {
  if (!Array.isArray(raw)) return raw;
  return raw.map((cue: unknown, i) => {
    if (!cue || typeof cue !== 'object' || Array.isArray(cue)) return cue;
    const text = (cue as { text?: unknown }).text;
    if (!text || typeof text !== 'object' || Array.isArray(text)) return cue;
    const line = r.itemLine('cues', i);
    return { ...cue, text: Object.fromEntries(Object.entries(text).map(([code, value]) => [codes.safe(code, line), value])) };
  });
}

function readSpeakers(data: Record<string, unknown>, r: Reader): Speaker[] {
  const speakers: Speaker[] = [];
  for (const { item, line } of r.list(data, 'speakers', 'speaker', S.speakerSchema)) {
    if (speakers.some((s) => s.id === item.id)) {
      r.report(line, `speaker "${item.id}" is listed twice`, 'warning');
      continue;
    }
    // The colour ends up in styles: only #rrggbb gets through.
    let color = item.color;
    if (!/^#[0-9a-f]{6}$/i.test(color)) {
      color = speakerColor(speakers.length);
      r.report(line, `speaker "${item.id}": colour ${JSON.stringify(item.color)} is not #rrggbb; using ${color}`, 'warning');
    }
    speakers.push({ ...item, color });
  }
  return speakers;
}

function readCues(data: Record<string, unknown>, r: Reader, languages: Language[], speakers: Speaker[], codes: LanguageCodes): Cue[] {
  const cues: Cue[] = [];
  const ids = new Set<string>();
  for (const { item, line } of r.list(data, 'cues', 'cue', S.cueSchema)) {
    const label = `cue ${item.id}`;
    // Kept, as every reader keeps such a cue (and Duosub may have saved it so): the user fixes its times.
    if (item.start < 0 || item.end < 0) r.report(line, `${label}: negative time: kept, please fix its times`);
    else if (item.end < item.start) r.report(line, `${label}: ends (${item.end} ms) before it starts (${item.start} ms): kept, please fix its times`);
    // Unknown languages and speakers are added rather than dropped: the text is the user's work.
    for (const code of Object.keys(item.text)) {
      if (languages.some((l) => l.code === code)) continue;
      r.report(line, `${label}: text in "${code}", which is not in "languages"; added`, 'warning');
      languages.push({ code, name: codes.nameFor(code, undefined) });
    }
    if (item.speaker === '') {
      // No speaker has an empty id (the schema refuses one): an empty reference means none.
      r.report(line, `${label}: empty speaker id; read as no speaker`, 'warning');
      item.speaker = null;
    }
    if (item.speaker !== null && !speakers.some((s) => s.id === item.speaker)) {
      r.report(line, `${label}: unknown speaker "${item.speaker}"; added`, 'warning');
      speakers.push({ id: item.speaker, name: item.speaker, color: speakerColor(speakers.length) });
    }
    let id = item.id;
    if (ids.has(id)) {
      let n = cues.length + 1;
      while (ids.has(`c${n}`)) n++;
      id = `c${n}`;
      r.report(line, `${label}: id is used twice; renamed ${id}`, 'warning');
    }
    ids.add(id);
    const { timing, ...rest } = item;
    const kept = readTiming(timing, label, line, r);
    cues.push(kept === undefined ? { ...rest, id } : { ...rest, id, timing: kept });
  }
  // Kept in the file's order: it is the order the document had when saved (retiming a cue does not move it).
  return cues;
}

/** A cue's timing confidence when it is well formed; a bad one is reported and left out (the cue stays). */
function readTiming(value: unknown, label: string, line: number, r: Reader): Cue['timing'] {
  if (value === undefined) return undefined;
  const parsed = S.cueTimingSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  r.report(line, `${label}: timing: ${S.describeIssue(parsed.error)}; ignored`, 'warning');
  return undefined;
}

function readMedia(data: Record<string, unknown>, r: Reader): MediaReference | null {
  if (data.media === undefined) return null;
  const parsed = S.mediaSchema.safeParse(data.media);
  if (parsed.success) return parsed.data;
  r.report(r.keyLine('media'), `media: ${S.describeIssue(parsed.error)}; ignored`, 'warning');
  return null;
}

function readMetadata(data: Record<string, unknown>, r: Reader): SubtitleDocument['metadata'] {
  if (data.metadata === undefined) return {};
  const parsed = S.metadataSchema.safeParse(data.metadata);
  if (parsed.success) {
    // An own "__proto__" key (JSON allows it) cannot be kept in an object without changing its prototype.
    if (Object.hasOwn(data.metadata as object, '__proto__')) {
      r.report(r.keyLine('metadata'), 'metadata key "__proto__" is not allowed; ignored', 'warning');
    }
    return parsed.data;
  }
  r.report(r.keyLine('metadata'), 'metadata must be an object; ignored', 'warning');
  return {};
}
