import { test, expect, type Page } from '@playwright/test';
import { serveCopies } from '../support/server';
import { editsSettled } from '../support/helpers';
import type { SubtitleDocument } from '../../src/shared/model';

interface Observed {
  doc: SubtitleDocument;
  selectedCueId: string | null;
  playheadMs: number;
  canUndo: boolean;
}

/** What the window shows, read through the store's read-only test handle (every change below goes through the UI). */
function observe(page: Page): Promise<Observed> {
  return page.evaluate(() => {
    const store = (globalThis as unknown as {
      __duosubStore: { getState(): { docState: { doc: SubtitleDocument; canUndo: boolean }; selectedCueId: string | null; currentTime: number } };
    }).__duosubStore;
    const s = store.getState();
    return { doc: s.docState.doc, selectedCueId: s.selectedCueId, playheadMs: Math.round(s.currentTime * 1000), canUndo: s.docState.canUndo };
  });
}

/** The end (ms) of a cue's region on the waveform; null when the region is not drawn. */
function regionEndMs(page: Page, cueId: string): Promise<number | null> {
  return page.evaluate((id) => {
    const wave = (globalThis as unknown as { __duosubWave?: { regions: { getRegions(): Array<{ id: string; end: number }> } } }).__duosubWave;
    const region = wave?.regions.getRegions().find((r) => r.id === id);
    return region ? Math.round(region.end * 1000) : null;
  }, cueId);
}

/** Focus outside the panes and fields, so bare keys (arrows, P) act as the keymap says. */
async function focusOutside(page: Page): Promise<void> {
  await page.getByTestId('status').click();
}

async function goTo(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+g');
  const dialog = page.getByRole('dialog', { name: 'Go to' });
  await dialog.getByTestId('goto-input').fill(text);
  await dialog.getByTestId('goto-input').press('Enter');
  await expect(dialog).toBeHidden();
}

async function undoOnce(page: Page): Promise<void> {
  await focusOutside(page);
  await page.keyboard.press('Control+z');
  await editsSettled(page);
}

test.describe('current cue fields, seek keys, go to and pins', () => {
  const ctx = serveCopies('resources/sample/openai-podcast-ep8.zh-en.txt');

  test('type a new end time and a duration: the store and the waveform follow, one undo step each', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    await focusOutside(page);
    await goTo(page, '12');
    await expect(page.getByTestId('cue-fields-number')).toHaveText('Cue 12');
    const before = await observe(page);
    const cue = before.doc.cues[11];
    expect(before.selectedCueId).toBe(cue.id);
    expect(before.canUndo).toBe(false);
    await expect(page.getByTestId('cue-field-start')).toHaveValue(formatSrt(cue.start));

    // A bad end (before the start) says why and changes nothing.
    const end = page.getByTestId('cue-field-end');
    await end.fill(formatSrt(cue.start - 1000));
    await end.press('Enter');
    await expect(page.getByTestId('cue-fields-error')).toContainText('The end must be after the start');
    expect((await observe(page)).doc).toEqual(before.doc);

    // A new end as an SRT time code: one undo step puts the old end back.
    const newEnd = cue.end + 700;
    await end.fill(formatSrt(newEnd));
    await end.press('Enter');
    await expect(page.getByTestId('cue-fields-error')).toBeHidden();
    await expect.poll(async () => (await observe(page)).doc.cues[11].end).toBe(newEnd);
    await expect.poll(() => regionEndMs(page, cue.id)).toBe(newEnd);
    expect((await observe(page)).doc.cues[11].start).toBe(cue.start);
    await undoOnce(page);
    expect(await observe(page)).toMatchObject({ doc: before.doc, canUndo: false });
    await expect.poll(() => regionEndMs(page, cue.id)).toBe(cue.end);

    // A duration in ms keeps the start; one undo step again.
    const duration = page.getByTestId('cue-field-duration');
    await duration.fill('1500');
    await duration.press('Enter');
    await expect.poll(async () => (await observe(page)).doc.cues[11].end).toBe(cue.start + 1500);
    await expect(duration).toHaveValue('1.500');
    await expect.poll(() => regionEndMs(page, cue.id)).toBe(cue.start + 1500);
    await undoOnce(page);
    expect(await observe(page)).toMatchObject({ doc: before.doc, canUndo: false });

    // A frame rate for the document: times show as frames; one undo step takes it away.
    await page.getByTestId('frame-rate').selectOption('25');
    await expect.poll(async () => (await observe(page)).doc.metadata.frameRate).toBe(25);
    await expect(page.getByTestId('cue-field-start')).toHaveValue(/^\d\d:\d\d:\d\d:\d\d$/);
    await undoOnce(page);
    await expect(page.getByTestId('cue-field-start')).toHaveValue(formatSrt(cue.start));
    expect(await observe(page)).toMatchObject({ doc: before.doc, canUndo: false });
  });

  test('step with the seek keys, go to cue 40 with Ctrl+G, pin it from the keyboard', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    await focusOutside(page);

    await goTo(page, '40');
    const at40 = await observe(page);
    const cue40 = at40.doc.cues[39];
    expect(at40.selectedCueId).toBe(cue40.id);
    expect(at40.playheadMs).toBe(cue40.start);
    await expect(page.getByTestId('cue-fields-number')).toHaveText('Cue 40');

    // ←/→ 100 ms, Shift+←/→ 1 s, Ctrl+←/→ one frame (40 ms with no frame rate).
    const steps: Array<[string, number]> = [['ArrowRight', 100], ['ArrowRight', 100], ['Shift+ArrowRight', 1000], ['ArrowLeft', -100], ['Shift+ArrowLeft', -1000], ['Control+ArrowRight', 40]];
    let expected = cue40.start;
    for (const [key, delta] of steps) {
      await page.keyboard.press(key);
      expected += delta;
      await expect.poll(async () => (await observe(page)).playheadMs, key).toBe(expected);
    }
    // Stepping moves the playhead only: nothing to undo.
    expect((await observe(page)).canUndo).toBe(false);

    // A cue number past the end: the box stays open and says why.
    await page.keyboard.press('Control+g');
    const dialog = page.getByRole('dialog', { name: 'Go to' });
    await dialog.getByTestId('goto-input').fill('99');
    await dialog.getByTestId('goto-input').press('Enter');
    await expect(dialog.getByTestId('goto-error')).toHaveText('There is no cue 99: the cues are numbered 1–98');
    await dialog.getByTestId('goto-input').press('Escape');
    await expect(dialog).toBeHidden();

    // P pins the selected cue (the store and the current-cue bar show it); P again unpins; each is one undo step.
    await focusOutside(page);
    await page.keyboard.press('p');
    await expect.poll(async () => (await observe(page)).doc.cues[39].pinned).toBe(true);
    await expect(page.getByTestId('cue-pin')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('p');
    await expect.poll(async () => (await observe(page)).doc.cues[39].pinned ?? false).toBe(false);
    await expect(page.getByTestId('cue-pin')).toHaveAttribute('aria-pressed', 'false');
    await undoOnce(page);
    expect((await observe(page)).doc.cues[39].pinned).toBe(true);
    await undoOnce(page);
    expect(await observe(page)).toMatchObject({ doc: at40.doc, canUndo: false });
  });

  test('a pinned cue is marked in the gutter of every pane', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    await focusOutside(page);
    await goTo(page, '40');
    await page.keyboard.press('Control+Alt+p');
    await expect.poll(async () => (await observe(page)).doc.cues[39].pinned).toBe(true);
    for (const lang of ['en', 'zh-Hans']) {
      await expect(page.getByTestId(`pane-${lang}`).locator('.line-numbers', { hasText: /^40\s◆\s/ })).toHaveCount(1);
    }
    await undoOnce(page);
    await expect(page.getByTestId('pane-en').locator('.line-numbers', { hasText: /^40\s◆\s/ })).toHaveCount(0);
    await expect(page.getByTestId('pane-en').locator('.line-numbers', { hasText: /^40\s+\d/ })).toHaveCount(1);
  });
});

function formatSrt(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}
