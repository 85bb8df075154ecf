/**
 * The CLI's inputs: one file read through files.ts and the shared formats, or two (`film.zh.srt film.en.srt`)
 * whose cues are paired into one document by time. A file that cannot be read is an InputError (exit 2).
 */
import { documentInfo, type DocumentInfo } from '../shared/info';
import type { Problem, SubtitleDocument } from '../shared/model';
import { pairDocuments } from '../shared/pairing';
import { FormatError, readSubtitleText, type FormatId } from '../shared/formats/registry';
import { formatClock } from '../shared/timecode';
import { UsageError } from './args';
import { InputError, readInput } from './files';

export interface ReadRequest {
  /** `--lang`: the codes of one input (one, or two for a bilingual file). */
  langs?: string[];
  /** `--fps`, for MicroDVD. */
  frameRate?: number;
}

export interface LoadedFile {
  path: string;
  doc: SubtitleDocument;
  info: DocumentInfo;
  format: FormatId;
  encoding: string;
  /** What the reader decided by itself (a language guessed, a file split in two). */
  notes: string[];
}

export function loadDocument(path: string, request: ReadRequest = {}): LoadedFile {
  try {
    const { text, encoding } = readInput(path);
    const lang = request.langs?.join(',');
    const read = readSubtitleText(text, path, { lang, frameRate: request.frameRate });
    const info = documentInfo(read.doc, read.format, encoding, read.problems);
    return { path, doc: read.doc, info, format: read.format, encoding, notes: read.notes ?? [] };
  } catch (error) {
    if (error instanceof FormatError) throw new InputError(path, error.message, error.line);
    throw error;
  }
}

/** What pairing a second file did, for the user: counts, and every cue that found no partner. */
export interface PairingSummary {
  file: string;
  paired: number;
  joined: number;
  unpaired: { lang: string; start: number; end: number; text: string }[];
}

export interface LoadedInputs {
  /** The document to work on: the first file's, with the second file's language added when there are two. */
  doc: SubtitleDocument;
  files: LoadedFile[];
  pairing: PairingSummary | null;
}

/**
 * One input, or two paired into one document. With two, `--lang` takes one code per input (`zh-Hans,en`); with
 * one, the codes are that input's (one, or two for a bilingual file).
 */
export function loadInputs(paths: string[], langs: string[] | undefined, frameRate: number | undefined): LoadedInputs {
  if (paths.length === 1) {
    // One code for a file that already holds it (a bilingual SRT and `--lang en`) picks that language to write;
    // only for a file that does not is it the file's own language.
    if (langs?.length === 1) {
      const asRead = loadDocument(paths[0], { frameRate });
      if (asRead.doc.languages.length > 1 && asRead.doc.languages.some((l) => l.code === langs[0])) {
        return { doc: asRead.doc, files: [asRead], pairing: null };
      }
    }
    const file = loadDocument(paths[0], { langs, frameRate });
    return { doc: file.doc, files: [file], pairing: null };
  }
  if (langs !== undefined && langs.length !== 2) {
    throw new UsageError(`with two inputs, --lang takes one code per input (e.g. zh-Hans,en), not "${langs.join(',')}"`);
  }
  const base = loadDocument(paths[0], { langs: langs && [langs[0]], frameRate });
  const added = loadDocument(paths[1], { langs: langs && [langs[1]], frameRate });
  let paired: ReturnType<typeof pairDocuments>;
  try {
    paired = pairDocuments(base.doc, added.doc, { lang: langs?.[1] });
  } catch (error) {
    // Pairing refuses what it cannot do (the same language twice): the user's to fix, named on the second file.
    if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError)) {
      throw new InputError(paths[1], error.message);
    }
    throw error;
  }
  const { report } = paired;
  return {
    doc: paired.doc,
    files: [base, added],
    pairing: { file: paths[1], paired: report.paired, joined: report.joined, unpaired: report.unpaired },
  };
}

/** `file:line: severity: message`, the form editors and terminals make clickable. */
export function problemLine(file: string, p: Problem): string {
  return `${file}${p.line > 0 ? `:${p.line}` : ''}: ${p.severity}: ${p.message}`;
}

/** The pairing report as lines: the counts, then each cue kept on its own. */
export function pairingLines(pairing: PairingSummary): string[] {
  const { file, paired, joined, unpaired } = pairing;
  const lines = [`${file}: paired ${paired} cues, joined ${joined}, ${unpaired.length} with no partner (kept as their own cues)`];
  for (const cue of unpaired) {
    const text = cue.text.replace(/\n/g, ' / ');
    lines.push(`  ${formatClock(cue.start)} --> ${formatClock(cue.end)} (${cue.lang}): ${text.length > 60 ? text.slice(0, 60) + '…' : text}`);
  }
  return lines;
}
