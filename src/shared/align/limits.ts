/**
 * How much text one subtitle may hold, until issue 5's QC profiles replace these figures (Netflix's, from
 * QC.md: 42 characters per line in English, 16 in Simplified Chinese, two lines, 5/6 s to 7 s on screen).
 * Every code point counts as one character — a CJK character too, as Netflix counts them — and lines are
 * estimated by greedy breaking: space-separated text at word boundaries, CJK text between any two characters
 * except inside a Latin word.
 */
import { isCjkLanguage } from '../text/script';

export interface CueLimits {
  /** Characters per line by language code; languages not listed use the CJK or the Latin default below. */
  charsPerLine: Record<string, number>;
  maxLines: number;
  maxDurationMs: number;
  minDurationMs: number;
}

export const DEFAULT_CUE_LIMITS: CueLimits = {
  charsPerLine: { en: 42, 'zh-Hans': 16 },
  maxLines: 2,
  maxDurationMs: 7000,
  minDurationMs: 833,
};

const CJK_CHARS_PER_LINE = 16;
const LATIN_CHARS_PER_LINE = 42;

/** The line length for `lang`: its own entry, else one for its primary subtag (zh-Hant → zh-Hans), else a default. */
export function charsPerLine(limits: CueLimits, lang: string): number {
  const own = limits.charsPerLine[lang];
  if (own !== undefined) return own;
  const primary = lang.split('-')[0].toLowerCase();
  const sibling = Object.keys(limits.charsPerLine).find((code) => code.split('-')[0].toLowerCase() === primary);
  if (sibling !== undefined) return limits.charsPerLine[sibling];
  return isCjkLanguage(lang) ? CJK_CHARS_PER_LINE : LATIN_CHARS_PER_LINE;
}

/** Unbreakable pieces of a line and whether a space precedes each one. */
interface Token {
  text: string;
  spaced: boolean;
}

/** Latin words (and digits, punctuation runs) stay whole; in CJK text every other character is its own token. */
function tokens(text: string, cjk: boolean): Token[] {
  const out: Token[] = [];
  const pattern = cjk ? /(?<!\s)(\s*)([\p{Script=Latin}\p{N}'’.,%-]+|\S)/gu : /(?<!\s)(\s*)(\S+)/gu;
  for (const m of text.matchAll(pattern)) out.push({ text: m[2], spaced: m[1] !== '' && out.length > 0 });
  return out;
}

/** Greedy line breaking: as many tokens per line as fit in `width` characters; an over-long token gets a line of its own. */
export function breakLines(text: string, lang: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const token of tokens(text, isCjkLanguage(lang))) {
    const size = Array.from(token.text).length;
    const gap = token.spaced && used > 0 ? 1 : 0;
    if (used > 0 && used + gap + size > width) {
      lines.push(line);
      line = token.text;
      used = size;
    } else {
      line += (gap ? ' ' : '') + token.text;
      used += gap + size;
    }
  }
  if (used > 0) lines.push(line);
  return lines;
}

/** True when `text` breaks into at most `maxLines` lines of at most the language's characters per line. */
export function fits(text: string, lang: string, limits: CueLimits = DEFAULT_CUE_LIMITS): boolean {
  const width = charsPerLine(limits, lang);
  const lines = breakLines(text, lang, width);
  return lines.length <= limits.maxLines && lines.every((l) => Array.from(l).length <= width);
}
