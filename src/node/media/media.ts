/**
 * Media the documents play: files registered under opaque tokens (the renderer never sees a path), their
 * waveform peaks — decoded by ffmpeg in child processes (see peaks-decode.ts), sent on in chunks as they come
 * and cached on disk — and a playable proxy for files the page cannot play. Both caches are size-capped
 * (cache-limit.ts); every child is killed on dispose.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { FfmpegInfo, MediaInfo, Peaks } from '../../shared/api';
import { CACHE_LIMITS, MediaCaches, type CacheLimits } from './cache-limit';
import {
  BUNDLED_FFMPEG_WARNING, FFMPEG_INSTALL_HINT, ffmpegVersion, findFfmpeg, isBundledFfmpeg, isExecutableFile, probeMedia,
} from '../ffmpeg/ffmpeg';
import { cacheKey, peaksCachePath, readCachedPeaks, sameStamp, writeCachedPeaks } from './peaks-cache';
import { decodePeaks, PEAKS_PER_SECOND, SAMPLE_RATE, type FfmpegChild, type PeaksChunk } from './peaks-decode';
import { isPlayable, makeProxy, proxyPath } from './proxy';
import { storedOriginalName } from './media-store';

const RESOLUTION = { sampleRate: SAMPLE_RATE, peaksPerSecond: PEAKS_PER_SECOND };

const MIME_BY_EXT: Record<string, string> = {
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.weba': 'audio/webm',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
};

/** The per-user cache directory of the OS (Electron's app.getPath has no such name). */
export function userCacheDir(): string {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  return process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
}

export function mimeForMedia(path: string): string {
  return MIME_BY_EXT[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface MediaServiceOptions {
  ffmpegPath?: string;
  /** Where peaks (`peaks/`) and proxies (`proxies/`) are cached. */
  cacheDir: string;
  /** Called with each chunk of peaks while a decode runs (not for a cache hit: that answers at once). */
  onProgress?: (token: string, chunk: PeaksChunk) => void;
  /** How many ffmpeg may decode one file's peaks at once (default: one per core; at most 4 are used). */
  peakDecoders?: number;
  /** Size caps of the caches (default CACHE_LIMITS; tests use small ones). */
  cacheLimits?: CacheLimits;
}

/** A running (or about to run) decode, so cancelPeaks can stop all its ffmpeg. */
interface DecodeJob {
  cancelled: boolean;
  children: Set<ChildProcess>;
}

interface Entry {
  path: string;
  info: MediaInfo;
  peaks?: Promise<Peaks>;
  job?: DecodeJob;
  proxy?: Promise<string>;
}

/** The ffmpeg in use and where it came from; undefined until it is looked for. */
type FfmpegChoice = { path: string; source: NonNullable<FfmpegInfo['source']> } | null;

export class MediaService {
  private readonly entries = new Map<string, Entry>();
  private readonly children = new Set<ChildProcess>();
  /** Stops running probes on dispose (they are not decode children: they end on their own in a moment). */
  private readonly probes = new AbortController();
  private readonly caches: MediaCaches;
  private choice: FfmpegChoice | undefined;
  private disposed = false;

  constructor(private readonly options: MediaServiceOptions) {
    this.choice = options.ffmpegPath ? { path: options.ffmpegPath, source: 'settings' } : undefined;
    this.caches = new MediaCaches(options.cacheDir, options.cacheLimits ?? CACHE_LIMITS);
  }

  /**
   * Uses this ffmpeg from now on (a path from the settings), or finds one again (null: PATH, then npm's). A path
   * that is not an executable file fails here, naming it, rather than at the next decode.
   */
  useFfmpeg(path: string | null): void {
    if (path && !isExecutableFile(path)) throw new Error(`The ffmpeg set in Settings (${path}) is not an executable file.`);
    this.choice = path ? { path, source: 'settings' } : undefined;
  }

  /** Which ffmpeg media work uses, its version, and a warning when it is the npm package's old build (or none). */
  ffmpegInfo(): FfmpegInfo {
    const path = this.ffmpegInUse();
    if (!path) return { path: null, source: null, version: null, warning: FFMPEG_INSTALL_HINT };
    const bundled = this.choice?.source === 'bundled' || isBundledFfmpeg(path);
    return { path, source: this.choice?.source ?? null, version: ffmpegVersion(path), warning: bundled ? BUNDLED_FFMPEG_WARNING : null };
  }

  /** Resolves when the caches' cleaning and trimming queued so far is done (tests wait for it). */
  cacheIdle(): Promise<void> {
    return this.caches.idle();
  }

  /** The ffmpeg this service runs, or null when none was found. */
  ffmpegInUse(): string | null {
    try {
      return this.ffmpeg();
    } catch {
      return null;
    }
  }

  /** Number of ffmpeg processes still running (tests check that none is left behind). */
  get runningProcesses(): number {
    return this.children.size;
  }

  /**
   * Probes the file and issues a token for it. Rejects with a message that names the file. A file the page
   * cannot play gets `playToken: null` and a proxy made in the background (see `proxyFor`).
   */
  async register(path: string): Promise<MediaInfo> {
    // A file of the media store shows under the name the user gave it.
    const fileName = storedOriginalName(path) ?? basename(path);
    const fail = (what: string) => new Error(`Cannot open media "${fileName}": ${what}`);
    const stat = await fs.stat(path).catch((error: NodeJS.ErrnoException) => {
      throw fail(error.code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${error.code ?? error.message})`);
    });
    if (!stat.isFile()) throw fail('it is not a file');
    await fs.access(path, fs.constants.R_OK).catch(() => {
      throw fail('the file cannot be read (permission denied)');
    });
    const probe = await probeMedia(this.ffmpeg(), path, { signal: this.probes.signal });
    if (!probe.ok) throw fail(probe.tool ? probe.reason : `not a media file ffmpeg can read (${probe.reason})`);
    if (!probe.hasAudio) throw fail('it has no audio track');
    const token = newToken();
    const streams = probe.streams;
    const video = !!streams?.videoCodec;
    const playable = !streams || isPlayable(streams);
    const info: MediaInfo = { token, fileName, duration: probe.duration ?? 0, kind: video ? 'video' : 'audio' };
    if (video && streams?.width && streams.height) Object.assign(info, { width: streams.width, height: streams.height });
    if (video && streams?.frameRate) info.frameRate = streams.frameRate;
    info.playToken = playable ? token : null;
    const entry: Entry = { path, info };
    this.entries.set(token, entry);
    if (probe.duration === null) {
      // Some streams (raw ADTS, some Ogg) carry no duration: the decoded length is the truth.
      try {
        entry.info.duration = (await this.peaks(token)).duration;
      } catch (error) {
        this.entries.delete(token);
        throw fail((error as Error).message);
      }
    }
    if (!playable) {
      entry.proxy = this.startProxy(entry, video);
      entry.proxy.catch(() => undefined); // observed by proxyFor's callers; never an unhandled rejection
    }
    return { ...entry.info };
  }

  /** The pending proxy of a media registered with `playToken: null`: resolves with the proxy's token. */
  proxyFor(token: string): Promise<string> | null {
    return this.entries.get(token)?.proxy ?? null;
  }

  /** Min/max peaks of the whole file: from the disk cache, or decoded (once per token, chunks to onProgress). */
  peaks(token: string): Promise<Peaks> {
    const entry = this.entries.get(token);
    if (!entry) return Promise.reject(new Error('Unknown media token'));
    if (!entry.peaks) {
      entry.peaks = this.loadPeaks(token, entry);
      // A failure is not cached: the next call tries again (the file may have been fixed).
      entry.peaks.catch(() => {
        if (this.entries.get(token) === entry) entry.peaks = undefined;
      });
    }
    return entry.peaks;
  }

  /** Stops a running decode of the token's media: its `peaks()` rejects with a 'cancelled' message. */
  cancelPeaks(token: string): boolean {
    const job = this.entries.get(token)?.job;
    if (!job || job.cancelled) return false;
    job.cancelled = true;
    for (const child of job.children) child.kill('SIGKILL');
    return true;
  }

  resolve(token: string): { path: string; size: number; mime: string } | null {
    const entry = typeof token === 'string' ? this.entries.get(token) : undefined;
    if (!entry) return null;
    try {
      const stat = statSync(entry.path);
      return stat.isFile() ? { path: entry.path, size: stat.size, mime: mimeForMedia(entry.path) } : null;
    } catch {
      return null;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.probes.abort();
    for (const child of this.children) child.kill('SIGKILL');
  }

  private ffmpeg(): string {
    if (this.choice === undefined) this.choice = findFfmpeg();
    if (!this.choice) throw new Error(FFMPEG_INSTALL_HINT);
    return this.choice.path;
  }

  private async loadPeaks(token: string, entry: Entry): Promise<Peaks> {
    const name = entry.info.fileName;
    const job: DecodeJob = { cancelled: false, children: new Set() };
    entry.job = job;
    try {
      const { key, stamp } = await cacheKey(entry.path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`Cannot read the waveform of "${name}": ${error.code === 'ENOENT'
          ? 'the file no longer exists' : `the file cannot be read (${error.code ?? error.message})`}`);
      });
      const cacheFile = peaksCachePath(this.options.cacheDir, key);
      await this.caches.ready;
      const cached = await readCachedPeaks(cacheFile, RESOLUTION);
      if (cached) {
        await this.caches.use(cacheFile);
        return cached;
      }
      const peaks = await this.decodePeaks(token, entry, job);
      if (!(await sameStamp(entry.path, stamp))) {
        throw new Error(`Cannot read the waveform of "${name}": the file was changed or removed while it was being read`);
      }
      // A cache that cannot be written (read-only disk, full) only costs the next open a decode.
      if (await writeCachedPeaks(cacheFile, peaks, SAMPLE_RATE).then(() => true, () => false)) {
        await this.caches.use(cacheFile);
        this.caches.added('peaks');
      }
      return peaks;
    } finally {
      if (entry.job === job) entry.job = undefined;
    }
  }

  private async decodePeaks(token: string, entry: Entry, job: DecodeJob): Promise<Peaks> {
    const cancelled = () => new Error(`Reading the waveform of "${entry.info.fileName}" was cancelled`);
    // Called for every ffmpeg of the decode, a fallback's too: none starts once the job is stopped.
    const start = (args: string[]): FfmpegChild => {
      if (this.disposed) throw new Error('The media service has shut down');
      if (job.cancelled) throw cancelled();
      const child = spawn(this.ffmpeg(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
      this.children.add(child);
      job.children.add(child);
      child.on('close', () => {
        this.children.delete(child);
        job.children.delete(child);
      });
      return child;
    };
    try {
      return await decodePeaks({
        path: entry.path,
        name: entry.info.fileName,
        duration: entry.info.duration,
        decoders: this.options.peakDecoders ?? availableParallelism(),
        start,
        onChunk: (chunk) => this.options.onProgress?.(token, chunk),
      });
    } catch (error) {
      if (job.cancelled) throw cancelled();
      throw error;
    }
  }

  /** Makes (or finds in the cache) the proxy and registers it under a token of its own. */
  private async startProxy(entry: Entry, video: boolean): Promise<string> {
    const name = entry.info.fileName;
    try {
      const { key } = await cacheKey(entry.path);
      const output = proxyPath(this.options.cacheDir, key, video);
      await this.caches.ready;
      await this.caches.use(output); // pinned before it exists: a trim must not take it between rename and use
      const made = await makeProxy(this.ffmpeg(), entry.path, output, video, (child) => {
        if (this.disposed) child.kill('SIGKILL');
        this.children.add(child);
        return () => this.children.delete(child);
      });
      if (made === 'made') this.caches.added('proxies');
      const token = newToken();
      this.entries.set(token, { path: output, info: { ...entry.info, token, fileName: basename(output), playToken: token } });
      entry.info.playToken = token;
      return token;
    } catch (error) {
      throw new Error(`Cannot make a playable copy of "${name}": ${(error as Error).message}`);
    }
  }
}

function newToken(): string {
  return randomBytes(16).toString('hex'); // hex: survives a case-folding URL host (Electron scheme)
}
