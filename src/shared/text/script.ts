/**
 * Which script a text is written in. One counting for the whole app (QC's wrong-script check, the bilingual
 * split, the language guess): markup stripped, a CJK character counts as one unit and a word of an alphabetic
 * script as one unit, so a Chinese line holding an English name ("来自OpenAI的萨姆·阿尔特曼") is still Chinese and
 * an English line holding one Chinese name is still English. And which languages are written without spaces.
 */
import { stripMarkup } from './markup';

/** ISO 15924 script codes; `Jpan` is Han with kana (Japanese), `Hani` Han without it. */
export type ScriptCode = 'Hani' | 'Jpan' | 'Hang' | 'Latn' | 'Cyrl' | 'Grek' | 'Arab' | 'Hebr' | 'Thai' | 'Deva';

export interface ScriptCounts {
  /** Han characters (hanzi, kanji, hanja). */
  han: number;
  /** Hiragana and katakana characters. */
  kana: number;
  /** Hangul characters. */
  hangul: number;
  /** Runs of Latin letters (words; "GPT-4" is one). */
  latinWords: number;
  latinLetters: number;
  cyrillicWords: number;
  greekWords: number;
  arabicWords: number;
  hebrewWords: number;
  devanagariWords: number;
  /** Thai writes no spaces between words: counted per character. */
  thai: number;
}

export function emptyScriptCounts(): ScriptCounts {
  return {
    han: 0, kana: 0, hangul: 0, latinWords: 0, latinLetters: 0, cyrillicWords: 0, greekWords: 0, arabicWords: 0,
    hebrewWords: 0, devanagariWords: 0, thai: 0,
  };
}

// A character's unit: the number of the group of SCRIPT_OF_CHAR that matches it (0: none).
const [HAN, KANA, HANGUL, LATIN, CYRILLIC, GREEK, ARABIC, HEBREW, DEVANAGARI, THAI] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SCRIPT_OF_CHAR =
  /^(?:(\p{Script=Han})|([\p{Script=Hiragana}\p{Script=Katakana}])|(\p{Script=Hangul})|(\p{Script=Latin})|(\p{Script=Cyrillic})|(\p{Script=Greek})|(\p{Script=Arabic})|(\p{Script=Hebrew})|(\p{Script=Devanagari})|(\p{Script=Thai}))$/u;

function unitOfChar(ch: string): number {
  const m = SCRIPT_OF_CHAR.exec(ch);
  return m ? m.findIndex((g, i) => i > 0 && g !== undefined) : 0;
}

// The unit of every BMP character from Unicode's Script property, built once (65k regex tests, a few ms):
// counting is then one table look-up per character, several times faster than matching \p{Script} each time.
let bmpUnits: Uint8Array | null = null;
function unitTable(): Uint8Array {
  if (bmpUnits) return bmpUnits;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) table[c] = unitOfChar(String.fromCharCode(c));
  return (bmpUnits = table);
}

const WORD_FIELD: Record<number, keyof ScriptCounts> = {
  [LATIN]: 'latinWords', [CYRILLIC]: 'cyrillicWords', [GREEK]: 'greekWords', [ARABIC]: 'arabicWords',
  [HEBREW]: 'hebrewWords', [DEVANAGARI]: 'devanagariWords',
};
const CHAR_FIELD: Record<number, keyof ScriptCounts> = { [HAN]: 'han', [KANA]: 'kana', [HANGUL]: 'hangul', [THAI]: 'thai' };

/** Adds the script units of one text (markup stripped, as QC sees it) to `into`. Linear in the text. */
export function addScriptCounts(text: string, into: ScriptCounts): ScriptCounts {
  const table = unitTable();
  // Most lines hold no markup: skip the regex for them (this runs for every line of a file).
  const visible = text.includes('<') || text.includes('{') ? stripMarkup(text) : text;
  let previous = 0;
  for (let i = 0; i < visible.length; i++) {
    const code = visible.charCodeAt(i);
    let unit: number;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < visible.length) {
      unit = unitOfChar(String.fromCodePoint(visible.codePointAt(i)!));
      i++;
    } else unit = table[code];
    if (unit === 0) {
      previous = 0;
      continue;
    }
    const charField = CHAR_FIELD[unit];
    if (charField) into[charField]++;
    // A run of letters of one script is one word, as \p{Script=Latin}+ would match it ("GPT-4" is one).
    else if (unit !== previous) into[WORD_FIELD[unit]]++;
    if (unit === LATIN) into.latinLetters++;
    previous = unit;
  }
  return into;
}

export function scriptCounts(text: string): ScriptCounts {
  return addScriptCounts(text, emptyScriptCounts());
}

/** CJK characters as QC counts them: Han, kana and Hangul. */
export function cjkCount(c: ScriptCounts): number {
  return c.han + c.kana + c.hangul;
}

/** Kana make Japanese when over a quarter of the CJK characters, not a stray one (Taiwan writes の for 的 in names). */
function isJapanese(c: ScriptCounts): boolean {
  return c.kana * 4 > c.han + c.kana;
}

/**
 * The script with the most units, or null when the text has no letters. On a tie CJK wins: a short Chinese
 * line with a Latin name ("OK 好") is more common than an English line that is half Chinese.
 */
export function dominantScript(c: ScriptCounts): ScriptCode | null {
  // In order of precedence on a tie (a strict > keeps the earlier); no arrays or closures: this runs per line.
  let best: ScriptCode | null = null;
  let units = 0;
  if (c.han + c.kana > units) [best, units] = [isJapanese(c) ? 'Jpan' : 'Hani', c.han + c.kana];
  if (c.hangul > units) [best, units] = ['Hang', c.hangul];
  if (c.thai > units) [best, units] = ['Thai', c.thai];
  if (c.latinWords > units) [best, units] = ['Latn', c.latinWords];
  if (c.cyrillicWords > units) [best, units] = ['Cyrl', c.cyrillicWords];
  if (c.greekWords > units) [best, units] = ['Grek', c.greekWords];
  if (c.arabicWords > units) [best, units] = ['Arab', c.arabicWords];
  if (c.hebrewWords > units) [best, units] = ['Hebr', c.hebrewWords];
  if (c.devanagariWords > units) best = 'Deva';
  return best;
}

/** The script a text (a line, a cue) is written in; null when it has no letters ("♪", "2024", "——"). */
export function scriptOf(text: string): ScriptCode | null {
  return dominantScript(scriptCounts(text));
}

const LANGUAGE_SCRIPT: Record<string, ScriptCode> = {
  zh: 'Hani', yue: 'Hani', cmn: 'Hani', ja: 'Jpan', ko: 'Hang', ru: 'Cyrl', uk: 'Cyrl', bg: 'Cyrl', sr: 'Cyrl',
  el: 'Grek', ar: 'Arab', fa: 'Arab', ur: 'Arab', he: 'Hebr', yi: 'Hebr', th: 'Thai', hi: 'Deva', mr: 'Deva', ne: 'Deva',
};

/** The script a language is usually written in, by its code's first part; Latin for the rest. */
export function scriptOfLanguage(code: string): ScriptCode {
  return LANGUAGE_SCRIPT[code.split('-')[0].toLowerCase()] ?? 'Latn';
}

/** Chinese and Japanese are written without spaces between words; everything else we treat as space-separated. */
export function isCjkLanguage(lang: string): boolean {
  return /^(zh|ja|yue|cmn|wuu|lzh|hak|nan)(-|$)/i.test(lang);
}

/** A CJK character as reading time counts it: Han, kana or Hangul. */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
