/**
 * Browser mode's media store: audio and video opened by upload are kept in a per-user folder (the upload folder
 * goes when the server stops), so a saved project finds its media again after a restart. Entries are named by the
 * media's fingerprint (size and head hash, as the peaks cache and the project file know it) followed by the
 * original file name: `<headHash>-<size>--talk.mp3`. The folder is size-capped, least recently used first, never
 * removing an entry this run uses (cache-limit.ts).
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { tempPathFor, touchEntry, trimCache, type CacheFolder } from './cache-limit';
import { mediaFingerprint, type MediaFingerprint } from './peaks-cache';
import { userDataDir } from '../settings/settings';

export const MEDIA_STORE_DIR = 'media-store';
/** 4 GB: a few feature-length videos, or hundreds of hours of audio. */
export const MEDIA_STORE_LIMIT = 4 * 1024 ** 3;
const ENTRY = /^([0-9a-f]{64})-(\d+)--(.+)$/;

/** The store of this user: `<user data>/media-store`. */
export function defaultMediaStoreDir(): string {
  return join(userDataDir(), MEDIA_STORE_DIR);
}

function entryName(print: MediaFingerprint, originalName: string): string {
  return `${print.headHash}-${print.size}--${originalName}`;
}

/** The name the user gave a stored file (`talk.mp3`), or null when `path` is not a store entry. */
export function storedOriginalName(path: string): string | null {
  if (basename(dirname(path)) !== MEDIA_STORE_DIR) return null;
  return ENTRY.exec(basename(path))?.[3] ?? null;
}

export class MediaStore {
  readonly folder: CacheFolder;
  private readonly inUse = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string = defaultMediaStoreDir(), maxBytes: number = MEDIA_STORE_LIMIT) {
    this.folder = { dir, maxBytes, entry: ENTRY };
  }

  /** The stored file with this fingerprint (marked used), or null. */
  async find(print: MediaFingerprint): Promise<string | null> {
    const prefix = `${print.headHash}-${print.size}--`;
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const name = names.find((n) => n.startsWith(prefix) && ENTRY.test(n));
    if (!name) return null;
    const path = join(this.dir, name);
    this.inUse.add(path);
    await touchEntry(path);
    return path;
  }

  /**
   * Moves `file` (an upload: ours to take) into the store under its fingerprint and `originalName`; the same
   * content already stored is kept instead and `file` removed. Trims the store past its cap. Returns the entry.
   */
  keep(file: string, originalName: string): Promise<string> {
    const run = this.queue.then(() => this.keepNow(file, originalName));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async keepNow(file: string, originalName: string): Promise<string> {
    const print = await mediaFingerprint(file);
    const found = await this.find(print);
    if (found) {
      await fs.rm(file, { force: true });
      return found;
    }
    await fs.mkdir(this.dir, { recursive: true });
    const target = join(this.dir, entryName(print, safeName(originalName)));
    await moveFile(file, target);
    this.inUse.add(target);
    await touchEntry(target);
    await trimCache(this.folder, this.inUse);
    return target;
  }
}

/** A plain file name with its extension kept (ffmpeg and the page's player go by it). */
function safeName(name: string): string {
  const base = basename(name).replace(/[^\p{L}\p{N}._ ()-]/gu, '_').slice(-120);
  return base.replace(/^\.+/, '') || `media${extname(name)}`;
}

/** rename, or copy then remove across file systems (the temp folder is often another one). */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const temp = tempPathFor(to);
    await fs.copyFile(from, temp);
    await fs.rename(temp, to);
    await fs.rm(from, { force: true });
  }
}
