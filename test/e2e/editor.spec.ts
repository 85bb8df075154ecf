import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import WebSocket from 'ws';
import { ROOT, serveCopies, startServer } from '../support/server';
import { blockText, misalignedBlocks, saveAs, selectWordInBlock } from '../support/helpers';

test.describe('the bundled 98-turn transcript', () => {
  const ctx = serveCopies('resources/sample/openai-podcast-ep8.zh-en.txt');

  test('both panes show 98 blocks and the document is marked untimed', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-zh-Hans')).toHaveAttribute('data-block-count', '98');
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    await expect(page.getByTestId('untimed-badge')).toHaveText(/Untimed/);
    expect(await blockText(page, 'en', 'c98')).toBe('Thank you.');
    expect(await blockText(page, 'zh-Hans', 'c98')).toBe('谢谢。');
    const ids = Array.from({ length: 98 }, (_, i) => `c${i + 1}`);
    expect(await misalignedBlocks(page, 'zh-Hans', 'en', ids)).toEqual([]);
    // Typing a new line into one language keeps the blocks below aligned.
    await selectWordInBlock(page, 'zh-Hans', 'c3', '我们正在');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    expect(await misalignedBlocks(page, 'zh-Hans', 'en', ids)).toEqual([]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => blockText(page, 'zh-Hans', 'c3')).toBe('我们正在定义人类文明的下一代操作系统。');
  });

  test('when the editor chunk cannot be fetched, the status line says so; the waveform still opens', async ({ page }) => {
    await page.route(/\/assets\/panes-controller-[\w-]+\.js$/, (route) => route.abort());
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('status')).toContainText('Could not load the text editor');
    await expect(page.getByTestId('waveform')).toHaveAttribute('data-region-count', /^[1-9]/);
    await expect(page.getByTestId('pane-en')).not.toHaveAttribute('data-block-count', '98');
  });

  test('a word edited in the English pane is in the saved file', async ({ page }) => {
    await page.goto(ctx.server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '98');
    await selectWordInBlock(page, 'en', 'c1', 'Allman');
    await page.keyboard.type('Altman');
    expect(await blockText(page, 'en', 'c1')).toContain('Sam Altman and Greg Brockman');
    await saveAs(page, 'ep8-fixed.duosub.json');
    const saved = JSON.parse(readFileSync(join(ctx.dir, 'ep8-fixed.duosub.json'), 'utf8'));
    expect(saved.cues[0].text.en).toContain('Joining me from OpenAI is Sam Altman and Greg Brockman');
    expect(saved.cues).toHaveLength(98);
  });
});

test.describe('the sample project with audio', () => {
  // The excerpt as turn cues (c1…c8 in order): the bundled sample before it became subtitle cues.
  const ctx = serveCopies('test/fixtures/excerpt-turns.duosub.json', 'resources/sample/excerpt.opus');
  const original: { cues: { id: string; start: number; end: number; text: Record<string, string> }[] } = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/excerpt-turns.duosub.json'), 'utf8'));

  test('text edit and region drag are saved; undo restores both', async ({ page }) => {
    await page.goto(ctx.server.url);
    const waveform = page.getByTestId('waveform');
    await expect(waveform).toHaveAttribute('data-duration-ms', /^[1-9]\d{4,}$/);
    await expect(waveform).toHaveAttribute('data-region-count', /^[1-9]\d*$/);

    // Edit a word in cue 2's English text.
    await selectWordInBlock(page, 'en', 'c2', 'biggest');
    await page.keyboard.type('largest');

    // Drag cue 3's region to the right.
    const region = page.locator('[data-cue-id="c3"]');
    await region.scrollIntoViewIfNeeded();
    const box = (await region.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 8 });
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect(page.getByRole('button', { name: /Undo/ })).toBeEnabled();

    // Save in place (the project file is the one opened) and read it back.
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Saved excerpt-turns.duosub.json')).toBeVisible();
    const saved = JSON.parse(readFileSync(join(ctx.dir, 'excerpt-turns.duosub.json'), 'utf8'));
    expect(saved.cues[1].text.en).toContain('largest joint industrial project');
    const moved = saved.cues[2];
    const before = original.cues[2];
    expect(moved.start).toBeGreaterThan(before.start + 100);
    expect(moved.end - moved.start).toBe(before.end - before.start);

    // Undo twice from outside the editors: the drag, then the text.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('button', { name: /Undo/ })).toBeDisabled();
    expect(await blockText(page, 'en', 'c2')).toContain('biggest joint industrial project');
    await page.keyboard.press('Control+s');
    await expect.poll(() => JSON.parse(readFileSync(join(ctx.dir, 'excerpt-turns.duosub.json'), 'utf8')).cues).toEqual(original.cues);
  });
});

test('the browser-mode server refuses requests and connections without its token', async ({ request }) => {
  const server = await startServer([]);
  try {
    expect((await request.get(`${server.origin}/`)).status()).toBe(403);
    expect((await request.get(`${server.origin}/?token=not-the-token`)).status()).toBe(403);
    expect((await request.get(`${server.origin}/?token=${server.token}`)).status()).toBe(200);
    expect((await request.get(`${server.origin}/?token=${server.token}`, { headers: { Origin: 'http://evil.example' } })).status()).toBe(403);
    const refused = await new Promise<string>((done) => {
      const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/api`);
      socket.on('open', () => done('open'));
      socket.on('unexpected-response', (_req, res) => done(`status ${res.statusCode}`));
      socket.on('error', () => done('error'));
    });
    expect(refused).toBe('status 403');
  } finally {
    await server.close();
  }
});
