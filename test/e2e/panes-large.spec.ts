/**
 * A long document loads into the panes in parts (pane-loader.ts): read-only with a "Loading … cues…" note until
 * the last part is in, then every block aligned across panes, including those around the parts' seams.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { exportDocument } from '../../src/shared/formats/export';
import { buildBilingualDocument } from '../../bench/lib/bilingual-doc';
import { startServer, type RunningServer } from '../support/server';
import { FIRST_PART, PART } from '../../src/renderer/src/panes/load-parts';
import { blockText, misalignedBlocks, selectWordInBlock } from '../support/helpers';

const CUES = 30_000;

/** What the page saw of the loading note: its texts, and whether every pane was read-only at each. */
const WATCH_LOADING = `
  globalThis.__loadingSeen = [];
  new MutationObserver(() => {
    const note = document.querySelector('[data-testid=pane-loading]');
    if (!note) return;
    const panes = globalThis.__duosubPanes ?? {};
    const readOnly = Object.values(panes).map((p) => p.editor.getRawOptions().readOnly === true);
    const last = globalThis.__loadingSeen[globalThis.__loadingSeen.length - 1];
    if (!last || last.text !== note.textContent) globalThis.__loadingSeen.push({ text: note.textContent, readOnly });
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

test.describe(`a ${CUES.toLocaleString('en-US')}-cue bilingual SRT`, () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duosub-e2e-large-'));
    const file = join(dir, 'long.srt');
    writeFileSync(file, exportDocument(buildBilingualDocument(CUES), { format: 'srt' }).text);
    server = await startServer([file]);
  });
  test.afterAll(async () => server.close());

  test('loads in parts, read-only meanwhile, then aligned and editable everywhere', async ({ page }) => {
    test.setTimeout(120_000);
    await page.addInitScript(WATCH_LOADING);
    await page.goto(server.url);
    const total = String(CUES);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', total, { timeout: 60_000 });
    await expect(page.getByTestId('pane-zh-Hans')).toHaveAttribute('data-block-count', total);
    await expect(page.getByTestId('pane-loading')).toHaveCount(0);

    const seen = await page.evaluate(() => (globalThis as unknown as { __loadingSeen: { text: string; readOnly: boolean[] }[] }).__loadingSeen);
    expect(seen.length).toBeGreaterThan(1);
    for (const { text, readOnly } of seen) {
      expect(text).toMatch(/^Loading [\d,]+ \/ 30,000 cues…$/);
      expect(readOnly.every(Boolean)).toBe(true);
    }

    // Every 37th cue, and both sides of every part's seam.
    const ids = new Set<string>();
    for (let n = 1; n <= CUES; n += 37) ids.add(`c${n}`);
    for (let seam = FIRST_PART; seam < CUES; seam += PART) for (const n of [seam - 1, seam, seam + 1, seam + 2]) ids.add(`c${n}`);
    ids.add(`c${CUES}`);
    expect(await misalignedBlocks(page, 'zh-Hans', 'en', [...ids])).toEqual([]);

    // Editable once in: a new line deep in the document keeps the blocks below aligned, and undo takes it back.
    const before = await blockText(page, 'en', 'c25000');
    const word = before.split(/\s+/)[1];
    await selectWordInBlock(page, 'en', 'c25000', word);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('萨姆·奥尔特曼');
    await expect.poll(() => blockText(page, 'en', 'c25000')).toContain('萨姆·奥尔特曼');
    expect(await misalignedBlocks(page, 'zh-Hans', 'en', ['c24999', 'c25000', 'c25001', `c${CUES}`])).toEqual([]);
    for (let k = 0; k < 10 && (await blockText(page, 'en', 'c25000')) !== before; k++) {
      await page.keyboard.press('Control+z');
      await page.waitForTimeout(100);
    }
    expect(await blockText(page, 'en', 'c25000')).toBe(before);
    expect(await misalignedBlocks(page, 'zh-Hans', 'en', ['c24999', 'c25000', 'c25001', `c${CUES}`])).toEqual([]);
  });
});
