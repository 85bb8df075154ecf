/** A GB18030 subtitle file in the app: its encoding on the status line, re-opened in another with a preview, exported in its own. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server';
import type { SubtitleDocument } from '../../src/shared/model';

const CUES = ['萨姆·奥尔特曼谈芯片', '我们需要更多的“算力”——现在。', '谢谢大家。'];
const SRT = CUES.map((text, i) => `${i + 1}\r\n00:00:0${i},000 --> 00:00:0${i + 1},000\r\n${text}\r\n`).join('\r\n');

function cueTexts(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
      .__duosubStore.getState().docState.doc;
    return JSON.stringify(doc.cues.map((c) => c.text));
  });
}

test.describe('legacy encodings', () => {
  let server: RunningServer | null = null;
  test.beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duosub-e2e-encoding-'));
    const file = join(dir, 'talk.zh.srt');
    writeFileSync(file, iconv.encode(SRT, 'gb18030'));
    server = await startServer([file]);
  });
  test.afterAll(() => server?.close());

  test('a GB18030 SRT opens as GB18030, re-opens as windows-1252 and back through the dialog, and exports in GB18030', async ({ page }) => {
    await page.goto(server!.url);
    const encoding = page.getByTestId('status-encoding');
    await expect(encoding).toHaveText('GB18030');
    expect(await cueTexts(page)).toContain(CUES[0]);

    // The dialog previews the file in the encoding chosen; the current one first.
    await encoding.click();
    const dialog = page.getByTestId('reopen-encoding-dialog');
    const preview = dialog.getByTestId('encoding-preview');
    await expect(preview).toContainText(CUES[0]);
    await dialog.getByTestId('reopen-encoding-list').selectOption('windows-1252');
    await expect(preview).not.toContainText(CUES[0]);
    await expect(preview).toContainText('00:00:00,000 --> 00:00:01,000');
    await expect(preview).toContainText(iconv.decode(iconv.encode(CUES[1], 'gb18030'), 'windows-1252')); // the first ten lines only
    // UTF-8 cannot read the file: the preview says where, and re-opening is not offered.
    await dialog.getByTestId('reopen-encoding-list').selectOption('UTF-8');
    await expect(dialog.getByTestId('encoding-preview-error')).toContainText('line 3');
    await expect(dialog.getByTestId('reopen-encoding-submit')).toBeDisabled();

    await dialog.getByTestId('reopen-encoding-list').selectOption('windows-1252');
    await expect(preview).not.toContainText(CUES[0]);
    await dialog.getByTestId('reopen-encoding-submit').click();
    await expect(dialog).toBeHidden();
    await expect(encoding).toHaveText('windows-1252');
    expect(await cueTexts(page)).not.toContain(CUES[0]);

    // And back.
    await encoding.click();
    await page.getByTestId('reopen-encoding-list').selectOption('GB18030');
    await expect(page.getByTestId('encoding-preview')).toContainText(CUES[1]);
    await page.getByTestId('reopen-encoding-submit').click();
    await expect(encoding).toHaveText('GB18030');
    expect(await cueTexts(page)).toContain(CUES[1]);

    // Export writes the source's encoding by default.
    await page.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByTestId('export-dialog');
    await exportDialog.getByTestId('export-format').selectOption('srt');
    await expect(exportDialog.getByTestId('export-encoding')).toHaveValue('');
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByTestId('export-submit').click()]);
    const bytes = readFileSync((await download.path())!);
    const text = iconv.decode(bytes, 'gb18030');
    for (const cue of CUES) expect(text).toContain(cue);
    expect(bytes.includes(Buffer.from(CUES[0], 'utf8'))).toBe(false);
  });
});

/** The everyday bilingual file: a GBK SRT with a Chinese line above its English one in each cue. */
const BILINGUAL = [
  ['萨姆·奥尔特曼谈芯片', 'Sam Altman on chips'],
  ['我们需要更多的“算力”——现在。', 'We need more compute, now.'],
  ['谢谢大家。', 'Thank you all.'],
];
const BILINGUAL_SRT = BILINGUAL.map(([zh, en], i) => `${i + 1}\r\n00:00:0${i},000 --> 00:00:0${i + 1},000\r\n${zh}\r\n${en}\r\n`).join('\r\n');

test.describe('a GBK bilingual SRT', () => {
  let server: RunningServer | null = null;
  test.beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duosub-e2e-bilingual-gbk-'));
    const file = join(dir, 'talk.srt');
    writeFileSync(file, iconv.encode(BILINGUAL_SRT, 'gbk'));
    server = await startServer([file]);
  });
  test.afterAll(() => server?.close());

  test('opens as two languages, each in its own pane, Chinese first', async ({ page }) => {
    await page.goto(server!.url);
    await expect(page.getByTestId('status-encoding')).toHaveText('GB18030');
    await expect.poll(() => page.evaluate(() => Object.keys((globalThis as unknown as { __duosubPanes?: object }).__duosubPanes ?? {}))).toEqual(['zh-Hans', 'en']);
    expect(await cueTexts(page)).toBe(JSON.stringify(BILINGUAL.map(([zh, en]) => ({ 'zh-Hans': zh, en }))));
  });
});
