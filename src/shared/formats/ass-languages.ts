/**
 * ASS styles taken as languages. Many bilingual fansub scripts put each language in its own style, one event per
 * language at the same times; many one-language scripts have several styles (`top`/`bot`, `Default`/`Sign`). A
 * pair of styles is two languages only when (1) their events pair up in time — at least MIN_PAIRED of the smaller
 * style's events have an event of the other at the same start and end — and (2) their texts are in two scripts
 * (Han vs Latin, by the same counting as QC, languages.ts) or both styles are named by language codes (Duosub's
 * own export of, say, French and English). Each language is named by its style when that is a language code
 * fitting its script, else guessed from its text (zh-Hans / zh-Hant by character frequency, en, ja …).
 */
import { dominantScript, scriptCounts, scriptOfLanguage, type ScriptCode } from '../text/script';
import { guessLanguage } from './languages';

/** Share of the smaller style's events that must have a partner at the same times. */
export const MIN_PAIRED = 0.6;
/** Share of a style's events with letters that must be in its main script for the style to count as that script. */
const MIN_SCRIPT_SHARE = 0.8;
/** Only the busiest styles are compared (a script with hundreds of sign styles stays linear). */
const MAX_CANDIDATES = 8;

export interface StyleEvent {
  style: string;
  start: number;
  end: number;
  /** Internal markup of the event's text. */
  text: string;
}

export interface StyleLanguages {
  /** Language codes in the order their styles first appear in the script (the top language first). */
  codes: string[];
  /** Style → language, for the styles taken as languages. */
  byStyle: Map<string, string>;
  /** Where an event of another style goes, by the script of its text. */
  byScript: Map<ScriptCode, string>;
}

interface StyleStats {
  name: string;
  count: number;
  first: number;
  /** Main script of its texts; computed only for styles that pair up in time (see `withScripts`). */
  script: ScriptCode | null;
  /** Up to SAMPLE texts: enough to tell a style's script and language, and cheap on 100,000 events. */
  texts: string[];
}

const SAMPLE = 2000;

/** Style → its events' count, first place and a sample of its texts. */
function styleStats(events: StyleEvent[]): Map<string, StyleStats> {
  const stats = new Map<string, StyleStats>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    let s = stats.get(e.style);
    if (!s) stats.set(e.style, (s = { name: e.style, count: 0, first: i, script: null, texts: [] }));
    s.count++;
    if (s.texts.length < SAMPLE) s.texts.push(e.text);
  }
  return stats;
}

/** Sets `script` of a style: the script of at least MIN_SCRIPT_SHARE of its texts that have letters. */
function withScript(style: StyleStats): StyleStats {
  const counts = new Map<ScriptCode, number>();
  let total = 0;
  for (const text of style.texts) {
    const script = dominantScript(scriptCounts(text));
    if (script === null) continue;
    counts.set(script, (counts.get(script) ?? 0) + 1);
    total++;
  }
  for (const [script, n] of counts) if (n >= MIN_SCRIPT_SHARE * total) style.script = script;
  return style;
}

/**
 * For each pair of candidate styles, how many of their events share start and end (counted one-to-one). Most
 * times hold one event: they keep just its style; only a time with a second style gets a count per style.
 */
function pairedCounts(events: StyleEvent[], candidates: string[]): Map<string, number> {
  const wanted = new Set(candidates);
  const byTime = new Map<string, string | Map<string, number>>();
  for (const e of events) {
    if (!wanted.has(e.style)) continue;
    const key = `${e.start}|${e.end}`;
    const seen = byTime.get(key);
    if (seen === undefined) byTime.set(key, e.style);
    else if (typeof seen === 'string') byTime.set(key, new Map(seen === e.style ? [[seen, 2]] : [[seen, 1], [e.style, 1]]));
    else seen.set(e.style, (seen.get(e.style) ?? 0) + 1);
  }
  const paired = new Map<string, number>();
  for (const styles of byTime.values()) {
    if (typeof styles === 'string' || styles.size < 2) continue;
    const list = [...styles];
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const key = pairKey(list[a][0], list[b][0]);
        paired.set(key, (paired.get(key) ?? 0) + Math.min(list[a][1], list[b][1]));
      }
    }
  }
  return paired;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

const displayNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }) : null;
const CODE_SHAPE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** `en`, `zh-Hans`, `pt-BR`: a code whose first part is a language (not `top`, `bot`, `sign`). */
export function isLanguageCode(name: string): boolean {
  if (!CODE_SHAPE.test(name)) return false;
  try {
    return displayNames?.of(name.split('-')[0]) !== undefined;
  } catch {
    return false;
  }
}

function sameScriptFamily(a: ScriptCode, b: ScriptCode): boolean {
  const cjk = (s: ScriptCode) => s === 'Hani' || s === 'Jpan';
  return a === b || (cjk(a) && cjk(b));
}

/** The code for one style's language: its name when that is a fitting code, else a guess from its texts. */
function languageOf(style: StyleStats): string {
  if (isLanguageCode(style.name) && (style.script === null || sameScriptFamily(scriptOfLanguage(style.name), style.script))) {
    return style.name;
  }
  return guessLanguage(style.texts);
}

/**
 * The two (or more) styles that are languages, or null when the styles are just styles. `declared` are the
 * script's style names: a script that declares only styles named by language codes, and uses no other, is
 * per-language by its author's intent (Duosub's own export) even when too few events pair up to show it.
 */
export function styleLanguages(events: StyleEvent[], declared: string[] = []): StyleLanguages | null {
  const stats = styleStats(events);
  const chosen = pairedStyles(events, stats) ?? declaredLanguages(declared, stats);
  if (!chosen) return null;
  const codes = chosen.map((s) => languageOf(s));
  if (new Set(codes).size !== codes.length) return null;
  const byStyle = new Map(chosen.map((s, i) => [s.name, codes[i]]));
  const byScript = new Map<ScriptCode, string>();
  chosen.forEach((s, i) => {
    if (s.script && !byScript.has(s.script)) byScript.set(s.script, codes[i]);
  });
  return { codes, byStyle, byScript };
}

function pairedStyles(events: StyleEvent[], stats: Map<string, StyleStats>): StyleStats[] | null {
  const candidates = [...stats.values()].sort((a, b) => b.count - a.count).slice(0, MAX_CANDIDATES);
  if (candidates.length < 2) return null;
  const paired = pairedCounts(events, candidates.map((s) => s.name));
  if (paired.size === 0) return null;
  const pairs = (a: StyleStats, b: StyleStats) => (paired.get(pairKey(a.name, b.name)) ?? 0) >= MIN_PAIRED * Math.min(a.count, b.count);
  // Scripts are counted only for styles that pair with another (the costly part, skipped for most scripts).
  for (const s of candidates) if (candidates.some((o) => o !== s && pairs(s, o))) withScript(s);
  const chosen = byCodes(candidates, pairs) ?? byScripts(candidates, paired, pairs);
  return chosen ? chosen.sort((a, b) => a.first - b.first) : null;
}

function declaredLanguages(declared: string[], stats: Map<string, StyleStats>): StyleStats[] | null {
  if (declared.length < 2 || new Set(declared).size !== declared.length || !declared.every(isLanguageCode)) return null;
  for (const style of stats.keys()) if (!declared.includes(style)) return null;
  return declared.map((name, i) => withScript(stats.get(name) ?? { name, count: 0, first: i, script: null, texts: [] }));
}

/** Every style named by a language code, when there are two or more and each pairs with the busiest of them. */
function byCodes(candidates: StyleStats[], pairs: (a: StyleStats, b: StyleStats) => boolean): StyleStats[] | null {
  const coded = candidates.filter((s) => isLanguageCode(s.name));
  if (coded.length < 2) return null;
  const [main, ...rest] = coded;
  return rest.every((s) => pairs(main, s)) ? coded : null;
}

/** The pair in two different scripts with the most events at the same times. */
function byScripts(candidates: StyleStats[], paired: Map<string, number>, pairs: (a: StyleStats, b: StyleStats) => boolean): StyleStats[] | null {
  let best: StyleStats[] | null = null;
  let bestCount = 0;
  for (let a = 0; a < candidates.length; a++) {
    for (let b = a + 1; b < candidates.length; b++) {
      const [x, y] = [candidates[a], candidates[b]];
      if (!x.script || !y.script || sameScriptFamily(x.script, y.script) || !pairs(x, y)) continue;
      const count = paired.get(pairKey(x.name, y.name)) ?? 0;
      if (count > bestCount) [best, bestCount] = [[x, y], count];
    }
  }
  return best;
}
