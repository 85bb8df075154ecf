/**
 * Every export behind one call. A document with one language (or `lang` given) exports that language; with
 * several and no `lang`, the subtitle formats and the transcript export bilingual, in `order` (default: the
 * document's language order). Subtitle exports lay the text out first (export-layout.ts: lines per language, a
 * placeholder for empty text). Exporting is pure: the document is never changed.
 */
import type { SubtitleDocument } from '../model';
import { bilingualOrder } from './bilingual';
import { serializeJsonChapters, serializeVttChapters } from './chapters';
import { serializeDuosub } from './duosub-write';
import { layoutForExport, type ExportLayout } from './export-layout';
import { documentLinesPerLanguage } from '../qc/line-budget';
import { formatById } from './registry';
import { serializeTranscript } from './transcript-write';
import type { FormatId } from './types';

/** The subtitle formats every export goes through `formatById(id).serialize`; the rest are special. */
export const SUBTITLE_EXPORTS = ['srt', 'vtt', 'ass', 'ssa', 'sbv', 'lrc', 'ttml', 'microdvd', 'json'] as const satisfies readonly FormatId[];
export const EXPORT_FORMATS = [...SUBTITLE_EXPORTS, 'txt', 'duosub', 'chapters-vtt', 'chapters-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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

const EXTENSIONS: Record<ExportFormat, string> = {
  srt: '.srt', vtt: '.vtt', ass: '.ass', ssa: '.ssa', sbv: '.sbv', lrc: '.lrc', ttml: '.ttml', microdvd: '.sub',
  json: '.json', txt: '.txt', duosub: '.duosub.json',
  'chapters-vtt': '.chapters.vtt', 'chapters-json': '.chapters.json',
};

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
  switch (options.format) {
    case 'duosub':
      return serializeDuosub(doc);
    case 'chapters-vtt':
      return serializeVttChapters(doc);
    case 'chapters-json':
      return serializeJsonChapters(doc);
    default:
      break;
  }
  const langs = exportLanguages(doc, options);
  if (langs.length === 0) throw new ExportError('the document has no language to export');
  if (options.format === 'txt') return serializeTranscript(doc, langs);
  const format = formatById(options.format);
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
  return { text, extension: EXTENSIONS[options.format] };
}
