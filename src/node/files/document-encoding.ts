/**
 * A document's encodings in main: the preview of its file read in another encoding (re-open with encoding), and
 * an export's text turned into the bytes of the encoding it is written in — refusing, by cue and character, what
 * that encoding cannot hold.
 */
import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { ApiError, type EncodingPreview, type ExportResult, type UnencodableReport } from '../../shared/api';
import { canonicalEncoding, isUnicodeEncoding, unencodableMessage, type TextEncodingName } from '../../shared/encoding';
import { FormatError } from '../../shared/formats/errors';
import type { SubtitleDocument } from '../../shared/model';
import { decodeBytes, encodeText, firstUnencodable, iconvName, UnencodableError } from './text-encoding';

const PREVIEW_LINES = 10;

/** The first lines of the file at `path` read in `encoding`, and whether all of it reads. */
export async function previewEncoding(path: string, name: string, encoding: string): Promise<EncodingPreview> {
  const canonical = canonicalEncoding(encoding);
  if (!canonical) throw new ApiError('bad-request', `unknown encoding "${encoding}"`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ApiError('not-found', `${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let error: string | null = null;
  let text: string;
  try {
    text = decodeBytes(bytes, canonical).text;
  } catch (failure) {
    if (!(failure instanceof FormatError)) throw failure;
    error = `line ${failure.line}: ${failure.message}`;
    text = lenientDecode(bytes.subarray(0, 64 * 1024), canonical);
  }
  return { encoding: canonical, lines: firstLines(text, PREVIEW_LINES), error };
}

/** Decoding that shows bad bytes as U+FFFD, for the preview only. */
function lenientDecode(bytes: Uint8Array, encoding: TextEncodingName): string {
  const codec = encoding === 'UTF-8 with BOM' ? 'utf8' : iconvName(encoding);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codec);
}

function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (lines.length < count && from <= text.length) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end === -1 ? undefined : end).replace(/\r$/, '');
    lines.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
    if (end === -1) break;
    from = end + 1;
  }
  return lines;
}

/**
 * The export as it is written: UTF-8 stays text; any other encoding adds the bytes (base64, so they travel over
 * the JSON transports). A character the encoding cannot hold becomes `unencodable`, naming the first cue
 * (number and language) that holds it, and no bytes.
 */
export function encodeExport(
  doc: SubtitleDocument, langs: readonly string[], result: { fileName: string; text: string }, encoding: TextEncodingName,
): ExportResult {
  if (encoding === 'UTF-8' || encoding === 'UTF-8 with BOM') return { ...result, encoding };
  try {
    const bytes = encodeText(result.text, encoding);
    return { ...result, encoding, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
  } catch (error) {
    if (!(error instanceof UnencodableError)) throw error;
    return { fileName: result.fileName, text: '', encoding, unencodable: reportFor(doc, langs, result.text, error) };
  }
}

function reportFor(doc: SubtitleDocument, langs: readonly string[], text: string, error: UnencodableError): UnencodableReport {
  const codec = iconvName(error.encoding);
  for (let n = 0; n < doc.cues.length; n++) {
    for (const lang of langs) {
      const cueText = doc.cues[n].text[lang];
      const at = cueText && !isUnicodeEncoding(error.encoding) ? firstUnencodable(cueText, codec) : -1;
      if (at === -1) continue;
      const char = String.fromCodePoint(cueText.codePointAt(at) ?? 0);
      return { cue: n + 1, lang, char, encoding: error.encoding, message: unencodableMessage(char, error.encoding, `Cue ${n + 1} (${lang})`) };
    }
  }
  // Not in a cue's text (a speaker name, a chapter title …): name the line of the file instead.
  const line = text.slice(0, error.index).split('\n').length;
  return { cue: null, lang: null, char: error.char, encoding: error.encoding, message: unencodableMessage(error.char, error.encoding, `Line ${line}`) };
}
