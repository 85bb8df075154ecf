import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { findFfmpeg } from '../../src/node/ffmpeg/ffmpeg';
import { serializeDocument } from '../../src/shared/formats/registry';
import { startServer, type RunningServer } from '../support/server';

test.describe('a video file', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    const ffmpeg = findFfmpeg();
    if (!ffmpeg) throw new Error('ffmpeg is needed: apt-get install ffmpeg');
    const dir = mkdtempSync(join(tmpdir(), 'duosub-video-'));
    // VP8 + Vorbis in WebM: what Chromium plays without proprietary codecs.
    execFileSync(ffmpeg.path, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=15:duration=4', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=4',
      '-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libvorbis', '-shortest', '-y', join(dir, 'clip.webm')]);
    const doc = {
      languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
      speakers: [], chapters: [], media: { path: 'clip.webm' }, metadata: {},
      cues: [
        { id: 'c1', start: 100, end: 1800, speaker: null, text: { 'zh-Hans': '你好', en: 'Hello' } },
        { id: 'c2', start: 2000, end: 3800, speaker: null, text: { 'zh-Hans': '再见', en: 'Goodbye' } },
      ],
    };
    writeFileSync(join(dir, 'clip.duosub.json'), serializeDocument(doc, 'duosub'));
    server = await startServer([join(dir, 'clip.duosub.json')]);
  });
  test.afterAll(() => server?.close());

  test('plays in a preview with the cue at the playhead overlaid in both languages', async ({ page }) => {
    await page.goto(server.url);
    await expect(page.getByTestId('video-preview')).toBeVisible();
    await expect(page.getByTestId('waveform')).toHaveAttribute('data-duration-ms', /^[1-9]\d{3}$/);
    await page.getByTestId('status').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // cue 2: the playhead moves to its start
    const subtitles = page.getByTestId('video-subtitles');
    await expect(subtitles).toContainText('再见');
    await expect(subtitles).toContainText('Goodbye');
    await expect(subtitles.locator('[data-lang]').first()).toHaveAttribute('data-lang', 'zh-Hans');
    const time = await page.getByTestId('video-preview-element').evaluate((v) => (v as unknown as { currentTime: number }).currentTime);
    expect(time).toBeGreaterThanOrEqual(1.99);
  });
});
