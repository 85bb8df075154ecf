import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { makeTestAudio } from '../../tools/test-audio/index';
import { ROOT, startServer, type RunningServer } from '../support/server';
import type { SubtitleDocument } from '../../src/shared/model';

const TURNS = 6;

/** Turn 2's Chinese cut down to a fragment: a translation that leaves most out, for auto-time to flag for review. */
const FULL_ZH_2 = '从当前人工智能基础设施建设的诸多角度来看,可以说这是人类历史上规模最大的联合工业项目。';
const ABRIDGED_ZH_2 = '最大的项目。';

/** The first turns of the bundled transcript, as a transcript file of their own (turn 2's Chinese abridged). */
function excerptTranscript(dir: string): string {
  const full = readFileSync(join(ROOT, 'resources/sample/openai-podcast-ep8.zh-en.txt'), 'utf8');
  if (!full.includes(FULL_ZH_2)) throw new Error('the sample\'s turn 2 changed: update FULL_ZH_2');
  const text = full.replace(FULL_ZH_2, ABRIDGED_ZH_2);
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

    // The cues selected for review are listed with their reason (turn 2, whose Chinese leaves most of the English
    // out, among them), and a click selects one.
    const label = await page.getByText(/Auto-time 6 turns → \d+ cues/).textContent();
    const toReview = Number(/\((\d+) to review\)/.exec(label ?? '')?.[1] ?? 0);
    expect(toReview).toBeGreaterThanOrEqual(1);
    const items = page.getByTestId('auto-time-review').getByTestId('review-item');
    await expect(items).toHaveCount(toReview);
    await expect(items.filter({ hasText: /en has \d+ characters for 3 of zh-Hans/ })).toHaveCount(2); // 最大的 | 项目。
    await items.first().click();
    const firstNumber = Number(/#(\d+)/.exec((await items.first().textContent()) ?? '')?.[1]);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { selectedCueId: string | null } } })
      .__duosubStore.getState().selectedCueId)).toBe(doc.cues[firstNumber - 1].id);
    // "Select all" selects every cue still to review again (after the click above selected one).
    await page.getByTestId('review-select-all').click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { selectedCueIds: string[] } } })
      .__duosubStore.getState().selectedCueIds.length)).toBe(toReview);

    await page.getByTestId('status').click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await currentDoc(page)).cues.length).toBe(TURNS);
    expect(await currentDoc(page)).toEqual(before);
    await expect(page.getByTestId('untimed-badge')).toBeVisible();
    // Undone: the reviewed cues are gone, and so is their list.
    await expect(page.getByTestId('auto-time-review')).toBeHidden();
  });

  test('a cue pinned by hand keeps its times; auto-time aligns the others around it', async ({ page }) => {
    await page.goto(server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', String(TURNS));
    // Turn 3 timed by hand to its speech (as a subtitler would from the waveform), then pinned with P.
    const turn = truth.turns[2];
    const [start, end] = [Math.round(turn.start * 1000), Math.round(turn.end * 1000)];
    await page.getByTestId('status').click();
    await page.keyboard.press('Control+g');
    await page.getByTestId('goto-input').fill('3');
    await page.getByTestId('goto-input').press('Enter');
    await expect(page.getByTestId('cue-fields-number')).toHaveText('Cue 3');
    // Whichever edge keeps end > start at every step goes first.
    const current = (await currentDoc(page)).cues[2];
    const order = start < current.end ? [['start', start], ['end', end]] as const : [['end', end], ['start', start]] as const;
    for (const [field, ms] of order) {
      await page.getByTestId(`cue-field-${field}`).fill(String(ms));
      await page.getByTestId(`cue-field-${field}`).press('Enter');
    }
    await page.getByTestId('status').click();
    await page.keyboard.press('p');
    await expect.poll(async () => (await currentDoc(page)).cues[2]).toMatchObject({ start, end, pinned: true });
    const pinnedId = (await currentDoc(page)).cues[2].id;

    await page.getByRole('button', { name: 'Auto-time…' }).click();
    await page.getByTestId('auto-time-dialog').getByRole('button', { name: 'Start' }).click();
    await expect(page.getByText(/Auto-time 6 turns → \d+ cues/)).toBeVisible({ timeout: 60_000 });

    const doc = await currentDoc(page);
    const at = doc.cues.findIndex((c) => c.id === pinnedId);
    expect(doc.cues[at]).toMatchObject({ start, end, pinned: true });
    // The pinned turn stays one cue, with the others before and after it in order.
    expect(doc.cues.slice(0, at).every((c) => c.end <= start)).toBe(true);
    expect(doc.cues.slice(at + 1).every((c) => c.start >= end)).toBe(true);
    expect(doc.cues.length).toBeGreaterThan(TURNS);
  });
});
