/**
 * How hard a cue is to read, for the reading-speed strip: its rate against the profile's limit in every
 * language, the worst one winning. Uses the same counting as the cps check (shared/qc/text.ts) so the strip
 * turns red exactly where the panel reports a reading-speed error. Pure: no DOM.
 */
import type { Cue } from '../../../shared/model';
import { defaultProfileFor, isCjkText, type QcProfile } from '../../../shared/qc/profiles';
import { charCount, wordCount } from '../../../shared/qc/text';

export type SpeedLevel = 'ok' | 'near' | 'over';

/** From this fraction of the limit on, a cue shows amber: close enough that a small edit tips it over. */
export const NEAR_LIMIT = 0.8;

export const SPEED_COLORS: Record<SpeedLevel, string> = {
  ok: '#59a14f',
  near: '#e0a100',
  over: '#d23c3f',
};

/** One language's rate against its limit (1 = exactly at the limit); null when there is no text or no limit. */
export function languageLoad(text: string, seconds: number, lang: string, profile: QcProfile): number | null {
  if (seconds <= 0 || text.trim() === '') return null;
  const wpm = profile.wordsPerMinute !== undefined && !isCjkText(lang, profile) ? profile.wordsPerMinute : 0;
  if (wpm > 0) return (wordCount(text) / seconds) * 60 / wpm;
  if (profile.maxCps <= 0) return null;
  return charCount(text) / seconds / profile.maxCps;
}

/** The worst load over the cue's languages; null when no language has both text and a limit. */
export function cueLoad(cue: Cue, profiles: Readonly<Record<string, QcProfile>>): number | null {
  const seconds = (cue.end - cue.start) / 1000;
  let worst: number | null = null;
  for (const [lang, text] of Object.entries(cue.text)) {
    const load = languageLoad(text, seconds, lang, profiles[lang] ?? defaultProfileFor(lang));
    if (load !== null && (worst === null || load > worst)) worst = load;
  }
  return worst;
}

/** Green under NEAR_LIMIT, amber up to the limit (inclusive, as the check only flags above it), red over it. */
export function speedLevel(load: number | null): SpeedLevel | null {
  if (load === null) return null;
  if (load > 1) return 'over';
  return load >= NEAR_LIMIT ? 'near' : 'ok';
}

export function speedColor(cue: Cue, profiles: Readonly<Record<string, QcProfile>>): string | null {
  const level = speedLevel(cueLoad(cue, profiles));
  return level === null ? null : SPEED_COLORS[level];
}
