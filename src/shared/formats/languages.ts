/**
 * Which language a one-language file is in, from the script its text is written in (text/script.ts): Han by
 * character frequency to Simplified or Traditional, the other scripts to their usual language.
 */
import { addScriptCounts, dominantScript, emptyScriptCounts, type ScriptCode } from '../text/script';
import { countChineseVariants } from './chinese-variants';

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

/** About `limit` characters of the texts, every n-th one across the file: plenty to tell a language by, and cheap. */
function evenSample(texts: string[], limit = 200_000): string[] {
  let total = 0;
  for (const text of texts) total += text.length;
  if (total <= limit) return texts;
  const step = Math.ceil(total / limit);
  return texts.filter((_, i) => i % step === 0);
}

/** The language of a one-language text from its script (see `guessLanguage`), with the reason. */
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
