/**
 * Locating ffmpeg (and the ffprobe beside it) and asking them about a file. The system ffmpeg is preferred: the
 * binary of `@ffmpeg-installer/ffmpeg` is a 2018 build that parses untrusted media, kept only as the fallback so a
 * fresh checkout works without a system install (and said so in Settings).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, promises as fs, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, extname, join } from 'node:path';
import { lastErrorLine, parseFfprobeJson, parseProbe, parseStreams, type ProbeResult } from './probe-parse';

export { lastErrorLine, parseFfprobeJson, parseProbe, parseStreams } from './probe-parse';
export type { MediaStreams, ProbeResult } from './probe-parse';

export interface FfmpegLocation {
  path: string;
  source: 'system' | 'bundled';
}

export const FFMPEG_INSTALL_HINT = 'ffmpeg was not found: install it (for example `apt-get install ffmpeg`) or run `npm install`.';
export const BUNDLED_FFMPEG_WARNING = 'Using the ffmpeg bundled from npm (a 2018 build) to read media; install ffmpeg '
  + '(apt install ffmpeg) for a current, safer one.';

/** Only local files: a playlist or concat file inside untrusted media must not make ffmpeg fetch URLs. */
export const INPUT_PROTOCOLS = ['-protocol_whitelist', 'file'];
/** A probe that hangs (a stalled network mount) fails rather than holding the open forever. */
const PROBE_TIMEOUT_MS = 60_000;
/** ffprobe's JSON for a file with many streams and tags stays far below this; more is not a description. */
const MAX_PROBE_JSON = 4 * 1024 * 1024;

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

let bundled: string | null | undefined;
/** The npm package's binary (looked up once). */
export function findBundledFfmpeg(): string | null {
  if (bundled !== undefined) return bundled;
  try {
    // The package is CommonJS and throws a string when its platform binary is missing.
    const require = createRequire(import.meta.url);
    const path = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    if (!isExecutableFile(path)) chmodSync(path, statSync(path).mode | 0o100);
    bundled = isExecutableFile(path) ? path : null;
  } catch {
    bundled = null;
  }
  return bundled;
}

/** Whether `path` is (a link to) the npm package's old build. */
export function isBundledFfmpeg(path: string): boolean {
  const npm = findBundledFfmpeg();
  if (!npm) return false;
  try {
    return realpathSync(path) === realpathSync(npm);
  } catch {
    return false;
  }
}

/** Where ffmpeg is, or null (callers show FFMPEG_INSTALL_HINT). */
export function findFfmpeg(): FfmpegLocation | null {
  const onPath = findOnPath('ffmpeg');
  if (onPath && ffmpegVersion(onPath) !== null) return { path: onPath, source: 'system' };
  const npm = findBundledFfmpeg();
  return npm ? { path: npm, source: 'bundled' } : null;
}

const versions = new Map<string, string | null>();
/** The version `ffmpeg -version` prints (cached per path), or null when it does not run. */
export function ffmpegVersion(path: string): string | null {
  if (!versions.has(path)) {
    const run = spawnSync(path, ['-version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    const version = run.status === 0 ? /^\S+ version (\S+)/.exec(run.stdout)?.[1] ?? 'unknown' : null;
    versions.set(path, version);
  }
  return versions.get(path)!;
}

const ffprobes = new Map<string, string | null>();
/**
 * The ffprobe to describe files with when `ffmpeg` is in use: the one beside it, or the one on PATH when `ffmpeg`
 * is the system's; null when there is none (the npm package ships no ffprobe).
 */
export function findFfprobe(ffmpeg: string): string | null {
  if (!ffprobes.has(ffmpeg)) {
    const beside = join(dirname(ffmpeg), 'ffprobe' + (extname(ffmpeg).toLowerCase() === '.exe' ? '.exe' : ''));
    const system = findOnPath('ffmpeg') === ffmpeg ? findOnPath('ffprobe') : null;
    ffprobes.set(ffmpeg, isExecutableFile(beside) ? beside : system);
  }
  return ffprobes.get(ffmpeg)!;
}

const MAX_STDERR = 64 * 1024;

/** Collects what a child with piped stderr says (its first 64 KB: enough for a probe and for the last error). */
export function collectStderr(child: ChildProcess): () => string {
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < MAX_STDERR) stderr += chunk;
  });
  // A pipe that fails (the child's end reset) loses only the message; the exit still reports the outcome.
  child.stderr!.on('error', () => undefined);
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
      spawnError = new Error(`ffmpeg could not run (${describeSpawnError(error)})`);
    });
    child.on('close', (code, signal) => {
      if (spawnError) return reject(spawnError);
      if (code === 0) return resolve();
      const said = stderr().trim() ? lastErrorLine(stderr(), file) : `it exited with code ${code} and said nothing`;
      reject(new Error(signal ? `ffmpeg was stopped (${signal})` : `ffmpeg failed: ${said}`));
    });
  });
}

/** A spawn failure in words: ENOENT and EACCES are the usual ones (a wrong path in Settings). */
export function describeSpawnError(error: NodeJS.ErrnoException): string {
  const path = (error as { path?: string }).path ?? '';
  if (error.code === 'ENOENT') return `${path || 'the program'} does not exist`;
  if (error.code === 'EACCES') return `${path || 'the program'} is not executable`;
  return error.message;
}

export interface ProbeOptions {
  /** Stops the probe (the service shutting down). */
  signal?: AbortSignal;
  /** The ffprobe to use; undefined: the one found for this ffmpeg (see findFfprobe); null: ffmpeg's text output. */
  ffprobe?: string | null;
  timeoutMs?: number;
}

/**
 * Describes `file`: with `ffprobe -of json` when there is an ffprobe, else from `ffmpeg -i`'s text. Either reads a
 * link with a name of our choosing in a private folder, so nothing the prober prints comes from the file's name.
 * Never rejects: a prober that is missing or crashes is a result with `tool: true`.
 */
export async function probeMedia(ffmpegPath: string, file: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const ffprobe = options.ffprobe === undefined ? findFfprobe(ffmpegPath) : options.ffprobe;
  const input = await fixedName(file);
  try {
    const args = ffprobe
      ? ['-v', 'error', '-hide_banner', ...INPUT_PROTOCOLS, '-of', 'json', '-show_format', '-show_streams', '-i', input.path]
      : ['-hide_banner', '-nostdin', ...INPUT_PROTOCOLS, '-i', input.path];
    const run = await runProbe(ffprobe ?? ffmpegPath, args, options);
    if (run.failure) return { ok: false, reason: run.failure, tool: true };
    if (ffprobe) {
      const parsed = run.code === 0 ? parseFfprobeJson(run.stdout) : null;
      return parsed ?? { ok: false, reason: reasonOf(run, input.path, 'ffprobe') };
    }
    const result = parseProbe(run.stderr, input.path);
    if (!result.ok) return { ok: false, reason: reasonOf(run, input.path, 'ffmpeg') };
    return { ...result, streams: parseStreams(run.stderr, input.path) };
  } finally {
    await input.release();
  }
}

function reasonOf(run: ProbeRun, file: string, tool: string): string {
  return run.stderr.trim() ? lastErrorLine(run.stderr, file) : `${tool} exited with code ${run.code} and said nothing`;
}

interface ProbeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why the prober did not give an answer (could not run, was stopped, timed out). */
  failure?: string;
}

function runProbe(program: string, args: string[], options: ProbeOptions): Promise<ProbeRun> {
  const name = basename(program);
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      return resolve({ code: null, stdout: '', stderr: '', failure: `${name} could not run (${(error as Error).message})` });
    }
    let stdout = '';
    let failure: string | undefined;
    const stop = (why: string) => {
      failure ??= why;
      child.kill('SIGKILL');
    };
    const stderr = collectStderr(child);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_PROBE_JSON) stop(`${name} said more than ${MAX_PROBE_JSON >> 20} MB about it`);
    });
    child.stdout!.on('error', () => undefined); // the exit reports the outcome
    const timeout = options.timeoutMs ?? PROBE_TIMEOUT_MS;
    const timer = setTimeout(() => stop(`${name} did not answer within ${timeout < 1000 ? `${timeout} ms` : `${Math.round(timeout / 1000)} s`}`), timeout);
    const onAbort = () => stop(`${name} was stopped`);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.on('error', (error) => {
      failure ??= `${name} could not run (${describeSpawnError(error)})`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!failure && signal) failure = `${name} was stopped (${signal})`;
      resolve({ code, stdout, stderr: stderr(), failure });
    });
  });
}

/**
 * A path to `file` whose name we chose: a symbolic link `media.EXT` in a private temp folder (the extension kept,
 * as ffmpeg uses it as a hint), removed by `release`. Where no link can be made (Windows without the privilege),
 * the file's own path, which the parsers still read only after the header that names it.
 */
async function fixedName(file: string): Promise<{ path: string; release(): Promise<void> }> {
  const ext = /^\.[A-Za-z0-9]{1,10}$/.test(extname(file)) ? extname(file).toLowerCase() : '';
  let dir: string | null = null;
  try {
    dir = await fs.mkdtemp(join(tmpdir(), 'duosub-probe-'));
    const link = join(dir, `media${ext}`);
    await fs.symlink(await fs.realpath(file), link);
    return { path: link, release: () => fs.rm(dir!, { recursive: true, force: true }) };
  } catch {
    if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    return { path: file, release: async () => undefined };
  }
}
