/**
 * Every export behind one call. A document with one language (or `lang` given) exports that language; with
 * several and no `lang`, the subtitle formats and the transcript export bilingual, in `order` (default: the
 * document's language order). Subtitle exports lay the text out first (export-layout.ts: lines per language, a
 * placeholder for empty text). Exporting is pure: the document is never changed.
 */
import type { SubtitleDocument } from '../model';
import { bilingualOrder } from './bilingual';
import { layoutForExport, type ExportLayout } from './export-layout';
import { documentLinesPerLanguage } from '../qc/line-budget';
import { exportWriter, exportWriters } from './registry';
import { EXPORT_FORMATS, type ExportFormat, type ExportWriter } from './types';

export { EXPORT_FORMATS, type ExportFormat, type ExportWriter };

/** The subtitle exports: written by their format's `serialize` after the export layout. */
export const SUBTITLE_EXPORTS: readonly ExportFormat[] = exportWriters.filter((e) => e.writer.kind === 'cues').map((e) => e.writer.id);

export interface ExportOptions extends ExportLayout {
  format: ExportFormat;
  /** One language to write; omitted on a document with several = bilingual. Ignored by duosub and chapters. */
  lang?: string;
  /** Bilingual order, top (or first) language first; default the document's order. */
  order?: string[];
  /** Start the UTF-8 text with a byte-order mark (some Windows players want one). Default false. */
  bom?: boolean;
  /** Default 'lf'. */
  lineEnding?: 'lf' | 'crlf';
  /** Frames per second for MicroDVD; default 23.976. */
  frameRate?: number;
}

export interface ExportedText {
  text: string;
  /** File name ending, with the dot: `.srt`, `.duosub.json`, `.chapters.vtt`. */
  extension: string;
}

/** Options that do not fit the document (an unknown language); the caller reports it, it is not a bug. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The languages written, in order: `[lang]`, or all of them (checked `order` first). */
export function exportLanguages(doc: SubtitleDocument, options: Pick<ExportOptions, 'lang' | 'order'>): string[] {
  const codes = doc.languages.map((l) => l.code);
  if (options.lang !== undefined) {
    if (!codes.includes(options.lang)) {
      throw new ExportError(`no language "${options.lang}" in this document (it has ${codes.join(', ') || 'none'})`);
    }
    return [options.lang];
  }
  try {
    return bilingualOrder(doc, options.order);
  } catch (error) {
    throw new ExportError(error instanceof Error ? error.message : String(error));
  }
}

function body(doc: SubtitleDocument, options: ExportOptions): string {
  const { writer, format } = exportWriter(options.format);
  // The project and chapters carry the whole document: no language to choose.
  if (writer.write && (writer.kind === 'project' || writer.kind === 'chapters')) return writer.write(doc, []);
  const langs = exportLanguages(doc, options);
  if (langs.length === 0) throw new ExportError('the document has no language to export');
  if (writer.write) return writer.write(doc, langs);
  if (!format.serialize) throw new ExportError(`cannot write ${options.format}`);
  if (langs.length > 1 && !format.bilingual) {
    throw new ExportError(`${options.format} holds one language: choose one of ${langs.join(', ')}`);
  }
  try {
    // Without a layout asked for, a bilingual export follows the document's own (its QC line budget).
    const layout = { ...options, linesPerLanguage: options.linesPerLanguage ?? documentLinesPerLanguage(doc.metadata) ?? undefined };
    return format.serialize(layoutForExport(doc, langs, layout), { langs, frameRate: options.frameRate });
  } catch (error) {
    // A writer's refusal (e.g. a language it cannot place) is the caller's to fix, not a bug.
    if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError)) throw new ExportError(error.message);
    throw error;
  }
}

export function exportDocument(doc: SubtitleDocument, options: ExportOptions): ExportedText {
  if (!isExportFormat(options.format)) throw new ExportError(`cannot export to "${String(options.format)}"`);
  let text = body(doc, options);
  if (options.lineEnding === 'crlf') text = text.replace(/\r\n|\r|\n/g, '\r\n');
  if (options.bom) text = '\uFEFF' + text;
  return { text, extension: exportWriter(options.format).writer.extensions[0] };
}

/**
 * The encoding an export is written in: the one asked for, else the source's, where the format allows it. Names
 * as encoding.ts spells them (its `TextEncodingName`, a string: encoding.ts stands above formats/, not below).
 */
export function exportEncoding(format: string, source: string | undefined, requested?: string): string {
  const wanted = requested ?? source ?? 'UTF-8';
  if (!formatTakesLegacyEncoding(format)) return wanted === 'UTF-8 with BOM' ? wanted : 'UTF-8';
  return wanted;
}

/** Whether an export may be written in a legacy encoding; WebVTT, TTML, JSON and the project are UTF-8 by specification. */
export function formatTakesLegacyEncoding(format: string): boolean {
  return isExportFormat(format) && exportWriter(format).writer.legacyEncodings;
}
