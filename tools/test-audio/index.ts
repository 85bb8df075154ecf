/**
 * Synthesized test audio with ground truth: each English sentence of a bilingual transcript (or each Chinese
 * one, with `spoken: 'zh'`) is spoken by a per-speaker TTS voice, its silence trimmed, and laid on one 16 kHz
 * timeline with seeded gaps; `degrade` then makes it podcast-like. truth.json gives the measured start/end of every turn and sentence in seconds.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseTranscript, splitChineseSentences, splitSentences, type TranscriptTurn } from './transcript';
import { requireTools, run } from './run';
import { CHINESE_VOICES, ENGINE_TOOL, SAMPLE_RATE, synthesize, VOICE_PRESETS, type Engine, type Voice } from './voices';
import { gapGenerator, wavHeader } from './wav';
import { degrade, PODCAST_DEGRADATION, type Degradation } from './degrade';

export { parseTranscript, splitChineseSentences, splitSentences, type TranscriptTurn } from './transcript';
export { MissingToolError, missingTools, APT_HINT } from './run';
export { CHINESE_VOICES, VOICE_PRESETS, type Voice, type Engine } from './voices';
export { PODCAST_DEGRADATION, type Degradation } from './degrade';

export interface TestAudioOptions {
  /** A bilingual transcript file; or give `turns` directly. */
  transcriptPath?: string;
  turns?: Pick<TranscriptTurn, 'speaker' | 'en'>[] | Pick<TranscriptTurn, 'speaker' | 'zh'>[];
  /** Which side of the transcript is spoken: `zh` uses CHINESE_VOICES (espeak-ng cmn) unless voices are given. */
  spoken?: 'en' | 'zh';
  outDir: string;
  /** Use only the first N turns of the transcript. */
  maxTurns?: number;
  /** A preset engine or explicit per-speaker voices. Default `espeak` (for `zh`: CHINESE_VOICES). */
  voices?: Engine | Voice[];
  /** Mix brown noise at this level in dB (e.g. -30); omit for clean speech. */
  noiseDb?: number;
  /** Make it podcast-like: reverb, a music bed, an MP3 round trip (`true`: PODCAST_DEGRADATION). After the noise. */
  degrade?: boolean | Degradation;
  /** Seed of the gap generator (and of the music bed). Default 1. */
  seed?: number;
}

export interface TruthSentence { start: number; end: number; text: string }
export interface TruthTurn { turn: number; speaker: number; start: number; end: number; sentences: TruthSentence[] }
export interface Truth { sampleRate: number; turns: TruthTurn[] }

export interface TestAudioResult {
  audioPath: string;
  truthPath: string;
  durationMs: number;
  /** Number of sentences spoken. */
  sentences: number;
  /** Number of turns spoken (turns without English text are skipped). */
  turns: number;
  truth: Truth;
}

/** Silence before the first and after the last sentence. */
const EDGE_MS = 1000;
const TURN_GAP_MS: [number, number] = [250, 1200];
const SENTENCE_GAP_MS: [number, number] = [120, 450];
/** Two cores on every machine here: one TTS+sox pipeline per core. */
const CONCURRENCY = 2;

interface Job { turn: number; speaker: number; text: string }

type SpokenTurn = { speaker: number; en?: string; zh?: string };

async function loadTurns(opts: TestAudioOptions): Promise<SpokenTurn[]> {
  if (opts.turns) return opts.turns;
  if (!opts.transcriptPath) throw new Error('makeTestAudio: give transcriptPath or turns');
  return parseTranscript(await readFile(opts.transcriptPath, 'utf8'));
}

function toJobs(turns: SpokenTurn[], spoken: 'en' | 'zh'): Job[] {
  const split = spoken === 'zh' ? splitChineseSentences : splitSentences;
  return turns.flatMap((t, turn) => split(t[spoken] ?? '').map((text) => ({ turn, speaker: t.speaker, text })));
}

async function synthesizeAll(jobs: Job[], voices: Voice[], work: string): Promise<Buffer[]> {
  const pcm: Buffer[] = new Array(jobs.length);
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) {
      const voice = voices[jobs[i].speaker % voices.length];
      pcm[i] = await synthesize(jobs[i].text, voice, join(work, `tts${w}.wav`), join(work, `seg${w}.raw`));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  return pcm;
}

/** Lays segments on the timeline; returns the truth and the PCM pieces in order (gaps as zero buffers). */
function layOut(jobs: Job[], pcm: Buffer[], seed: number): { truth: Truth; pieces: Buffer[] } {
  const gap = gapGenerator(seed);
  const samplesOf = (ms: number): number => Math.round((ms * SAMPLE_RATE) / 1000);
  const pieces: Buffer[] = [Buffer.alloc(samplesOf(EDGE_MS) * 2)];
  const turns: TruthTurn[] = [];
  let t = samplesOf(EDGE_MS);
  jobs.forEach((job, i) => {
    if (i > 0) {
      const [min, max] = job.turn !== jobs[i - 1].turn ? TURN_GAP_MS : SENTENCE_GAP_MS;
      const g = samplesOf(gap(min, max));
      pieces.push(Buffer.alloc(g * 2));
      t += g;
    }
    const n = pcm[i].length / 2;
    const sentence = { start: t / SAMPLE_RATE, end: (t + n) / SAMPLE_RATE, text: job.text };
    if (turns.at(-1)?.turn !== job.turn) {
      turns.push({ turn: job.turn, speaker: job.speaker, start: sentence.start, end: sentence.end, sentences: [] });
    }
    const cur = turns[turns.length - 1];
    cur.end = sentence.end;
    cur.sentences.push(sentence);
    pieces.push(pcm[i]);
    t += n;
  });
  pieces.push(Buffer.alloc(samplesOf(EDGE_MS) * 2));
  return { truth: { sampleRate: SAMPLE_RATE, turns }, pieces };
}

/**
 * Concatenates in Node rather than with `sox a.wav b.wav …`: sox opens every input at once,
 * which fails past the open-file limit on a long transcript.
 */
async function writeWav(path: string, pieces: Buffer[]): Promise<number> {
  const samples = pieces.reduce((n, p) => n + p.length / 2, 0);
  const out = createWriteStream(path);
  for (const chunk of [wavHeader(samples, SAMPLE_RATE), ...pieces]) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return samples;
}

async function mixNoise(clean: string, out: string, seconds: number, noiseDb: number, work: string): Promise<void> {
  const noise = join(work, 'noise.wav');
  // -R: sox seeds its dither and noise generators with a fixed value, so output is repeatable.
  const fmt = ['-r', String(SAMPLE_RATE), '-c', '1', '-b', '16'];
  await run('sox', ['-R', ...fmt, '-n', noise, 'synth', String(seconds), 'brownnoise', 'gain', String(noiseDb)]);
  await run('sox', ['-R', '-m', clean, noise, '-b', '16', out]);
}

export async function makeTestAudio(opts: TestAudioOptions): Promise<TestAudioResult> {
  const spoken = opts.spoken ?? 'en';
  if (spoken === 'zh' && opts.voices === 'flite') throw new Error('makeTestAudio: flite has no Chinese voice; use espeak for spoken zh');
  const voices = Array.isArray(opts.voices) ? opts.voices : spoken === 'zh' ? CHINESE_VOICES : VOICE_PRESETS[opts.voices ?? 'espeak'];
  const degradation = opts.degrade === true ? PODCAST_DEGRADATION : opts.degrade || null;
  requireTools(['sox', ...new Set(voices.map((v) => ENGINE_TOOL[v.engine])), ...(degradation ? ['ffmpeg'] : [])]);
  const all = await loadTurns(opts);
  const jobs = toJobs(opts.maxTurns === undefined ? all : all.slice(0, opts.maxTurns), spoken);
  if (!jobs.length) throw new Error(`makeTestAudio: no ${spoken === 'zh' ? 'Chinese' : 'English'} sentences to speak`);
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'duosub-test-audio-'));
  try {
    const pcm = await synthesizeAll(jobs, voices, work);
    const seed = opts.seed ?? 1;
    const { truth, pieces } = layOut(jobs, pcm, seed);
    const audioPath = join(outDir, 'audio.wav');
    const clean = opts.noiseDb === undefined && !degradation ? audioPath : join(work, 'clean.wav');
    const samples = await writeWav(clean, pieces);
    const noisy = degradation ? join(work, 'noisy.wav') : audioPath;
    if (opts.noiseDb !== undefined) await mixNoise(clean, noisy, samples / SAMPLE_RATE, opts.noiseDb, work);
    if (degradation) await degrade(opts.noiseDb === undefined ? clean : noisy, audioPath, samples, pcm, degradation, seed, work);
    const truthPath = join(outDir, 'truth.json');
    await writeFile(`${truthPath}.tmp`, `${JSON.stringify(truth, null, 1)}\n`);
    await rename(`${truthPath}.tmp`, truthPath);
    return {
      audioPath, truthPath, truth, durationMs: (samples / SAMPLE_RATE) * 1000,
      sentences: jobs.length, turns: truth.turns.length,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
