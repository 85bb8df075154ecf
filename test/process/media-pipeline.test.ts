import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaService } from '../../src/node/media/media';
import type { PeaksChunk } from '../../src/node/media/peaks-decode';
import type { Peaks } from '../../src/shared/api';
import { findFfmpeg, parseStreams, probeMedia } from '../../src/node/ffmpeg/ffmpeg';
import { cacheKey, decodeDat, encodeDat } from '../../src/node/media/peaks-cache';
import { isPlayable } from '../../src/node/media/proxy';

const ffmpeg = findFfmpeg();
const dir = mkdtempSync(join(tmpdir(), 'duosub-media-pipeline-'));
const mp3 = join(dir, 'tone.mp3');
const RESOLUTION = { sampleRate: 8000, peaksPerSecond: 100 };

function run(args: string[]): void {
  execFileSync(ffmpeg!.path, ['-hide_banner', '-v', 'error', '-y', ...args]);
}

/** A fake ffmpeg: probes go to the real one, the decode runs `decode` (a shell snippet) instead. */
function fakeFfmpeg(name: string, decode: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\ncase "$*" in *s16le*) ${decode};; esac\nexec '${ffmpeg!.path}' "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

/** ffmpeg's children of this process, zombies included. */
function childProcesses(): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n').map((line) => line.trim()).filter((line) => line && !/\bps$/.test(line));
  } catch {
    return [];
  }
}

const freshCache = () => mkdtempSync(join(dir, 'cache-'));

/** Starts reading the peaks, waits for `running` ffmpeg, cancels: the call rejects, and no process or cache file is left. */
async function expectCancelLeavesNothing(media: MediaService, token: string, running: number, message: RegExp, cacheDir: string) {
  const before = childProcesses();
  const peaks = media.peaks(token);
  await vi.waitFor(() => expect(media.runningProcesses).toBe(running));
  expect(media.cancelPeaks(token)).toBe(true);
  await expect(peaks).rejects.toThrow(message);
  expect(media.runningProcesses).toBe(0);
  expect(childProcesses()).toEqual(before);
  expect(datFiles(cacheDir)).toEqual([]);
}
const datFiles = (cacheDir: string) => (existsSync(join(cacheDir, 'peaks')) ? readdirSync(join(cacheDir, 'peaks')) : []);

beforeAll(() => {
  if (!ffmpeg) throw new Error('ffmpeg is needed for these tests');
  // A tone that swells and fades, so every pair differs from its neighbours.
  run(['-f', 'lavfi', '-i', 'aevalsrc=0.8*sin(2*PI*300*t)*(0.5+0.5*sin(2*PI*0.5*t)):s=22050:d=6', '-c:a', 'libmp3lame', mp3]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('peaks disk cache', () => {
  it('round-trips: a new service reads the cached peaks without running ffmpeg', async () => {
    const cacheDir = freshCache();
    const first = new MediaService({ cacheDir });
    const decoded = await first.peaks((await first.register(mp3)).token);
    expect(datFiles(cacheDir)).toHaveLength(1);
    expect(datFiles(cacheDir)[0]).toMatch(/^[0-9a-f]{40}\.dat$/);

    const noDecoder = fakeFfmpeg('no-decode.sh', "echo 'must not decode' >&2; exit 1");
    const second = new MediaService({ ffmpegPath: noDecoder, cacheDir });
    const cached = await second.peaks((await second.register(mp3)).token);
    expect(cached.data).toEqual(decoded.data);
    expect(cached.peaksPerSecond).toBe(100);
    expect(Math.abs(cached.duration - decoded.duration)).toBeLessThan(10);
  });

  it('writes audiowaveform .dat v2 (16-bit, one channel, 80 samples per pixel at 8 kHz)', () => {
    const dat = encodeDat({ peaksPerSecond: 100, duration: 20, data: [-0.5, 0.25, -1, 1] }, 8000);
    expect([dat.readInt32LE(0), dat.readUInt32LE(4), dat.readInt32LE(8), dat.readInt32LE(12), dat.readUInt32LE(16), dat.readInt32LE(20)])
      .toEqual([2, 0, 8000, 80, 2, 1]);
    expect(dat.length).toBe(24 + 2 * 4);
    expect(decodeDat(dat, RESOLUTION)?.data).toEqual([-0.5, 0.25, -1, 1]);
    expect(decodeDat(dat.subarray(0, dat.length - 1), RESOLUTION)).toBeNull();
    expect(decodeDat(dat, { sampleRate: 8000, peaksPerSecond: 50 })).toBeNull();
  });

  it('changes the key when the file changes', async () => {
    const copy = join(dir, 'copy.mp3');
    copyFileSync(mp3, copy);
    const original = (await cacheKey(copy)).key;
    expect((await cacheKey(copy)).key).toBe(original);
    utimesSync(copy, new Date(), new Date(Date.now() + 5000));
    const touched = (await cacheKey(copy)).key;
    expect(touched).not.toBe(original);
    const bytes = readFileSync(copy);
    bytes[100] ^= 0xff;
    writeFileSync(copy, bytes);
    utimesSync(copy, new Date(), new Date(Date.now() + 5000)); // same size and mtime as `touched`: only the head differs
    expect((await cacheKey(copy)).key).not.toBe(touched);
  });

  it('ignores a corrupt or truncated cache file and rewrites it', async () => {
    const cacheDir = freshCache();
    const first = new MediaService({ cacheDir });
    const decoded = await first.peaks((await first.register(mp3)).token);
    const file = join(cacheDir, 'peaks', datFiles(cacheDir)[0]);
    const good = readFileSync(file);
    for (const bad of [Buffer.from('not a dat file'), good.subarray(0, good.length - 7)]) {
      writeFileSync(file, bad);
      const media = new MediaService({ cacheDir });
      expect((await media.peaks((await media.register(mp3)).token)).data).toEqual(decoded.data);
      expect(readFileSync(file).equals(good)).toBe(true);
    }
  });
});

describe('progressive peaks', () => {
  it('sends chunks that cover every pair, in order, ending at fraction 1', async () => {
    const chunks: { token: string; chunk: PeaksChunk }[] = [];
    const cacheDir = freshCache();
    const media = new MediaService({ cacheDir, onProgress: (token, chunk) => chunks.push({ token, chunk }) });
    const info = await media.register(mp3);
    const peaks = await media.peaks(info.token);
    expect(chunks.length).toBeGreaterThan(0);
    let next = 0;
    for (const { token, chunk } of chunks) {
      expect(token).toBe(info.token);
      expect(chunk.start).toBe(next);
      expect(chunk.peaksPerSecond).toBe(100);
      expect(chunk.fraction).toBeGreaterThanOrEqual(0);
      expect(chunk.fraction).toBeLessThanOrEqual(1);
      next += chunk.data.length / 2;
    }
    expect(chunks.flatMap(({ chunk }) => chunk.data)).toEqual(peaks.data);
    expect(chunks.at(-1)!.chunk.fraction).toBe(1);
    // A cache hit answers at once, without chunks.
    chunks.length = 0;
    const again = new MediaService({ cacheDir, onProgress: (token, chunk) => chunks.push({ token, chunk }) });
    expect((await again.peaks((await again.register(mp3)).token)).data).toEqual(peaks.data);
    expect(chunks).toEqual([]);
  });
});

describe('cancel and bad input', () => {
  it('cancel kills ffmpeg, rejects with a cancelled message, writes no cache and leaves no zombie', async () => {
    const cacheDir = freshCache();
    const media = new MediaService({ ffmpegPath: fakeFfmpeg('hang.sh', 'exec sleep 60'), cacheDir });
    const info = await media.register(mp3);
    expect(media.cancelPeaks(info.token)).toBe(false); // nothing running yet
    await expectCancelLeavesNothing(media, info.token, 1, /"tone\.mp3" was cancelled/, cacheDir);
  });

  it('a file removed after it was opened gives a clear message naming it', async () => {
    const gone = join(dir, 'gone soon.mp3');
    copyFileSync(mp3, gone);
    const media = new MediaService({ cacheDir: freshCache() });
    const info = await media.register(gone);
    rmSync(gone);
    await expect(media.peaks(info.token)).rejects.toThrow(/"gone soon\.mp3".*no longer exists/);
    expect(media.runningProcesses).toBe(0);
  });

  it('a file that vanishes as the decode starts fails clearly, with no cache and no process left', async () => {
    const vanishing = join(dir, 'vanishing.mp3');
    copyFileSync(mp3, vanishing);
    const cacheDir = freshCache();
    const media = new MediaService({ ffmpegPath: fakeFfmpeg('vanish.sh', `rm -f '${vanishing}'`), cacheDir });
    const info = await media.register(vanishing);
    await expect(media.peaks(info.token)).rejects.toThrow(/"vanishing\.mp3"/);
    expect(media.runningProcesses).toBe(0);
    expect(datFiles(cacheDir)).toEqual([]);
  });

  it('a truncated media file is refused or decoded, never left running', async () => {
    const truncated = join(dir, 'truncated.mp3');
    writeFileSync(truncated, readFileSync(mp3).subarray(0, 300));
    const media = new MediaService({ cacheDir: freshCache() });
    const outcome = await media.register(truncated).then(
      async (info) => media.peaks(info.token).then(() => 'decoded', (e: Error) => e.message),
      (e: Error) => e.message,
    );
    expect(outcome === 'decoded' || outcome.includes('"truncated.mp3"')).toBe(true);
    expect(media.runningProcesses).toBe(0);
  });
});

describe('video and playability', () => {
  it('probes a video: kind, frame size, and plays it as it is', async () => {
    const video = join(dir, 'clip.mp4');
    run(['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2',
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', video]);
    const media = new MediaService({ cacheDir: freshCache() });
    const info = await media.register(video);
    expect(info).toMatchObject({ kind: 'video', width: 320, height: 240, playToken: info.token });
    expect(media.proxyFor(info.token)).toBeNull();
    const probe = await probeMedia(ffmpeg!.path, video);
    expect(probe.ok && probe.streams).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac' });
  });

  it('an MP3 with cover art is audio', () => {
    const streams = parseStreams("Input #0, mp3, from 'a.mp3':\n  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s\n" +
      '  Stream #0:1: Video: mjpeg (Baseline), yuvj420p(pc), 600x600 [SAR 1:1 DAR 1:1], 90k tbr, 90k tbn (attached pic)\n', 'a.mp3');
    expect(streams).toEqual({ container: 'mp3', audioCodec: 'mp3', videoCodec: null, width: null, height: null });
    expect(isPlayable(streams)).toBe(true);
  });

  it('decides playability from codecs and container', () => {
    const base = { container: 'wav', audioCodec: 'pcm_s16le', videoCodec: null, width: null, height: null };
    expect(isPlayable(base)).toBe(true);
    expect(isPlayable({ ...base, audioCodec: 'adpcm_ms' })).toBe(false);
    expect(isPlayable({ ...base, container: 'mov,mp4,m4a,3gp,3g2,mj2', audioCodec: 'aac', videoCodec: 'hevc' })).toBe(false);
    expect(isPlayable({ ...base, container: 'matroska,webm', audioCodec: 'opus', videoCodec: 'vp9' })).toBe(true);
    expect(isPlayable({ ...base, container: 'avi', audioCodec: 'mp3', videoCodec: 'h264' })).toBe(false);
  });

  it('makes an Opus/WebM proxy for a codec the page cannot play and serves it by its token', async () => {
    const adpcm = join(dir, 'adpcm.wav');
    run(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'adpcm_ms', adpcm]);
    const cacheDir = freshCache();
    const media = new MediaService({ cacheDir });
    const info = await media.register(adpcm);
    expect(info.playToken).toBeNull();
    const playToken = await media.proxyFor(info.token)!;
    expect(playToken).toMatch(/^[0-9a-f]{32}$/);
    expect(playToken).not.toBe(info.token);
    const served = media.resolve(playToken)!;
    expect(served.mime).toBe('audio/webm');
    expect(served.size).toBeGreaterThan(1000);
    expect(served.path.startsWith(join(cacheDir, 'proxies'))).toBe(true);
    const probe = await probeMedia(ffmpeg!.path, served.path);
    expect(probe.ok && probe.streams).toMatchObject({ audioCodec: 'opus', videoCodec: null });
    expect(probe.ok && Math.abs((probe.duration ?? 0) - 2000)).toBeLessThan(100);
    expect(media.runningProcesses).toBe(0);
    expect(readdirSync(join(cacheDir, 'proxies')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a long file, decoded in segments at once', () => {
  const longMp3 = join(dir, 'long.mp3');
  const longM4a = join(dir, 'long.m4a');
  const references = new Map<string, Peaks>();

  beforeAll(() => {
    // Five minutes (long enough to split) of a tone that swells, so every seam window holds signal.
    const tone = "sine=f=300:r=22050:d=300,volume='0.5+0.4*sin(2*PI*0.5*t)':eval=frame";
    run(['-f', 'lavfi', '-i', tone, '-c:a', 'libmp3lame', '-b:a', '64k', longMp3]);
    run(['-f', 'lavfi', '-i', tone, '-c:a', 'aac', '-b:a', '48k', longM4a]);
  });

  /** The peaks one ffmpeg decodes from the top: what the segments must give. */
  async function oneFfmpeg(file: string): Promise<Peaks> {
    if (!references.has(file)) {
      const media = new MediaService({ cacheDir: freshCache(), peakDecoders: 1 });
      references.set(file, await media.peaks((await media.register(file)).token));
    }
    return references.get(file)!;
  }

  // MP3: each seek measured sample-exact once its decoder settled, so the values are the same. AAC: after a seek
  // ffmpeg's decoder stays off by 1–3 steps of 32768 in a few samples for good (its state differs, e.g. the
  // random noise of its noise substitution): a pair may differ in the 4th decimal, far below a pixel.
  it.each([['an MP3', longMp3, 0], ['an M4A', longM4a, 3e-4]])('splits %s in three, giving the peaks one ffmpeg gives and chunks that cover every pair once', async (_kind, file, tolerance) => {
    const chunks: PeaksChunk[] = [];
    let runningAtFirstChunk = 0;
    const media: MediaService = new MediaService({
      cacheDir: freshCache(),
      peakDecoders: 3,
      onProgress: (_token, chunk) => {
        if (chunks.length === 0) runningAtFirstChunk = media.runningProcesses;
        chunks.push(chunk);
      },
    });
    const peaks = await media.peaks((await media.register(file)).token);
    const reference = await oneFfmpeg(file);
    expect(peaks.data.length).toBe(reference.data.length);
    expect(peaks.duration).toBe(reference.duration);
    const off = peaks.data.map((value, i) => Math.abs(value - reference.data[i]));
    expect(off.every((difference) => difference <= tolerance + 1e-9)).toBe(true);

    expect(runningAtFirstChunk).toBeGreaterThan(0); // the first pixels do not wait for the end
    const starts = new Set(chunks.map((chunk) => chunk.start));
    expect([0, 10_000, 20_000].every((start) => starts.has(start))).toBe(true); // segments at 0, 100 and 200 s
    const covered = new Uint8Array(peaks.data.length / 2);
    for (const chunk of chunks) {
      covered.fill(1 + covered[chunk.start], chunk.start, chunk.start + chunk.data.length / 2);
      expect(chunk.data).toEqual(peaks.data.slice(2 * chunk.start, 2 * chunk.start + chunk.data.length));
    }
    expect(covered.every((times) => times === 1)).toBe(true);
    const fractions = chunks.map((chunk) => chunk.fraction);
    expect(fractions.every((fraction, i) => i === 0 || fraction >= fractions[i - 1])).toBe(true);
    expect(fractions.slice(0, -1).every((fraction) => fraction < 1)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(chunks.at(-1)!.duration).toBe(peaks.duration);
    expect(media.runningProcesses).toBe(0);
  });

  it('decodes the file again in one go when a seam does not match (a seek landing 13 ms late)', async () => {
    const log = join(dir, 'late-seek.log');
    const lateSeek = fakeFfmpeg('late-seek.sh',
      `for a; do shift; [ "$p" = -ss ] && a="$a.013"; set -- "$@" "$a"; p=$a; done; echo "$*" >> '${log}'`);
    const chunks: PeaksChunk[] = [];
    const media = new MediaService({ ffmpegPath: lateSeek, cacheDir: freshCache(), peakDecoders: 3, onProgress: (_t, chunk) => chunks.push(chunk) });
    const peaks = await media.peaks((await media.register(longMp3)).token);
    expect(peaks.data).toEqual((await oneFfmpeg(longMp3)).data);
    expect(peaks.duration).toBe((await oneFfmpeg(longMp3)).duration);
    const decodes = readFileSync(log, 'utf8').trim().split('\n');
    expect(decodes).toHaveLength(4); // three segments, then the whole file
    expect(decodes.filter((args) => / -ss \d+\.013 /.test(args))).toHaveLength(2);
    expect(decodes[3]).not.toMatch(/ -ss | -t /);
    // The fallback sends its chunks from the start again, and ends the progress.
    expect(chunks.filter((chunk) => chunk.start === 0).length).toBe(2);
    expect(chunks.at(-1)!.fraction).toBe(1);
    expect(media.runningProcesses).toBe(0);
  });

  it('decodes a truncated file whose header still claims the whole length in one go, as far as it goes', async () => {
    const truncated = join(dir, 'long truncated.mp3');
    writeFileSync(truncated, readFileSync(longMp3).subarray(0, 1_200_000)); // 150 of 300 s; the LAME tag says 300
    const chunks: PeaksChunk[] = [];
    const media = new MediaService({ cacheDir: freshCache(), peakDecoders: 3, onProgress: (_t, chunk) => chunks.push(chunk) });
    const info = await media.register(truncated);
    expect(info.duration).toBeGreaterThan(299_000); // so it is split, and the last segment seeks past the end
    const peaks = await media.peaks(info.token);
    const reference = await oneFfmpeg(truncated);
    expect(peaks.data).toEqual(reference.data);
    expect(Math.abs(peaks.duration - 150_000)).toBeLessThan(1000);
    expect(chunks.filter((chunk) => chunk.start === 0)).toHaveLength(2); // the last seam could not be checked
    expect(media.runningProcesses).toBe(0);
  });

  it('cancel stops the ffmpeg of every segment and leaves no zombie', async () => {
    const cacheDir = freshCache();
    const media = new MediaService({ ffmpegPath: fakeFfmpeg('hang.sh', 'exec sleep 60'), cacheDir, peakDecoders: 3 });
    const info = await media.register(longMp3);
    await expectCancelLeavesNothing(media, info.token, 3, /"long\.mp3" was cancelled/, cacheDir);
  });

  it('a failing segment stops the others and rejects naming the file, with no process left', async () => {
    const cacheDir = freshCache();
    // The segments after the first fail at once; the first would run for a minute unless it is stopped.
    const failing = fakeFfmpeg('failing-segment.sh',
      "case \"$*\" in *' -ss '*) echo 'Error while decoding stream' >&2; exit 1;; esac; exec sleep 60");
    const media = new MediaService({ ffmpegPath: failing, cacheDir, peakDecoders: 3 });
    const info = await media.register(longMp3);
    const before = childProcesses();
    await expect(media.peaks(info.token)).rejects.toThrow(/"long\.mp3": ffmpeg failed: Error while decoding stream/);
    expect(media.runningProcesses).toBe(0);
    expect(childProcesses()).toEqual(before);
    expect(datFiles(cacheDir)).toEqual([]);
  });
});
