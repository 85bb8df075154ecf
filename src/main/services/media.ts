/**
 * Media the documents play: files registered under opaque tokens (the renderer never sees a path), and their
 * waveform peaks, decoded by ffmpeg in a child process and reduced to min/max pairs while streaming.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { MediaInfo, Peaks } from '../../shared/api';
import { FFMPEG_INSTALL_HINT, findFfmpeg, lastErrorLine, probeMedia } from './ffmpeg';

const SAMPLE_RATE = 8000;
export const PEAKS_PER_SECOND = 100;
const SAMPLES_PER_PEAK = SAMPLE_RATE / PEAKS_PER_SECOND;
const MAX_STDERR = 16 * 1024;

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

interface Entry {
  path: string;
  info: MediaInfo;
  peaks?: Promise<Peaks>;
}

export class MediaService {
  private readonly entries = new Map<string, Entry>();
  private readonly children = new Set<ChildProcess>();
  private ffmpegPath: string | null | undefined;
  private disposed = false;

  constructor(private readonly options: { ffmpegPath?: string; cacheDir: string }) {
    this.ffmpegPath = options.ffmpegPath;
  }

  /** Number of ffmpeg processes still running (tests check that none is left behind). */
  get runningProcesses(): number {
    return this.children.size;
  }

  /** Probes the file and issues a token for it. Rejects with a message that names the file. */
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
    const token = randomBytes(16).toString('hex'); // hex: survives a case-folding URL host (Electron scheme)
    const entry: Entry = { path, info: { token, fileName, duration: probe.duration ?? 0 } };
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
    return { ...entry.info };
  }

  /** Min/max peaks of the whole file, computed once per token. */
  peaks(token: string): Promise<Peaks> {
    const entry = this.entries.get(token);
    if (!entry) return Promise.reject(new Error('Unknown media token'));
    if (!entry.peaks) {
      entry.peaks = this.decodePeaks(entry.path);
      // A failure is not cached: the next call tries again (the file may have been fixed).
      entry.peaks.catch(() => {
        if (this.entries.get(token) === entry) entry.peaks = undefined;
      });
    }
    return entry.peaks;
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

  private decodePeaks(path: string): Promise<Peaks> {
    if (this.disposed) return Promise.reject(new Error('The media service has shut down'));
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-i', path, '-vn', '-sn', '-dn',
      '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
    return new Promise((resolve, reject) => {
      const child = spawn(this.ffmpeg(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
      this.children.add(child);
      const reducer = new PeakReducer(SAMPLES_PER_PEAK);
      let stderr = '';
      let failure: Error | null = null;
      const abort = (error: Error) => {
        failure ??= error;
        child.kill('SIGKILL');
      };
      child.stdout.on('data', (chunk: Buffer) => {
        try {
          reducer.push(chunk);
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
        if (failure) return reject(failure);
        if (code !== 0) {
          const why = signal ? `ffmpeg was stopped (${signal})` : `ffmpeg failed: ${lastErrorLine(stderr, path)}`;
          return reject(new Error(why));
        }
        resolve(reducer.finish());
      });
    });
  }
}

/** Reduces s16le mono PCM, arriving in chunks of any length, to interleaved min/max pairs in -1…1. */
export class PeakReducer {
  private readonly data: number[] = [];
  private carry: Buffer | null = null;
  private min = 0;
  private max = 0;
  private count = 0;
  private total = 0;

  constructor(private readonly samplesPerPeak: number) {}

  push(chunk: Buffer): void {
    let buffer = chunk;
    if (this.carry) {
      buffer = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const whole = buffer.length - (buffer.length % 2);
    for (let offset = 0; offset < whole; offset += 2) this.add(buffer.readInt16LE(offset) / 32768);
    if (whole < buffer.length) this.carry = Buffer.from(buffer.subarray(whole));
  }

  finish(): Peaks {
    if (this.count > 0) this.flush();
    return {
      peaksPerSecond: (SAMPLE_RATE / this.samplesPerPeak),
      duration: Math.round((this.total / SAMPLE_RATE) * 1000),
      data: this.data,
    };
  }

  private add(sample: number): void {
    if (this.count === 0) {
      this.min = sample;
      this.max = sample;
    } else if (sample < this.min) this.min = sample;
    else if (sample > this.max) this.max = sample;
    this.count++;
    this.total++;
    if (this.count === this.samplesPerPeak) this.flush();
  }

  private flush(): void {
    // Four decimals are far below a pixel and keep the JSON of an hour of peaks small.
    this.data.push(Math.round(this.min * 1e4) / 1e4, Math.round(this.max * 1e4) / 1e4);
    this.count = 0;
  }
}
