import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server';
import type { SubtitleDocument } from '../../src/shared/model';

interface StoreHook {
  getState(): { docState: { doc: SubtitleDocument }; selectedCueId: string | null };
}

/** The renderer's copy of the document and selection (read-only observation; every change goes through the UI). */
function storeState(page: Page): Promise<{ doc: SubtitleDocument; selectedCueId: string | null }> {
  return page.evaluate(() => {
    const state = (globalThis as unknown as { __duosubStore: StoreHook }).__duosubStore.getState();
    return { doc: state.docState.doc, selectedCueId: state.selectedCueId };
  });
}

function srt(cues: Array<[string, string, string]>): string {
  return cues.map(([start, end, text], i) => `${i + 1}\n${start} --> ${end}\n${text}\n`).join('\n');
}

// A Chinese SRT and the English SRT of the same film: its second cue split in two, and one cue with no Chinese.
const ZH = srt([
  ['00:00:01,000', '00:00:04,000', '萨姆·奥尔特曼谈“芯片”'],
  ['00:00:05,000', '00:00:08,000', '我们需要更多算力——非常多。'],
  ['00:00:09,000', '00:00:11,000', '谢谢大家收听。'],
  ['00:00:12,000', '00:00:14,000', '下期再见。'],
]);
const EN = srt([
  ['00:00:01,000', '00:00:04,000', 'Sam Altman on "chips"'],
  ['00:00:05,000', '00:00:06,400', 'We need more compute —'],
  ['00:00:06,500', '00:00:08,000', 'a lot more.'],
  ['00:00:09,000', '00:00:11,000', 'Thanks for listening.'],
  ['00:00:12,000', '00:00:14,000', 'See you next time.'],
  ['00:00:30,000', '00:00:32,000', '[outro music]'],
]);

const panes = (page: Page) => page.locator('section.duosub-pane');

async function openLanguageMenu(page: Page, code: string) {
  await page.getByTestId(`pane-${code}`).locator('.duosub-pane-menu-button').click();
  const menu = page.getByTestId('language-menu');
  await expect(menu).toBeVisible();
  return menu;
}

test.describe('two files, one document', () => {
  let server: RunningServer;
  let dir: string;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duosub-e2e-langs-'));
    writeFileSync(join(dir, 'film.zh.srt'), ZH);
    writeFileSync(join(dir, 'film.en.srt'), EN);
    server = await startServer([join(dir, 'film.zh.srt')]);
  });
  test.afterAll(() => server?.close());

  test('adds the English SRT as one undo step with a report, then renames, swaps, recodes and removes languages', async ({ page }) => {
    await page.goto(server.url);
    const zhPane = page.locator('[data-testid^="pane-zh"]');
    await expect(zhPane).toHaveAttribute('data-block-count', '4');
    await expect(panes(page)).toHaveCount(1);
    const zh = (await zhPane.getAttribute('data-testid'))!.slice('pane-'.length);
    const original = (await storeState(page)).doc;

    // Add a language from a file: the code is guessed from the text (blank field).
    await page.getByRole('button', { name: 'Add language…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a language from a file' });
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(join(dir, 'film.en.srt'));
    await expect(dialog).toBeHidden();

    await expect(panes(page)).toHaveCount(2);
    await expect(page.getByTestId('pane-en')).toBeVisible();
    const report = page.getByTestId('language-report');
    await expect(report).toContainText(/Added en from film\.en\.srt: \d+ paired, \d+ joined, 1 unpaired — listed below/);
    await expect(report.getByRole('button', { name: /\[outro music\]/ })).toBeVisible();
    const added = (await storeState(page)).doc;
    const split = added.cues.find((c) => c.text[zh] === '我们需要更多算力——非常多。');
    expect(split?.text.en).toBe('We need more compute — a lot more.');
    expect(added.languages.map((l) => l.code)).toEqual([zh, 'en']);

    // The unpaired cue is kept as its own cue: its line in the report jumps to it.
    await report.getByRole('button', { name: /\[outro music\]/ }).click();
    await expect.poll(async () => {
      const { doc, selectedCueId } = await storeState(page);
      return doc.cues.find((c) => c.id === selectedCueId)?.text.en;
    }).toBe('[outro music]');

    // One undo: back to the Chinese document alone, exactly.
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect(panes(page)).toHaveCount(1);
    await expect(report).toBeHidden();
    expect((await storeState(page)).doc).toEqual(original);
    await page.getByRole('button', { name: /Redo/ }).click();
    await expect(panes(page)).toHaveCount(2);

    // Rename the English pane.
    let menu = await openLanguageMenu(page, 'en');
    await menu.getByRole('menuitem', { name: 'Rename…' }).click();
    await page.getByPlaceholder('English').fill('英语字幕');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pane-en').locator('.duosub-pane-header')).toContainText('英语字幕');

    // Move it left: the English pane comes first.
    menu = await openLanguageMenu(page, 'en');
    await menu.getByRole('menuitem', { name: 'Move left' }).click();
    await expect(panes(page).first()).toHaveAttribute('data-testid', 'pane-en');

    // Change its code: the pane follows, the texts move with it.
    menu = await openLanguageMenu(page, 'en');
    await menu.getByRole('menuitem', { name: 'Change code…' }).click();
    await page.getByPlaceholder('en', { exact: true }).fill('en-US');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pane-en-US')).toBeVisible();
    expect((await storeState(page)).doc.cues[0].text['en-US']).toBe('Sam Altman on "chips"');

    // Remove the Chinese language: it asks first.
    menu = await openLanguageMenu(page, zh);
    await menu.getByRole('menuitem', { name: 'Remove language…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove language' });
    await expect(confirm).toContainText('4 cues');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(panes(page)).toHaveCount(1);
    await expect(page.getByTestId('pane-en-US')).toBeVisible();

    // Undo all four steps: the document is the one just after adding English.
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: /Undo/ }).click();
    await expect(page.getByTestId(`pane-${zh}`)).toBeVisible();
    await expect(panes(page).first()).toHaveAttribute('data-testid', `pane-${zh}`);
    await expect.poll(async () => JSON.stringify((await storeState(page)).doc)).toBe(JSON.stringify(added));
  });
});
