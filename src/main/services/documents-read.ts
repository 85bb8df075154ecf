/** Reading subtitle files for the document service, and turning expected domain failures into ApiErrors. */
import { readFile } from 'node:fs/promises';
import { ApiError } from '../../shared/api';
import { OperationError } from '../../shared/operations';
import { CommandError } from '../../shared/commands/plan';
import { canonicalEncoding, exportEncoding, type TextEncodingName } from '../../shared/encoding';
import { FormatError, readSubtitleText, type ReadOptions } from '../../shared/formats/registry';
import { ExportError, type ExportOptions } from '../../shared/formats/export';
import { decodeBytes } from './text-encoding';
import { contentHash } from './documents-save';

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
    return { ...read, encoding: decoded.encoding, confidence: decoded.confidence, hash };
  } catch (error) {
    if (error instanceof FormatError) throw new ApiError('bad-request', `${name}:${error.line}: ${error.message}`);
    throw error;
  }
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
