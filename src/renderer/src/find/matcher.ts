/**
 * The find/replace dialog's matching: the `replaceAll` planner's own `compileSearch` (plain text or regex,
 * match case, whole word), wrapped for the live count, "Find next" and the preview.
 * An invalid regex is a value (`error`), never an exception.
 */
import type { SubtitleDocument } from '../../../shared/model';
import { compileSearch } from '../../../shared/commands/replace';

export interface FindOptions {
  lang: string;
  find: string;
  regex: boolean;
  caseSensitive: boolean;
  wholeWord?: boolean;
}

export type Matcher = { ok: true; re: RegExp } | { ok: false; error: string };

/** The planner's own compiled search (so the count agrees with what "Replace all" will do); errors as values. */
export function buildMatcher(options: FindOptions): Matcher {
  if (options.find === '') return { ok: false, error: '' };
  try {
    return { ok: true, re: compileSearch(options) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function textMatches(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const hit = re.test(text);
  re.lastIndex = 0;
  return hit;
}

/** Ids of the cues whose text in `lang` matches, in document order. */
export function matchingCueIds(doc: SubtitleDocument, lang: string, re: RegExp): string[] {
  return doc.cues.filter((c) => textMatches(re, c.text[lang] ?? '')).map((c) => c.id);
}

/** The first matching cue after `afterCueId` (wrapping around); null when nothing matches. */
export function nextMatchingCue(doc: SubtitleDocument, lang: string, re: RegExp, afterCueId: string | null): string | null {
  const n = doc.cues.length;
  const from = afterCueId === null ? -1 : doc.cues.findIndex((c) => c.id === afterCueId);
  for (let k = 1; k <= n; k++) {
    const cue = doc.cues[(from + k + n) % n];
    if (textMatches(re, cue.text[lang] ?? '')) return cue.id;
  }
  return null;
}

/** The first of `matchIds` after `afterCueId` in document order (wrapping around); null when there is none. */
export function nextMatchIn(doc: SubtitleDocument, matchIds: readonly string[], afterCueId: string | null): string | null {
  if (matchIds.length === 0) return null;
  const matching = new Set(matchIds);
  const n = doc.cues.length;
  const from = afterCueId === null ? -1 : doc.cues.findIndex((c) => c.id === afterCueId);
  for (let k = 1; k <= n; k++) {
    const cue = doc.cues[(from + k + n) % n];
    if (matching.has(cue.id)) return cue.id;
  }
  return null;
}
