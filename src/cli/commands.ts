/** `duosub info`: what a file (or two files paired into one document) holds, as text or JSON. */
import { documentInfo, type DocumentInfo } from '../shared/info';
import { formatClock } from '../shared/timecode';
import { checkArgs, frameRateFlag, languagesFlag, type ParsedArgs } from './args';
import { loadInputs, pairingLines, problemLine, type LoadedFile, type LoadedInputs } from './load';

import type { Output } from './output';

export { loadDocument, problemLine } from './load';

export function runInfo(args: ParsedArgs, io: Output): number {
  checkArgs(args, ['json', 'lang', 'fps'], ['FILE'], ['FILE2']);
  const inputs = loadInputs(args.positionals, languagesFlag(args), frameRateFlag(args));
  io.out(args.flags.has('json') ? infoJson(inputs) : infoText(inputs));
  return 0;
}

/** The document's summary; with two inputs, format and encoding of each and the problems of both. */
function combinedInfo(inputs: LoadedInputs): DocumentInfo {
  const { files } = inputs;
  if (files.length === 1) return files[0].info;
  return documentInfo(inputs.doc, files.map((f) => f.format).join(' + '), files.map((f) => f.encoding).join(' + '), []);
}

function infoJson(inputs: LoadedInputs): string {
  const { files, pairing } = inputs;
  if (files.length === 1) return JSON.stringify({ file: files[0].path, ...files[0].info, notes: files[0].notes }, null, 2) + '\n';
  const problems = files.flatMap((f) => f.info.problems.map((p) => ({ file: f.path, ...p })));
  const each = files.map((f: LoadedFile) => ({ file: f.path, format: f.format, encoding: f.encoding, languages: f.info.languages, cues: f.info.cues, notes: f.notes }));
  return JSON.stringify({ files: files.map((f) => f.path), ...combinedInfo(inputs), problems, inputs: each, pairing }, null, 2) + '\n';
}

function infoText(inputs: LoadedInputs): string {
  const info = combinedInfo(inputs);
  const { files, pairing } = inputs;
  const problems = files.flatMap((f) => f.info.problems.map((p) => `  ${problemLine(f.path, p)}`));
  const notes = files.flatMap((f) => f.notes.map((n) => `  ${files.length > 1 ? `${f.path}: ` : ''}${n}`));
  const lines = [
    `File:       ${files.map((f) => f.path).join(' + ')}`,
    `Format:     ${files.map((f) => `${f.format} (${f.encoding})`).join(' + ')}`,
    `Languages:  ${info.languages.join(', ') || '(none)'}`,
    ...notes,
    `Cues:       ${info.cues}`,
    `Speakers:   ${info.speakers.join(', ') || '(none)'}`,
    `Duration:   ${formatClock(info.duration)}${info.untimed ? ' (provisional: the source has no times)' : ''}`,
    `Chapters:   ${info.chapters.length || '(none)'}`,
    ...info.chapters.map((c) => `  ${formatClock(c.start).padStart(10)}  ${c.title}`),
    `Problems:   ${problems.length || '(none)'}`,
    ...problems,
    ...(pairing ? ['Pairing:', ...pairingLines(pairing).map((l) => `  ${l}`)] : []),
  ];
  return lines.join('\n') + '\n';
}
