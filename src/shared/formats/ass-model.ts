/**
 * What an ASS/SSA script keeps in the document so that writing it back gives the same file. Everything is JSON
 * (it lives in the project file): `cue.extra.ass` per cue, `doc.metadata.ass` for the rest. SSA uses the same
 * keys (one family; `flavour` tells them apart) so a script read as one and written as the other keeps its styles.
 */

export type AssFlavour = 'ass' | 'ssa';

/** One `Dialogue` event behind a cue (or behind one language of a cue), with its fields as written. */
export interface AssEvent {
  /** Its place among the script's lines (0-based line index), so events are written back in the file's order. */
  n: number;
  /** `Dialogue: ` as written (spacing kept). */
  head: string;
  /** `Layer` (ASS) or `Marked` (SSA, e.g. `Marked=0`) as written. */
  layer: string;
  /** Times as written and what they were read as (ms): unchanged times are written as they were. */
  startText: string;
  endText: string;
  start: number;
  end: number;
  style: string;
  /** The `Name` (actor) field as written; the cue's speaker is it trimmed. */
  name: string;
  marginL: string;
  marginR: string;
  marginV: string;
  effect: string;
  /** The Text field as written, and the markup it was read as: while the cue text equals `decoded`, `text` is written. */
  text: string;
  decoded: string;
  /** Which of the script's `eventFormats` the event was read by, when it is not the first. */
  format?: number;
  /** Fields a non-standard `Format` line names that the model has no place for, by lower-case name. */
  more?: Record<string, string>;
}

/**
 * `cue.extra.ass`: the one event the cue came from, or, when its languages came from different events (styles
 * taken as languages), one event per language code plus the speaker name the cue was read with.
 */
export type AssCueExtra = AssEvent | { langs: Record<string, AssEvent>; speaker: string };

/** A line of the script that is not a cue (headers, info, styles, comments, drawings, blank lines …). */
export interface AssKeptLine {
  n: number;
  line: string;
  /** A run of blank lines (lines n … n+count−1) kept as one entry: a script may hold a million of them. Absent: 1. */
  count?: number;
}

/** `doc.metadata.ass`. */
export interface AssScript {
  flavour: AssFlavour;
  /** Every line that is not a cue's event, with its place; cue events go between them by their own `n`. */
  kept: AssKeptLine[];
  /** Lower-case field names of the events' (first) `Format` line, as read (default ASS or SSA order when absent). */
  eventFields: string[];
  /** Every `Format` line's fields, when [Events] has more than one (events name theirs by `AssEvent.format`). */
  eventFormats?: string[][];
  /** Where new events go when nothing else places them: after the events section's last line that is not blank. */
  eventsEnd: number;
  /** Where new styles go: after the last `Style:` line (or the styles header / Format line); -1 when no section. */
  stylesEnd: number;
  /** Where a new `Title:` goes: after the `[Script Info]` header; -1 when there is none. */
  infoStart: number;
  /** Style names, in order, as the script defines them. */
  styles: string[];
  /** The style new one-language events get: the one most dialogue events use. */
  defaultStyle: string;
  /** `single`: each cue is one event; `styles`: each language is a style, one event per language. */
  layout: 'single' | 'styles';
  /** For `styles`: language code → the style its new events get. */
  languageStyles?: Record<string, string>;
  /** The `Title:` as read, to tell whether the document's title was changed since. */
  title?: string;
  /** `WrapStyle: 2` (the soft break `\n` is a line break). */
  wrapStyle2?: boolean;
}

export const ASS_EVENT_FIELDS = ['layer', 'start', 'end', 'style', 'name', 'marginl', 'marginr', 'marginv', 'effect', 'text'];
export const SSA_EVENT_FIELDS = ['marked', 'start', 'end', 'style', 'name', 'marginl', 'marginr', 'marginv', 'effect', 'text'];

export function isLanguageSplit(extra: AssCueExtra): extra is { langs: Record<string, AssEvent>; speaker: string } {
  return 'langs' in extra;
}

/** The script kept in a document, or null when the document did not come from ASS/SSA (or it is not usable). */
export function assScriptOf(metadata: Record<string, unknown>): AssScript | null {
  const s = metadata.ass as AssScript | undefined;
  return s && typeof s === 'object' && Array.isArray(s.kept) && Array.isArray(s.eventFields) ? s : null;
}

/** The cue's kept event(s), or null. */
export function assExtraOf(extra: Record<string, unknown> | undefined): AssCueExtra | null {
  const e = extra?.ass as AssCueExtra | undefined;
  if (!e || typeof e !== 'object') return null;
  if (isLanguageSplit(e)) return e.langs && typeof e.langs === 'object' ? e : null;
  return typeof e.text === 'string' && typeof e.n === 'number' ? e : null;
}
