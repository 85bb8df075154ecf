/**
 * Forced alignment of the whole sample (98 turns) on cross-engine audio: the test-audio generator speaks it with
 * Flite voices, the aligner's reference is espeak-ng. Every sentence start and end (turn boundaries are among
 * them) is compared with truth.json. Run once with brown noise at -30 dB, then clean. The peer, measured on the
 * same audio in the same run, is ffmpeg decoding it alone.
 * Per run: `bench align: minutes=… median_ms=… p90_ms=… within250_pct=… realtime_factor=… peak_mb=…` (clean last).
 * BENCH_ALIGN_DIR=DIR keeps the generated audio there and reuses it on the next run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFfmpeg, FFMPEG_INSTALL_HINT } from '../src/main/services/ffmpeg';
import { runAlignInWorker } from '../src/main/align/worker';
import type { TestAudioOptions, Truth } from '../tools/test-audio/index';
import { fixed, median } from './lib/measure';

const SAMPLE = join(import.meta.dirname, '../resources/sample/openai-podcast-ep8.zh-en.txt');

function decodeAlone(bin: string, audio: string): Promise<number> {
  const started = performance.now();
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-i', audio, '-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1'];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

/**
 * Generated in a child process: peak_mb is this process's max RSS, which should count the aligner (and its
 * worker), not the generator holding 30 minutes of PCM.
 */
async function audioFor(dir: string, noiseDb?: number): Promise<{ audioPath: string; truth: Truth }> {
  const truthPath = join(dir, 'truth.json');
  if (!existsSync(truthPath)) {
    const options: TestAudioOptions = { transcriptPath: SAMPLE, outDir: dir, voices: 'flite', noiseDb, seed: 1 };
    const generator = pathToFileURL(join(import.meta.dirname, '../tools/test-audio/index.ts')).href;
    const script = `const { makeTestAudio } = await import(${JSON.stringify(generator)}); await makeTestAudio(JSON.parse(process.argv[1]));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(options)], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`making the test audio failed (${r.signal ?? `exit ${r.status}`})`);
  }
  return { audioPath: join(dir, 'audio.wav'), truth: JSON.parse(await readFile(truthPath, 'utf8')) as Truth };
}

const percentileOf = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function benchOne(label: string, dir: string, ffmpeg: string, noiseDb?: number): Promise<string> {
  const { audioPath, truth } = await audioFor(dir, noiseDb);
  const sentences = truth.turns.flatMap((t) => t.sentences);
  const decodeMs = await decodeAlone(ffmpeg, audioPath);
  const result = await runAlignInWorker({ audioPath, fragments: sentences.map((s) => s.text), language: 'en-us' }, { ffmpegPath: ffmpeg });
  const errors = sentences.flatMap((s, k) => [
    Math.abs(result.times[k].start - s.start * 1000), Math.abs(result.times[k].end - s.end * 1000),
  ]).sort((a, b) => a - b);
  let k = 0;
  const turnErrors = truth.turns.flatMap((t) => {
    const first = k;
    k += t.sentences.length;
    return [Math.abs(result.times[first].start - t.start * 1000), Math.abs(result.times[k - 1].end - t.end * 1000)];
  }).sort((a, b) => a - b);
  const minutes = result.stats.audioMs / 60000;
  const within = (errors.filter((e) => e <= 250).length / errors.length) * 100;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`${label}: ${sentences.length} sentences, ${truth.turns.length} turns, ${errors.length} boundaries; ` +
    `turn boundaries median_ms=${fixed(median(turnErrors), 0)} p90_ms=${fixed(percentileOf(turnErrors, 0.9), 0)}; ` +
    `max_ms=${fixed(errors.at(-1) ?? 0, 0)} review=${result.review.length} snapped=${result.stats.snapped} ` +
    `noise_floor_db=${fixed(result.stats.noiseFloorDb, 1)} align_s=${fixed(result.stats.elapsedMs / 1000, 2)} ` +
    `ffmpeg_s=${fixed(decodeMs / 1000, 2)} ratio_vs_ffmpeg=${fixed(result.stats.elapsedMs / decodeMs, 1)}`);
  return `bench align: minutes=${fixed(minutes, 1)} median_ms=${fixed(median(errors), 0)} p90_ms=${fixed(percentileOf(errors, 0.9), 0)} ` +
    `within250_pct=${fixed(within, 1)} realtime_factor=${fixed(result.stats.elapsedMs / result.stats.audioMs, 4)} peak_mb=${fixed(peakMb, 0)}`;
}

async function main(): Promise<void> {
  const found = findFfmpeg();
  if (!found) throw new Error(FFMPEG_INSTALL_HINT);
  const keep = process.env.BENCH_ALIGN_DIR;
  const dir = keep ?? (await mkdtemp(join(tmpdir(), 'duosub-bench-align-')));
  try {
    console.log(`ffmpeg=${found.path} (${found.source}); audio: flite voices, reference: espeak-ng en-us`);
    console.log(await benchOne('noisy (-30 dB brown noise)', join(dir, 'noisy'), found.path, -30));
    console.log(await benchOne('clean', join(dir, 'clean'), found.path));
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench align: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
