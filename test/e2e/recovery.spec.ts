/**
 * Work survives a crash: edit in browser mode, kill the server with SIGKILL, start a new one on the same data and
 * config folders; the window offers the unsaved work, Restore brings the edit back, and Undo still works.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { tempCopy } from '../support/server';
import { blockText, editsSettled, retypeWord, shownDocument, startCrashableServer } from '../support/helpers';

const SOURCE = 'openai-podcast-ep8.zh-en.txt';

/** Whether any file under `dir` holds `text` (the journal has flushed the edit). */
function holds(dir: string, text: string): boolean {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory() ? holds(path, text) : info.size < 50_000_000 && readFileSync(path, 'utf8').includes(text)) return true;
  }
  return false;
}

test.describe('recovering unsaved work after a crash', () => {
  const folders: string[] = [];
  test.afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  test('the next start offers it; Restore brings the edit back with its undo', async ({ page }) => {
    const dir = tempCopy(`resources/sample/${SOURCE}`);
    const dataDir = mkdtempSync(join(tmpdir(), 'duosub-e2e-data-'));
    const configDir = mkdtempSync(join(tmpdir(), 'duosub-e2e-config-'));
    folders.push(dir, dataDir, configDir);
    const env = { DUOSUB_DATA_DIR: dataDir, DUOSUB_CONFIG_DIR: configDir };
    const file = join(dir, SOURCE);

    const first = await startCrashableServer([file], env);
    try {
      await page.goto(first.url);
      await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
      const original = await blockText(page, 'en', 'c4');
      await retypeWord(page, 'en', 'c4', 'bucket', 'crashproof');
      await editsSettled(page);
      // The journal flushes within a second of the edit; wait until it has, then crash.
      await expect.poll(() => holds(dataDir, 'crashproof'), { timeout: 10_000 }).toBe(true);
      await first.crash();

      const second = await startCrashableServer([file], env);
      try {
        await page.goto(second.url);
        await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
        // The new server opened the file as it is on disk …
        expect(await blockText(page, 'en', 'c4')).toBe(original);
        // … and offers what the journal kept.
        const recovery = page.getByRole('dialog', { name: 'Recover unsaved work' });
        const entry = recovery.getByTestId('recovery-entry');
        await expect(entry).toHaveCount(1);
        await expect(entry).toContainText(SOURCE);
        await expect(entry).toContainText(file); // browser mode shows the path (no "Show the file")
        await expect(entry).toContainText(/\d+ unsaved changes? · 98 cues/);
        await expect(entry.getByRole('button', { name: 'Show the file' })).toHaveCount(0);
        await entry.getByRole('button', { name: 'Restore' }).click();
        await expect(recovery).toBeHidden();
        await expect.poll(() => blockText(page, 'en', 'c4')).toContain('drop in the crashproof');
        expect(await shownDocument(page)).toMatchObject({ dirty: true, canUndo: true });
        await page.getByTestId('status').click();
        await page.keyboard.press('Control+z');
        await expect.poll(() => blockText(page, 'en', 'c4')).toBe(original);
      } finally {
        await second.crash();
      }
    } finally {
      await first.crash();
    }
  });
});
