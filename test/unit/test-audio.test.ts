import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestAudio, missingTools, parseTranscript, splitSentences } from '../../tools/test-audio/index';

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
