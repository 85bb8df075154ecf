/**
 * Media that stays linked in browser mode: audio opened by upload is kept in the per-user media store, so a saved
 * project reopens with its waveform after the server restarts; a project whose media is not where it says asks to
 * locate it, takes a file with the recorded fingerprint at once and asks about a different one.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { ROOT, startServer, type RunningServer } from '../support/server';
import { saveAs } from '../support/helpers';

const AUDIO = join(ROOT, 'resources/sample/excerpt.opus');
const audioBytes = readFileSync(AUDIO);
const fingerprint = (bytes: Buffer) => ({ size: bytes.length, headHash: createHash('sha256').update(bytes.subarray(0, 64 * 1024)).digest('hex') });

const SRT = '1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:03,000 --> 00:00:04,000\nGoodbye.\n';

let dir = '';
let server: RunningServer | null = null;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-e2e-media-link-'));
});
test.afterEach(async () => {
  await server?.close();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

/** The media's whole length is the waveform's (81 s), not the cues' few seconds: the audio is attached and drawn. */
async function expectAudioShown(page: Page): Promise<void> {
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-duration-ms', /^8\d{4}$/);
  const media = await page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { media: unknown } } } })
    .__duosubStore.getState().docState.media);
  expect(media).not.toBeNull();
}

test('an uploaded audio file is still there after a restart: the saved project reopens with its waveform', async ({ page }) => {
  const env = { DUOSUB_DATA_DIR: join(dir, 'data') };
  writeFileSync(join(dir, 'talk.srt'), SRT);
  mkdirSync(join(dir, 'picked'));
  copyFileSync(AUDIO, join(dir, 'picked', 'interview.opus'));
  server = await startServer([join(dir, 'talk.srt')], env);
  await page.goto(server.url);
  await page.getByTestId('open-media-input').setInputFiles(join(dir, 'picked', 'interview.opus'));
  await expectAudioShown(page);
  await saveAs(page, 'talk.duosub.json');
  await expect(page.getByText(`Saved talk.duosub.json`)).toBeVisible();

  // The project names the file as the user knew it, with its fingerprint (the uploaded copy was a temp file).
  const saved = JSON.parse(readFileSync(join(dir, 'talk.duosub.json'), 'utf8'));
  expect(saved.media).toMatchObject({ path: 'interview.opus', ...fingerprint(audioBytes) });

  await server.close();
  server = await startServer([join(dir, 'talk.duosub.json')], env);
  await page.goto(server.url);
  await expectAudioShown(page);
  await expect(page.getByText(/media file not found/)).toHaveCount(0);
  await expect(page.getByTestId('media-link')).toBeHidden();
});

test('media moved away: the window asks to locate it, asks about a different file, links the right one', async ({ page }) => {
  const project = {
    format: 'duosub', version: 1, languages: [{ code: 'en', name: 'English' }], speakers: [], chapters: [],
    media: { path: 'excerpt.opus', duration: 81245, ...fingerprint(audioBytes) }, metadata: {},
    cues: [{ id: 'c1', start: 1000, end: 2500, speaker: null, text: { en: 'Hello there.' } }],
  };
  writeFileSync(join(dir, 'show.duosub.json'), JSON.stringify(project));
  mkdirSync(join(dir, 'moved'));
  copyFileSync(AUDIO, join(dir, 'moved', 'renamed.opus'));
  writeFileSync(join(dir, 'moved', 'other.opus'), Buffer.concat([audioBytes, Buffer.alloc(1000)]));
  server = await startServer([join(dir, 'show.duosub.json')], { DUOSUB_DATA_DIR: join(dir, 'data') });
  await page.goto(server.url);

  const prompt = page.getByRole('region', { name: 'Media not found' });
  await expect(prompt).toContainText('excerpt.opus');
  const choose = async (button: string, file: string) => {
    const chooser = page.waitForEvent('filechooser');
    await prompt.getByRole('button', { name: button }).click();
    await (await chooser).setFiles(join(dir, 'moved', file));
  };
  await choose('Locate…', 'other.opus');
  await expect(prompt).toContainText('This file differs from the one the project was made with');
  await choose('Choose another…', 'renamed.opus');
  await expect(prompt).toBeHidden();
  await expectAudioShown(page);
  await expect(page.getByTestId('status')).toContainText('Attached renamed.opus');
});
