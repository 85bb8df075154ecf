/** The bilingual line budget: "one line per language" in the QC panel makes two-line texts problems, fixable, and the export's default. */
import { test, expect, type Page } from '@playwright/test';
import { serveCopies } from '../support/server';
import type { SubtitleDocument } from '../../src/shared/model';

async function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

/** Rows of the QC list for the line rule: "Lines 2 / 1" (value / limit). */
const lineProblems = (page: Page) => page.getByTestId('qc-panel').getByRole('option').filter({ hasText: /Lines\s*2 \/ 1/ });

test.describe('bilingual line budget', () => {
  const ctx = serveCopies('test/fixtures/bilingual/two-lines.zh-en.srt');

  test('one line per language: QC flags each two-line text, the fix joins them, undo restores, export defaults to it', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '3');
    await expect(lineProblems(page)).toHaveCount(0);

    await page.getByTestId('qc-lines-per-language').selectOption('1');
    await expect(lineProblems(page)).toHaveCount(6); // 3 cues × 2 languages
    expect((await currentDoc(page)).metadata.linesPerLanguage).toBe(1);

    // The export dialog starts from the document's layout.
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByTestId('export-dialog').getByTestId('export-lines-per-language')).toHaveValue('1');
    await page.keyboard.press('Escape');

    // "Fix all" fixes one rule in one language: Chinese first, then English.
    await lineProblems(page).first().click();
    await page.getByTestId('qc-fix-all').click();
    await expect(lineProblems(page)).toHaveCount(3);
    await lineProblems(page).first().click();
    await page.getByTestId('qc-fix-all').click();
    await expect(lineProblems(page)).toHaveCount(0);
    const fixed = await currentDoc(page);
    expect(fixed.cues[0].text).toEqual({ 'zh-Hans': '萨姆·阿尔特曼说下一代计算平台', en: 'Sam Altman says the next platform' });

    // Undo the two fixes, then the layout itself: back to no problems, no layout in the document.
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect(lineProblems(page)).toHaveCount(3);
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect(lineProblems(page)).toHaveCount(6);
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect(lineProblems(page)).toHaveCount(0);
    expect((await currentDoc(page)).metadata.linesPerLanguage).toBeUndefined();
  });
});
