/**
 * Which script a text is written in, and which language a one-language file is in. One counting for the whole
 * app (QC's wrong-script check, the bilingual split, the language guess): markup stripped, a CJK character
 * counts as one unit and a word of an alphabetic script as one unit, so a Chinese line holding an English name
 * ("来自OpenAI的萨姆·阿尔特曼") is still Chinese and an English line holding one Chinese name is still English.
 */
import { stripMarkup } from './markup';
import { countChineseVariants } from './chinese-variants';

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

/** Plain names of scripts, for messages ("12 of 400 cues hold both Chinese and English lines"). */
export const SCRIPT_NAMES: Record<ScriptCode, string> = {
  Hani: 'Chinese', Jpan: 'Japanese', Hang: 'Korean', Latn: 'English', Cyrl: 'Cyrillic', Grek: 'Greek',
  Arab: 'Arabic', Hebr: 'Hebrew', Thai: 'Thai', Deva: 'Devanagari',
};

export interface GuessOptions {
  /** Language of Latin-script text (default `en`): Duosub cannot tell English from French by script. */
  latin?: string;
}

export interface LanguageGuess {
  code: string;
  script: ScriptCode | null;
  /** Why, in plain words, for the user ("Chinese characters, 56 Simplified-only and 0 Traditional-only"). */
  reason: string;
  /** The guess rests on little or mixed evidence: worth a warning. */
  doubtful: boolean;
}

const SCRIPT_LANGUAGE: Record<Exclude<ScriptCode, 'Hani' | 'Latn'>, string> = {
  Jpan: 'ja', Hang: 'ko', Cyrl: 'ru', Grek: 'el', Arab: 'ar', Hebr: 'he', Thai: 'th', Deva: 'hi',
};

/** Simplified or Traditional by the characters only one of them uses; Simplified when nothing tells. */
export function guessChineseVariant(texts: Iterable<string>): LanguageGuess {
  const { simplified, traditional } = countChineseVariants(texts);
  const code = traditional > simplified ? 'zh-Hant' : 'zh-Hans';
  if (simplified + traditional === 0) {
    return { code, script: 'Hani', reason: 'Chinese characters; none tell Simplified from Traditional, so Simplified', doubtful: false };
  }
  const minority = Math.min(simplified, traditional) / (simplified + traditional);
  return {
    code,
    script: 'Hani',
    reason: `Chinese characters, ${simplified} Simplified-only and ${traditional} Traditional-only`,
    // A file that mixes both forms (a bad conversion, quoted text) is worth a second look.
    doubtful: minority > 0.2,
  };
}

/** The language of a one-language text from its script (see `guessLanguage`), with the reason. */
/** About `limit` characters of the texts, every n-th one across the file: plenty to tell a language by, and cheap. */
function evenSample(texts: string[], limit = 200_000): string[] {
  let total = 0;
  for (const text of texts) total += text.length;
  if (total <= limit) return texts;
  const step = Math.ceil(total / limit);
  return texts.filter((_, i) => i % step === 0);
}

export function guessLanguageDetail(all: string[], options?: GuessOptions): LanguageGuess {
  const texts = evenSample(all);
  const counts = emptyScriptCounts();
  for (const text of texts) addScriptCounts(text, counts);
  const script = dominantScript(counts);
  const latin = options?.latin ?? 'en';
  if (script === null) return { code: latin, script, reason: `no letters to tell the language by; ${latin} assumed`, doubtful: true };
  if (script === 'Hani') return guessChineseVariant(texts);
  if (script === 'Latn') return { code: latin, script, reason: `Latin script (${counts.latinWords} words)`, doubtful: false };
  return { code: SCRIPT_LANGUAGE[script], script, reason: `${SCRIPT_NAMES[script]} script`, doubtful: false };
}

/**
 * The language of a one-language file: Han → `zh-Hans` or `zh-Hant` (by character frequency), kana → `ja`,
 * Hangul → `ko`, Latin → `en` (or `options.latin`), Cyrillic → `ru`, Greek → `el`, Arabic → `ar`, Hebrew → `he`,
 * Thai → `th`, Devanagari → `hi`.
 */
export function guessLanguage(texts: string[], options?: GuessOptions): string {
  return guessLanguageDetail(texts, options).code;
}

const LANGUAGE_SCRIPT: Record<string, ScriptCode> = {
  zh: 'Hani', yue: 'Hani', cmn: 'Hani', ja: 'Jpan', ko: 'Hang', ru: 'Cyrl', uk: 'Cyrl', bg: 'Cyrl', sr: 'Cyrl',
  el: 'Grek', ar: 'Arab', fa: 'Arab', ur: 'Arab', he: 'Hebr', yi: 'Hebr', th: 'Thai', hi: 'Deva', mr: 'Deva', ne: 'Deva',
};

/** The script a language is usually written in, by its code's first part; Latin for the rest. */
export function scriptOfLanguage(code: string): ScriptCode {
  return LANGUAGE_SCRIPT[code.split('-')[0].toLowerCase()] ?? 'Latn';
}
