/**
 * Auto-time's confidence kept on the cues (issue 15): a project whose cues carry it shows the unsure ones on the
 * reading-speed strip and in the QC panel ("Timing unsure"); the panel selects them; fixing a cue's times resolves
 * its doubt, and undo brings it back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServer, tempCopy, type RunningServer } from '../support/server';
import { editsSettled } from '../support/helpers';
import type { Cue, SubtitleDocument } from '../../src/shared/model';

/** Cue id → auto-time's confidence for its times as saved: cue 5 (c2) and cue 6 (c12) unsure, cue 1 (c1) sure. */
const CONFIDENCE: Record<string, number> = { c1: 0.95, c2: 0.62, c12: 0.5 };

interface Observed {
  doc: SubtitleDocument;
  selectedCueId: string | null;
  selectedCueIds: string[];
}

function observe(page: Page): Promise<Observed> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as {
      __duosubStore: { getState(): { docState: { doc: SubtitleDocument }; selectedCueId: string | null; selectedCueIds: string[] } };
    }).__duosubStore.getState();
    return { doc: s.docState.doc, selectedCueId: s.selectedCueId, selectedCueIds: s.selectedCueIds };
  });
}

/** The strip's x (CSS px) of a time, from the waveform's visible span (as the strip computes it). */
async function stripX(page: Page, ms: number): Promise<number> {
  const view = await page.evaluate(() => {
    const { ws } = (globalThis as unknown as { __duosubWave: { ws: { getDuration(): number; getScroll(): number; getWidth(): number; getWrapper(): { scrollWidth: number } } } }).__duosubWave;
    const total = ws.getWrapper().scrollWidth || ws.getWidth();
    return {
      from: (ws.getScroll() / total) * ws.getDuration() * 1000,
      to: ((ws.getScroll() + ws.getWidth()) / total) * ws.getDuration() * 1000,
      width: ws.getWidth(),
    };
  });
  const box = await page.getByTestId('qc-strip').boundingBox();
  return ((ms - view.from) / (view.to - view.from)) * Math.min(view.width, box?.width || view.width);
}

function formatSrt(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

test.describe('timing confidence on the cues', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    const dir = tempCopy('resources/sample/excerpt.duosub.json', 'resources/sample/excerpt.opus');
    const path = join(dir, 'excerpt.duosub.json');
    const project = JSON.parse(readFileSync(path, 'utf8')) as { cues: Cue[] };
    for (const cue of project.cues) {
      if (CONFIDENCE[cue.id] !== undefined) cue.timing = { confidence: CONFIDENCE[cue.id], start: cue.start, end: cue.end };
    }
    writeFileSync(path, JSON.stringify(project));
    server = await startServer([path]);
  });
  test.afterAll(() => server?.close());

  test('the strip marks the unsure cues, the panel lists and selects them, a fixed time resolves one, undo restores', async ({ page }) => {
    await page.goto(server.url);
    await expect(page.getByTestId('pane-en')).toHaveAttribute('data-block-count', '22');
    const before = await observe(page);
    const unsureCue = before.doc.cues.find((c) => c.id === 'c2')!;

    // The strip: two unsure bands, and the legend and the tooltip over cue 5 say why.
    const strip = page.getByTestId('qc-strip');
    await expect(strip).toHaveAttribute('data-unsure', '2');
    await expect(strip).toHaveAttribute('title', /timing unsure/);
    const x = await stripX(page, (unsureCue.start + unsureCue.end) / 2);
    await strip.hover({ position: { x, y: 2 } });
    await expect(strip).toHaveAttribute('title', 'Cue 5: timing unsure (confidence 0.62)');

    // The panel: one "Timing unsure" row per unsure cue, none for the sure one.
    const panel = page.getByTestId('qc-panel');
    const rows = panel.locator('[data-rule="timing-unsure"]');
    await expect(rows).toHaveCount(2);
    await expect(panel.locator('[data-rule="timing-unsure"][data-issue-cue="c1"]')).toHaveCount(0);
    const row = panel.locator('[data-rule="timing-unsure"][data-issue-cue="c2"]');
    await expect(row).toContainText('Timing unsure');
    await expect(row).toContainText('0.62 / 0.8');

    // Clicking the row goes to the cue; "Select all" selects every unsure cue.
    await row.click();
    await expect.poll(async () => (await observe(page)).selectedCueId).toBe('c2');
    await expect(page.getByTestId('qc-detail')).toContainText('Timing unsure (confidence 0.62');
    await page.getByTestId('qc-select-all').click();
    await expect.poll(async () => (await observe(page)).selectedCueIds).toEqual(['c2', 'c12']);

    // The subtitler fixes cue 5's start: its doubt is resolved (no other edit needed).
    await row.click();
    await expect(page.getByTestId('cue-fields-number')).toHaveText('Cue 5');
    const start = page.getByTestId('cue-field-start');
    await start.fill(formatSrt(unsureCue.start + 120));
    await start.press('Enter');
    await expect.poll(async () => (await observe(page)).doc.cues.find((c) => c.id === 'c2')!.start).toBe(unsureCue.start + 120);
    await expect(row).toHaveCount(0);
    await expect(rows).toHaveCount(1);
    await expect(strip).toHaveAttribute('data-unsure', '1');

    // One undo: the old start, and the doubt with it.
    await page.getByTestId('status').click();
    await page.keyboard.press('Control+z');
    await editsSettled(page);
    expect((await observe(page)).doc).toEqual(before.doc);
    await expect(row).toHaveCount(1);
    await expect(strip).toHaveAttribute('data-unsure', '2');
  });
});
