/**
 * The one atomic write every writer uses (projects, settings, caches, the CLI's outputs): runs the save steps of
 * atomic-write-steps.ts against node:fs, async for main and sync for the CLI. No electron here.
 *
 * Hand-written rather than `write-file-atomic` (7.0.1): that library ignores the byte count write(2) returns, so
 * on a nearly full disk or under a file-size limit it renames a truncated temp file over the user's file without
 * an error (seen: a 200 KB write under `ulimit -f 100` left 100 KB and reported success). It also replaces a
 * dangling link, `/dev/stdout` or a read-only file with a new regular file, and never fsyncs the folder.
 */
import * as fs from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { descriptorSteps, saveSteps, type SaveCall, type SaveConstants, type SaveFs, type SaveSteps } from './atomic-write-steps';

export { SaveError } from './atomic-write-error';
export type { SaveFs } from './atomic-write-steps';

/** The same calls, awaited. */
export type AsyncSaveFs = { [K in keyof SaveFs]: (...args: Parameters<SaveFs[K]>) => Promise<ReturnType<SaveFs[K]>> };

export const nodeSaveFs: SaveFs = {
  lstat: (p) => fs.lstatSync(p),
  readlink: (p) => fs.readlinkSync(p),
  realpath: (p) => fs.realpathSync(p),
  access: (p, mode) => fs.accessSync(p, mode),
  open: (p, flags, mode) => fs.openSync(p, flags, mode),
  write: (fd, data, offset, length) => fs.writeSync(fd, data, offset, length),
  fchown: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  fchmod: (fd, mode) => fs.fchmodSync(fd, mode),
  fsync: (fd) => fs.fsyncSync(fd),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (p) => fs.unlinkSync(p),
  readdir: (p) => fs.readdirSync(p),
};

const write = promisify(fs.write);

export const nodeAsyncSaveFs: AsyncSaveFs = {
  lstat: promisify(fs.lstat),
  readlink: (p) => promisify(fs.readlink)(p),
  realpath: (p) => promisify(fs.realpath)(p),
  access: promisify(fs.access),
  open: (p, flags, mode) => promisify(fs.open)(p, flags, mode),
  write: async (fd, data, offset, length) => (await write(fd, data, offset, length)).bytesWritten,
  fchown: promisify(fs.fchown),
  fchmod: promisify(fs.fchmod),
  fsync: promisify(fs.fsync),
  close: promisify(fs.close),
  rename: promisify(fs.rename),
  unlink: promisify(fs.unlink),
  readdir: (p) => promisify(fs.readdir)(p),
};

const constants: SaveConstants = {
  W_OK: fs.constants.W_OK,
  O_WRONLY: fs.constants.O_WRONLY,
  O_APPEND: fs.constants.O_APPEND,
  uid: typeof process.geteuid === 'function' ? process.geteuid() : null,
  pid: process.pid,
};

/** What a save writes: text, bytes, or text in parts made as they are written (a big journal snapshot). */
export type SaveData = string | Uint8Array | Iterable<string>;

/** Parts are joined up to this many characters a write: few system calls, and main runs between writes. */
const WRITE_BATCH = 1 << 18;

function bytesOf(data: SaveData): Iterable<Uint8Array> {
  if (typeof data === 'string') return [Buffer.from(data, 'utf8')];
  if (data instanceof Uint8Array) return [data];
  return batches(data);
}

function* batches(parts: Iterable<string>): Iterable<Uint8Array> {
  let batch: string[] = [];
  let size = 0;
  for (const part of parts) {
    batch.push(part);
    size += part.length;
    if (size < WRITE_BATCH) continue;
    yield Buffer.from(batch.join(''), 'utf8');
    batch = [];
    size = 0;
  }
  if (batch.length > 0) yield Buffer.from(batch.join(''), 'utf8');
}

/** Saves of one file run one after another, so an older save can never land after a newer one. */
const pending = new Map<string, Promise<void>>();

export interface WriteOptions<F> {
  /** The mode of a file that does not exist yet (less the umask; default 0666); an existing file keeps its own. */
  mode?: number;
  /** The file-system calls, for tests that fail one of them. */
  fs?: F;
}

/** Writes `data` to `path` atomically (see saveSteps); fails with a SaveError naming the file. */
export function writeFileAtomic(path: string, data: SaveData, options: WriteOptions<AsyncSaveFs> = {}): Promise<void> {
  const key = resolve(path);
  const before = pending.get(key) ?? Promise.resolve();
  const run = before.then(() => runAsync(saveSteps(path, bytesOf(data), constants, options.mode), options.fs ?? nodeAsyncSaveFs));
  const settled = run.catch(() => undefined);
  pending.set(key, settled);
  void settled.then(() => {
    if (pending.get(key) === settled) pending.delete(key);
  });
  return run;
}

/** The same save for callers that cannot wait (the CLI). */
export function writeFileAtomicSync(path: string, data: SaveData, options: WriteOptions<SaveFs> = {}): void {
  runSync(saveSteps(path, bytesOf(data), constants, options.mode), options.fs ?? nodeSaveFs);
}

/**
 * Which of this process's descriptors `path` names through its links (`/dev/stdout` → 1, `/dev/fd/2` → 2), or
 * null: lets the CLI send `-o /dev/stdout` through its own output stream, which copes with a slow reader.
 */
export function ownDescriptorOf(path: string): number | null {
  try {
    return runSync(descriptorSteps(path, constants), nodeSaveFs);
  } catch {
    return null;
  }
}

function invoke(fsLike: SaveFs | AsyncSaveFs, step: SaveCall): unknown {
  return (fsLike[step.name] as (...args: unknown[]) => unknown)(...step.args);
}

function runSync<T>(steps: SaveSteps<T>, fsLike: SaveFs): T {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = invoke(fsLike, next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}

async function runAsync<T>(steps: SaveSteps<T>, fsLike: AsyncSaveFs): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await invoke(fsLike, next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
  return next.value;
}
