/**
 * The export dialog's form, and the options it sends (shared/formats/export.ts). Pure: no React, so the
 * rules (which formats take a language, what "bilingual" means) are unit-tested.
 */
import type { Language } from '../../../shared/model';
import type { ExportFormat } from '../../../shared/formats/export';
import { exportWriter, exportWriters } from '../../../shared/formats/registry';
import type { ExportRequest } from '../../../shared/api';

export interface ExportChoice {
  format: ExportFormat;
  /** A language code, or BILINGUAL for every language in one file. */
  lang: string;
  /** Bilingual: the language written first (top line in SRT/WebVTT/ASS, first in the transcript). */
  first: string;
  bom: boolean;
  lineEnding: 'lf' | 'crlf';
  /** An encoding chosen in the dialog; absent = the source file's where the format allows it (or UTF-8 with BOM when `bom`). */
  encoding?: string;
  /** Bilingual subtitles: each language on one line, or re-broken to at most two (absent: two). */
  linesPerLanguage?: 1 | 2;
  /** What an empty text is written as: '' or absent = an empty cue, else a placeholder. The cue is kept either way. */
  emptyText?: string;
}

/** The placeholders the dialog offers for an empty text (the first: an empty cue). */
export const EMPTY_TEXT_CHOICES: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Empty cue' },
  { value: '…', label: '“…”' },
  { value: '[untranslated]', label: '“[untranslated]”' },
];

export const BILINGUAL = '*bilingual';

/**
 * The formats the dialog offers, with each format's own label (formats/registry.ts), in the registry's export
 * order except the project, which comes last: it is a working file, not a delivery.
 */
export const FORMAT_LABELS: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  ...exportWriters.filter((e) => e.writer.inExportDialog && e.writer.kind !== 'project'),
  ...exportWriters.filter((e) => e.writer.inExportDialog && e.writer.kind === 'project'),
].map(({ writer }) => ({ format: writer.id, label: writer.label }));

/** Subtitle formats: their cues take a layout (lines per language, a placeholder for empty text). */
export function takesLayout(format: ExportFormat): boolean {
  return exportWriter(format).writer.kind === 'cues';
}

/** Formats that write cue text, so a language (or bilingual) applies; chapters and the project file carry everything. */
export function takesLanguage(format: ExportFormat): boolean {
  const { kind } = exportWriter(format).writer;
  return kind === 'cues' || kind === 'transcript';
}

export function isChapters(format: ExportFormat): boolean {
  return exportWriter(format).writer.kind === 'chapters';
}

/**
 * A fresh form: SRT, bilingual when there are several languages, UTF-8 without BOM, LF; the lines per language the
 * document is delivered in (its QC layout), when it chose one, over the last choice.
 */
export function initialChoice(languages: readonly Language[], previous?: ExportChoice | null, documentLines?: 1 | 2 | null): ExportChoice {
  const chosen = initialChoiceFor(languages, previous);
  return documentLines ? { ...chosen, linesPerLanguage: documentLines } : chosen;
}

function initialChoiceFor(languages: readonly Language[], previous?: ExportChoice | null): ExportChoice {
  const codes = languages.map((l) => l.code);
  const base: ExportChoice = {
    format: 'srt',
    lang: codes.length > 1 ? BILINGUAL : (codes[0] ?? BILINGUAL),
    first: codes[0] ?? '',
    bom: false,
    lineEnding: 'lf',
  };
  if (!previous) return base;
  // The last choice, as far as it still fits this document's languages.
  const lang = previous.lang === BILINGUAL ? (codes.length > 1 ? BILINGUAL : base.lang) : codes.includes(previous.lang) ? previous.lang : base.lang;
  const first = codes.includes(previous.first) ? previous.first : base.first;
  return { ...previous, lang, first };
}

/** The options for `exportDocument`; language and order only where the format uses them. */
export function toExportOptions(choice: ExportChoice, languages: readonly Language[]): ExportRequest {
  const options: ExportRequest = { format: choice.format, bom: choice.bom, lineEnding: choice.lineEnding };
  if (choice.encoding) options.encoding = choice.encoding;
  if (!takesLanguage(choice.format)) return options;
  if (takesLayout(choice.format) && choice.emptyText) options.emptyText = choice.emptyText;
  if (choice.lang !== BILINGUAL) return { ...options, lang: choice.lang };
  const codes = languages.map((l) => l.code);
  if (codes.includes(choice.first)) options.order = [choice.first, ...codes.filter((c) => c !== choice.first)];
  if (takesLayout(choice.format) && codes.length > 1) options.linesPerLanguage = choice.linesPerLanguage ?? 2;
  return options;
}

/** Why the choice cannot be exported, or null when it can. */
export function exportBlocker(choice: ExportChoice, chapterCount: number): string | null {
  if (isChapters(choice.format) && chapterCount === 0) return 'This document has no chapters.';
  return null;
}
