/**
 * Media the documents play: files registered under opaque tokens (the renderer never sees a path), their
 * waveform peaks — decoded by ffmpeg in a child process, reduced to min/max pairs while streaming, sent on in
 * chunks as they come and cached on disk — and a playable proxy for files the page cannot play.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import { endianness, homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { EventMap, MediaInfo, Peaks } from '../../shared/api';
import { FFMPEG_INSTALL_HINT, findFfmpeg, isExecutableFile, lastErrorLine, probeMedia } from './ffmpeg';
import { cacheKey, encodeDat, peaksCachePath, readCachedPeaks, sameStamp, writeAtomically } from './peaks-cache';
import { isPlayable, makeProxy, proxyPath } from './proxy';

const SAMPLE_RATE = 8000;
export const PEAKS_PER_SECOND = 100;
const SAMPLES_PER_PEAK = SAMPLE_RATE / PEAKS_PER_SECOND;
const MAX_STDERR = 16 * 1024;
/** Wall time between progress chunks: often enough for the waveform to fill in smoothly, rare enough to be cheap. */
const PROGRESS_INTERVAL_MS = 250;
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

/** A chunk of peaks while decoding (the `media.peaksProgress` event without its token). */
export type PeaksChunk = Omit<EventMap['media.peaksProgress'], 'token'>;

export interface MediaServiceOptions {
  ffmpegPath?: string;
  /** Where peaks (`peaks/`) and proxies (`proxies/`) are cached. */
  cacheDir: string;
  /** Called with each chunk of peaks while a decode runs (not for a cache hit: that answers at once). */
  onProgress?: (token: string, chunk: PeaksChunk) => void;
}

/** A running (or about to run) decode, so cancelPeaks can stop it. */
interface DecodeJob {
  cancelled: boolean;
  child: ChildProcess | null;
}

interface Entry {
  path: string;
  info: MediaInfo;
  peaks?: Promise<Peaks>;
  job?: DecodeJob;
  proxy?: Promise<string>;
}

export class MediaService {
  private readonly entries = new Map<string, Entry>();
  private readonly children = new Set<ChildProcess>();
  private ffmpegPath: string | null | undefined;
  private disposed = false;

  constructor(private readonly options: MediaServiceOptions) {
    this.ffmpegPath = options.ffmpegPath;
  }

  /**
   * Uses this ffmpeg from now on (a path from the settings), or finds one again (null: PATH, then npm's). A path
   * that is not an executable file fails here, naming it, rather than at the next decode.
   */
  useFfmpeg(path: string | null): void {
    if (path && !isExecutableFile(path)) throw new Error(`The ffmpeg set in Settings (${path}) is not an executable file.`);
    this.ffmpegPath = path ?? undefined;
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
    const fileName = basename(path);
    const fail = (what: string) => new Error(`Cannot open media "${fileName}": ${what}`);
    const stat = await fs.stat(path).catch((error: NodeJS.ErrnoException) => {
      throw fail(error.code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${error.code ?? error.message})`);
    });
    if (!stat.isFile()) throw fail('it is not a file');
    await fs.access(path, fs.constants.R_OK).catch(() => {
      throw fail('the file cannot be read (permission denied)');
    });
    const probe = await probeMedia(this.ffmpeg(), path);
    if (!probe.ok) throw fail(`not a media file ffmpeg can read (${probe.reason})`);
    if (!probe.hasAudio) throw fail('it has no audio track');
    const token = newToken();
    const streams = probe.streams;
    const video = !!streams?.videoCodec;
    const playable = !streams || isPlayable(streams);
    const info: MediaInfo = { token, fileName, duration: probe.duration ?? 0, kind: video ? 'video' : 'audio' };
    if (video && streams?.width && streams.height) Object.assign(info, { width: streams.width, height: streams.height });
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
    job.child?.kill('SIGKILL');
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
    for (const child of this.children) child.kill('SIGKILL');
  }

  private ffmpeg(): string {
    if (this.ffmpegPath === undefined) this.ffmpegPath = findFfmpeg()?.path ?? null;
    if (!this.ffmpegPath) throw new Error(FFMPEG_INSTALL_HINT);
    return this.ffmpegPath;
  }

  private async loadPeaks(token: string, entry: Entry): Promise<Peaks> {
    const name = entry.info.fileName;
    const job: DecodeJob = { cancelled: false, child: null };
    entry.job = job;
    try {
      const { key, stamp } = await cacheKey(entry.path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`Cannot read the waveform of "${name}": ${error.code === 'ENOENT'
          ? 'the file no longer exists' : `the file cannot be read (${error.code ?? error.message})`}`);
      });
      const cacheFile = peaksCachePath(this.options.cacheDir, key);
      const cached = await readCachedPeaks(cacheFile, RESOLUTION);
      if (cached) return cached;
      const peaks = await this.decodePeaks(token, entry, job);
      if (!(await sameStamp(entry.path, stamp))) {
        throw new Error(`Cannot read the waveform of "${name}": the file was changed or removed while it was being read`);
      }
      // A cache that cannot be written (read-only disk, full) only costs the next open a decode.
      await writeAtomically(cacheFile, encodeDat(peaks, SAMPLE_RATE)).catch(() => undefined);
      return peaks;
    } finally {
      if (entry.job === job) entry.job = undefined;
    }
  }

  private decodePeaks(token: string, entry: Entry, job: DecodeJob): Promise<Peaks> {
    const name = entry.info.fileName;
    const cancelled = () => new Error(`Reading the waveform of "${name}" was cancelled`);
    if (this.disposed) return Promise.reject(new Error('The media service has shut down'));
    if (job.cancelled) return Promise.reject(cancelled());
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-i', entry.path, '-vn', '-sn', '-dn',
      '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
    return new Promise((resolve, reject) => {
      const child = spawn(this.ffmpeg(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
      job.child = child;
      this.children.add(child);
      const reducer = new PeakReducer(SAMPLES_PER_PEAK);
      const progress = new ProgressEmitter(reducer, entry.info.duration, (chunk) => this.options.onProgress?.(token, chunk));
      let stderr = '';
      let failure: Error | null = null;
      const abort = (error: Error) => {
        failure ??= error;
        child.kill('SIGKILL');
      };
      child.stdout.on('data', (chunk: Buffer) => {
        try {
          reducer.push(chunk);
          progress.maybeEmit();
        } catch (error) {
          abort(error as Error);
        }
      });
      child.stdout.on('error', abort);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < MAX_STDERR) stderr += chunk;
      });
      child.on('error', (error) => abort(new Error(`ffmpeg could not run (${error.message})`)));
      // 'close' comes after the process exited and its pipes closed: settling here leaves no zombie behind.
      child.on('close', (code, signal) => {
        this.children.delete(child);
        job.child = null;
        if (job.cancelled) return reject(cancelled());
        if (failure) return reject(failure);
        if (code !== 0) {
          const why = signal ? `ffmpeg was stopped (${signal})` : `ffmpeg failed: ${lastErrorLine(stderr, entry.path)}`;
          return reject(new Error(`Cannot read the waveform of "${name}": ${why}`));
        }
        const peaks = reducer.finish();
        progress.emitRest(peaks.duration);
        resolve(peaks);
      });
    });
  }

  /** Makes (or finds in the cache) the proxy and registers it under a token of its own. */
  private async startProxy(entry: Entry, video: boolean): Promise<string> {
    const name = entry.info.fileName;
    try {
      const { key } = await cacheKey(entry.path);
      const output = proxyPath(this.options.cacheDir, key, video);
      await makeProxy(this.ffmpeg(), entry.path, output, video, (child) => {
        this.children.add(child);
        return () => this.children.delete(child);
      });
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

/** Sends the pairs a reducer gained since the last chunk, at most every PROGRESS_INTERVAL_MS (the first at once). */
class ProgressEmitter {
  private sent = 0;
  private lastAt = -Infinity;

  constructor(
    private readonly reducer: PeakReducer,
    private readonly duration: number,
    private readonly emit: (chunk: PeaksChunk) => void,
  ) {}

  maybeEmit(): void {
    const now = performance.now();
    if (now - this.lastAt < PROGRESS_INTERVAL_MS || this.reducer.pairs === this.sent) return;
    this.lastAt = now;
    const decodedMs = (this.reducer.pairs * 1000) / PEAKS_PER_SECOND;
    this.send(this.duration > 0 ? Math.min(0.999, decodedMs / this.duration) : 0, this.duration);
  }

  emitRest(duration: number): void {
    if (this.reducer.pairs > this.sent || this.sent === 0) this.send(1, duration);
  }

  private send(fraction: number, duration: number): void {
    const start = this.sent;
    const data = this.reducer.dataFrom(start);
    this.sent = this.reducer.pairs;
    this.emit({ peaksPerSecond: PEAKS_PER_SECOND, start, data, fraction, duration });
  }
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** Reduces s16le mono PCM, arriving in chunks of any length, to interleaved min/max pairs in -1…1. */
export class PeakReducer {
  private readonly data: number[] = [];
  private carry: number | null = null;
  private min = 0;
  private max = 0;
  private count = 0;
  private total = 0;

  constructor(private readonly samplesPerPeak: number) {}

  /** Complete pairs so far. */
  get pairs(): number {
    return this.data.length >> 1;
  }

  /** The complete pairs from pair `start` on, interleaved. */
  dataFrom(start: number): number[] {
    return this.data.slice(start * 2);
  }

  push(chunk: Buffer): void {
    let buffer = chunk;
    if (this.carry !== null) {
      buffer = Buffer.concat([Buffer.from([this.carry]), chunk]);
      this.carry = null;
    }
    const whole = buffer.length - (buffer.length % 2);
    if (whole < buffer.length) this.carry = buffer[whole];
    if (whole === 0) return;
    this.addSamples(samplesOf(buffer, whole));
  }

  finish(): Peaks {
    if (this.count > 0) this.flush();
    return {
      peaksPerSecond: (SAMPLE_RATE / this.samplesPerPeak),
      duration: Math.round((this.total / SAMPLE_RATE) * 1000),
      data: this.data,
    };
  }

  /** The hot loop (an hour is 29 M samples): integer min/max, no per-sample calls. */
  private addSamples(samples: Int16Array): void {
    const per = this.samplesPerPeak;
    let { min, max, count } = this;
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i];
      if (count === 0) {
        min = sample;
        max = sample;
      } else if (sample < min) min = sample;
      else if (sample > max) max = sample;
      if (++count === per) {
        this.min = min;
        this.max = max;
        this.flush();
        count = 0;
      }
    }
    this.min = min;
    this.max = max;
    this.count = count;
    this.total += samples.length;
  }

  private flush(): void {
    // Four decimals are far below a pixel and keep the JSON of an hour of peaks small.
    this.data.push(Math.round((this.min / 32768) * 1e4) / 1e4, Math.round((this.max / 32768) * 1e4) / 1e4);
    this.count = 0;
  }
}

/** The first `bytes` of a buffer as 16-bit little-endian samples, without a copy when alignment allows. */
function samplesOf(buffer: Buffer, bytes: number): Int16Array {
  if (LITTLE_ENDIAN && buffer.byteOffset % 2 === 0) return new Int16Array(buffer.buffer, buffer.byteOffset, bytes / 2);
  const samples = new Int16Array(bytes / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = buffer.readInt16LE(2 * i);
  return samples;
}
