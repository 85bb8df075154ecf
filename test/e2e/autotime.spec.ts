import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { makeTestAudio } from '../../tools/test-audio/index';
import { ROOT, startServer, type RunningServer } from './server';
import type { SubtitleDocument } from '../../src/shared/model';

const TURNS = 6;

/** The first turns of the bundled transcript, as a transcript file of their own. */
function excerptTranscript(dir: string): string {
  const text = readFileSync(join(ROOT, 'resources/sample/openai-podcast-ep8.zh-en.txt'), 'utf8');
  const start = text.indexOf('Speaker 0');
  const turns = text.slice(start).split(/\n(?=Speaker \d+\n)/).slice(0, TURNS);
  const path = join(dir, 'six-turns.txt');
  writeFileSync(path, text.slice(0, start) + turns.join('\n') + '\n');
  return path;
}

function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

test.describe('auto-timing an untimed transcript against its audio', () => {
  let server: RunningServer;
  let truth: { turns: { start: number; end: number; sentences: { start: number; end: number }[] }[] };
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'duosub-autotime-'));
    const transcript = excerptTranscript(dir);
    // Cross-engine audio: Flite voices speak it, the aligner's reference is espeak-ng.
    const audio = await makeTestAudio({ transcriptPath: transcript, outDir: dir, voices: 'flite' });
    truth = audio.truth;
    server = await startServer([transcript, audio.audioPath]);
  });
  test.afterAll(() => server?.close());

  test('Auto-time splits the turns into sentence cues timed to the speech; one undo restores', async ({ page }) => {
    await page.goto(server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', String(TURNS));
    await expect(page.getByTestId('untimed-badge')).toBeVisible();
    const before = await currentDoc(page);

    await page.getByRole('button', { name: 'Auto-time…' }).click();
    const dialog = page.getByTestId('auto-time-dialog');
    await expect(dialog.getByLabel('Language spoken in the audio')).toHaveValue('en');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByText(/Auto-time 6 turns → \d+ cues/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('auto-time-progress')).toBeHidden();
    await expect(page.getByTestId('untimed-badge')).toBeHidden();

    const doc = await currentDoc(page);
    const sentences = truth.turns.flatMap((t) => t.sentences);
    // Long sentences are split at clauses to fit two lines, so there are at least as many cues as sentences.
    expect(doc.cues.length).toBeGreaterThanOrEqual(sentences.length);
    await expect(page.getByTestId('pane-zh-Hans')).toHaveAttribute('data-block-count', String(doc.cues.length));
    // Every spoken sentence starts and ends within 250 ms of a cue boundary; cues are in order, never overlapping.
    const nearest = (values: number[], t: number) => Math.min(...values.map((v) => Math.abs(v - t)));
    for (const [i, sentence] of sentences.entries()) {
      expect(nearest(doc.cues.map((c) => c.start), sentence.start * 1000), `sentence ${i + 1} start`).toBeLessThan(250);
      expect(nearest(doc.cues.map((c) => c.end), sentence.end * 1000), `sentence ${i + 1} end`).toBeLessThan(250);
    }
    doc.cues.slice(1).forEach((cue, i) => expect(cue.start).toBeGreaterThanOrEqual(doc.cues[i].end));
    // Turns keep their speakers, and both languages are there.
    expect(doc.cues[0].speaker).toBe('s0');
    expect(doc.cues.every((c) => (c.text.en ?? '') !== '')).toBe(true);

    await page.getByTestId('status').click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await currentDoc(page)).cues.length).toBe(TURNS);
    expect(await currentDoc(page)).toEqual(before);
    await expect(page.getByTestId('untimed-badge')).toBeVisible();
  });
});
