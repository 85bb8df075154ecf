/** The CLI's file input and output: read and decode a subtitle file; write a result atomically. */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TextEncodingName } from '../shared/encoding';
import { decodeBytes, encodeText as encodeBytes, UnencodableError } from '../main/services/text-encoding';

/** A problem with the input or output file, reported as `duosub: FILE[:LINE]: message`, exit 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line = 0,
  ) {
    super(message);
  }
}

/** Bigger than any subtitle file; stops a mistaken video path from being read into memory. */
const MAX_BYTES = 256 * 1024 * 1024;

const FS_MESSAGES: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'no such file (a parent is not a directory)',
};

function fsMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (code && FS_MESSAGES[code]) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Reads and decodes a file: detected encoding, or `encoding` when given (`--encoding`). An undecodable file is a
 * FormatError naming the line (the caller reports it as the file's).
 */
export function readInput(path: string, encoding?: string): { text: string; encoding: TextEncodingName; confidence: number } {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(path, 'is a directory');
    if (stat.size > MAX_BYTES) throw new InputError(path, `too large for a subtitle file (${stat.size} bytes)`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, fsMessage(error));
  }
  return decodeBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/**
 * Text to bytes in `encoding`; a character it cannot hold is an InputError naming the output file, the line and
 * the character (never a silent `?`).
 */
export function encodeText(path: string, text: string, encoding: TextEncodingName): Uint8Array {
  try {
    return encodeBytes(text, encoding);
  } catch (error) {
    if (!(error instanceof UnencodableError)) throw new InputError(path, (error as Error).message);
    const line = text.slice(0, error.index).split('\n').length;
    throw new InputError(path, error.message, line);
  }
}

/** Encodes and writes atomically. */
export function writeOutput(path: string, text: string, encoding: TextEncodingName): void {
  writeAtomic(path, encodeText(path, text, encoding));
}

/** Temp file beside the target, fsync, rename: a crash leaves the old file or the new one, never half. */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o644);
    if (typeof content === 'string') writeFileSync(fd, content, 'utf8');
    else writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // The temp file was never created or is already gone.
    }
    throw new InputError(path, `cannot write: ${fsMessage(error)}`);
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable; not every platform lets a directory be opened, so it is best effort. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort (Windows cannot fsync a directory).
  }
}
