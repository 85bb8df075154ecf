/**
 * Undo that reads well: held nudges are one undo step and the status line names it; the History list jumps
 * several steps back (and forward) and the document is exactly as after that step.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server';
import type { SubtitleDocument } from '../../src/shared/model';

/** 12 cues of 1.5 s, 1 s apart: a file of the test's own (the bundled samples change with the app). */
function writeSrt(dir: string): string {
  const time = (ms: number) => `00:00:${String(Math.floor(ms / 1000)).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
  const blocks = Array.from({ length: 12 }, (_, i) => `${i + 1}\n${time(1000 + i * 2500)} --> ${time(2500 + i * 2500)}\nLine number ${i + 1}\n`);
  const path = join(dir, 'twelve.srt');
  writeFileSync(path, blocks.join('\n'));
  return path;
}

/** The renderer's copy of the document (read-only observation; every change goes through the UI). */
function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

function selectedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { selectedCueIds: string[] } } })
    .__duosubStore.getState().selectedCueIds);
}

/** Waits until main has answered every request the window made, then reads the document. */
async function settledDoc(page: Page): Promise<SubtitleDocument> {
  await page.evaluate(() => (globalThis as unknown as { __duosubStore: { idle(): Promise<void> } }).__duosubStore.idle());
  return currentDoc(page);
}

let dir = '';
let server: RunningServer | null = null;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-e2e-undo-'));
  server = await startServer([writeSrt(dir)]);
});
test.afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('five nudges undo as one, the status line names it, and the History list jumps back and forth', async ({ page }) => {
  await page.goto(server!.url);
  await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '12');
  const original = await currentDoc(page);

  // Focus outside the panes (bare arrows navigate there), then select cue 2.
  await page.getByTestId('status').click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => selectedIds(page)).toEqual([original.cues[1].id]);

  // Five 100 ms nudges of cue 2's start in a row: one undo step.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Alt+Shift+ArrowRight');
  expect((await settledDoc(page)).cues[1].start).toBe(original.cues[1].start + 500);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('status')).toHaveText('Undo: Nudge start of cue 2 by +0.500 s');
  expect(await settledDoc(page)).toEqual(original);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('status')).toHaveText('Redo: Nudge start of cue 2 by +0.500 s');

  // Four more steps, each of its own kind; keep the document after each.
  const after: SubtitleDocument[] = [await settledDoc(page)];
  await page.keyboard.press('Control+Alt+Shift+ArrowLeft'); // end of cue 2, −100 ms
  after.push(await settledDoc(page));
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => selectedIds(page)).toEqual([original.cues[2].id]);
  for (const key of ['Alt+Shift+ArrowLeft', 'Control+Alt+Shift+ArrowRight', 'Alt+Shift+ArrowLeft']) {
    await page.keyboard.press(key); // start, end, start again: three steps (an end nudge in between)
    after.push(await settledDoc(page));
  }
  expect(after[4].cues[2].start).toBe(original.cues[2].start - 200);

  // View → History (in the browser: the panel's header). Newest on top, the current step marked.
  await page.getByTestId('history-toggle').click();
  const steps = page.getByTestId('history-step');
  await expect(steps).toHaveCount(6); // five steps and the start of the history
  await expect(steps.first()).toHaveAttribute('data-state', 'current');
  await expect(steps.nth(4)).toHaveText(/Nudge start of cue 2 by \+0\.500 s/);

  // Three steps back: as after the second step.
  await steps.nth(3).click();
  await expect(steps.nth(3)).toHaveAttribute('data-state', 'current');
  expect(await settledDoc(page)).toEqual(after[1]);
  await expect(steps.nth(0)).toHaveAttribute('data-state', 'redo');
  await expect(steps.nth(2)).toHaveAttribute('data-state', 'redo');
  await expect(page.getByTestId('status')).toHaveText(/^Undo 3 steps: /);

  // Forward two (a greyed step): as after the fourth.
  await steps.nth(1).click();
  await expect(steps.nth(1)).toHaveAttribute('data-state', 'current');
  expect(await settledDoc(page)).toEqual(after[3]);

  // All the way back: the file as opened.
  await steps.last().click();
  await expect(steps.last()).toHaveAttribute('data-state', 'current');
  expect(await settledDoc(page)).toEqual(original);
});

test('the status line says how many cues are selected', async ({ page }) => {
  await page.goto(server!.url);
  await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '12');
  // The speakers panel's "No speaker" row selects every cue without a speaker: all twelve here.
  await page.getByTestId('speakers-panel').getByRole('button', { name: 'Select cues' }).click();
  await expect.poll(async () => (await selectedIds(page)).length).toBe(12);
  await expect(page.getByTestId('status')).toHaveText('12 cues selected');
});
