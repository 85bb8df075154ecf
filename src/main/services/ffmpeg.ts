/**
 * Locating ffmpeg and asking it about a file. The system ffmpeg is preferred (newer codecs); the binary of
 * `@ffmpeg-installer/ffmpeg` is the fallback so a fresh checkout works without a system install.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, delimiter, join } from 'node:path';

export interface FfmpegLocation {
  path: string;
  source: 'path' | 'bundled';
}

export const FFMPEG_INSTALL_HINT = 'ffmpeg was not found: install it (for example `apt-get install ffmpeg`) or run `npm install`.';

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | null {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

function findBundled(): string | null {
  try {
    // The package is CommonJS and throws a string when its platform binary is missing.
    const require = createRequire(import.meta.url);
    const path = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    if (!isExecutableFile(path)) chmodSync(path, statSync(path).mode | 0o100);
    return isExecutableFile(path) ? path : null;
  } catch {
    return null;
  }
}

/** Where ffmpeg is, or null (callers show FFMPEG_INSTALL_HINT). */
export function findFfmpeg(): FfmpegLocation | null {
  const onPath = findOnPath('ffmpeg');
  if (onPath && spawnSync(onPath, ['-version'], { stdio: 'ignore', timeout: 10_000 }).status === 0) {
    return { path: onPath, source: 'path' };
  }
  const bundled = findBundled();
  return bundled ? { path: bundled, source: 'bundled' } : null;
}

/** What the streams of an input are, from ffmpeg's description (codec names as ffmpeg prints them). */
export interface MediaStreams {
  /** ffmpeg's demuxer names, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  container: string;
  audioCodec: string | null;
  /** The first real video stream; cover art (`attached pic`) is not video. */
  videoCodec: string | null;
  width: number | null;
  height: number | null;
}

export type ProbeResult =
  | { ok: true; duration: number | null; hasAudio: boolean; streams?: MediaStreams }
  | { ok: false; reason: string };

const MAX_STDERR = 64 * 1024;

/** Collects what an ffmpeg with piped stderr says (its first 64 KB: enough for a probe and for the last error). */
export function collectStderr(child: ChildProcess): () => string {
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < MAX_STDERR) stderr += chunk;
  });
  return () => stderr;
}

/**
 * How an ffmpeg the caller started (stderr piped) ends: resolves when it exits 0, else rejects with why — it could
 * not run, it was stopped by a signal, or its last error line about `file`. It settles on 'close', which comes
 * after the process exited and its pipes closed, so nothing is left behind when it does.
 */
export function ffmpegExit(child: ChildProcess, file: string): Promise<void> {
  const stderr = collectStderr(child);
  return new Promise((resolve, reject) => {
    let spawnError: Error | null = null;
    child.on('error', (error) => {
      spawnError = new Error(`ffmpeg could not run (${error.message})`);
    });
    child.on('close', (code, signal) => {
      if (spawnError) return reject(spawnError);
      if (code === 0) return resolve();
      reject(new Error(signal ? `ffmpeg was stopped (${signal})` : `ffmpeg failed: ${lastErrorLine(stderr(), file)}`));
    });
  });
}

/**
 * Runs `ffmpeg -i FILE` (no output: it exits 1 after printing the input's description) and reads the
 * duration and streams from stderr. ffprobe is not used because the npm package does not ship it.
 */
export function probeMedia(ffmpegPath: string, file: string): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr = collectStderr(child);
    child.on('error', (error) => resolve({ ok: false, reason: `ffmpeg could not run (${error.message})` }));
    child.on('close', () => {
      const result = parseProbe(stderr(), file);
      resolve(result.ok ? { ...result, streams: parseStreams(stderr()) } : result);
    });
  });
}

/** Exported for tests: turns ffmpeg's description of an input into a duration or a reason. */
export function parseProbe(stderr: string, file: string): ProbeResult {
  if (!/^Input #0/m.test(stderr)) return { ok: false, reason: lastErrorLine(stderr, file) };
  const hasAudio = /^\s*Stream #0:\d+.*: Audio: /m.test(stderr);
  const match = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  const duration = match
    ? Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000)
    : null;
  return { ok: true, duration, hasAudio };
}

/** Exported for tests: the container, codecs and frame size in ffmpeg's description of an input. */
export function parseStreams(stderr: string): MediaStreams {
  const container = /^Input #0, (.+?), from /m.exec(stderr)?.[1] ?? '';
  const audioCodec = /^\s*Stream #0:\d+.*?: Audio: (\w+)/m.exec(stderr)?.[1] ?? null;
  const video = stderr.split(/\r?\n/)
    .map((line) => /^\s*Stream #0:\d+.*?: Video: (\w+)(.*)$/.exec(line))
    .find((match) => match && !match[2].includes('(attached pic)'));
  const size = video ? /\b([1-9]\d{0,4})x([1-9]\d{0,4})\b/.exec(video[2]) : null;
  return {
    container,
    audioCodec,
    videoCodec: video?.[1] ?? null,
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
  };
}

/** ffmpeg's last message, without the file path it starts with (the caller names the file itself). */
export function lastErrorLine(stderr: string, file: string): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1) ?? 'ffmpeg could not read it';
  for (const prefix of [file + ': ', basename(file) + ': ']) {
    if (last.startsWith(prefix)) return last.slice(prefix.length);
  }
  return last;
}
