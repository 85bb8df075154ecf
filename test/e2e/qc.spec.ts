import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { serveCopies } from '../support/server';
import { selectWordInBlock } from '../support/helpers';
import type { SubtitleDocument } from '../../src/shared/model';

function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

test.describe('quality checks and exports', () => {
  const ctx = serveCopies('resources/sample/excerpt.duosub.json', 'resources/sample/excerpt.opus');

  test('a reading-speed problem shows on the panel and the timeline, is fixed from the panel; bilingual SRT export', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '22'); // the bundled sample's subtitle cues
    const panel = page.getByTestId('qc-panel');
    const cpsRow = panel.locator('[data-rule="cps"][data-issue-cue="c5"]');
    await expect(cpsRow).toHaveCount(0);

    // Make cue 5 too dense to read: 70 more characters in about two seconds.
    await selectWordInBlock(page, 'en', 'c5', 'drop');
    await page.keyboard.press('End');
    await page.keyboard.type(' And the drop keeps getting bigger every single year we work on it.');
    await expect(cpsRow.first()).toBeVisible();
    const region = page.locator('[data-cue-id="c5"]');
    await expect(region).toHaveAttribute('data-qc', 'error');
    const before = (await currentDoc(page)).cues.find((c) => c.id === 'c5')!;

    // Fix it from the panel: the cue's end moves as far as the next cue allows.
    await cpsRow.first().click();
    await page.getByTestId('qc-fix').click();
    await expect.poll(async () => (await currentDoc(page)).cues.find((c) => c.id === 'c5')!.end).toBeGreaterThan(before.end);
    const after = await currentDoc(page);
    const fixed = after.cues.find((c) => c.id === 'c5')!;
    const next = after.cues[after.cues.findIndex((c) => c.id === 'c5') + 1];
    expect(fixed.end).toBeLessThan(next.start);

    // Export bilingual SRT through the dialog; the download has both languages in each cue.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-format').selectOption('srt');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-submit').click()]);
    const srt = readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.srt$/);
    const blocks = srt.trim().split(/\n\n/);
    expect(blocks).toHaveLength(after.cues.length);
    expect(blocks[9]).toContain('确实很大。'); // cue 10 is c5
    expect(blocks[9].replace(/\n/g, ' ')).toContain('keeps getting bigger'); // re-broken to two lines: the export's default layout
    expect(blocks[0].split('\n')[2]).toMatch(/[\u4e00-\u9fff]/);
  });
});
