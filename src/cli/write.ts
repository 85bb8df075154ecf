/**
 * Writing a document from the CLI, the one path convert, fix and align share: the export format (named, or by
 * OUT's extension), the input's own encoding where the format allows one, `-o -` to standard output.
 */
import { canonicalEncoding, describeChar, type TextEncodingName } from '../shared/encoding';
import {
  EXPORT_FORMATS, ExportError, exportDocument, exportEncoding, formatTakesLegacyEncoding, type ExportFormat, type ExportOptions,
} from '../shared/formats/export';
import { exportWriter } from '../shared/formats/registry';
import type { SubtitleDocument } from '../shared/model';
import { formatClock } from '../shared/timecode';
import { encodeText, UnencodableError } from '../node/files/text-encoding';
import { stringFlag, UsageError, type ParsedArgs } from './args';
import type { Output } from './output';
import { InputError, isStandardOutput, writeAtomic } from './files';

const LEGACY_FORMATS = EXPORT_FORMATS.filter((f) => formatTakesLegacyEncoding(f)).join(', ');

/** A project, a JSON cue list or JSON chapters: a file JSON readers read. */
function writesJson(format: ExportFormat): boolean {
  return exportWriter(format).writer.extensions[0].endsWith('.json');
}

/** `--encoding NAME` in any spelling users write (`gbk`, `utf8`, `Big5`); checked before anything is read. */
export function encodingFlag(args: ParsedArgs): TextEncodingName | undefined {
  const name = stringFlag(args, 'encoding');
  if (name === undefined) return undefined;
  const encoding = canonicalEncoding(name);
  if (encoding === null) throw new UsageError(`unknown encoding "${name}" (e.g. utf-8, gb18030, big5, shift_jis, windows-1252)`);
  return encoding;
}

/**
 * The input's own encoding where the format allows one (VTT, TTML, JSON and projects are UTF-8 by their
 * specifications), or `--encoding`. `--bom` is UTF-8 with a byte-order mark.
 */
export function outputEncoding(to: ExportFormat, source: string, requested: TextEncodingName | undefined, bom: boolean): TextEncodingName {
  if (bom && requested !== undefined && !requested.startsWith('UTF-8')) throw new UsageError(`--bom is for UTF-8 output, not ${requested}`);
  if (requested !== undefined && !requested.startsWith('UTF-8') && !formatTakesLegacyEncoding(to)) {
    throw new UsageError(`${to} is always written in UTF-8; --encoding ${requested} is for ${LEGACY_FORMATS}`);
  }
  const encoding = exportEncoding(to, source, requested);
  if (bom && encoding === 'UTF-8') return 'UTF-8 with BOM';
  // JSON readers choke on a byte-order mark: a project or JSON export gets one only when asked.
  if (!bom && requested === undefined && encoding === 'UTF-8 with BOM' && writesJson(to)) return 'UTF-8';
  return encoding;
}

export interface WriteTarget {
  /** `-o`: a file, or undefined / `-` / `/dev/stdout` for standard output. */
  output: string | undefined;
  encoding: TextEncodingName;
  /** The file named in errors when the output is standard output. */
  input: string;
}

/** Exports and writes `doc`; an export the document cannot take, or an unencodable character, is exit 2. */
export function writeDocument(doc: SubtitleDocument, options: ExportOptions, target: WriteTarget, io: Output): void {
  let text: string;
  try {
    text = exportDocument(doc, options).text;
  } catch (error) {
    if (error instanceof ExportError) throw new InputError(target.input, error.message);
    throw error;
  }
  // `-o -` and `-o /dev/stdout` go through stdout's stream, which waits for a slow reader of a pipe.
  const output = target.output !== undefined && isStandardOutput(target.output) ? undefined : target.output;
  const bytes = target.encoding === 'UTF-8' ? null : encoded(text, target.encoding, doc, output ?? target.input);
  if (output !== undefined) writeAtomic(output, bytes ?? text);
  else if (bytes !== null && io.bytes) io.bytes(bytes);
  else io.out(text);
}

/** The text's bytes; a character the encoding cannot hold is exit 2 naming the cue that holds it. */
function encoded(text: string, encoding: TextEncodingName, doc: SubtitleDocument, file: string): Uint8Array {
  try {
    return encodeText(text, encoding);
  } catch (error) {
    if (!(error instanceof UnencodableError)) throw error;
    const n = doc.cues.findIndex((cue) => Object.values(cue.text).some((t) => t.includes(error.char)));
    const where = n < 0 ? '' : `cue ${n + 1} (${formatClock(doc.cues[n].start)}): `;
    throw new InputError(file, `${where}${describeChar(error.char)} cannot be written in ${encoding}; use --encoding utf-8 to keep it`);
  }
}
