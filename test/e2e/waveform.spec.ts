import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server';

/** A 1,000-cue project without media: 2 s cues, 0.5 s apart (a 42-minute timeline). */
function longProject(): string {
  const cues = Array.from({ length: 1000 }, (_, i) => ({
    id: `c${i + 1}`, start: i * 2500, end: i * 2500 + 2000, speaker: 's0', text: { 'zh-Hans': `第${i + 1}句`, en: `Line ${i + 1}` },
  }));
  const path = join(mkdtempSync(join(tmpdir(), 'duosub-e2e-wave-')), 'long.duosub.json');
  writeFileSync(path, JSON.stringify({
    format: 'duosub', version: 1, languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
    speakers: [{ id: 's0', name: 'Host', color: '#4e79a7' }], chapters: [], metadata: { untimed: false }, cues,
  }));
  return path;
}

async function pressTimes(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

test.describe('zooming a long timeline', () => {
  let server: RunningServer | null = null;
  test.beforeAll(async () => {
    server = await startServer([longProject()]);
  });
  test.afterAll(() => server?.close());

  test('zooms out until the whole timeline fits; too many cues for regions says so, and zooming in brings them back', async ({ page }) => {
    await page.goto(server!.url);
    const wave = page.getByTestId('waveform');
    await expect(wave).toHaveAttribute('data-region-count', /^[1-9]\d?$/); // 50 px/s: a few dozen cues around the view
    await page.getByTestId('status').click(); // out of the panes: bare keys drive the waveform
    await pressTimes(page, '-', 30);
    const zoom = page.getByTestId('zoom');
    // The whole timeline fits in the waveform's width: well under the 1 px/s floor of shorter files.
    const width = await wave.evaluate((el) => el.clientWidth);
    const seconds = Number(await wave.getAttribute('data-duration-ms')) / 1000;
    expect(seconds).toBeGreaterThan(2500);
    const fit = width / seconds;
    await expect.poll(async () => Number((await zoom.getAttribute('aria-valuetext'))!.split(' ')[0]) / fit).toBeGreaterThan(0.98);
    expect(Number((await zoom.getAttribute('aria-valuetext'))!.split(' ')[0]) / fit).toBeLessThan(1.02);
    await expect(wave).toHaveAttribute('data-zoomed-out', '');
    await expect(wave).toHaveAttribute('data-region-count', '0');
    await pressTimes(page, '=', 30);
    await expect(wave).not.toHaveAttribute('data-zoomed-out');
    await expect(wave).toHaveAttribute('data-region-count', /^[1-9]\d*$/);
  });
});
