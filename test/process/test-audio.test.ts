import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestAudio, missingTools, parseTranscript, splitChineseSentences, splitSentences } from '../../tools/test-audio/index';

const SAMPLE = join(__dirname, '../../resources/sample/openai-podcast-ep8.zh-en.txt');
const missing = missingTools(['espeak-ng', 'sox']);

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations', () => {
    expect(splitSentences('Hello, Mr. Smith. How are you? I met Dr. Who in the U.S. Today! "Yes." 42 is it.')).toEqual([
      'Hello, Mr. Smith.', 'How are you?', 'I met Dr. Who in the U.S. Today!', '"Yes."', '42 is it.',
    ]);
  });

  it('keeps a sentence without a final period and ignores decimals', () => {
    expect(splitSentences('It grew 3.5 times. That is a big drop, but')).toEqual(['It grew 3.5 times.', 'That is a big drop, but']);
  });
});

describe('splitChineseSentences', () => {
  it('splits after 。！？ and keeps closing quotes with their sentence', () => {
    expect(splitChineseSentences('大家好,我是安德鲁。你好吗？“好的！”谢谢')).toEqual(['大家好,我是安德鲁。', '你好吗？', '“好的！”', '谢谢']);
  });
});

describe('parseTranscript', () => {
  it('reads speaker turns between the header and the footer', async () => {
    const turns = parseTranscript(await readFile(SAMPLE, 'utf8'));
    expect(turns).toHaveLength(98);
    expect(turns[0].speaker).toBe(0);
    expect(turns[0].en).toMatch(/^Hello, I'm Andrew Main/);
    expect(turns[0].zh).toMatch(/^大家好/);
    expect(turns[2]).toEqual({ speaker: 2, zh: '我们正在定义人类文明的下一代操作系统。', en: "We're defining civilization's next generation operating system." });
    expect(turns.at(-1)).toEqual({ speaker: 1, zh: '谢谢。', en: 'Thank you.' });
    expect(turns.some((t) => /Bayt/.test(t.zh + t.en))).toBe(false);
  });
});

function wavSeconds(wav: Buffer): number {
  const rate = wav.readUInt32LE(24);
  const bytesPerSample = wav.readUInt16LE(32);
  const dataAt = wav.indexOf('data', 12, 'ascii');
  return wav.readUInt32LE(dataAt + 4) / bytesPerSample / rate;
}

describe('makeTestAudio', () => {
  it.skipIf(missing.length > 0)(`synthesizes 3 turns with matching truth${missing.length ? ` (skipped: ${missing.join(', ')} not installed)` : ''}`, async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'duosub-test-audio-test-'));
    try {
      const result = await makeTestAudio({ transcriptPath: SAMPLE, outDir, maxTurns: 3, seed: 3 });
      const truth = JSON.parse(await readFile(result.truthPath, 'utf8'));
      const expected = parseTranscript(await readFile(SAMPLE, 'utf8')).slice(0, 3);

      expect(truth.sampleRate).toBe(16000);
      expect(truth.turns.map((t: { speaker: number }) => t.speaker)).toEqual(expected.map((t) => t.speaker));
      const sentences = truth.turns.flatMap((t: { sentences: { text: string }[] }) => t.sentences);
      expect(sentences.map((s: { text: string }) => s.text)).toEqual(expected.flatMap((t) => splitSentences(t.en)));
      expect(result.sentences).toBe(sentences.length);

      const times = truth.turns.flatMap((t: { start: number; end: number; sentences: { start: number; end: number }[] }) => [
        t.start, ...t.sentences.flatMap((s) => [s.start, s.end]), t.end,
      ]);
      times.slice(1).forEach((x: number, i: number) => expect(x).toBeGreaterThanOrEqual(times[i]));
      for (const t of truth.turns) expect(t.end).toBeGreaterThan(t.start);

      const seconds = wavSeconds(await readFile(result.audioPath));
      expect(Math.abs(seconds - (truth.turns.at(-1).end + 1))).toBeLessThanOrEqual(0.03);
      expect(Math.abs(result.durationMs / 1000 - seconds)).toBeLessThanOrEqual(0.001);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Loudness of each 10 ms block of a 16 kHz mono s16 WAV, in dBFS. */
function blockDb(wav: Buffer): number[] {
  const dataAt = wav.indexOf('data', 12, 'ascii') + 8;
  const out: number[] = [];
  for (let at = dataAt; at + 320 <= wav.length; at += 320) {
    let sum = 0;
    for (let k = 0; k < 320; k += 2) sum += (wav.readInt16LE(at + k) / 32768) ** 2;
    out.push(10 * Math.log10(sum / 160 + 1e-12));
  }
  return out;
}

/** Correlation of the samples of two same-rate s16 WAVs over their first 5 s, the second shifted by `lag`. */
function correlation(a: Buffer, b: Buffer, lag: number): number {
  const at = a.indexOf('data', 12, 'ascii') + 8;
  let sum = 0;
  for (let k = 16000; k < 16000 * 5; k++) sum += a.readInt16LE(at + 2 * k) * b.readInt16LE(at + 2 * (k + lag));
  return sum;
}

const missingDegrade = missingTools(['flite', 'sox', 'ffmpeg']);

describe('makeTestAudio degrade', () => {
  it.skipIf(missingDegrade.length > 0)(`makes podcast-like audio on the same timeline, the same for a seed${missingDegrade.length ? ` (skipped: ${missingDegrade.join(', ')} not installed)` : ''}`, async () => {
    const root = await mkdtemp(join(tmpdir(), 'duosub-test-audio-degrade-'));
    try {
      const make = (name: string, degrade: boolean) => makeTestAudio({ transcriptPath: SAMPLE, outDir: join(root, name), maxTurns: 2, voices: 'flite', seed: 4, degrade });
      const clean = await make('clean', false);
      const degraded = await make('degraded', true);
      const again = await make('again', true);
      expect(degraded.truth).toEqual(clean.truth);
      const [cleanWav, degradedWav, againWav] = await Promise.all([clean, degraded, again].map((r) => readFile(r.audioPath)));
      expect(degradedWav.equals(againWav)).toBe(true);
      expect(wavSeconds(degradedWav)).toBeCloseTo(wavSeconds(cleanWav), 5);
      const dry = blockDb(cleanWav);
      const wet = blockDb(degradedWav);
      // The clean gaps are digital silence; the degraded ones hold the music bed (and reverb tails).
      const gaps = dry.map((db, k) => (db < -90 ? k : -1)).filter((k) => k >= 0);
      expect(gaps.length).toBeGreaterThan(50);
      const gapDb = gaps.map((k) => wet[k]).sort((a, b) => a - b)[gaps.length >> 1];
      expect(gapDb).toBeGreaterThan(-60);
      // Still speech over a bed: the loud blocks stand well above the gaps…
      const loud = [...wet].sort((a, b) => a - b)[Math.floor(wet.length * 0.9)];
      expect(loud - gapDb).toBeGreaterThan(12);
      // …and the speech is where the truth says: the waveforms correlate best without a shift (reverb keeps the
      // direct sound, ffmpeg drops the MP3 encoder's delay of ~26 ms) to within 2.5 ms.
      const lags = Array.from({ length: 301 }, (_, k) => 2 * k - 300);
      const scores = lags.map((lag) => correlation(cleanWav, degradedWav, lag));
      expect(Math.abs(lags[scores.indexOf(Math.max(...scores))])).toBeLessThanOrEqual(40);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('makeTestAudio spoken zh', () => {
  it.skipIf(missing.length > 0)('speaks the Chinese side, one truth sentence per Chinese sentence', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'duosub-test-audio-zh-'));
    try {
      const result = await makeTestAudio({ transcriptPath: SAMPLE, outDir, maxTurns: 3, spoken: 'zh', seed: 2 });
      const expected = parseTranscript(await readFile(SAMPLE, 'utf8')).slice(0, 3).flatMap((t) => splitChineseSentences(t.zh));
      expect(result.truth.turns.flatMap((t) => t.sentences.map((s) => s.text))).toEqual(expected);
      for (const t of result.truth.turns) expect(t.end).toBeGreaterThan(t.start);
      await expect(makeTestAudio({ transcriptPath: SAMPLE, outDir, maxTurns: 1, spoken: 'zh', voices: 'flite' })).rejects.toThrow(/flite has no Chinese voice/);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});
