/** The contract every subtitle format implements; the registry lists them and nothing else knows their details. */
import type { Problem, SubtitleDocument } from '../model';

export type FormatId =
  | 'duosub' | 'srt' | 'vtt' | 'ass' | 'ssa' | 'sbv' | 'lrc' | 'ttml' | 'microdvd' | 'json' | 'transcript';

export interface ReadResult {
  doc: SubtitleDocument;
  problems: Problem[];
  /**
   * True when the file itself named its languages (a Duosub project, a transcript, ASS styles taken as languages,
   * TTML `xml:lang`): the registry then leaves them alone. Otherwise the languages are the reader's default and the
   * registry guesses them from the text (and splits one file holding two languages).
   */
  languagesFromFile?: boolean;
}

export interface ReadOptions {
  /** Language code of a one-language input (SRT); ignored by formats that name their languages. */
  lang?: string;
  /** Frames per second of a frame-based format (MicroDVD); default 23.976. */
  frameRate?: number;
}

export interface WriteOptions {
  /** Language to write when the format carries one language and the document has several. */
  lang?: string;
  /**
   * The languages to write, top (or first) first. Two or more = bilingual, for a format with `bilingual: true`;
   * given, it wins over `lang`. Callers check the codes against the document (export.ts does).
   */
  langs?: string[];
  /** Frames per second of a frame-based format (MicroDVD); default 23.976. */
  frameRate?: number;
}

/**
 * What an export can be written as: the ids of `--to`, the export dialog and the API, in the registry's export
 * order. Each id is declared on its format's entry; this list is the API contract's enum, kept here so the contract
 * (and the renderer, which imports it) need not load every reader and writer — a test holds it equal to the registry.
 */
export const EXPORT_FORMATS = [
  'srt', 'vtt', 'ass', 'ssa', 'sbv', 'lrc', 'ttml', 'microdvd', 'json', 'txt', 'duosub', 'chapters-vtt', 'chapters-json',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * What an export writes. `cues`: subtitles, one language or bilingual, laid out first (export-layout.ts) and
 * written by the format's `serialize`; `transcript`: paragraphs in one or more languages, no layout; `project`
 * and `chapters`: the whole document, no language to choose.
 */
export type ExportKind = 'cues' | 'transcript' | 'project' | 'chapters';

/** One way a format is exported, with what the export form offers for it. */
export interface ExportWriter {
  id: ExportFormat;
  /** The export dialog's name for it: "SubRip (.srt)". */
  label: string;
  /** File name endings, with the dot: the first is written, the others are also taken for it (`-o film.dfxp`). */
  extensions: string[];
  kind: ExportKind;
  /** It may be written in a legacy encoding (GB18030, Big5…); otherwise it is UTF-8 by its specification. */
  legacyEncodings: boolean;
  /** Offered in the app's export dialog (the CLI writes every one). */
  inExportDialog: boolean;
  /** The text of a transcript, project or chapters export (`cues` exports go through the format's `serialize`). */
  write?(doc: SubtitleDocument, langs: string[]): string;
}

export interface SubtitleFormat {
  id: FormatId;
  /** Lower-case file name endings, with the dot (`.srt`, `.duosub.json`). */
  extensions: string[];
  /** How the format is exported, the usual export first; absent: read only. */
  exports?: ExportWriter[];
  /** How sure the format is that it can read this text: 0 (not at all) … 1 (certain). */
  detect(text: string, fileName: string): number;
  /** Never throws on bad input: what cannot be read becomes problems with 1-based line numbers. */
  parse(text: string, options?: ReadOptions): ReadResult;
  serialize?(doc: SubtitleDocument, options?: WriteOptions): string;
  /** The writer stacks several languages in one file (`langs` with two or more codes). */
  bilingual?: boolean;
}

/** The languages a writer writes: `langs`, else `[lang]`, else the document's only one; a clear error otherwise. */
export function writeLanguages(doc: SubtitleDocument, options: WriteOptions | undefined, formatName: string): string[] {
  const codes = doc.languages.map((l) => l.code);
  const wanted = options?.langs && options.langs.length > 0 ? options.langs : options?.lang ? [options.lang] : null;
  if (wanted) {
    const unknown = wanted.find((c) => !codes.includes(c));
    if (unknown !== undefined) throw new Error(`no language "${unknown}" in this document (${codes.join(', ') || 'none'})`);
    return wanted;
  }
  if (codes.length === 1) return codes;
  throw new Error(`${formatName} holds one language here; choose one of ${codes.join(', ') || '(none)'}`);
}

/** Splits text into lines on CRLF, CR or LF, dropping a leading byte-order mark. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A plain split is several times faster than the regex, and most files have no CR at all.
  return body.includes('\r') ? body.split(/\r\n|\r|\n/) : body.split('\n');
}

/**
 * Every run of white space that holds a line break becomes one space (a title or a name written on one line).
 * Whole runs, then a test: `\s*[\r\n]+\s*` rescans a long run of spaces from each of its positions.
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, (run) => (/[\r\n]/.test(run) ? ' ' : run));
}

/**
 * The usual confidence of a line-based format: text that looks like it is certain with its extension (0.8
 * without); a file named like it that does not look like it still goes to its reader (0.4), which then says line
 * by line what is wrong with it.
 */
export function contentScore(looksLikeIt: boolean, fileName: string, extensions: string[]): number {
  const byName = hasExtension(fileName, extensions);
  if (looksLikeIt) return byName ? 1 : 0.8;
  return byName ? 0.4 : 0;
}

export function hasExtension(fileName: string, extensions: string[]): boolean {
  const lower = fileName.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext));
}
