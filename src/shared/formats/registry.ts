/**
 * Every subtitle format Duosub reads or writes, behind one contract. Callers pick by content
 * (`readSubtitleText`) or by id (`serializeDocument`); nothing outside `formats/` knows a format's details.
 */
import type { SubtitleDocument } from '../model';
import { assFormat } from './ass';
import { duosubFormat } from './duosub';
import { FormatError } from './errors';
import { jsonCuesFormat } from './json-cues';
import { withSafeLanguageCodes } from './language-codes';
import { lrcFormat } from './lrc';
import { microdvdFormat } from './microdvd';
import { parseLanguageOption, settleLanguages, type SettledRead } from './read-languages';
import { sbvFormat } from './sbv';
import { srtFormat } from './srt';
import { ssaFormat } from './ssa';
import { transcriptFormat } from './transcript';
import { ttmlFormat } from './ttml';
import { vttFormat } from './vtt';
import type { ExportFormat, ExportKind, ExportWriter, FormatId, ReadOptions, ReadResult, SubtitleFormat, WriteOptions } from './types';

export { FormatError };
export type { ExportFormat, ExportWriter, FormatId, ReadOptions, ReadResult, SubtitleFormat, WriteOptions };

export const formats: SubtitleFormat[] = [
  duosubFormat, srtFormat, vttFormat, assFormat, ssaFormat, transcriptFormat,
  sbvFormat, lrcFormat, ttmlFormat, microdvdFormat, jsonCuesFormat,
];

export function formatById(id: FormatId): SubtitleFormat {
  const format = formats.find((f) => f.id === id);
  if (!format) throw new Error(`unknown format "${id}"`);
  return format;
}

/** The order exports are listed in (`--to`, the API): subtitles, then the transcript, the project, the chapters. */
const EXPORT_ORDER: readonly ExportKind[] = ['cues', 'transcript', 'project', 'chapters'];

/** Every export, each with the format whose entry declares it. */
export const exportWriters: readonly { writer: ExportWriter; format: SubtitleFormat }[] = EXPORT_ORDER.flatMap((kind) =>
  formats.flatMap((format) => (format.exports ?? []).filter((w) => w.kind === kind).map((writer) => ({ writer, format }))),
);

export function exportWriter(id: ExportFormat): { writer: ExportWriter; format: SubtitleFormat } {
  const found = exportWriters.find((e) => e.writer.id === id);
  if (!found) throw new Error(`unknown export format "${id}"`);
  return found;
}

/** The export that writes back what a format read (a transcript is written back as one). */
export function exportOfFormat(id: FormatId): ExportFormat {
  const writer = formatById(id).exports?.[0];
  if (!writer) throw new Error(`cannot write ${id}`);
  return writer.id;
}

/** The export a file name asks for by its ending, or null; longer endings first (`.duosub.json` is not a JSON cue list). */
export function exportOfFileName(name: string): ExportFormat | null {
  const lower = name.toLowerCase();
  const endings = exportWriters.flatMap(({ writer }) => writer.extensions.map((ending) => ({ ending, id: writer.id })));
  endings.sort((a, b) => b.ending.length - a.ending.length);
  return endings.find((e) => lower.endsWith(e.ending))?.id ?? null;
}

/** The format most confident it can read the text; null when none can. Ties go to the earlier format. */
export function detectFormat(text: string, fileName: string): SubtitleFormat | null {
  let best: SubtitleFormat | null = null;
  let bestScore = 0;
  for (const format of formats) {
    const score = format.detect(text, fileName);
    if (score > bestScore) [best, bestScore] = [format, score];
  }
  return best;
}

/**
 * Reads a subtitle file's text with the format that recognises it. Throws FormatError only when nothing can
 * be read: an empty file, a text no format recognises, or a file whose every cue (or the whole) failed.
 * When the file does not name its languages (read-languages.ts): a file with two languages per cue is split in
 * two, a one-language file is named by its script (`zh-Hans`, `zh-Hant`, `en` …). `options.lang` names them
 * instead: one code for a one-language file, two (`zh-Hans,en`, top first) for a bilingual one. `notes` says
 * what was decided (shown as information; doubtful cases are also warnings in `problems`).
 */
export function readSubtitleText(
  text: string,
  fileName: string,
  options?: ReadOptions,
): SettledRead & { format: FormatId } {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new FormatError('the file is empty', 0);
  const format = detectFormat(text, fileName);
  if (!format) {
    throw new FormatError('not a subtitle file Duosub can read (SRT, WebVTT, ASS/SSA, SBV, LRC, TTML/DFXP, MicroDVD, a JSON cue list, a Duosub project or a bilingual transcript)', 0);
  }
  // A reader takes one language code; two (`zh-Hans,en`) are for the split after it.
  const codes = parseLanguageOption(options?.lang).codes;
  const result = format.parse(text, { ...options, lang: codes.length === 1 ? codes[0] : undefined });
  const firstError = result.problems.find((p) => p.severity === 'error');
  if (result.doc.cues.length === 0 && firstError) throw new FormatError(firstError.message, firstError.line);
  // Every code a file (or the caller) gave is checked here, under every reader: none becomes a `__proto__` key.
  return { ...withSafeLanguageCodes(settleLanguages(result, options?.lang)), format: format.id };
}

export function serializeDocument(doc: SubtitleDocument, format: 'srt' | 'vtt' | 'ass' | 'duosub', options?: WriteOptions): string {
  const writer = formatById(format).serialize;
  if (!writer) throw new Error(`cannot write ${format}`);
  return writer(doc, options);
}
