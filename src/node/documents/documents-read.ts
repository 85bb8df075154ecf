/** Reading subtitle files for the document service, and turning expected domain failures into ApiErrors. */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ApiError } from '../../shared/api';
import { OperationError } from '../../shared/operations';
import { CommandError } from '../../shared/commands/plan';
import { canonicalEncoding, type TextEncodingName } from '../../shared/encoding';
import { FormatError, readSubtitleText, type ReadOptions } from '../../shared/formats/registry';
import { ExportError, exportEncoding, type ExportOptions } from '../../shared/formats/export';
import { decodeBytes } from '../files/text-encoding';
import { contentHash } from './documents-save';
import type { MediaReference, Problem } from '../../shared/model';
import { mediaFingerprint } from '../media/peaks-cache';
import { defaultMediaStoreDir, MediaStore } from '../media/media-store';

/** Reads and decodes a subtitle file (opening it, or adding a language from it); bad input becomes one ApiError naming the file and line. */
export async function readSubtitleFile(
  path: string, name: string, options?: ReadOptions, encoding?: string,
): Promise<ReturnType<typeof readSubtitleText> & { encoding: TextEncodingName; confidence: number; hash: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ApiError('not-found', `${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const decoded = decodeBytes(bytes, encoding);
    const read = readSubtitleText(decoded.text, name, options);
    // The hash tells a touched project file from a changed one at save time.
    const hash = read.format === 'duosub' ? contentHash(bytes) : '';
    if (read.format === 'duosub' && read.doc.media) {
      const linked = await linkProjectMedia(read.doc.media, dirname(path));
      read.doc = { ...read.doc, media: linked.media };
      read.problems = [...read.problems, ...linked.problems];
    }
    return { ...read, encoding: decoded.encoding, confidence: decoded.confidence, hash };
  } catch (error) {
    if (error instanceof FormatError) throw new ApiError('bad-request', `${name}:${error.line}: ${error.message}`);
    throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

/**
 * Finds a project's media when it is not where the project says: a file of the same name beside the project,
 * then the browser-mode media store, each accepted only with the recorded size and head hash (found: the
 * reference names it by its absolute path until the next save). A file that is there but differs is kept, with a
 * warning. Without size and hash (older projects) only the recorded path counts. Never throws: the caller reports
 * media it cannot find.
 */
export async function linkProjectMedia(
  media: MediaReference, projectDir: string, store: MediaStore = new MediaStore(defaultMediaStoreDir()),
): Promise<{ media: MediaReference; problems: Problem[] }> {
  const recorded = isAbsolute(media.path) ? media.path : resolve(projectDir, media.path);
  const known = media.size !== undefined && media.headHash !== undefined
    ? { size: media.size, headHash: media.headHash } : null;
  const matches = async (path: string) => {
    const print = known && (await mediaFingerprint(path).catch(() => null));
    return !!print && print.size === known.size && print.headHash === known.headHash;
  };
  if (await isFile(recorded)) {
    if (!known || (await matches(recorded))) return { media, problems: [] };
    const message = `media file ${basename(recorded)} differs from the one the project was saved with (size or content changed); check that it is the right file`;
    return { media, problems: [{ line: 0, severity: 'warning', message }] };
  }
  if (!known) return { media, problems: [] };
  const beside = join(projectDir, basename(media.path));
  if (beside !== recorded && (await isFile(beside)) && (await matches(beside))) return { media: { ...media, path: beside }, problems: [] };
  const stored = await store.find(known).catch(() => null);
  return { media: stored ? { ...media, path: stored } : media, problems: [] };
}

/** The encoding an export is written in; an unknown name is the caller's to fix. */
export function exportEncodingFor(options: ExportOptions, source: TextEncodingName, requested: string | undefined): TextEncodingName {
  if (requested === undefined) return exportEncoding(options.format, source, options.bom ? 'UTF-8 with BOM' : undefined);
  const chosen = canonicalEncoding(requested);
  if (!chosen) throw new ApiError('bad-request', `unknown encoding "${requested}"`);
  return exportEncoding(options.format, source, chosen);
}

/**
 * Runs domain work whose expected failures (an operation, command or export that cannot apply to this document)
 * are the caller's to fix: they become ApiError('bad-request') with their message; anything else is a bug.
 */
export function callersFault<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof OperationError || error instanceof CommandError || error instanceof ExportError) {
      throw new ApiError('bad-request', error.message);
    }
    throw error;
  }
}
