/**
 * The save itself, written once as a generator of file-system calls so that one algorithm serves both the
 * main process (async, never blocking the event loop) and the CLI (sync), and so tests can fail any one call.
 * No electron here.
 */
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { folderNotSynced, readOnlyFile, saveErrorFrom } from './atomic-write-error';

/** The calls a save makes, with node:fs's sync signatures (the async driver awaits promisified ones). */
export interface SaveFs {
  lstat(path: string): Stats;
  readlink(path: string): string;
  realpath(path: string): string;
  access(path: string, mode: number): void;
  open(path: string, flags: string | number, mode?: number): number;
  write(fd: number, data: Uint8Array, offset: number, length: number): number;
  fchown(fd: number, uid: number, gid: number): void;
  fchmod(fd: number, mode: number): void;
  fsync(fd: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  readdir(path: string): string[];
}

export type SaveCall = { [K in keyof SaveFs]: { name: K; args: Parameters<SaveFs[K]> } }[keyof SaveFs];
export type SaveSteps<T> = Generator<SaveCall, T, unknown>;

function* call<K extends keyof SaveFs>(name: K, ...args: Parameters<SaveFs[K]>): SaveSteps<ReturnType<SaveFs[K]>> {
  return (yield { name, args } as SaveCall) as ReturnType<SaveFs[K]>;
}

/** Flag and mode numbers, passed in so this file needs no node:fs value import (the seam stays the only fs). */
export interface SaveConstants {
  W_OK: number;
  O_WRONLY: number;
  O_APPEND: number;
  /** Effective uid, or null where there is none (Windows). */
  uid: number | null;
  pid: number;
}

type Target = { kind: 'file'; path: string; stat: Stats | null } | { kind: 'direct'; path: string };

/** As Linux allows (MAXSYMLINKS). */
const MAX_LINKS = 40;
/** A temp file this old is left from a save that was killed; a live save takes milliseconds. */
const STALE_TEMP_MS = 60_000;
// /dev/stdout → /proc/self/fd/1 → "pipe:[123]": the descriptor, not a path to rename over.
const DESCRIPTOR_ALIAS = /^\/(proc\/(?:self|thread-self|\d+)|dev)\/fd\/(\d+)$/;
const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

/**
 * Writes `bytes` to `path` so that whatever happens the file holds its old content or the new, never a mix:
 * temp file beside the (link-resolved) target, owner and mode kept, fsync, rename, fsync the folder. Pipes,
 * devices and `/dev/stdout` are written in place. A read-only file is refused, not replaced.
 */
export function* saveSteps(path: string, bytes: Iterable<Uint8Array>, c: SaveConstants, newFileMode = 0o666): SaveSteps<void> {
  let target: Target = { kind: 'file', path, stat: null };
  try {
    target = yield* resolveTarget(path);
    if (target.kind === 'direct') return yield* writeInPlace(target.path, bytes, c);
    if (target.stat) yield* refuseReadOnly(path, target.path, target.stat, c);
  } catch (error) {
    throw saveErrorFrom(error, path, target.path);
  }
  yield* replaceFile(path, target.path, target.stat, bytes, newFileMode);
  yield* sweepStaleTemps(target.path);
}

/** Follows a chain of symbolic links to the file to write; a dangling link's target is created. */
function* resolveTarget(path: string): SaveSteps<Target> {
  let current = resolve(path);
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    if (DESCRIPTOR_ALIAS.test(current)) return { kind: 'direct', path: current };
    let stat: Stats;
    try {
      stat = yield* call('lstat', current);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return { kind: 'file', path: current, stat: null };
      throw error;
    }
    if (stat.isFile()) return { kind: 'file', path: current, stat };
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!stat.isSymbolicLink()) return { kind: 'direct', path: current };
    const link = yield* call('readlink', current);
    // Relative to the link's real folder: a lexical join would get `..` wrong below a linked folder.
    current = resolve(yield* call('realpath', dirname(current)), link);
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

/**
 * Mode bits first: root passes access(2) for any file, yet a 0444 project is one its owner meant to keep.
 * access() then catches a file another user owns that this process may not change.
 */
function* refuseReadOnly(path: string, target: string, stat: Stats, c: SaveConstants): SaveSteps<void> {
  if ((stat.mode & 0o222) === 0) throw readOnlyFile(path, target, false);
  if (c.uid === 0 || c.uid === null) return;
  try {
    yield* call('access', target, c.W_OK);
  } catch (error) {
    if (codeOf(error) === 'EACCES' || codeOf(error) === 'EPERM') throw readOnlyFile(path, target, true);
    throw error;
  }
}

/** A FIFO, a terminal, a device or a descriptor alias: opened and written, never replaced; appends to a `>>` log. */
function* writeInPlace(target: string, bytes: Iterable<Uint8Array>, c: SaveConstants): SaveSteps<void> {
  let fd: number;
  let borrowed = false;
  try {
    fd = yield* call('open', target, c.O_WRONLY | c.O_APPEND);
  } catch (error) {
    // A socket (the stdout a Node parent gives its child) cannot be reopened through /proc: use the descriptor.
    const own = ownDescriptor(target, c.pid);
    if (codeOf(error) !== 'ENXIO' || own === null) throw error;
    fd = own;
    borrowed = true;
  }
  try {
    yield* writeAll(fd, bytes);
  } finally {
    if (!borrowed) yield* call('close', fd);
  }
}

/** The descriptor number when `path` (already link-resolved) names one of this process's own descriptors. */
function ownDescriptor(path: string, pid: number): number | null {
  const match = DESCRIPTOR_ALIAS.exec(path);
  if (!match || (match[1] !== 'dev' && match[1] !== 'proc/self' && match[1] !== 'proc/thread-self' && match[1] !== `proc/${pid}`)) return null;
  return Number(match[2]);
}

/** Which of this process's descriptors `path` leads to through its links (`/dev/stdout` → 1), if any. */
export function* descriptorSteps(path: string, c: SaveConstants): SaveSteps<number | null> {
  const target = yield* resolveTarget(path);
  return target.kind === 'direct' ? ownDescriptor(target.path, c.pid) : null;
}

function* replaceFile(path: string, target: string, stat: Stats | null, bytes: Iterable<Uint8Array>, newFileMode: number): SaveSteps<void> {
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  let created = false;
  try {
    // The umask can only take bits away, so the temp is never more open than the file it replaces.
    fd = yield* call('open', temp, 'wx', stat ? stat.mode & 0o777 : newFileMode);
    created = true;
    yield* writeAll(fd, bytes);
    if (stat) yield* keepOwnerAndMode(fd, stat);
    yield* call('fsync', fd);
    const closing = fd;
    fd = null;
    yield* call('close', closing);
    yield* call('rename', temp, target);
  } catch (error) {
    if (fd !== null) yield* ignoring(call('close', fd));
    // Only a temp we created: a failed 'wx' open may have met someone else's file of that name.
    if (created) yield* ignoring(call('unlink', temp));
    throw saveErrorFrom(error, path, target);
  }
  yield* syncFolder(folder, path, target);
}

/**
 * A short write is not an error to write(2) (a nearly full disk, a size limit): loop until all is written. The
 * data may come in chunks made while writing (a big journal snapshot): the async runner lets main run between them.
 */
function* writeAll(fd: number, chunks: Iterable<Uint8Array>): SaveSteps<void> {
  for (const bytes of chunks) {
    for (let offset = 0; offset < bytes.length; ) {
      const written = yield* call('write', fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      offset += written;
    }
  }
}

/**
 * Owner and group first: chown clears set-id bits, chmod then restores the exact mode. Refusals are normal and
 * ignored: only root may give a file away, and FAT or network disks keep no Unix owner or mode at all.
 */
function* keepOwnerAndMode(fd: number, stat: Stats): SaveSteps<void> {
  const tolerated = new Set(['EPERM', 'EINVAL', 'ENOSYS', 'ENOTSUP', 'EOPNOTSUPP']);
  for (const step of [call('fchown', fd, stat.uid, stat.gid), call('fchmod', fd, stat.mode & 0o7777)]) {
    try {
      yield* step;
    } catch (error) {
      if (!tolerated.has(codeOf(error) ?? '')) throw error;
    }
  }
}

/**
 * Makes the rename itself survive a power cut. Some systems cannot open or fsync a folder (Windows, some
 * network disks): that is skipped. An I/O error is reported, though the file already holds the new content.
 */
function* syncFolder(folder: string, path: string, target: string): SaveSteps<void> {
  let fd: number | null = null;
  try {
    fd = yield* call('open', folder, 'r');
    yield* call('fsync', fd);
  } catch (error) {
    if (codeOf(error) === 'EIO') {
      if (fd !== null) yield* ignoring(call('close', fd));
      throw folderNotSynced(path, target);
    }
  }
  if (fd !== null) yield* ignoring(call('close', fd));
}

/** Temp files of this target left by a save that was killed (kill -9, power cut); never fails the save. */
function* sweepStaleTemps(target: string): SaveSteps<void> {
  const folder = dirname(target);
  const prefix = `.${basename(target)}.`;
  try {
    const names = yield* call('readdir', folder);
    for (const name of names) {
      if (!name.startsWith(prefix) || !/^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length))) continue;
      const temp = join(folder, name);
      const stat = yield* call('lstat', temp);
      if (stat.isFile() && Date.now() - stat.mtimeMs > STALE_TEMP_MS) yield* call('unlink', temp);
    }
  } catch {
    // Best effort: the save itself succeeded.
  }
}

function* ignoring(step: SaveSteps<unknown>): SaveSteps<void> {
  try {
    yield* step;
  } catch {
    // Cleanup after a failure already being reported.
  }
}
