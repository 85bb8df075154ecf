/** The subtitle domain model: one timeline, one set of cues, the text of each cue in every language. */

/** A language of the document, by BCP 47 code (e.g. `zh-Hans`, `en`). */
export interface Language {
  code: string;
  /** Display name shown on the pane header. */
  name: string;
}

export interface Speaker {
  id: string;
  name: string;
  /** CSS colour (#rrggbb) used on regions and gutters. */
  color: string;
}

/**
 * The latest time a cue may take by an edit: 100,000 hours, past any time a reader accepts (SRT's 99,999 h), so
 * everything a file can hold can also be retimed and saved; the one limit the API contract and commands use.
 */
export const MAX_TIME_MS = 100_000 * 3_600_000;

/** One subtitle: one timing shared by every language. Times are integer milliseconds. */
export interface Cue {
  id: string;
  start: number;
  end: number;
  speaker: string | null;
  /** Text per language code; a missing key means "no text in that language". */
  text: Record<string, string>;
  /** The user fixed these times: auto-timing keeps them and aligns between them. Absent = false. */
  pinned?: boolean;
  /**
   * The aligner's confidence in the times it gave this cue, with those times: it counts only while the cue still has
   * them (src/shared/timing-confidence.ts). Set by auto-time; absent = never auto-timed (or made by split/merge).
   */
  timing?: CueTiming;
  /**
   * What a file format carried for this cue that the model does not use, keyed by format id (`vtt`: cue id and
   * settings; `ass`: layer, style, margins, effect …), so writing the same format back keeps it. Absent = none.
   */
  extra?: Record<string, unknown>;
}

/** Auto-time's confidence (0–1) in a cue's times, and the times it was given for. */
export interface CueTiming {
  confidence: number;
  start: number;
  end: number;
}

export interface Chapter {
  /** Start in milliseconds. */
  start: number;
  title: string;
}

/**
 * The media a document belongs to; `path` is absolute or relative to the project file. Size and head hash (what
 * the peaks cache keys on) recognise the file when it has moved; projects saved before they existed lack them.
 */
export interface MediaReference {
  path: string;
  /** Duration in milliseconds when known. */
  duration?: number;
  /** Size in bytes when the project was saved. */
  size?: number;
  /** sha256 (hex) of the file's first 64 KB (the whole file when smaller) when the project was saved. */
  headHash?: string;
}

export interface DocumentMetadata {
  title?: string;
  episode?: string;
  description?: string;
  /** True while cue times are provisional (the source had no timings). */
  untimed?: boolean;
  /** Free-form notes a format carried that the model does not use. */
  [key: string]: unknown;
}

export interface SubtitleDocument {
  languages: Language[];
  cues: Cue[];
  speakers: Speaker[];
  chapters: Chapter[];
  media: MediaReference | null;
  metadata: DocumentMetadata;
}

/** Something wrong in an input, with the 1-based line where it was found (0 when not tied to a line). */
export interface Problem {
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Colours given to speakers in order of appearance; readable on dark and light backgrounds. */
export const SPEAKER_COLORS = [
  '#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1',
  '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac',
] as const;

export function speakerColor(index: number): string {
  return SPEAKER_COLORS[index % SPEAKER_COLORS.length];
}

export function emptyDocument(languages: Language[]): SubtitleDocument {
  return { languages, cues: [], speakers: [], chapters: [], media: null, metadata: {} };
}

/** Known display names for common language codes; unknown codes show as themselves. */
export function languageName(code: string): string {
  const names: Record<string, string> = {
    'zh-Hans': '中文', 'zh-Hant': '中文（繁體）', zh: '中文', en: 'English', ja: '日本語', ko: '한국어',
    fr: 'Français', de: 'Deutsch', es: 'Español',
  };
  // Own keys only: a code such as `toString` must not find Object.prototype's.
  return Object.hasOwn(names, code) ? names[code] : code;
}

/** Sorts cues by start, then end, keeping the relative order of equal cues. */
export function sortCues(cues: Cue[]): Cue[] {
  return cues
    .map((cue, i) => ({ cue, i }))
    .sort((a, b) => a.cue.start - b.cue.start || a.cue.end - b.cue.end || a.i - b.i)
    .map((x) => x.cue);
}

/** End of the last cue, in ms (0 for an empty document). */
export function documentDuration(doc: SubtitleDocument): number {
  return doc.cues.reduce((max, c) => Math.max(max, c.end), 0);
}
