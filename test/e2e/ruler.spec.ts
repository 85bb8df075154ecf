import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { SubtitleDocument } from '../../src/shared/model';
import { ROOT, startServer, type RunningServer } from '../support/server';

/** 40 four-second cues a second apart (a 200 s timeline), English first, no media: the flat timeline. */
function rulerProject(metadata: Record<string, unknown> = {}): string {
  const cues = Array.from({ length: 40 }, (_, i) => ({
    id: `c${i + 1}`, start: i * 5000, end: i * 5000 + 4000, speaker: 's0',
    text: { en: `Line ${i + 1} is long enough to split in two halves.`, 'zh-Hans': `第${i + 1}句，足够长，可以一分为二。` },
  }));
  const path = join(mkdtempSync(join(tmpdir(), 'duosub-e2e-ruler-')), 'ruler.duosub.json');
  writeFileSync(path, JSON.stringify({
    format: 'duosub', version: 1, languages: [{ code: 'en', name: 'English' }, { code: 'zh-Hans', name: '中文' }],
    speakers: [{ id: 's0', name: 'Host', color: '#4e79a7' }], chapters: [], metadata: { untimed: false, ...metadata }, cues,
  }));
  return path;
}

function currentDoc(page: Page): Promise<SubtitleDocument> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { docState: { doc: SubtitleDocument } } } })
    .__duosubStore.getState().docState.doc);
}

function playheadMs(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __duosubStore: { playheadMs(): number } }).__duosubStore.playheadMs());
}

/** Where the waveform is: px per second as drawn and the time at its left edge. */
function waveView(page: Page): Promise<{ pxPerSec: number; fromMs: number }> {
  return page.evaluate(() => {
    const { ws } = (globalThis as unknown as { __duosubWave: { ws: { getWrapper(): { scrollWidth: number }; getDuration(): number; getScroll(): number } } }).__duosubWave;
    const pxPerSec = ws.getWrapper().scrollWidth / ws.getDuration();
    return { pxPerSec, fromMs: (ws.getScroll() / pxPerSec) * 1000 };
  });
}

/** `M:SS`, `H:MM:SS` or either with `.mmm` (or `HH:MM:SS:FF` at a whole frame rate), to ms; NaN when none of these. */
function labelMs(label: string, fps: number | null = null): number {
  if (fps) {
    const f = /^(\d{2}):(\d{2}):(\d{2}):(\d{2})$/.exec(label);
    if (!f || Number(f[4]) >= fps) return Number.NaN;
    return Math.round(((((Number(f[1]) * 60 + Number(f[2])) * 60 + Number(f[3])) * fps + Number(f[4])) * 1000) / fps);
  }
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d{3}))?$/.exec(label);
  if (!m) return Number.NaN;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4] ?? 0);
}

/** Reads the ruler's visible labels and checks them: well-formed, one step apart, at their time, not overlapping. */
async function checkRuler(page: Page, name: string, fps: number | null = null): Promise<{ step: number; labels: string[] }> {
  const ruler = page.getByTestId('time-ruler');
  const labels = ruler.locator('.time-ruler-label:visible');
  const texts = await labels.allTextContents();
  const step = Number(await ruler.getAttribute('data-label-step-ms'));
  const rulerBox = (await ruler.boundingBox())!;
  const view = await waveView(page);
  expect(texts.length, `labels at ${name}`).toBeGreaterThan(2);
  let previous: { ms: number; right: number } | null = null;
  for (let i = 0; i < texts.length; i++) {
    const ms = labelMs(texts[i], fps);
    expect(ms, `"${texts[i]}" is a time`).not.toBeNaN();
    const box = (await labels.nth(i).boundingBox())!;
    // Drawn where its time is (3 px right of its tick).
    expect(Math.abs(box.x - rulerBox.x - 3 - ((ms - view.fromMs) * view.pxPerSec) / 1000)).toBeLessThan(1.5);
    if (previous) {
      expect(Math.abs(ms - previous.ms - step)).toBeLessThan(1); // frames: whole ms of fractional steps
      expect(box.x, `"${texts[i]}" clears the label before it`).toBeGreaterThan(previous.right + 4);
    }
    previous = { ms, right: box.x + box.width };
  }
  mkdirSync(join(ROOT, 'bench/.work'), { recursive: true });
  await page.locator('.waveform-pane').screenshot({ path: join(ROOT, 'bench/.work', `ruler-${name}.png`) });
  return { step, labels: texts };
}

async function pressTimes(page: Page, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

test.describe('the time ruler, seeking inside a cue, the drag readout', () => {
  let server: RunningServer | null = null;
  test.beforeAll(async () => {
    server = await startServer([rulerProject()]);
  });
  test.afterAll(() => server?.close());

  test('ruler labels adapt to three zoom levels: well-formed, increasing, spaced', async ({ page }) => {
    await page.goto(server!.url);
    const ruler = page.getByTestId('time-ruler');
    await expect(page.getByTestId('waveform')).toHaveAttribute('data-region-count', /^[1-9]/);
    await expect(ruler).toHaveAttribute('data-label-step-ms', /^\d/);
    const normal = await checkRuler(page, '50px');
    expect(normal.labels[0]).toBe('0:00');

    await page.getByTestId('status').click(); // out of the panes: bare keys drive the waveform
    await pressTimes(page, '-', 10);
    await expect.poll(async () => Number(await ruler.getAttribute('data-label-step-ms'))).toBeGreaterThan(normal.step);
    const far = await checkRuler(page, 'zoomed-out');
    for (const label of far.labels) expect(label).toMatch(/^\d:\d{2}$/);

    await pressTimes(page, '=', 18);
    await expect.poll(async () => Number(await ruler.getAttribute('data-label-step-ms'))).toBeLessThan(1000);
    const close = await checkRuler(page, 'zoomed-in');
    for (const label of close.labels) expect(label).toMatch(/^\d:\d{2}\.\d{3}$/);
    expect(new Set([far.step, normal.step, close.step]).size).toBe(3);
  });

  test('a click inside a region seeks there, Split splits there; Pin from the region menu; text on regions', async ({ page }) => {
    await page.goto(server!.url);
    const region = page.locator('[data-cue-id="c3"]');
    await expect(region).toBeVisible();
    await expect(region.locator('.region-text')).toHaveText('Line 3 is long enough to split in two halves.');
    await page.getByTestId('status').click();
    const box = (await region.boundingBox())!;
    const cue = (await currentDoc(page)).cues[2];
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height / 2);
    const clicked = cue.start + 0.7 * (cue.end - cue.start);
    await expect.poll(() => playheadMs(page)).toBeGreaterThan(cue.start + 2000);
    const playhead = await playheadMs(page);
    expect(Math.abs(playhead - clicked)).toBeLessThan(40); // within 2 px at 50 px/s
    await expect(page.getByTestId('ruler-playhead')).toHaveText(`0:${String(Math.floor(playhead / 1000)).padStart(2, '0')}.${String(playhead % 1000).padStart(3, '0')}`);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __duosubStore: { getState(): { selectedCueIds: string[] } } })
      .__duosubStore.getState().selectedCueIds)).toEqual(['c3']);

    // Split at the playhead (Ctrl+Shift+Enter) cuts the cue where the click landed, not in its middle.
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(async () => (await currentDoc(page)).cues.length).toBe(41);
    const [first, second] = (await currentDoc(page)).cues.slice(2, 4);
    expect(first.id).toBe('c3');
    expect(first.start).toBe(cue.start);
    expect(first.end).toBeLessThanOrEqual(playhead);
    expect(second.start).toBeGreaterThanOrEqual(playhead);
    expect(playhead - first.end).toBeLessThan(100);
    expect(second.end).toBe(cue.end);

    // A press on the ruler moves the playhead there too.
    const rulerBox = (await page.getByTestId('time-ruler').boundingBox())!;
    const view = await waveView(page);
    await page.mouse.click(rulerBox.x + 150, rulerBox.y + rulerBox.height / 2);
    await expect.poll(async () => Math.abs((await playheadMs(page)) - (view.fromMs + (150 / view.pxPerSec) * 1000))).toBeLessThan(40);

    // Pin cue 5 from its region's menu: the region shows it; the menu then offers Unpin.
    const c5 = page.locator('[data-cue-id="c5"]');
    await c5.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Pin\b/ }).click();
    await expect(c5).toHaveAttribute('data-pinned', 'true');
    await expect(c5.locator('.region-pin')).toBeVisible();
    expect((await currentDoc(page)).cues.find((c) => c.id === 'c5')!.pinned).toBe(true);
    await c5.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Unpin/ }).click();
    await expect(c5).toHaveAttribute('data-pinned', 'false');
  });

  test('dragging an edge shows start, end and duration live, gone on release', async ({ page }) => {
    await page.goto(server!.url);
    const region = page.locator('[data-cue-id="c2"]');
    await expect(region).toBeVisible();
    const readout = page.getByTestId('drag-readout');
    await expect(readout).toBeHidden();
    const box = (await region.boundingBox())!;
    const y = box.y + box.height / 2;
    const { pxPerSec } = await waveView(page);
    await page.mouse.move(box.x + box.width - 2, y); // on the end handle
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 10, y, { steps: 4 });
    await page.mouse.move(box.x + box.width + 28, y, { steps: 4 });
    await expect(readout).toBeVisible();
    await expect(readout).toHaveAttribute('data-side', 'end');
    const text = (await readout.textContent())!;
    const m = /^(\S+) → (\S+) · (\d+\.\d{3}) s$/.exec(text);
    expect(m, text).not.toBeNull();
    const [start, end] = [labelMs(m![1]), labelMs(m![2])];
    expect(start).toBe(5000);
    expect(Math.abs(end - (9000 + (30 / pxPerSec) * 1000))).toBeLessThan(60);
    expect(Number(m![3])).toBeCloseTo((end - start) / 1000, 3);
    await page.mouse.up();
    await expect(readout).toBeHidden();
    await expect.poll(async () => (await currentDoc(page)).cues[1].end).toBeGreaterThan(9000);
  });
});

test.describe('the time ruler at a frame rate', () => {
  let server: RunningServer | null = null;
  test.beforeAll(async () => {
    server = await startServer([rulerProject({ frameRate: 25 })]);
  });
  test.afterAll(() => server?.close());

  test('labels are frame timecodes on frame starts, and the playhead reads in frames', async ({ page }) => {
    await page.goto(server!.url);
    await expect(page.getByTestId('waveform')).toHaveAttribute('data-region-count', /^[1-9]/);
    await expect(page.getByTestId('time-ruler')).toHaveAttribute('data-label-step-ms', /^\d/);
    const { labels } = await checkRuler(page, 'frames-25', 25);
    expect(labels[0]).toBe('00:00:00:00');
    await page.getByTestId('status').click();
    await pressTimes(page, '=', 12);
    await expect.poll(async () => Number(await page.getByTestId('time-ruler').getAttribute('data-label-step-ms'))).toBeLessThan(1000);
    const close = await checkRuler(page, 'frames-25-zoomed-in', 25);
    expect(close.labels.some((label) => !label.endsWith(':00'))).toBe(true); // labels between whole seconds
    await expect(page.getByTestId('ruler-playhead')).toHaveText('00:00:00:00');
  });
});
