/**
 * Media safety (issue 11): a file name cannot spoof the probe (ffprobe JSON and ffmpeg text), ffmpeg's source is
 * told (the old npm build warned about), and a missing, crashing or silent binary or a failing pipe is a clear
 * error naming the media file, never an uncaught exception or a process left behind.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaService } from '../../src/node/media/media';
import {
  BUNDLED_FFMPEG_WARNING, ffmpegExit, findBundledFfmpeg, findFfmpeg, findFfprobe, parseProbe, parseStreams, probeMedia,
} from '../../src/node/ffmpeg/ffmpeg';
import { decodePeaks, type FfmpegChild } from '../../src/node/media/peaks-decode';

const ffmpeg = findFfmpeg();
const dir = mkdtempSync(join(tmpdir(), 'duosub-media-safety-'));
const wav = join(dir, 'tone.wav');
/** A name full of what ffmpeg's text would show for a one-hour 1080p video. */
const SPOOF = 'talk\n  Duration: 99:00:00.00, start: 0.000000, bitrate: 1411 kbps\n'
  + "  Stream #0:0: Video: h264 (High), yuv420p, 1920x1080, 25 fps\nInput #0, mov,mp4, from 'x':\n.wav";
const spoofed = join(dir, SPOOF);

/** A shell script standing in for ffmpeg. */
function fake(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** The real ffmpeg through a link in a folder with no ffprobe: probes then read ffmpeg's text. */
function ffmpegWithoutFfprobe(): string {
  const alone = join(dir, 'no-ffprobe');
  mkdirSync(alone, { recursive: true });
  const link = join(alone, 'ffmpeg');
  try {
    symlinkSync(ffmpeg!.path, link);
  } catch {
    // made by an earlier test
  }
  return link;
}

function childProcesses(): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n').map((line) => line.trim()).filter((line) => line && !/\bps$/.test(line));
  } catch {
    return [];
  }
}

beforeAll(() => {
  if (!ffmpeg) throw new Error('ffmpeg is needed for these tests');
  execFileSync(ffmpeg.path, ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1.5', wav]);
  copyFileSync(wav, spoofed);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a file name cannot spoof the probe', () => {
  it('the spoof works on a parser that reads all of ffmpeg\'s text (so the tests below can fail)', () => {
    const stderr = spawnSync(ffmpeg!.path, ['-hide_banner', '-i', spoofed], { encoding: 'utf8' }).stderr;
    expect(/Duration: (\d+):/.exec(stderr)?.[1]).toBe('99');
    expect(/Stream #0:\d+.*?: Video: (\w+)/.exec(stderr)?.[1]).toBe('h264');
  });

  it.each([
    ['ffprobe JSON', () => ffmpeg!.path, undefined],
    ['ffmpeg text', ffmpegWithoutFfprobe, null],
  ])('probes the spoofing file correctly with %s', async (_kind, program, ffprobe) => {
    if (ffprobe === undefined) expect(findFfprobe(program())).not.toBeNull();
    else expect(findFfprobe(program())).toBeNull();
    const probe = await probeMedia(program(), spoofed);
    expect(probe.ok).toBe(true);
    if (!probe.ok) return;
    expect(Math.abs((probe.duration ?? 0) - 1500)).toBeLessThanOrEqual(50);
    expect(probe.hasAudio).toBe(true);
    expect(probe.streams).toMatchObject({ audioCodec: 'pcm_s16le', videoCodec: null, width: null, height: null });
    expect(probe.streams?.container).toBe('wav');
  });

  it('registers the spoofing file as 1.5 s of audio through the service, both ways', async () => {
    for (const ffmpegPath of [ffmpeg!.path, ffmpegWithoutFfprobe()]) {
      const media = new MediaService({ ffmpegPath, cacheDir: mkdtempSync(join(dir, 'cache-')) });
      const info = await media.register(spoofed);
      expect(info).toMatchObject({ kind: 'audio', fileName: SPOOF, playToken: info.token });
      expect(Math.abs(info.duration - 1500)).toBeLessThanOrEqual(50);
      expect(info).not.toHaveProperty('width');
    }
  });

  it('reads ffmpeg\'s text only after the header naming the whole path (where no link can be made)', () => {
    const stderr = spawnSync(ffmpeg!.path, ['-hide_banner', '-i', spoofed], { encoding: 'utf8' }).stderr;
    const probe = parseProbe(stderr, spoofed);
    expect(probe).toEqual({ ok: true, duration: 1500, hasAudio: true });
    expect(parseStreams(stderr, spoofed)).toEqual({ container: 'wav', audioCodec: 'pcm_s16le', videoCodec: null, width: null, height: null });
    // The header must name this file: text that names another is no description of it.
    expect(parseProbe(stderr, join(dir, 'other.wav')).ok).toBe(false);
  });

  it('a non-media file with a spoofing name is refused, and the reason does not repeat the name', async () => {
    const junk = join(dir, `${SPOOF}.mp3`);
    writeFileSync(junk, 'not audio at all\n'.repeat(50));
    for (const [program, ffprobe] of [[ffmpeg!.path, undefined], [ffmpegWithoutFfprobe(), null]] as const) {
      const probe = await probeMedia(program, junk, { ffprobe });
      expect(probe.ok).toBe(false);
      if (!probe.ok) expect(probe.reason).not.toMatch(/Duration|Stream|talk/);
    }
  });

  it('leaves no link folder behind', async () => {
    const own = mkdtempSync(join(dir, 'tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = own;
    try {
      await probeMedia(ffmpeg!.path, spoofed);
      await probeMedia(ffmpegWithoutFfprobe(), spoofed);
      await probeMedia(ffmpeg!.path, join(dir, 'missing.wav'));
    } finally {
      process.env.TMPDIR = saved;
    }
    expect(readdirSync(own)).toEqual([]);
  });
});

describe('which ffmpeg, and a warning for the npm build', () => {
  it('prefers the system ffmpeg and gives its version', () => {
    const media = new MediaService({ cacheDir: mkdtempSync(join(dir, 'cache-')) });
    const info = media.ffmpegInfo();
    expect(info.source).toBe(ffmpeg!.source);
    if (ffmpeg!.source === 'system') {
      expect(info).toMatchObject({ path: ffmpeg!.path, warning: null });
      expect(info.version).toMatch(/^\S+$/);
    }
  });

  it('warns when only the npm build is there, and when Settings name it', () => {
    const bundled = findBundledFfmpeg();
    if (!bundled) return expect.fail('the @ffmpeg-installer/ffmpeg package is installed in this repo');
    const saved = process.env.PATH;
    process.env.PATH = mkdtempSync(join(dir, 'empty-path-'));
    try {
      const auto = new MediaService({ cacheDir: mkdtempSync(join(dir, 'cache-')) }).ffmpegInfo();
      expect(auto).toMatchObject({ path: bundled, source: 'bundled', warning: BUNDLED_FFMPEG_WARNING });
      expect(auto.version).toMatch(/^N-\d+/);
    } finally {
      process.env.PATH = saved;
    }
    const media = new MediaService({ cacheDir: mkdtempSync(join(dir, 'cache-')) });
    media.useFfmpeg(bundled);
    expect(media.ffmpegInfo()).toMatchObject({ source: 'settings', warning: BUNDLED_FFMPEG_WARNING });
  });
});

describe('child processes that fail', () => {
  const cacheDir = () => mkdtempSync(join(dir, 'cache-'));

  it('a non-existent ffmpeg: a clear error naming the file and the program', async () => {
    const media = new MediaService({ ffmpegPath: join(dir, 'nowhere', 'ffmpeg'), cacheDir: cacheDir() });
    await expect(media.register(wav)).rejects.toThrow(/Cannot open media "tone\.wav": ffmpeg could not run \(.*nowhere\/ffmpeg does not exist\)/);
    const probe = await probeMedia(ffmpeg!.path, wav, { ffprobe: join(dir, 'nowhere', 'ffprobe') });
    expect(probe).toMatchObject({ ok: false, tool: true, reason: expect.stringMatching(/ffprobe could not run .*does not exist/) });
  });

  it('an ffmpeg that vanishes after the probe: the waveform fails naming the file, with no process left', async () => {
    const doomed = fake('doomed.sh', `exec '${ffmpeg!.path}' "$@"`);
    const media = new MediaService({ ffmpegPath: doomed, cacheDir: cacheDir() });
    const info = await media.register(wav);
    rmSync(doomed);
    await expect(media.peaks(info.token)).rejects.toThrow(/Cannot read the waveform of "tone\.wav": ffmpeg could not run \(.*doomed\.sh does not exist\)/);
    expect(media.runningProcesses).toBe(0);
  });

  it('an ffmpeg that exits at once, saying nothing', async () => {
    const media = new MediaService({ ffmpegPath: fake('silent.sh', 'exit 3'), cacheDir: cacheDir() });
    await expect(media.register(wav)).rejects.toThrow(/"tone\.wav".*ffmpeg exited with code 3 and said nothing/);
    const decoding = fake('silent-decode.sh', `case "$*" in *s16le*) exit 3;; esac\nexec '${ffmpeg!.path}' "$@"`);
    const second = new MediaService({ ffmpegPath: decoding, cacheDir: cacheDir() });
    const info = await second.register(wav);
    await expect(second.peaks(info.token)).rejects.toThrow(/"tone\.wav": ffmpeg failed: it exited with code 3 and said nothing/);
  });

  it('an ffmpeg that crashes', async () => {
    const media = new MediaService({ ffmpegPath: fake('crash.sh', 'kill -SEGV $$'), cacheDir: cacheDir() });
    await expect(media.register(wav)).rejects.toThrow(/Cannot open media "tone\.wav": crash\.sh was stopped \(SIGSEGV\)/);
  });

  it('a probe that hangs times out, and dispose stops one at once, leaving no process', async () => {
    const hang = fake('hang.sh', 'exec sleep 60');
    const before = childProcesses();
    const probe = await probeMedia(hang, wav, { ffprobe: null, timeoutMs: 300 });
    expect(probe).toMatchObject({ ok: false, tool: true, reason: 'hang.sh did not answer within 300 ms' });
    const media = new MediaService({ ffmpegPath: hang, cacheDir: cacheDir() });
    const registering = media.register(wav);
    await vi.waitFor(() => expect(childProcesses().length).toBeGreaterThan(before.length));
    media.dispose();
    await expect(registering).rejects.toThrow(/"tone\.wav": hang\.sh was stopped/);
    expect(childProcesses()).toEqual(before);
  });

  it('a decoder whose output pipe fails: the waveform fails naming the file, and the child is stopped', async () => {
    const started: FfmpegChild[] = [];
    const peaks = decodePeaks({
      path: wav,
      name: 'tone.wav',
      duration: 1500,
      decoders: 1,
      start: () => {
        started.push(spawn('sleep', ['60'], { stdio: ['ignore', 'pipe', 'pipe'] }));
        return started[0];
      },
      onChunk: () => undefined,
    });
    started[0].stdout.destroy(new Error('EIO: the pipe broke'));
    await expect(peaks).rejects.toThrow(/EIO: the pipe broke/);
    expect(started[0].signalCode).toBe('SIGKILL');
  });

  it('a failing stderr pipe loses only the message: the exit is still reported', async () => {
    const child = spawn('sh', ['-c', 'sleep 0.2; exit 4'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const exit = ffmpegExit(child, wav);
    child.stderr!.destroy(new Error('EIO'));
    await expect(exit).rejects.toThrow(/ffmpeg failed: it exited with code 4 and said nothing/);
  });

  it('a proxy whose ffmpeg fails leaves no temp file, and the error names the file', async () => {
    const adpcm = join(dir, 'adpcm.wav');
    execFileSync(ffmpeg!.path, ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'adpcm_ms', adpcm]);
    const failing = fake('proxy-fail.sh', `case "$*" in *libopus*) echo 'Encoder exploded' >&2; exit 1;; esac\nexec '${ffmpeg!.path}' "$@"`);
    const cache = cacheDir();
    const media = new MediaService({ ffmpegPath: failing, cacheDir: cache });
    const info = await media.register(adpcm);
    await expect(media.proxyFor(info.token)).rejects.toThrow(/Cannot make a playable copy of "adpcm\.wav": ffmpeg failed: Encoder exploded/);
    expect(readdirSync(join(cache, 'proxies'))).toEqual([]);
  });
});
