/** The contract every subtitle format implements; the registry lists them and nothing else knows their details. */
import type { Problem, SubtitleDocument } from '../model';

export type FormatId = 'duosub' | 'srt' | 'vtt' | 'ass' | 'transcript';

export interface ReadResult {
  doc: SubtitleDocument;
  problems: Problem[];
}

export interface ReadOptions {
  /** Language code of a one-language input (SRT); ignored by formats that name their languages. */
  lang?: string;
}

export interface WriteOptions {
  /** Language to write when the format carries one language and the document has several. */
  lang?: string;
}

export interface SubtitleFormat {
  id: FormatId;
  /** Lower-case file name endings, with the dot (`.srt`, `.duosub.json`). */
  extensions: string[];
  /** How sure the format is that it can read this text: 0 (not at all) … 1 (certain). */
  detect(text: string, fileName: string): number;
  /** Never throws on bad input: what cannot be read becomes problems with 1-based line numbers. */
  parse(text: string, options?: ReadOptions): ReadResult;
  serialize?(doc: SubtitleDocument, options?: WriteOptions): string;
}

/** Splits text into lines on CRLF, CR or LF, dropping a leading byte-order mark. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

export function hasExtension(fileName: string, extensions: string[]): boolean {
  const lower = fileName.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext));
}
