/**
 * `duosub convert INPUT [INPUT2] --to FORMAT [-o OUTPUT] …` (and `export`): any readable input, or two paired into
 * one bilingual document, to any export format, in the input's own encoding where the format allows it. Problems
 * reading and the pairing report go to stderr; the result to OUTPUT or stdout.
 */
import { EXPORT_FORMATS, isExportFormat } from '../shared/formats/export';
import { checkArgs, frameRateFlag, languagesFlag, layoutFlags, stringFlag, UsageError, type ParsedArgs } from './args';
import type { Output } from './output';
import { loadInputs, pairingLines, problemLine } from './load';
import { encodingFlag, outputEncoding, writeDocument } from './write';

export function runConvert(args: ParsedArgs, io: Output): number {
  checkArgs(args, ['to', 'lang', 'order', 'bom', 'crlf', 'output', 'encoding', 'fps', 'lines-per-language', 'empty-text'], ['INPUT'], ['INPUT2']);
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

  const encoding = outputEncoding(to, inputs.files[0].encoding, requested, args.flags.has('bom'));
  const options = { format: to, lang, order, frameRate, lineEnding: args.flags.has('crlf') ? 'crlf' as const : 'lf' as const, ...layoutFlags(args) };
  writeDocument(inputs.doc, options, { output: stringFlag(args, 'output'), encoding, input: args.positionals[0] }, io);
  return 0;
}
