/**
 * Waveforms of long files: 60- and 180-minute speech-like MP3s (generated with ffmpeg's lavfi sources into a temp
 * dir, removed afterwards). Per file: ffmpeg decoding alone to 8 kHz mono s16le into a pipe we drain; Duosub's
 * `MediaService.peaks()` on a fresh cache (full) and the time to its first progress chunk (first pixels: the
 * renderer draws each chunk as it arrives); a reopen from the disk cache by a new service; the renderer's JS heap
 * with the file open in browser mode; and, for 60 minutes, wavesurfer's own in-page decode in Chromium.
 * One line per file: `bench waveform: minutes=… ffmpeg_s=… full_s=… ratio_vs_ffmpeg=… first_pixels_s=… cached_s=…
 * heap_mb=… [wavesurfer_s=… speedup_vs_wavesurfer=…]`. BENCH_NO_CHROMIUM=1 skips the Chromium parts.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFfmpeg, FFMPEG_INSTALL_HINT } from '../src/node/ffmpeg/ffmpeg';
import { MediaService } from '../src/node/media/media';
import { fixed } from './lib/measure';
import { duosubHeap, launchChromium, wavesurferDecode } from './lib/waveform-chromium';

/** BENCH_WAVEFORM_MINUTES=1,2 runs a quick smoke test; wavesurfer decodes the first (shortest) file. */
const FILES_MINUTES = process.env.BENCH_WAVEFORM_MINUTES?.split(',').map(Number) ?? [60, 180];
const WAVESURFER_MINUTES = FILES_MINUTES[0];
const WAVESURFER_CAP_S = 120;
const HEAP_CAP_S = 300;

function ffmpeg(bin: string, args: string[], drain = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['-hide_banner', '-nostdin', '-v', 'error', ...args], { stdio: ['ignore', drain ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stdout?.on('data', () => undefined); // drained: the baseline pays for the pipe like Duosub does
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${stderr.trim()}`))));
  });
}

/**
 * Band-limited pink noise in ~4 Hz syllables and 2–3 s phrases with pauses: a decoder cannot tell it from speech.
 * Encoded like a published podcast (stereo, 44.1 kHz, 128 kb/s), which is what the page's own decoder chokes on.
 */
function makeSpeechLikeMp3(bin: string, path: string, minutes: number): Promise<void> {
  const envelope = "'0.5*(0.6+0.4*sin(2*PI*4*t))*gt(sin(2*PI*0.37*t)+0.2*sin(2*PI*1.3*t),-0.35)'";
  const graph = `anoisesrc=color=pink:sample_rate=22050:duration=${minutes * 60}:seed=7,` +
    `highpass=f=150,lowpass=f=3800,volume=volume=${envelope}:eval=frame`;
  return ffmpeg(bin, ['-f', 'lavfi', '-i', graph, '-ac', '2', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '128k', '-y', path]);
}

interface Row {
  minutes: number;
  ffmpegS: number;
  fullS: number;
  firstPixelsS: number;
  cachedS: number;
  durationMs: number;
  heapMb?: number | string;
  wavesurferS?: number | 'timeout';
}

async function measureMain(bin: string, mp3: string, cacheDir: string, minutes: number): Promise<Row> {
  let started = performance.now();
  await ffmpeg(bin, ['-i', mp3, '-vn', '-sn', '-dn', '-ac', '1', '-ar', '8000', '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'], true);
  const ffmpegS = (performance.now() - started) / 1000;

  let firstChunkAt = 0;
  const media = new MediaService({ ffmpegPath: bin, cacheDir, onProgress: () => { firstChunkAt ||= performance.now(); } });
  const { token } = await media.register(mp3); // the probe is not timed: it happens when the file is opened
  started = performance.now();
  const peaks = await media.peaks(token);
  const fullS = (performance.now() - started) / 1000;
  const firstPixelsS = (firstChunkAt - started) / 1000;
  media.dispose();

  const reopened = new MediaService({ ffmpegPath: bin, cacheDir });
  const again = await reopened.register(mp3);
  started = performance.now();
  const cached = await reopened.peaks(again.token);
  const cachedS = (performance.now() - started) / 1000;
  if (cached.data.length !== peaks.data.length) throw new Error('the cached peaks differ from the decoded ones');
  return { minutes, ffmpegS, fullS, firstPixelsS, cachedS, durationMs: peaks.duration };
}

function line(row: Row): string {
  const parts = [`minutes=${row.minutes}`, `ffmpeg_s=${fixed(row.ffmpegS, 2)}`, `full_s=${fixed(row.fullS, 2)}`,
    `ratio_vs_ffmpeg=${fixed(row.fullS / row.ffmpegS, 2)}`, `first_pixels_s=${fixed(row.firstPixelsS, 3)}`,
    `cached_s=${fixed(row.cachedS, 3)}`];
  if (row.heapMb !== undefined) parts.push(`heap_mb=${typeof row.heapMb === 'number' ? fixed(row.heapMb, 1) : row.heapMb}`);
  if (row.wavesurferS !== undefined) {
    parts.push(`wavesurfer_s=${row.wavesurferS === 'timeout' ? `timeout(>${WAVESURFER_CAP_S})` : fixed(row.wavesurferS, 2)}`);
    parts.push(`speedup_vs_wavesurfer=${row.wavesurferS === 'timeout'
      ? `>${fixed(WAVESURFER_CAP_S / row.fullS, 1)}` : fixed(row.wavesurferS / row.fullS, 1)}`);
  }
  return `bench waveform: ${parts.join(' ')}`;
}

async function main(): Promise<void> {
  const found = findFfmpeg();
  if (!found) throw new Error(FFMPEG_INSTALL_HINT);
  const dir = await mkdtemp(join(tmpdir(), 'duosub-bench-waveform-'));
  const chromium = !process.env.BENCH_NO_CHROMIUM;
  try {
    const rows: Row[] = [];
    for (const minutes of FILES_MINUTES) {
      const mp3 = join(dir, `speech-like-${minutes}.mp3`);
      await makeSpeechLikeMp3(found.path, mp3, minutes);
      // Main's timings first, with no browser running: Chromium's own start-up work would land on them.
      const row = await measureMain(found.path, mp3, join(dir, `cache-${minutes}`), minutes);
      if (chromium) {
        const browser = await launchChromium();
        try {
          row.heapMb = await duosubHeap(browser, mp3, row.durationMs, HEAP_CAP_S)
            .catch((error: Error) => `failed(${error.message.split('\n')[0].slice(0, 80).replace(/\s+/g, '_')})`);
          if (minutes === WAVESURFER_MINUTES) row.wavesurferS = await wavesurferDecode(browser, mp3, WAVESURFER_CAP_S);
        } finally {
          await browser.close();
        }
      }
      console.log(`  ${minutes} min: measured (${row.durationMs} ms of audio)`);
      rows.push(row);
      await rm(mp3, { force: true });
    }
    console.log(`ffmpeg=${found.path} (${found.source}); one run each; chromium=${chromium ? 'yes' : 'skipped'}; ` +
      `${availableParallelism()} cores (Duosub decodes a long file with one ffmpeg per core)`);
    for (const row of rows) console.log(line(row));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench waveform: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
