/**
 * Issue 13's one minimum gap and the timing tools that explain themselves: under Netflix English a split and a
 * snapped drag leave the profile's 83 ms gap (no gap warning), lengthen-for-reading-speed on back-to-back cues
 * moves the neighbour, and the resync dialog starts from the selection and stays open on an error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { SubtitleDocument } from '../../src/shared/model';
import { startServer, type RunningServer } from '../support/server';

const GAP = 83; // Netflix English

/** English only, Netflix English, no media (the flat timeline at 50 px/s). */
function timingProject(): string {
  const spec: [number, number, string][] = [
    [1000, 5000, 'This first cue is long enough to split. It has two sentences.'],
    [6000, 8000, 'The second cue.'],
    [8600, 10600, 'The third cue.'],
    // c4 reads too fast (55 characters in 1 s: it needs 2750 ms) and c5 follows at once.
    [12000, 13000, 'A cue with far too many words to read in just a second.'],
    [13000, 17000, 'Room to spare.'],
    [20000, 22000, 'The last cue.'],
  ];
  const cues = spec.map(([start, end, en], i) => ({ id: `c${i + 1}`, start, end, speaker: null, text: { en } }));
  const path = join(mkdtempSync(join(tmpdir(), 'duosub-e2e-timing-')), 'timing.duosub.json');
  writeFileSync(path, JSON.stringify({
    format: 'duosub', version: 1, languages: [{ code: 'en', name: 'English' }], speakers: [], chapters: [],
    metadata: { untimed: false, qcProfiles: { en: 'netflix-en' } }, cues,
  }));
  return path;
}

function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

const cueById = (doc: SubtitleDocument, id: string) => doc.cues.find((c) => c.id === id)!;

test.describe('one minimum gap, lengthen that moves the neighbour, resync from the selection', () => {
  let server: RunningServer | null = null;
  test.beforeEach(async () => {
    server = await startServer([timingProject()]);
  });
  test.afterEach(() => server?.close());

  test('a split and a snapped edge drag leave the profile\'s gap: no gap warning under Netflix English', async ({ page }) => {
    await page.goto(server!.url);
    await expect(page.getByTestId('waveform')).toHaveAttribute('data-region-count', '6');
    const panel = page.getByTestId('qc-panel');
    const gapRow = (cueId: string) => panel.locator(`[data-rule="min-gap"][data-issue-cue="${cueId}"]`);
    // The panel does show gap warnings: the back-to-back c4 has one.
    await expect(gapRow('c4')).toHaveCount(1);

    // Split c1 from its region's menu at 60 % of its width.
    const c1 = page.locator('[data-cue-id="c1"]');
    const box1 = (await c1.boundingBox())!;
    await c1.click({ button: 'right', position: { x: box1.width * 0.6, y: box1.height / 2 } });
    await page.getByRole('menuitem', { name: 'Split here' }).click();
    await expect.poll(async () => (await currentDoc(page)).cues.length).toBe(7);
    const split = await currentDoc(page);
    expect(split.cues[1].start - split.cues[0].end).toBe(GAP);
    await expect(gapRow('c1')).toHaveCount(0);

    // Drag c2's end onto c3's start: it snaps the gap before it, not onto it.
    await page.getByTestId('status').click();
    const c2 = page.locator('[data-cue-id="c2"]');
    const c3 = page.locator('[data-cue-id="c3"]');
    const [box2, box3] = [(await c2.boundingBox())!, (await c3.boundingBox())!];
    const y = box2.y + box2.height / 2;
    await page.mouse.move(box2.x + box2.width - 2, y); // on the end handle
    await page.mouse.down();
    await page.mouse.move(box2.x + box2.width + 10, y, { steps: 4 });
    await page.mouse.move(box3.x + 2, y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => cueById(await currentDoc(page), 'c2').end).toBe(8600 - GAP);
    await expect(gapRow('c2')).toHaveCount(0);
    await expect(gapRow('c1')).toHaveCount(0);
  });

  test('lengthen for reading speed on back-to-back cues moves the next cue\'s start', async ({ page }) => {
    await page.goto(server!.url);
    const panel = page.getByTestId('qc-panel');
    const cpsRow = panel.locator('[data-rule="cps"][data-issue-cue="c4"]');
    await expect(cpsRow.first()).toBeVisible();
    await cpsRow.first().click();
    await page.getByTestId('qc-fix').click();
    await expect.poll(async () => cueById(await currentDoc(page), 'c4').end).toBe(12000 + 2750);
    const doc = await currentDoc(page);
    expect(cueById(doc, 'c5')).toMatchObject({ start: 12000 + 2750 + GAP, end: 17000 });
    await expect(cpsRow).toHaveCount(0);
    await expect(page.getByTestId('status')).toContainText('Lengthen for reading speed');

    // Settings shows the gap read-only, from the profile: there is no second number to disagree with.
    await page.getByRole('button', { name: 'Settings…' }).click();
    const settings = page.getByTestId('settings-dialog');
    await expect(settings.getByTestId('settings-min-gap')).toContainText('83 ms');
    await expect(settings.getByTestId('settings-min-gap')).toContainText('From the QC profile Netflix English; change it in the profile.');
    await expect(settings.locator('#setting-minGapMs')).toHaveCount(0);
    await settings.getByRole('button', { name: 'Cancel' }).click();
    await expect(settings).toBeHidden();
  });

  test('the resync dialog starts from the selected cues\' times and stays open on a bad time', async ({ page }) => {
    await page.goto(server!.url);
    // Select c2 and c5 (first and last of the selection).
    await page.locator('[data-cue-id="c2"]').click();
    await page.locator('[data-cue-id="c5"]').click({ modifiers: ['Control'] });
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { selectedCueIds: string[] } } })
      .__duosubStore.getState().selectedCueIds.slice().sort())).toEqual(['c2', 'c5']);
    await page.getByRole('button', { name: 'Timing…' }).click();
    const dialog = page.getByTestId('timing-dialog');
    await expect(dialog.getByLabel('First cue number')).toHaveValue('2');
    await expect(dialog.getByLabel('First cue new time')).toHaveValue('0:06.000');
    await expect(dialog.getByLabel('Second cue number')).toHaveValue('5');
    await expect(dialog.getByLabel('Second cue new time')).toHaveValue('0:13.000');

    // The second point before the first: refused, said inside the dialog, which stays open.
    await dialog.getByLabel('Second cue new time').fill('0:05.000');
    await dialog.getByRole('button', { name: 'Resync' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('The new times must keep the reference cues in the same order (and apart)');
    await expect(dialog).toBeVisible();
    // Unreadable: the same.
    await dialog.getByLabel('Second cue new time').fill('soon');
    await dialog.getByRole('button', { name: 'Resync' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/^Times: /);
    expect(cueById(await currentDoc(page), 'c5').start).toBe(13000);

    // A good time: applied to the selected cues, and the dialog closes.
    await dialog.getByLabel('Second cue new time').fill('0:14.000');
    await dialog.getByRole('button', { name: 'Resync' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => cueById(await currentDoc(page), 'c5').start).toBe(14000);
    expect(cueById(await currentDoc(page), 'c2').start).toBe(6000);
  });
});
