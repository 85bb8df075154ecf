import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaService } from '../../src/node/media/media';
import { PeakReducer } from '../../src/node/media/peaks-decode';
import { findFfmpeg, parseFfprobeJson, parseProbe } from '../../src/node/ffmpeg/ffmpeg';

const ffmpeg = findFfmpeg();
const dir = mkdtempSync(join(tmpdir(), 'duosub-media-test-'));
const wav = join(dir, 'sine half.wav');
const mp3 = join(dir, 'sine.mp3');

/** 1.5 s of a 440 Hz sine at amplitude 0.5, the way the test knows what the peaks must be. */
function makeSine(out: string): void {
  execFileSync(ffmpeg!.path, ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'aevalsrc=0.5*sin(2*PI*440*t):s=44100:d=1.5', out]);
}

/** ffmpeg's children of this process, zombies included. */
function childProcesses(): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n').map((line) => line.trim()).filter((line) => line && !/\bps$/.test(line));
  } catch {
    return []; // ps exits 1 when there is no child at all
  }
}

beforeAll(() => {
  if (!ffmpeg) throw new Error('ffmpeg is needed for these tests');
  makeSine(wav);
  makeSine(mp3);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('MediaService', () => {
  it.each([['WAV', wav], ['MP3', mp3]])('registers a %s file with its duration and computes its peaks', async (_kind, file) => {
    const media = new MediaService({ cacheDir: dir });
    const info = await media.register(file);
    expect(info.fileName).toBe(file.split('/').pop());
    expect(info.token).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.abs(info.duration - 1500)).toBeLessThanOrEqual(50);

    const peaks = await media.peaks(info.token);
    expect(peaks.peaksPerSecond).toBe(100);
    expect(peaks.data.length % 2).toBe(0);
    // The decoded length is the truth (an MP3's container duration includes encoder padding).
    expect(Math.abs(peaks.duration - 1500)).toBeLessThanOrEqual(50);
    expect(Math.abs(peaks.duration - info.duration)).toBeLessThanOrEqual(50);
    expect(Math.abs(peaks.data.length / 2 - (peaks.duration / 1000) * 100)).toBeLessThanOrEqual(2);
    expect(peaks.data.every((value) => value >= -1 && value <= 1)).toBe(true);
    const maxes = peaks.data.filter((_, i) => i % 2 === 1);
    const mins = peaks.data.filter((_, i) => i % 2 === 0);
    expect(Math.max(...maxes)).toBeCloseTo(0.5, 1);
    expect(Math.min(...mins)).toBeCloseTo(-0.5, 1);
    // Every window of 10 ms holds 4.4 periods of the sine: each pair spans nearly the full amplitude.
    const middle = maxes.slice(10, -10);
    expect(middle.every((value) => value > 0.4)).toBe(true);
    expect(await media.peaks(info.token)).toBe(peaks); // computed once per token
    expect(media.runningProcesses).toBe(0);
  });

  it('resolves a token to the path, size and MIME type, and nothing else', async () => {
    const media = new MediaService({ cacheDir: dir });
    const info = await media.register(mp3);
    const resolved = media.resolve(info.token);
    expect(resolved?.path).toBe(mp3);
    expect(resolved?.mime).toBe('audio/mpeg');
    expect(resolved?.size).toBeGreaterThan(1000);
    expect(media.resolve('0'.repeat(32))).toBeNull();
    expect(media.resolve(mp3)).toBeNull();
  });

  it('rejects a file that is not media, naming the file', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'hello, this is not audio\n');
    const media = new MediaService({ cacheDir: dir });
    await expect(media.register(notes)).rejects.toThrow(/"notes\.txt".*not a media file/);
  });

  it('rejects a missing file, naming the file', async () => {
    const media = new MediaService({ cacheDir: dir });
    await expect(media.register(join(dir, 'gone.mp3'))).rejects.toThrow(/"gone\.mp3".*does not exist/);
  });

  it('rejects an unknown token', async () => {
    await expect(new MediaService({ cacheDir: dir }).peaks('nope')).rejects.toThrow(/Unknown media token/);
  });

  it('reports a decoder that fails and leaves no process behind', async () => {
    const fake = join(dir, 'failing-ffmpeg.sh');
    writeFileSync(fake, `#!/bin/sh\ncase "$*" in *s16le*) printf 'abc'; echo 'Error while decoding stream' >&2; exit 1;; esac\nexec '${ffmpeg!.path}' "$@"\n`);
    chmodSync(fake, 0o755);
    // A cache of its own: the peaks an earlier test cached would answer without running the decoder.
    const media = new MediaService({ ffmpegPath: fake, cacheDir: mkdtempSync(join(dir, 'cache-')) });
    const info = await media.register(wav);
    await expect(media.peaks(info.token)).rejects.toThrow(/ffmpeg failed: Error while decoding stream/);
    expect(media.runningProcesses).toBe(0);
  });

  it('kills a running decoder on dispose and leaves no zombie', async () => {
    const fake = join(dir, 'hanging-ffmpeg.sh');
    writeFileSync(fake, `#!/bin/sh\ncase "$*" in *s16le*) exec sleep 60;; esac\nexec '${ffmpeg!.path}' "$@"\n`);
    chmodSync(fake, 0o755);
    const media = new MediaService({ ffmpegPath: fake, cacheDir: mkdtempSync(join(dir, 'cache-')) });
    const info = await media.register(wav);
    const before = childProcesses();
    const peaks = media.peaks(info.token);
    await vi.waitFor(() => expect(media.runningProcesses).toBe(1)); // the cache is looked up first
    media.dispose();
    await expect(peaks).rejects.toThrow(/stopped \(SIGKILL\)/);
    expect(media.runningProcesses).toBe(0);
    expect(childProcesses()).toEqual(before);
  });

  it('works with the ffmpeg of the npm package too', async () => {
    const bundled = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    const media = new MediaService({ ffmpegPath: bundled, cacheDir: dir });
    const info = await media.register(wav);
    expect(Math.abs(info.duration - 1500)).toBeLessThanOrEqual(50);
    expect((await media.peaks(info.token)).data.length).toBeGreaterThan(290);
  });
});

describe('PeakReducer', () => {
  it('gives the same peaks whatever the chunk boundaries, odd bytes included', () => {
    const samples = Buffer.alloc(2 * 250);
    for (let i = 0; i < 250; i++) samples.writeInt16LE(Math.round(Math.sin(i / 7) * 20000) - (i % 3), 2 * i);
    const whole = new PeakReducer(80);
    whole.push(samples);
    const bytewise = new PeakReducer(80);
    for (let i = 0; i < samples.length; i++) bytewise.push(samples.subarray(i, i + 1));
    const expected = whole.finish();
    expect(bytewise.finish()).toEqual(expected);
    expect(expected.data).toHaveLength(8); // 3 full windows of 80 and one of 10
    expect(expected.duration).toBe(31); // 250 samples at 8 kHz
  });
});

describe('parseProbe', () => {
  it('reads the duration and whether there is audio', () => {
    const stderr = "Input #0, mp3, from 'a.mp3':\n  Duration: 01:02:03.45, start: 0.025057, bitrate: 65 kb/s\n  Stream #0:0: Audio: mp3, 44100 Hz, mono\n";
    expect(parseProbe(stderr, 'a.mp3')).toEqual({ ok: true, duration: 3_723_450, hasAudio: true });
  });

  it('reports ffmpeg\'s reason without the path', () => {
    expect(parseProbe('/x/a.txt: Invalid data found when processing input\n', '/x/a.txt')).toEqual({
      ok: false,
      reason: 'Invalid data found when processing input',
    });
  });
});

describe('parseFfprobeJson', () => {
  it('reads the container, the first audio stream and the first video stream that is not cover art', () => {
    const json = JSON.stringify({
      streams: [
        { codec_type: 'video', codec_name: 'mjpeg', width: 600, height: 600, disposition: { attached_pic: 1 } },
        { codec_type: 'audio', codec_name: 'aac' },
        { codec_type: 'video', codec_name: 'h264', width: 1280, height: 720, disposition: { attached_pic: 0 } },
      ],
      format: { filename: 'x\n  Duration: 99:00:00.00', format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.345678' },
    });
    expect(parseFfprobeJson(json)).toEqual({
      ok: true, duration: 12_346, hasAudio: true,
      streams: { container: 'mov,mp4,m4a,3gp,3g2,mj2', audioCodec: 'aac', videoCodec: 'h264', width: 1280, height: 720 },
    });
  });

  it('has no duration when ffprobe gives none, and is null for what is not its description', () => {
    const probe = parseFfprobeJson(JSON.stringify({ streams: [{ codec_type: 'audio', codec_name: 'aac' }], format: { format_name: 'aac' } }));
    expect(probe).toMatchObject({ ok: true, duration: null, hasAudio: true });
    expect(parseFfprobeJson('{\n\n}')).toBeNull(); // what ffprobe prints for a file it cannot read
    expect(parseFfprobeJson('not json')).toBeNull();
    expect(parseFfprobeJson(JSON.stringify({ format: { duration: 5 } }))).toBeNull();
  });
});
