/**
 * Forced alignment of the whole sample (98 turns) on cross-engine audio: the test-audio generator speaks it with
 * Flite voices, the aligner's reference is espeak-ng. Every sentence start and end (turn boundaries are among
 * them) is compared with truth.json. Runs: podcast-like audio (the generator's `degrade`: room reverb, a music
 * bed 20 dB under the speech, MP3 at 64 kb/s and back); the Chinese side spoken by espeak-ng cmn variants at
 * other rates and pitches and degraded alike (reference: plain cmn); then clean. The peer, measured on the same
 * audio in the same run, is ffmpeg decoding it alone. Each alignment runs in a child process of its own, so
 * peak_mb is that child's max RSS: the aligner (features, reference, DTW) plus Node and tsx, not the generator.
 * Per run: `bench align: audio=degraded|zh|clean minutes=… median_ms=… p90_ms=… within250_pct=… realtime_factor=…
 * peak_mb=…`, then the app's auto-time on the clean audio and how its Chinese cues stay paired
 * (`bench align-pairing: …`).
 * Last, `audio=long`: the clean audio played LONG_REPEATS times (over 3 hours), whose peak_mb should stay within
 * 100 MB of the clean run's, printed beside it as `vs_clean_mb=…` (the aligner streams the audio and the speech,
 * and makes the DTW features a block at a time; BENCH_ALIGN_LONG=0 skips it).
 * BENCH_ALIGN_DIR=DIR keeps the generated audio there and reuses it on the next run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFfmpeg, FFMPEG_INSTALL_HINT } from '../src/node/ffmpeg/ffmpeg';
import { runAlignInWorker } from '../src/node/align/worker';
import type { AlignResult } from '../src/node/align/aligner';
import type { TestAudioOptions, Truth } from '../tools/test-audio/index';
import { fixed, median } from './lib/measure';
import { pairingFigures } from './lib/pairing-figures';
import { planAutoTime } from '../src/shared/align/apply';
import { UNSURE_BELOW } from '../src/shared/timing-confidence';
import { planSubtitleCues } from '../src/shared/align/build-cues';
import { readSubtitleText } from '../src/shared/formats/registry';
import { applyOperation } from '../src/shared/operations';

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
async function audioFor(dir: string, audio: Audio): Promise<{ audioPath: string; truth: Truth }> {
  const truthPath = join(dir, 'truth.json');
  if (!existsSync(truthPath)) {
    const options: TestAudioOptions = { transcriptPath: SAMPLE, outDir: dir, voices: 'flite', seed: 1, ...audio.make };
    if (audio.make.spoken === 'zh') delete options.voices;
    const generator = pathToFileURL(join(import.meta.dirname, '../tools/test-audio/index.ts')).href;
    const script = `const { makeTestAudio } = await import(${JSON.stringify(generator)}); await makeTestAudio(JSON.parse(process.argv[1]));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(options)], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`making the test audio failed (${r.signal ?? `exit ${r.status}`})`);
  }
  return { audioPath: join(dir, 'audio.wav'), truth: JSON.parse(await readFile(truthPath, 'utf8')) as Truth };
}

/** One bench run's audio: its name on the `audio=` field and what the generator does to it. */
interface Audio {
  name: 'clean' | 'degraded' | 'zh' | 'long';
  make: Pick<TestAudioOptions, 'noiseDb' | 'degrade' | 'spoken' | 'voices'>;
  /** The aligner's espeak-ng voice. */
  language: string;
}

/**
 * The aligner on its own in a child process (no worker: the child is the aligner), reporting its result and
 * its max RSS. The fragments go through a file beside the audio.
 */
async function alignInChild(dir: string, audioPath: string, fragments: string[], language: string, ffmpeg: string): Promise<{ result: AlignResult; peakMb: number }> {
  const inputPath = join(dir, 'align-input.json');
  await writeFile(inputPath, JSON.stringify({ audioPath, fragments, language }));
  const aligner = pathToFileURL(join(import.meta.dirname, '../src/node/align/aligner.ts')).href;
  const script = `const { alignFragments } = await import(${JSON.stringify(aligner)});
const { readFileSync } = await import('node:fs');
const result = await alignFragments(JSON.parse(readFileSync(process.argv[1], 'utf8')), { ffmpegPath: process.argv[2] });
process.stdout.write(JSON.stringify({ result, peakMb: process.resourceUsage().maxRSS / 1024 }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, inputPath, ffmpeg],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`the alignment child failed (${r.signal ?? `exit ${r.status}`})`);
  return JSON.parse(r.stdout) as { result: AlignResult; peakMb: number };
}

// UNSURE_BELOW (the confidence under which a cue counts as unsure) is the app's own (src/shared/timing-confidence.ts).
// Chosen on the degraded run: every cue with an end off a trusted pause (0.75) or a cost a quarter over the typical
// one is selected; the next step up selects nearly every cue.

/**
 * Of the boundaries off by more than 250 ms, the share a reviewer of the unsure cues sees: a start is shared
 * with the cue before, an end with the cue after, so it counts when either cue is unsure.
 */
function unsureFigures(errors: number[][], confidence: number[]): { selected: number; caughtPct: number; bad: number } {
  const unsure = (k: number): boolean => k >= 0 && k < confidence.length && confidence[k] < UNSURE_BELOW;
  const bad = errors.flatMap(([start, end], k) => [...(start > 250 ? [[k - 1, k]] : []), ...(end > 250 ? [[k, k + 1]] : [])]);
  const caught = bad.filter(([a, b]) => unsure(a) || unsure(b)).length;
  return { selected: confidence.filter((_, k) => unsure(k)).length, caughtPct: bad.length ? (caught / bad.length) * 100 : 100, bad: bad.length };
}

const percentileOf = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** One run's `bench align:` line; `cleanPeakMb` (the long run) adds the clean run's peak beside its own. */
async function benchOne(label: string, audio: Audio, dir: string, ffmpeg: string, cleanPeakMb?: number): Promise<{ line: string; peakMb: number }> {
  const { audioPath, truth } = await audioFor(dir, audio);
  const sentences = truth.turns.flatMap((t) => t.sentences);
  const decodeMs = await decodeAlone(ffmpeg, audioPath);
  const { result, peakMb } = await alignInChild(dir, audioPath, sentences.map((s) => s.text), audio.language, ffmpeg);
  const perFragment = sentences.map((s, k) => [
    Math.abs(result.times[k].start - s.start * 1000), Math.abs(result.times[k].end - s.end * 1000),
  ]);
  const errors = perFragment.flat().sort((a, b) => a - b);
  let k = 0;
  const turnErrors = truth.turns.flatMap((t) => {
    const first = k;
    k += t.sentences.length;
    return [Math.abs(result.times[first].start - t.start * 1000), Math.abs(result.times[k - 1].end - t.end * 1000)];
  }).sort((a, b) => a - b);
  const minutes = result.stats.audioMs / 60000;
  const within = (errors.filter((e) => e <= 250).length / errors.length) * 100;
  const unsure = unsureFigures(perFragment, result.confidence);
  console.log(`${label}: ${sentences.length} sentences, ${truth.turns.length} turns, ${errors.length} boundaries; ` +
    `turn boundaries median_ms=${fixed(median(turnErrors), 0)} p90_ms=${fixed(percentileOf(turnErrors, 0.9), 0)}; ` +
    `max_ms=${fixed(errors.at(-1) ?? 0, 0)} review=${result.review.length} snapped=${result.stats.snapped} ` +
    `noise_floor_db=${fixed(result.stats.noiseFloorDb, 1)} align_s=${fixed(result.stats.elapsedMs / 1000, 2)} ` +
    `ffmpeg_s=${fixed(decodeMs / 1000, 2)} ratio_vs_ffmpeg=${fixed(result.stats.elapsedMs / decodeMs, 1)}; ` +
    `unsure (confidence < ${UNSURE_BELOW}): cues=${unsure.selected} holding ${fixed(unsure.caughtPct, 0)}% of the ${unsure.bad} boundaries off > 250 ms`);
  const line = `bench align: audio=${audio.name} minutes=${fixed(minutes, 1)} median_ms=${fixed(median(errors), 0)} p90_ms=${fixed(percentileOf(errors, 0.9), 0)} ` +
    `within250_pct=${fixed(within, 1)} realtime_factor=${fixed(result.stats.elapsedMs / result.stats.audioMs, 4)} peak_mb=${fixed(peakMb, 0)}`;
  return { line: cleanPeakMb === undefined ? line : `${line} vs_clean_mb=${fixed(cleanPeakMb, 0)}`, peakMb };
}

/**
 * The app's own auto-time on the same audio (turns → subtitle cues → aligned → applied as one plan), then how
 * well the Chinese stayed paired with the English (issue 12): one line,
 * `bench align-pairing: cues=… empty_language=… zh_word_cuts=… closing_start=… in_band_pct=… review=…`.
 */
async function benchPairing(dir: string, ffmpeg: string): Promise<string> {
  const turns = readSubtitleText(await readFile(SAMPLE, 'utf8'), SAMPLE).doc;
  const zh = turns.languages.find((l) => l.code.startsWith('zh'))!.code;
  const planned = planSubtitleCues(turns, 'all', 'en');
  const result = await runAlignInWorker({ audioPath: join(dir, 'audio.wav'), fragments: planned.map((p) => p.spoken), language: 'en-us' }, { ffmpegPath: ffmpeg });
  const plan = planAutoTime(turns, 'all', planned, result.times, result.review);
  const timed = applyOperation(turns, plan.op).doc;
  const f = pairingFigures(turns, timed, planned.map((p) => p.sourceCueId), zh, 'en');
  return `bench align-pairing: turns=${f.turns} cues=${f.cues} empty_language=${f.emptyLanguage} zh_word_cuts=${f.zhWordCuts} ` +
    `closing_start=${f.closingStart} in_band_pct=${fixed(f.inBandPct, 1)} band=${fixed(f.band[0], 2)}-${fixed(f.band[1], 2)} ` +
    `review=${plan.select?.length ?? 0}`;
}

/** The clean sample 6 times over: 188 minutes. */
const LONG_REPEATS = 6;

/** Seconds of PCM in a WAV file, from its header (the generator writes 16-bit mono). */
async function wavSeconds(path: string, sampleRate: number): Promise<number> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    for (let at = 12; at + 8 <= bytesRead; at += 8 + head.readUInt32LE(at + 4) + (head.readUInt32LE(at + 4) & 1)) {
      if (head.toString('latin1', at, at + 4) === 'data') return head.readUInt32LE(at + 4) / 2 / sampleRate;
    }
    throw new Error(`${path}: no data chunk in the first 4 KB`);
  } finally {
    await file.close();
  }
}

/**
 * The clean run's audio and truth repeated end to end into `dir` (ffmpeg copies the PCM, nothing is re-made);
 * a kept one of another length (an older LONG_REPEATS) is made again.
 */
async function makeLongAudio(cleanDir: string, dir: string, ffmpeg: string): Promise<void> {
  const truth = JSON.parse(await readFile(join(cleanDir, 'truth.json'), 'utf8')) as Truth;
  const kept = join(dir, 'truth.json');
  if (existsSync(kept) && (JSON.parse(await readFile(kept, 'utf8')) as Truth).turns.length === LONG_REPEATS * truth.turns.length) return;
  await mkdir(dir, { recursive: true });
  const seconds = await wavSeconds(join(cleanDir, 'audio.wav'), truth.sampleRate);
  const r = spawnSync(ffmpeg, ['-v', 'error', '-y', '-stream_loop', String(LONG_REPEATS - 1), '-i', join(cleanDir, 'audio.wav'), '-c', 'copy', join(dir, 'audio.wav')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`ffmpeg could not repeat the clean audio (${r.signal ?? `exit ${r.status}`})`);
  const shift = (t: { start: number; end: number }, by: number) => ({ ...t, start: t.start + by, end: t.end + by });
  const turns = Array.from({ length: LONG_REPEATS }, (_, n) => truth.turns.map((t) => ({
    ...shift(t, n * seconds), sentences: t.sentences.map((x) => shift(x, n * seconds)),
  }))).flat();
  await writeFile(join(dir, 'truth.json'), JSON.stringify({ ...truth, turns }));
}

async function main(): Promise<void> {
  const found = findFfmpeg();
  if (!found) throw new Error(FFMPEG_INSTALL_HINT);
  const keep = process.env.BENCH_ALIGN_DIR;
  const dir = keep ?? (await mkdtemp(join(tmpdir(), 'duosub-bench-align-')));
  try {
    console.log(`ffmpeg=${found.path} (${found.source}); audio: flite voices, reference: espeak-ng en-us`);
    const degraded: Audio = { name: 'degraded', make: { degrade: true }, language: 'en-us' };
    console.log((await benchOne('degraded (reverb, music bed at -20 dB, MP3 64 kb/s)', degraded, join(dir, 'degraded'), found.path)).line);
    // The Chinese side spoken by espeak-ng cmn variants at other rates and pitches, degraded alike; reference: cmn.
    const zh: Audio = { name: 'zh', make: { degrade: true, spoken: 'zh' }, language: 'cmn' };
    console.log((await benchOne('zh (espeak-ng cmn variants, degraded alike; reference cmn)', zh, join(dir, 'zh'), found.path)).line);
    const clean = await benchOne('clean', { name: 'clean', make: {}, language: 'en-us' }, join(dir, 'clean'), found.path);
    console.log(clean.line);
    console.log(await benchPairing(join(dir, 'clean'), found.path));
    if (process.env.BENCH_ALIGN_LONG !== '0') {
      await makeLongAudio(join(dir, 'clean'), join(dir, 'long'), found.path);
      const long: Audio = { name: 'long', make: {}, language: 'en-us' };
      console.log((await benchOne(`long (the clean audio ${LONG_REPEATS} times over)`, long, join(dir, 'long'), found.path, clean.peakMb)).line);
    }
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench align: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
