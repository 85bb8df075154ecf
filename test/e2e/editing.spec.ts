import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { serveCopies } from '../support/server';
import { blockText, misalignedBlocks, saveAs, selectWordInBlock } from '../support/helpers';
import type { SubtitleDocument } from '../../src/shared/model';

/** The renderer's copy of the document (read-only observation; every change below goes through the UI). */
function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

function cue(doc: SubtitleDocument, id: string) {
  const found = doc.cues.find((c) => c.id === id);
  if (!found) throw new Error(`no cue ${id}`);
  return found;
}

/** Focus outside the panes, so bare keys (Up/Down, Space, S, Q, W) act as the keymap says. */
async function focusOutsideEditors(page: Page): Promise<void> {
  await page.getByTestId('status').click();
}

async function undoAll(page: Page): Promise<void> {
  await focusOutsideEditors(page);
  const undo = page.getByRole('button', { name: /Undo/ });
  for (let i = 0; i < 50 && (await undo.isEnabled()); i++) {
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(50);
  }
  await expect(undo).toBeDisabled();
}

test.describe('fixing the sample transcript from the keyboard', () => {
  const ctx = serveCopies('resources/sample/openai-podcast-ep8.zh-en.txt');

  test('the sentence cut across two speakers and the word on the wrong turn; undo and redo all of it', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    const original = await currentDoc(page);
    expect(cue(original, 'c95')).toMatchObject({ speaker: 's2', text: { 'zh-Hans': '非常感', en: 'Thank you so' } });
    expect(cue(original, 'c96').speaker).toBe('s4');

    // 1. "非常感" / "谢这次合作…": merge the two turns (Ctrl+J) …
    await selectWordInBlock(page, 'en', 'c95', 'Thank');
    await page.keyboard.press('Control+j');
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '97');
    expect(await blockText(page, 'zh-Hans', 'c95')).toBe('非常感谢这次合作。我们真的很享受这个过程。');
    expect(await blockText(page, 'en', 'c95')).toBe("Thank you so much for the partnership. We're really enjoying it.");
    // … then split after "谢这次合作。" (Ctrl+Shift+Enter: English follows at its matching sentence boundary)
    // and give the second half back to Speaker 4 (Alt+5).
    await selectWordInBlock(page, 'zh-Hans', 'c95', '我们真的');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Shift+Enter');
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    await page.keyboard.press('Alt+5');
    await expect.poll(async () => (await currentDoc(page)).cues[95].speaker).toBe('s4');
    const doc = await currentDoc(page);
    expect(doc.cues[94]).toMatchObject({ id: 'c95', speaker: 's2', text: { 'zh-Hans': '非常感谢这次合作。', en: 'Thank you so much for the partnership.' } });
    expect(doc.cues[95]).toMatchObject({ speaker: 's4', text: { 'zh-Hans': '我们真的很享受这个过程。', en: "We're really enjoying it." } });
    expect(doc.cues[95].start).toBeGreaterThan(doc.cues[94].end);

    // 2. "but" on the wrong turn: move the last word of cue 4 to cue 5, in both languages (Ctrl+Alt+Down).
    await selectWordInBlock(page, 'en', 'c4', 'but');
    await page.keyboard.press('Control+Alt+ArrowDown');
    await expect.poll(() => blockText(page, 'en', 'c5')).toBe("but it's a big drop.");
    expect(await blockText(page, 'en', 'c4')).toBe("That is a drop in the bucket compared to where we need to go. That's a big drop,");
    await selectWordInBlock(page, 'zh-Hans', 'c4', '但');
    await page.keyboard.press('Control+Alt+ArrowDown');
    await expect.poll(() => blockText(page, 'zh-Hans', 'c5')).toBe('但确实很大。');
    const ids = (await currentDoc(page)).cues.map((c) => c.id);
    expect(await misalignedBlocks(page, 'zh-Hans', 'en', ids)).toEqual([]);
    const fixed = await currentDoc(page);

    // Main has the same document: save it and read the file.
    await saveAs(page, 'fixed.duosub.json');
    const saved = JSON.parse(readFileSync(join(ctx.dir, 'fixed.duosub.json'), 'utf8'));
    expect(saved.cues).toEqual(fixed.cues);
    expect(saved.speakers).toEqual(fixed.speakers);

    // One history for all of it: undo everything, then redo everything.
    await undoAll(page);
    expect(await currentDoc(page)).toEqual(original);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    expect(await blockText(page, 'en', 'c95')).toBe('Thank you so');
    const redo = page.getByRole('button', { name: /Redo/ });
    while (await redo.isEnabled()) await page.keyboard.press('Control+Shift+z');
    expect(await currentDoc(page)).toEqual(fixed);
    expect(await blockText(page, 'zh-Hans', 'c5')).toBe('但确实很大。');
  });
});

test.describe('retiming and splitting turns on the sample with audio', () => {
  const ctx = serveCopies('test/fixtures/excerpt-turns.duosub.json', 'resources/sample/excerpt.opus');

  test('the keyboard timing loop: step, nudge, set the end at the playhead; undo restores', async ({ page }) => {
    await page.goto(ctx.server.url);
    const waveform = page.getByTestId('waveform');
    await expect(waveform).toHaveAttribute('data-region-count', /^[1-9]/);
    const original = await currentDoc(page);
    const c2 = cue(original, 'c2');
    const c3 = cue(original, 'c3');

    await focusOutsideEditors(page);
    await page.keyboard.press('ArrowDown'); // cue 1
    await page.keyboard.press('ArrowDown'); // cue 2, playhead at its start
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { selectedCueIds: string[] } } })
      .__duosubStore.getState().selectedCueIds)).toEqual(['c2']);
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Alt+Shift+ArrowRight'); // start +10 +10 +100
    await page.keyboard.press('Control+Alt+Shift+ArrowLeft'); // end −100
    await expect.poll(async () => cue(await currentDoc(page), 'c2')).toMatchObject({ start: c2.start + 120, end: c2.end - 100 });

    // Seek into the gap after cue 2 by clicking the waveform there, then F10: cue 2 ends at the playhead.
    const gapMs = Math.round((c2.end + c3.start) / 2);
    const box = (await waveform.boundingBox())!;
    const pxPerMs = await page.evaluate(() => (globalThis as unknown as { __duosubWave: { ws: { options: { minPxPerSec: number } } } })
      .__duosubWave.ws.options.minPxPerSec / 1000);
    const scroll = await page.evaluate(() => (globalThis as unknown as { __duosubWave: { ws: { getScroll(): number } } }).__duosubWave.ws.getScroll());
    await page.mouse.click(box.x + gapMs * pxPerMs - scroll, box.y + box.height / 2);
    await page.keyboard.press('F10');
    await expect.poll(async () => cue(await currentDoc(page), 'c2').end).toBeGreaterThan(c2.end);
    const playhead = await page.evaluate(() => (globalThis as unknown as { __duosubStore: { playheadMs(): number } }).__duosubStore.playheadMs());
    expect(Math.abs(playhead - gapMs)).toBeLessThan(60);
    expect(cue(await currentDoc(page), 'c2').end).toBe(playhead);

    await undoAll(page);
    expect(await currentDoc(page)).toEqual(original);
  });

  test('split a turn at the playhead and give the second half to another speaker', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('waveform')).toHaveAttribute('data-region-count', /^[1-9]/);
    const original = await currentDoc(page);
    const long = cue(original, 'c7');

    // Step to cue 7 (the waveform follows), play it for a moment, pause: the playhead is inside the cue.
    await focusOutsideEditors(page);
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    await expect(page.locator('[data-cue-id="c7"]')).toBeVisible();
    const playheadMs = () => page.evaluate(() => (globalThis as unknown as { __duosubStore: { playheadMs(): number } }).__duosubStore.playheadMs());
    await page.keyboard.press('s');
    await expect.poll(playheadMs, { intervals: [50] }).toBeGreaterThan(long.start + 1500);
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    const playhead = await playheadMs();
    expect(playhead).toBeLessThan(long.end);

    // Ctrl+Alt+Enter: split turn — the second half goes to the next speaker.
    await page.keyboard.press('Control+Alt+Enter');
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', String(original.cues.length + 1));
    const doc = await currentDoc(page);
    const index = doc.cues.findIndex((c) => c.id === 'c7');
    const [first, second] = [doc.cues[index], doc.cues[index + 1]];
    expect(first.end).toBeLessThanOrEqual(playhead);
    expect(second.start).toBeGreaterThanOrEqual(playhead);
    expect(second.start - first.end).toBeLessThan(100);
    expect(second.end).toBe(long.end);
    expect(second.speaker).not.toBe(long.speaker);
    expect(second.speaker).not.toBeNull();
    // The text split at a clause boundary near the playhead's place in the cue, in both languages; nothing lost.
    expect(first.text.en + ' ' + second.text.en).toBe(long.text.en);
    expect(first.text['zh-Hans'] + second.text['zh-Hans']).toBe(long.text['zh-Hans']);
    expect(first.text.en).toMatch(/[.?!,;]$/);
    expect(first.text['zh-Hans']).toMatch(/[。！？，；、,]$/);
    const place = (playhead - long.start) / (long.end - long.start);
    expect(Math.abs(first.text.en.length / long.text.en.length - place)).toBeLessThan(0.25);

    // The region menu does the same with a named speaker: split cue 2 here and give it to Speaker 0.
    await focusOutsideEditors(page);
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp');
    const region = page.locator('[data-cue-id="c2"]');
    await expect(region).toBeVisible();
    await region.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Split turn here/ }).click();
    await page.getByRole('menuitem', { name: 'Speaker 0' }).click();
    await expect.poll(async () => (await currentDoc(page)).cues.length).toBe(original.cues.length + 2);
    const after = await currentDoc(page);
    const i2 = after.cues.findIndex((c) => c.id === 'c2');
    expect(after.cues[i2].speaker).toBe('s1');
    expect(after.cues[i2 + 1].speaker).toBe('s0');

    await undoAll(page);
    expect(await currentDoc(page)).toEqual(original);
  });
});

test.describe('find/replace, speakers, inserting on the waveform, and a history that survives a reload', () => {
  const ctx = serveCopies('resources/sample/openai-podcast-ep8.zh-en.txt');

  test('replace a misheard name everywhere as one step, rename a speaker, insert a cue by dragging', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    const original = await currentDoc(page);
    const withName = original.cues.filter((c) => c.text.en?.includes('ChachiPiiti')).map((c) => c.id);
    expect(withName.length).toBeGreaterThan(0);

    // Find/replace in English, as one undoable step.
    await focusOutsideEditors(page);
    await page.keyboard.press('Control+h');
    const panel = page.getByTestId('find-replace');
    await panel.getByLabel('Language').selectOption('en');
    await panel.getByLabel('Find').fill('ChachiPiiti');
    await panel.getByLabel('Replace').fill('ChatGPT');
    await expect(page.getByTestId('find-count')).toContainText(String(withName.length));
    await panel.getByRole('button', { name: 'Replace all' }).click();
    await expect.poll(async () => (await currentDoc(page)).cues.some((c) => c.text.en?.includes('ChachiPiiti'))).toBe(false);
    const replaced = await currentDoc(page);
    for (const id of withName) {
      expect(cue(replaced, id).text.en).toBe(cue(original, id).text.en!.replaceAll('ChachiPiiti', 'ChatGPT'));
    }
    // Every other cue is untouched.
    expect(replaced.cues.filter((c) => !withName.includes(c.id))).toEqual(original.cues.filter((c) => !withName.includes(c.id)));
    await panel.getByRole('button', { name: 'Close' }).click();

    // Rename a speaker in the speakers panel: gutters and regions follow the document.
    const speakers = page.getByTestId('speakers-panel');
    await speakers.locator('.duosub-speaker-name', { hasText: 'Speaker 0' }).dblclick();
    await speakers.getByLabel('Speaker name').fill('Andrew Mayne');
    await speakers.getByLabel('Speaker name').press('Enter');
    await expect.poll(async () => (await currentDoc(page)).speakers.find((s) => s.id === 's0')?.name).toBe('Andrew Mayne');

    // Drag on empty waveform (past the last region) to insert a cue there.
    const waveform = page.getByTestId('waveform');
    const wave = await page.evaluate(() => {
      const ws = (globalThis as unknown as { __duosubWave: { ws: { getDuration(): number; getWidth(): number; setScroll(px: number): void; getWrapper(): { scrollWidth: number } } } }).__duosubWave.ws;
      ws.setScroll(ws.getWrapper().scrollWidth);
      return { duration: ws.getDuration() };
    });
    expect(wave.duration).toBeGreaterThan(0);
    await page.waitForTimeout(200);
    const box = (await waveform.boundingBox())!;
    const before = (await currentDoc(page)).cues.length;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width - 120, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 80, y, { steps: 5 });
    await page.mouse.move(box.x + box.width - 40, y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await currentDoc(page)).cues.length).toBe(before + 1);
    const inserted = (await currentDoc(page)).cues.at(-1)!;
    expect(inserted.end - inserted.start).toBeGreaterThan(100);
    expect(inserted.start).toBeGreaterThanOrEqual(original.cues.at(-1)!.end);
    await expect(page.getByTestId('pane-zh-Hans')).toHaveAttribute('data-block-count', '99');

    // The history lives in the main process: reload the window, then undo all three steps.
    await page.reload();
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '99');
    await undoAll(page);
    expect(await currentDoc(page)).toEqual(original);
  });
});
