/**
 * Size caps for the media caches (waveform peaks, playable proxies): each folder is trimmed least recently used
 * first — at start and after each new entry — never deleting an entry in use; leftovers of crashed runs (partial
 * proxies, temp peaks) are removed at start. "Used" is the entry's mtime, set on every use (nothing else reads the
 * mtime of a cache file: entries are keyed by their media's stamp, not their own).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

const MB = 1024 * 1024;

/** The caps, in bytes: peaks are ~0.7 MB per hour of media, proxies ~30 MB (audio) to ~400 MB (video) per hour. */
export const CACHE_LIMITS = { peaks: 200 * MB, proxies: 2048 * MB } as const;
export type CacheLimits = { readonly [K in keyof typeof CACHE_LIMITS]: number };

/**
 * A temp file this old is a leftover even if a process of its pid runs (pids are reused, always so in containers):
 * ffmpeg writes a proxy continuously and a peaks file is written in milliseconds.
 */
export const STALE_TEMP_MS = 15 * 60_000;

/** One cache folder: complete entries match `entry`; anything else in it is a temp file. */
export interface CacheFolder {
  dir: string;
  maxBytes: number;
  entry: RegExp;
}

/** The folders under the cache dir, with their caps. */
export function mediaCacheFolders(cacheDir: string, limits: CacheLimits = CACHE_LIMITS): Record<keyof CacheLimits, CacheFolder> {
  return {
    peaks: { dir: join(cacheDir, 'peaks'), maxBytes: limits.peaks, entry: /^[0-9a-f]{40}\.dat$/ },
    proxies: { dir: join(cacheDir, 'proxies'), maxBytes: limits.proxies, entry: /^[0-9a-f]{40}\.web[am]$/ },
  };
}

/** A temp name beside `file` carrying our pid, so a later run can tell a crashed run's leftover from a live write. */
export function tempPathFor(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // runs, as another user
  }
}

interface Listed {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
}

async function list(dir: string): Promise<Listed[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const listed = await Promise.all(names.map(async (name) => {
    const path = join(dir, name);
    const stat = await fs.lstat(path).catch(() => null);
    return stat?.isFile() ? { name, path, size: stat.size, mtimeMs: stat.mtimeMs } : null;
  }));
  return listed.filter((item): item is Listed => item !== null);
}

/**
 * Removes the temp files crashed runs left: those of a process that no longer runs, and any older than
 * STALE_TEMP_MS (a temp with no pid of ours in its name, e.g. from the atomic-write helper, only then).
 */
export async function removeStaleTemps(folder: CacheFolder, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const file of await list(folder.dir)) {
    if (folder.entry.test(file.name)) continue;
    const pid = /\.(\d+)-[0-9a-f]+\.tmp$/.exec(file.name)?.[1];
    const stale = now - file.mtimeMs > STALE_TEMP_MS || (pid !== undefined && !pidRuns(Number(pid)));
    if (stale && (await fs.rm(file.path, { force: true }).then(() => true, () => false))) removed.push(file.name);
  }
  return removed;
}

/**
 * Deletes the least recently used entries until the folder's entries fit its cap; entries in `inUse` (full paths)
 * are kept whatever their age, so the folder may stay over the cap while they are. Returns the names deleted.
 */
export async function trimCache(folder: CacheFolder, inUse: ReadonlySet<string>): Promise<string[]> {
  const entries = (await list(folder.dir)).filter((file) => folder.entry.test(file.name));
  let total = entries.reduce((sum, file) => sum + file.size, 0);
  const oldestFirst = entries
    .filter((file) => !inUse.has(file.path))
    .sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
  const removed: string[] = [];
  for (const file of oldestFirst) {
    if (total <= folder.maxBytes) break;
    if (await fs.rm(file.path, { force: true }).then(() => true, () => false)) {
      total -= file.size;
      removed.push(file.name);
    }
  }
  return removed;
}

/** Marks an entry used now (it moves to the back of the trimming order). A vanished entry is no error. */
export async function touchEntry(path: string): Promise<void> {
  const now = new Date();
  await fs.utimes(path, now, now).catch(() => undefined);
}

/**
 * The media caches of one service: what it uses is pinned, and the trimming runs one at a time (a trim after a new
 * entry and the one at start never race over the same files).
 */
export class MediaCaches {
  readonly folders: Record<keyof CacheLimits, CacheFolder>;
  /** Settles when the cleaning at start is done: entries are read and written only after it. */
  readonly ready: Promise<void>;
  private readonly pinned = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(cacheDir: string, limits: CacheLimits = CACHE_LIMITS) {
    this.folders = mediaCacheFolders(cacheDir, limits);
    this.ready = this.enqueue(async () => {
      for (const folder of Object.values(this.folders)) {
        await removeStaleTemps(folder);
        await trimCache(folder, this.pinned);
      }
    });
  }

  /** Resolves once the cleaning at start is done (and whatever trimming was queued before this call). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Keeps the entry at `path` until the service ends, and marks it used now. */
  async use(path: string): Promise<void> {
    this.pinned.add(path);
    await touchEntry(path);
  }

  /** A new entry was written to this folder: trims it (in the background; `idle()` waits for it). */
  added(kind: keyof CacheLimits): void {
    void this.enqueue(() => trimCache(this.folders[kind], this.pinned).then(() => undefined));
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    // A trim that fails (a folder that cannot be read) only leaves the cache larger; the next one tries again.
    this.queue = this.queue.then(work).catch(() => undefined);
    return this.queue;
  }
}
