/** The CLI's file input and output: read and decode a subtitle file; write a result with the app's atomic write. */
import { readFileSync, statSync } from 'node:fs';
import type { TextEncodingName } from '../shared/encoding';
import { decodeBytes, encodeText as encodeBytes, UnencodableError } from '../node/files/text-encoding';
import { ownDescriptorOf, SaveError, writeFileAtomicSync } from '../node/files/atomic-write';

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

/** `-o -` and `-o /dev/stdout` (or any link to this process's standard output): the result goes to stdout. */
export function isStandardOutput(path: string): boolean {
  return path === '-' || ownDescriptorOf(path) === 1;
}

/** Encodes and writes atomically. */
export function writeOutput(path: string, text: string, encoding: TextEncodingName): void {
  writeAtomic(path, encodeText(path, text, encoding));
}

/**
 * The app's one atomic write (links followed, owner and mode kept, pipes and `/dev/stdout` written in place);
 * a failure is an InputError naming the file and saying what is wrong, so it exits 2 like a bad input.
 */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  try {
    writeFileAtomicSync(path, content);
  } catch (error) {
    if (error instanceof SaveError) throw new InputError(path, `cannot write: ${error.reason}`);
    throw error;
  }
}
