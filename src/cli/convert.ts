/**
 * `duosub convert INPUT [INPUT2] --to FORMAT [-o OUTPUT] …` (and `export`): any readable input, or two paired into
 * one bilingual document, to any export format, in the input's own encoding where the format allows it. Problems
 * reading and the pairing report go to stderr; the result to OUTPUT or stdout.
 */
import { canonicalEncoding, describeChar, exportEncoding, formatTakesLegacyEncoding, type TextEncodingName } from '../shared/encoding';
import { EXPORT_FORMATS, ExportError, exportDocument, isExportFormat, type ExportFormat } from '../shared/formats/export';
import type { SubtitleDocument } from '../shared/model';
import { formatClock } from '../shared/timecode';
import { encodeText, UnencodableError } from '../main/services/text-encoding';
import { checkArgs, frameRateFlag, languagesFlag, stringFlag, UsageError, type ParsedArgs } from './args';
import type { Output } from './output';
import { InputError, isStandardOutput, writeAtomic } from './files';
import { loadInputs, pairingLines, problemLine } from './load';

const JSON_EXPORTS = new Set<string>(['duosub', 'json', 'chapters-json']);
const LEGACY_FORMATS = EXPORT_FORMATS.filter((f) => formatTakesLegacyEncoding(f)).join(', ');

export function runConvert(args: ParsedArgs, io: Output): number {
  checkArgs(args, ['to', 'lang', 'order', 'bom', 'crlf', 'output', 'encoding', 'fps'], ['INPUT'], ['INPUT2']);
  const to = args.flags.get('to');
  if (!isExportFormat(to)) throw new UsageError(`${args.command} needs --to ${EXPORT_FORMATS.join('|')}`);
  const langs = languagesFlag(args);
  const frameRate = frameRateFlag(args);
  const order = stringFlag(args, 'order')?.split(',').map((code) => code.trim()).filter((code) => code !== '');
  // One code for one input also picks the language written; two codes name a bilingual input's languages.
  const lang = langs?.length === 1 && args.positionals.length === 1 ? langs[0] : undefined;
  if (lang !== undefined && order !== undefined) throw new UsageError('--order is for bilingual output; it does not go with --lang');
  const requested = encodingFlag(args);

  const inputs = loadInputs(args.positionals, langs, frameRate);
  for (const file of inputs.files) for (const p of file.info.problems) io.err(`duosub: ${problemLine(file.path, p)}\n`);
  if (inputs.pairing) for (const line of pairingLines(inputs.pairing)) io.err(`duosub: ${line}\n`);

  const input = args.positionals[0];
  const encoding = outputEncoding(to, inputs.files[0].encoding, requested, args.flags.has('bom'));
  let text: string;
  try {
    text = exportDocument(inputs.doc, { format: to, lang, order, frameRate, lineEnding: args.flags.has('crlf') ? 'crlf' : 'lf' }).text;
  } catch (error) {
    if (error instanceof ExportError) throw new InputError(input, error.message);
    throw error;
  }
  // `-o -` and `-o /dev/stdout` go through stdout's stream, which waits for a slow reader of a pipe.
  const flag = stringFlag(args, 'output');
  const output = flag !== undefined && isStandardOutput(flag) ? undefined : flag;
  const bytes = encoding === 'UTF-8' ? null : encoded(text, encoding, inputs.doc, output ?? input);
  if (output !== undefined) writeAtomic(output, bytes ?? text);
  else if (bytes !== null && io.bytes) io.bytes(bytes);
  else io.out(text);
  return 0;
}

/** `--encoding NAME` in any spelling users write (`gbk`, `utf8`, `Big5`); checked before anything is read. */
function encodingFlag(args: ParsedArgs): TextEncodingName | undefined {
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
function outputEncoding(to: ExportFormat, source: string, requested: TextEncodingName | undefined, bom: boolean): TextEncodingName {
  if (bom && requested !== undefined && !requested.startsWith('UTF-8')) throw new UsageError(`--bom is for UTF-8 output, not ${requested}`);
  if (requested !== undefined && !requested.startsWith('UTF-8') && !formatTakesLegacyEncoding(to)) {
    throw new UsageError(`${to} is always written in UTF-8; --encoding ${requested} is for ${LEGACY_FORMATS}`);
  }
  const encoding = exportEncoding(to, source, requested);
  if (bom && encoding === 'UTF-8') return 'UTF-8 with BOM';
  // JSON readers choke on a byte-order mark: a project or JSON export gets one only when asked.
  if (!bom && requested === undefined && encoding === 'UTF-8 with BOM' && JSON_EXPORTS.has(to)) return 'UTF-8';
  return encoding;
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
