/**
 * QC profiles: the limits a client's style guide sets (figures and sources in shared/QC.md). Built-ins are
 * fixed; custom profiles (validated by `qcProfileSchema`) are persisted in settings by main.
 */
import { z } from 'zod';
import { isCjkLanguage } from '../text/script';
import { documentLinesPerLanguage, withLineBudget } from './line-budget';

export interface QcProfile {
  id: string;
  name: string;
  charsPerLine: number;
  maxLines: number;
  /** Reading speed limit in characters per second (visible text); 0 = no limit. */
  maxCps: number;
  /** 0 = no limit. */
  minDurationMs: number;
  /** 0 = no limit. */
  maxDurationMs: number;
  /** 0 = no limit. */
  minGapMs: number;
  /** Text is CJK: re-breaking may cut between any two characters (never inside a Latin word or number). */
  cjk?: boolean;
  /** BBC-style reading speed in words per minute; when set it replaces maxCps for non-CJK text. */
  wordsPerMinute?: number;
}

export const BUILTIN_PROFILES: readonly QcProfile[] = [
  { id: 'netflix-en', name: 'Netflix English', charsPerLine: 42, maxLines: 2, maxCps: 20, minDurationMs: 833, maxDurationMs: 7000, minGapMs: 83 },
  {
    id: 'netflix-zh-hans', name: 'Netflix Simplified Chinese', charsPerLine: 16, maxLines: 2, maxCps: 9,
    minDurationMs: 833, maxDurationMs: 7000, minGapMs: 83, cjk: true,
  },
  // BBC sets no duration or gap figures; its reading speed is 160–180 words/min (we flag above 180).
  { id: 'bbc', name: 'BBC', charsPerLine: 37, maxLines: 2, maxCps: 0, minDurationMs: 0, maxDurationMs: 0, minGapMs: 0, wordsPerMinute: 180 },
  // Subtitle Edit's defaults: relaxed enough that a clean import reports little.
  { id: 'default', name: 'Relaxed (Subtitle Edit defaults)', charsPerLine: 43, maxLines: 2, maxCps: 25, minDurationMs: 1000, maxDurationMs: 8000, minGapMs: 24 },
];

export const BUILTIN_PROFILE_IDS = BUILTIN_PROFILES.map((p) => p.id);

export function profileById(id: string, custom: readonly QcProfile[] = []): QcProfile | undefined {
  return BUILTIN_PROFILES.find((p) => p.id === id) ?? custom.find((p) => p.id === id);
}

/** Chinese gets the Netflix Simplified Chinese figures (the only CJK guide we have); everything else the relaxed default. */
export function defaultProfileFor(lang: string): QcProfile {
  const id = /^zh(-|$)/i.test(lang) ? 'netflix-zh-hans' : 'default';
  return BUILTIN_PROFILES.find((p) => p.id === id)!;
}

const ms = z.number().int().min(0).max(600_000);

export const qcProfileSchema = z.object({
  id: z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1).max(200),
  charsPerLine: z.number().int().min(1).max(1000),
  maxLines: z.number().int().min(1).max(20),
  maxCps: z.number().min(0).max(1000),
  minDurationMs: ms,
  maxDurationMs: ms,
  minGapMs: ms,
  cjk: z.boolean().optional(),
  wordsPerMinute: z.number().min(1).max(2000).optional(),
}).strict();

/** The profile for each language: `chosen[lang]` when given, else the language's default. */
export function profilesFor(languages: readonly string[], chosen: Partial<Record<string, QcProfile>> = {}): Record<string, QcProfile> {
  return Object.fromEntries(languages.map((lang) => [lang, (Object.hasOwn(chosen, lang) ? chosen[lang] : undefined) ?? defaultProfileFor(lang)]));
}

/**
 * Timing is shared by every language, so timing rules use the strictest figure of the languages' profiles
 * (longest minimum duration and gap, shortest maximum duration; 0 = no limit).
 */
export function timingProfile(profiles: Record<string, QcProfile>): QcProfile {
  const list = Object.values(profiles);
  const positive = (xs: number[]): number[] => xs.filter((x) => x > 0);
  const maxes = positive(list.map((p) => p.maxDurationMs));
  return {
    ...(list[0] ?? BUILTIN_PROFILES[3]),
    id: 'timing',
    name: 'Timing',
    minDurationMs: Math.max(0, ...list.map((p) => p.minDurationMs)),
    maxDurationMs: maxes.length ? Math.min(...maxes) : 0,
    minGapMs: Math.max(0, ...list.map((p) => p.minGapMs)),
  };
}

/** Whether a language's text is written without spaces (the profile can say so for a custom language). */
export function isCjkText(lang: string, profile: QcProfile): boolean {
  return profile.cjk === true || isCjkLanguage(lang);
}

/**
 * The profiles a document uses: its own choice per language (`metadata.qcProfiles`, profile ids, built-in or
 * one of `custom`), else each language's default.
 */
export function documentProfiles(doc: { languages: readonly { code: string }[]; metadata: Record<string, unknown> }, custom: QcProfile[] = []): Record<string, QcProfile> {
  const ids = (doc.metadata.qcProfiles ?? {}) as Record<string, unknown>;
  // Keyed by language codes read from a file: no prototype for a code to collide with.
  const chosen: Record<string, QcProfile> = Object.create(null) as Record<string, QcProfile>;
  for (const [lang, id] of Object.entries(ids)) {
    const profile = typeof id === 'string' ? profileById(id, custom) : undefined;
    if (profile) chosen[lang] = profile;
  }
  const profiles = profilesFor(doc.languages.map((l) => l.code), chosen);
  return withLineBudget(profiles, doc.languages.length, documentLinesPerLanguage(doc.metadata));
}

/**
 * The one minimum gap of a document (issue 13): its QC profiles' gap — the strictest of its languages' — is what
 * split, snapping, close gaps, remove overlaps, lengthen and the checks all keep. There is no second setting.
 */
export function documentMinGapMs(doc: { languages: readonly { code: string }[]; metadata: Record<string, unknown> }, custom: QcProfile[] = []): number {
  return timingProfile(documentProfiles(doc, custom)).minGapMs;
}

/** Where the document's gap comes from, for Settings to say so: the gap and the name of the profile that sets it. */
export function documentGapSource(doc: { languages: readonly { code: string }[]; metadata: Record<string, unknown> }, custom: QcProfile[] = []): { gapMs: number; profileName: string } {
  const list = Object.values(documentProfiles(doc, custom));
  const gapMs = Math.max(0, ...list.map((p) => p.minGapMs));
  const source = list.find((p) => p.minGapMs === gapMs);
  return { gapMs, profileName: source?.name ?? 'none' };
}
