/** The export dialog's bilingual layout: one line per language, the document untouched. */
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { serveCopies } from '../support/server';
import type { SubtitleDocument } from '../../src/shared/model';

async function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

async function exportWith(page: Page, choose: (dialog: ReturnType<Page['getByTestId']>) => Promise<void>): Promise<string> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await choose(dialog);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-submit').click()]);
  return readFileSync((await download.path())!, 'utf8');
}

test.describe('bilingual export layout', () => {
  const ctx = serveCopies('resources/sample/excerpt.duosub.json', 'resources/sample/excerpt.opus');

  test('bilingual SRT with one line per language, and WebVTT with language spans; the document is unchanged', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '22'); // the bundled sample's subtitle cues
    const before = await currentDoc(page);

    const srt = await exportWith(page, async (dialog) => {
      await dialog.getByTestId('export-format').selectOption('srt');
      await dialog.getByTestId('export-lines-per-language').selectOption('1');
    });
    const blocks = srt.trim().split(/\n\n/);
    expect(blocks).toHaveLength(before.cues.length);
    blocks.forEach((block, i) => {
      const lines = block.split('\n').slice(2);
      expect(lines, `cue ${i + 1}`).toHaveLength(2);
      expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
      expect(lines[1]).not.toMatch(/[\u4e00-\u9fff]/);
      expect(lines[1]).toBe(before.cues[i].text.en.replace(/\s*\n\s*/g, ' ').trim());
    });

    const vtt = await exportWith(page, async (dialog) => {
      await dialog.getByTestId('export-format').selectOption('vtt');
    });
    expect(vtt.match(/<lang zh-Hans>/g)).toHaveLength(before.cues.length);
    expect(vtt.match(/<lang en>/g)).toHaveLength(before.cues.length);

    expect(await currentDoc(page)).toEqual(before);
  });
});
