/**
 * The languages of a file just read, when the file did not name them: a file with two languages per cue is
 * split in two, a one-language file gets the language its script shows (or the one the user gave). Formats that
 * name their languages (a Duosub project, a transcript, ASS styles taken as languages) are left alone.
 */
import { languageName, type Problem, type SubtitleDocument } from '../model';
import { splitBilingual } from './bilingual-split';
import { guessLanguageDetail } from './languages';
import { scriptOfLanguage } from '../text/script';
import type { ReadResult } from './types';

/** `--lang` as given: one code for a one-language file, or two (`zh-Hans,en`, top first) for a bilingual one. */
export interface LanguageRequest {
  codes: string[];
  problems: Problem[];
}

export function parseLanguageOption(lang: string | undefined): LanguageRequest {
  const codes = [...new Set((lang ?? '').split(',').map((c) => c.trim()).filter((c) => c !== ''))];
  if (codes.length <= 2) return { codes, problems: [] };
  const message = `a file holds one or two languages: using ${codes[0]} and ${codes[1]} of "${lang}"`;
  return { codes: codes.slice(0, 2), problems: [{ line: 0, message, severity: 'warning' }] };
}

/** The document with its one language renamed to `code` (cue texts move with it). */
export function renameOnlyLanguage(doc: SubtitleDocument, code: string): SubtitleDocument {
  const from = doc.languages[0]?.code;
  if (from === code) return doc;
  const cues = doc.cues.map((cue) => {
    const { [from ?? '']: text, ...others } = cue.text;
    return { ...cue, text: text === undefined ? others : { ...others, [code]: text } };
  });
  return { ...doc, languages: [{ code, name: languageName(code) }], cues };
}

export interface SettledRead extends ReadResult {
  /** What the reader decided on its own (the language guessed, the file split in two), for the user to see. */
  notes: string[];
}

function allTexts(doc: SubtitleDocument): string[] {
  const lang = doc.languages[0]?.code ?? '';
  return doc.cues.map((c) => c.text[lang] ?? '');
}

/** Given two codes but the cues hold one script: name the file with the code whose script matches. */
function oneOfTwo(doc: SubtitleDocument, codes: string[]): { code: string; problem: Problem } {
  const guess = guessLanguageDetail(allTexts(doc));
  const sameScript = codes.find((c) => c === guess.code) ?? codes.find((c) => scriptOfLanguage(c) === guess.script);
  const code = sameScript ?? codes[0];
  const message = `two languages were given (${codes.join(', ')}) but the cues hold one; read as ${code}`;
  return { code, problem: { line: 0, message, severity: 'warning' } };
}

/**
 * Settles the languages of a read: `lang` is the caller's `ReadOptions.lang` (one code, two codes, or none).
 * Never throws.
 */
export function settleLanguages(read: ReadResult, lang: string | undefined): SettledRead {
  const request = parseLanguageOption(lang);
  const problems = [...read.problems, ...request.problems];
  const doc = read.doc;
  if (read.languagesFromFile || doc.languages.length !== 1) return { ...read, problems, notes: [] };
  const { codes } = request;
  if (codes.length === 1) return { ...read, doc: renameOnlyLanguage(doc, codes[0]), problems, notes: [] };
  const split = splitBilingual(doc, codes.length === 2 ? { codes: [codes[0], codes[1]] } : undefined);
  problems.push(...split.problems);
  if (split.split) return { ...read, doc: split.doc, problems, notes: split.notes };
  if (codes.length === 2) {
    const { code, problem } = oneOfTwo(doc, codes);
    return { ...read, doc: renameOnlyLanguage(doc, code), problems: [...problems, problem], notes: [] };
  }
  if (!allTexts(doc).some((t) => t.trim() !== '')) return { ...read, problems, notes: [] };
  const guess = guessLanguageDetail(allTexts(doc));
  const note = `language ${guess.code} (${languageName(guess.code)}), guessed from the text: ${guess.reason}`;
  if (guess.doubtful && guess.script !== null) {
    problems.push({ line: 0, message: `the language guess ${guess.code} is uncertain (${guess.reason}); change it if it is wrong`, severity: 'warning' });
  }
  return { ...read, doc: renameOnlyLanguage(doc, guess.code), problems, notes: [note] };
}
