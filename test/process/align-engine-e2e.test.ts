import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFfmpeg } from '../../src/node/ffmpeg/ffmpeg';
import { alignFragments } from '../../src/node/align/aligner';
import { runAlignInWorker } from '../../src/node/align/worker';
import { speakFragments } from '../../src/node/align/tts';
import { makeTestAudio, missingTools, type TestAudioResult } from '../../tools/test-audio/index';

const SAMPLE = join(__dirname, '../../resources/sample/openai-podcast-ep8.zh-en.txt');
const missing = [...missingTools(['flite', 'sox']), ...(findFfmpeg() ? [] : ['ffmpeg'])];
const skipNote = missing.length ? ` (skipped: ${missing.join(', ')} not installed)` : '';

describe('speakFragments (espeak-ng WebAssembly)', () => {
  it('speaks each fragment of a batch into its own trimmed piece; punctuation alone gets none', async () => {
    const spoken = await speakFragments(['Hello.', '...', 'This sentence is quite a bit longer than the first one.', 'Yes & no <maybe>.'], 'en-us');
    expect(spoken.sampleRate).toBe(22050);
    const seconds = spoken.pieces.map((p) => p.length / spoken.sampleRate);
    expect(seconds[1]).toBe(0);
    expect(seconds[0]).toBeGreaterThan(0.2);
    expect(seconds[0]).toBeLessThan(1.2);
    expect(seconds[2]).toBeGreaterThan(2 * seconds[0]);
    expect(seconds[3]).toBeGreaterThan(0.5);
    // Trimmed: no piece starts or ends in silence.
    for (const p of spoken.pieces.filter((x) => x.length)) {
      expect(Math.abs(p[0])).toBeGreaterThan(100);
      expect(Math.abs(p[p.length - 1])).toBeGreaterThan(100);
    }
  });
});

describe.skipIf(missing.length > 0)(`alignFragments on cross-engine audio${skipNote}`, () => {
  let dir = '';
  let audio: TestAudioResult;
  let texts: string[] = [];
  let truth: { start: number; end: number }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duosub-align-engine-'));
    audio = await makeTestAudio({ transcriptPath: SAMPLE, outDir: dir, maxTurns: 3, voices: 'flite', seed: 2 });
    const sentences = audio.truth.turns.flatMap((t) => t.sentences);
    texts = sentences.map((s) => s.text);
    truth = sentences.map((s) => ({ start: s.start * 1000, end: s.end * 1000 }));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const expectNearTruth = (times: { start: number; end: number }[], skip = -1): void => {
    expect(times).toHaveLength(truth.length);
    times.forEach((t, k) => {
      if (k === skip) return;
      expect(Math.abs(t.start - truth[k].start), `start of ${k}`).toBeLessThanOrEqual(250);
      expect(Math.abs(t.end - truth[k].end), `end of ${k}`).toBeLessThanOrEqual(250);
    });
  };

  it('puts every sentence boundary within 250 ms of the truth, as integer monotonic times', async () => {
    const stages = new Set<string>();
    const result = await alignFragments({ audioPath: audio.audioPath, fragments: texts, language: 'en-us' }, { onProgress: (_, s) => stages.add(s) });
    expectNearTruth(result.times);
    result.times.forEach((t, k) => {
      expect(Number.isInteger(t.start) && Number.isInteger(t.end)).toBe(true);
      expect(t.end).toBeGreaterThanOrEqual(t.start);
      if (k > 0) expect(t.start).toBeGreaterThanOrEqual(result.times[k - 1].end);
    });
    expect(result.times.at(-1)!.end).toBeLessThanOrEqual(result.stats.audioMs);
    expect(result.review).toEqual([]);
    expect(result.stats.snapped).toBe(true);
    expect([...stages]).toEqual(expect.arrayContaining(['decode', 'speak', 'align', 'done']));
  });

  it('keeps anchors exactly and aligns around them; flags speech that is not in the text', async () => {
    const pinned = 1;
    const anchor = { index: pinned, start: Math.round(truth[pinned].start), end: Math.round(truth[pinned].end) };
    const result = await alignFragments({ audioPath: audio.audioPath, fragments: texts, language: 'en-us', anchors: [anchor] });
    expect(result.times[pinned]).toEqual({ start: anchor.start, end: anchor.end });
    expectNearTruth(result.times);
    expect(result.review).not.toContain(pinned);

    // Sentences 2 and 3 (~17 s of speech) left out of the text: untranscribed audio a neighbour must absorb.
    const untranscribed = await alignFragments({ audioPath: audio.audioPath, fragments: [texts[0], texts[1], texts[4]], language: 'en-us' });
    expect(untranscribed.review.length).toBeGreaterThan(0);
    // The fragments on either side of the gap are the ones that can absorb it.
    expect(untranscribed.review.every((k) => k === 0 || k === 1)).toBe(true);
  });

  it('runs in a worker thread with the same result, and cancels', async () => {
    const input = { audioPath: audio.audioPath, fragments: texts, language: 'en-us' };
    const direct = await alignFragments(input);
    let progressed = 0;
    const viaWorker = await runAlignInWorker(input, { onProgress: () => progressed++ });
    expect(viaWorker.times).toEqual(direct.times);
    expect(progressed).toBeGreaterThan(0);

    const controller = new AbortController();
    const running = runAlignInWorker(input, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by test')), 50);
    await expect(running).rejects.toThrow('cancelled by test');
  });
});
