/**
 * WebVTT files that name their languages with `<lang xx>` spans, as Duosub's exports of a bilingual document
 * write them (vtt-write.ts): when every cue's text is made only of whole-line language spans, the document gets
 * those languages, each span's text in its own language, and the file counts as naming its languages (the
 * reader then guesses nothing). Any other text, or spans inside a line, stays as it was read.
 */
import { languageName, type Cue, type SubtitleDocument } from '../model';
import type { ReadResult } from './types';

/** One span: `<lang xx>` at a line start to the first `</lang>` at a line end (a span may hold several lines). */
const SPAN = /<lang ([^\s<>]+)>([^<]*(?:<(?!\/?lang[\s>])[^<]*)*)<\/lang>(?:\n|$)/y;

/** A language tag (BCP 47's shape): anything else in a `<lang>` span is not taken as a language code. */
const LANGUAGE_TAG = /^[a-z]{2,8}(?:-[\da-z]{1,8})*$/i;

/** The cue text's spans by language, or null when the text is not made only of whole-line spans. */
function spansOf(text: string): Map<string, string> | null {
  const spans = new Map<string, string>();
  SPAN.lastIndex = 0;
  while (SPAN.lastIndex < text.length) {
    const m = SPAN.exec(text);
    if (!m || spans.has(m[1]) || !LANGUAGE_TAG.test(m[1])) return null;
    spans.set(m[1], m[2]);
  }
  return spans;
}

/** The languages the cues name, top first; null when some cue's text is not all spans. */
function namedLanguages(cues: readonly Cue[], lang: string): { codes: string[]; texts: Map<string, string>[] } | null {
  const codes: string[] = [];
  const texts: Map<string, string>[] = [];
  for (const cue of cues) {
    const spans = spansOf(cue.text[lang] ?? '');
    if (spans === null) return null;
    for (const code of spans.keys()) if (!codes.includes(code)) codes.push(code);
    texts.push(spans);
  }
  if (codes.length === 0) return null;
  // The stacking order (top first) as a cue holding every language shows it; first seen when none does.
  const full = texts.find((spans) => spans.size === codes.length);
  return { codes: full ? [...full.keys()] : codes, texts };
}

/** The read with its languages taken from the cues' `<lang>` spans, or as it was when they do not name them. */
export function withLangSpanLanguages(read: ReadResult): ReadResult {
  const doc = read.doc;
  const lang = doc.languages[0]?.code;
  if (lang === undefined || doc.languages.length !== 1) return read;
  const named = namedLanguages(doc.cues, lang);
  if (named === null) return read;
  const cues = doc.cues.map((cue, i) => {
    const text: Record<string, string> = {};
    for (const code of named.codes) text[code] = named.texts[i].get(code) ?? '';
    return { ...cue, text };
  });
  const languages = named.codes.map((code) => ({ code, name: languageName(code) }));
  const split: SubtitleDocument = { ...doc, languages, cues };
  return { ...read, doc: split, languagesFromFile: true };
}
