/** The CLI commands: each reads its input through files.ts and the shared formats, and writes to its output. */
import { documentInfo, type DocumentInfo } from '../shared/info';
import type { Problem, SubtitleDocument } from '../shared/model';
import { EXPORT_FORMATS, ExportError, exportDocument, isExportFormat } from '../shared/formats/export';
import { FormatError, readSubtitleText } from '../shared/formats/registry';
import { formatClock } from '../shared/timecode';
import { checkArgs, UsageError, type ParsedArgs } from './args';
import { InputError, readInput, writeAtomic } from './files';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

interface LoadedFile {
  doc: SubtitleDocument;
  info: DocumentInfo;
}

export function loadDocument(path: string, lang?: string): LoadedFile {
  try {
    const { text, encoding } = readInput(path);
    const read = readSubtitleText(text, path, lang ? { lang } : undefined);
    return { doc: read.doc, info: documentInfo(read.doc, read.format, encoding, read.problems) };
  } catch (error) {
    if (error instanceof FormatError) throw new InputError(path, error.message, error.line);
    throw error;
  }
}

/** `file:line: severity: message`, the form editors and terminals make clickable. */
export function problemLine(file: string, p: Problem): string {
  return `${file}${p.line > 0 ? `:${p.line}` : ''}: ${p.severity}: ${p.message}`;
}

export function runInfo(args: ParsedArgs, io: Output): number {
  checkArgs(args, ['json'], ['FILE']);
  const file = args.positionals[0];
  const { info } = loadDocument(file);
  if (args.flags.has('json')) {
    io.out(JSON.stringify({ file, ...info }, null, 2) + '\n');
    return 0;
  }
  io.out(infoText(file, info));
  return 0;
}

function infoText(file: string, info: DocumentInfo): string {
  const lines = [
    `File:       ${file}`,
    `Format:     ${info.format} (${info.encoding})`,
    `Languages:  ${info.languages.join(', ') || '(none)'}`,
    `Cues:       ${info.cues}`,
    `Speakers:   ${info.speakers.join(', ') || '(none)'}`,
    `Duration:   ${formatClock(info.duration)}${info.untimed ? ' (provisional: the source has no times)' : ''}`,
    `Chapters:   ${info.chapters.length || '(none)'}`,
    ...info.chapters.map((c) => `  ${formatClock(c.start).padStart(10)}  ${c.title}`),
    `Problems:   ${info.problems.length || '(none)'}`,
    ...info.problems.map((p) => `  ${problemLine(file, p)}`),
  ];
  return lines.join('\n') + '\n';
}

/** `convert`/`export`: any readable input to any export format (see USAGE); problems reading go to stderr. */
export function runConvert(args: ParsedArgs, io: Output): number {
  checkArgs(args, ['to', 'lang', 'order', 'bom', 'crlf', 'output'], ['INPUT']);
  const input = args.positionals[0];
  const to = args.flags.get('to');
  if (!isExportFormat(to)) throw new UsageError(`${args.command} needs --to ${EXPORT_FORMATS.join('|')}`);
  const lang = stringFlag(args, 'lang');
  const order = stringFlag(args, 'order')?.split(',').map((code) => code.trim()).filter((code) => code !== '');
  if (lang !== undefined && order !== undefined) throw new UsageError('--order is for bilingual output; it does not go with --lang');
  const { doc, info } = loadDocument(input, lang);
  for (const p of info.problems) io.err(`duosub: ${problemLine(input, p)}\n`);
  let text: string;
  try {
    text = exportDocument(doc, {
      format: to,
      lang,
      order,
      bom: args.flags.has('bom'),
      lineEnding: args.flags.has('crlf') ? 'crlf' : 'lf',
    }).text;
  } catch (error) {
    if (error instanceof ExportError) throw new InputError(input, error.message);
    throw error;
  }
  const output = stringFlag(args, 'output');
  if (output !== undefined) writeAtomic(output, text);
  else io.out(text);
  return 0;
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
