/**
 * Opening a 100,000-cue bilingual SRT in the app (Chromium against browser mode, the real main-process services):
 * navigation start → both panes hold every block, and how long the page's main thread was blocked meanwhile
 * (long tasks, from the browser's own PerformanceObserver) and right after (the worst of 20 frame round trips while
 * the document is open: what a click would wait). The peer is the same open of a 5,000-cue file in the same run,
 * so `ratio_per_cue` = (time per cue at 100,000) / (time per cue at 5,000): 1.0 is linear, below is better.
 * Last line: `bench open-large: cues=100000 open_s=… longest_task_ms=… blocked_ms=… frame_after_ms=… peer_open_s=…
 * ratio_per_cue=…`. Nothing asserts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { exportDocument } from '../src/shared/formats/export';
import { chromiumLaunchOptions } from '../test/support/chromium';
import { startServer } from '../test/support/server';
import { buildBilingualDocument } from './lib/bilingual-doc';
import { fixed } from './lib/measure';

const CUES = 100_000;
const PEER_CUES = 5000;

interface OpenFigures {
  openMs: number;
  longestTaskMs: number;
  blockedMs: number;
  frameAfterMs: number;
  /** Long tasks over 200 ms, in the order they ran: where the blocked time is. */
  over200: number[];
}

/** Collects long tasks from the start of the page (buffered), as the browser reports them. */
const LONG_TASKS = `
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
`;

/** Page script: resolves with performance.now() at the first frame after both panes hold COUNT blocks. */
const OPENED = `new Promise((done) => {
  const full = () => ['en', 'zh-Hans'].every((lang) =>
    document.querySelector('[data-testid=pane-' + lang + ']')?.getAttribute('data-block-count') === 'COUNT');
  const finish = () => requestAnimationFrame(() => done(performance.now()));
  if (full()) return finish();
  const watch = new MutationObserver(() => {
    if (!full()) return;
    watch.disconnect();
    finish();
  });
  watch.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-block-count'] });
})`;

/** Page script: the worst of 20 frame round trips (frame, then a task), 50 ms apart. */
const FRAME_AFTER = `(async () => {
  let worst = 0;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    worst = Math.max(worst, performance.now() - t);
    await new Promise((done) => setTimeout(done, 50));
  }
  return worst;
})()`;

async function openOnce(browser: Browser, file: string, cues: number): Promise<OpenFigures> {
  const server = await startServer([file]);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(LONG_TASKS);
    await page.goto(server.url);
    // Waits in the page for the block counts to change (Playwright's own selector polling walks every DOM node
    // on each try, ~0.2 s a time with 100,000 cues' view zones, and would count as the app's long tasks).
    const openMs = Number(await page.evaluate(OPENED.replace('COUNT', String(cues))));
    const frameAfterMs = Number(await page.evaluate(FRAME_AFTER));
    const tasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);
    return {
      openMs,
      longestTaskMs: Math.max(0, ...tasks),
      blockedMs: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      frameAfterMs,
      over200: tasks.filter((d) => d > 200).map((d) => Math.round(d)),
    };
  } finally {
    await context.close();
    await server.close();
  }
}

async function writeSrt(dir: string, cues: number): Promise<string> {
  const file = join(dir, `podcast-${cues}.srt`);
  await writeFile(file, exportDocument(buildBilingualDocument(cues), { format: 'srt' }).text);
  return file;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'duosub-bench-open-large-'));
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const peer = await openOnce(browser, await writeSrt(dir, PEER_CUES), PEER_CUES);
    console.log(`${PEER_CUES} cues: open ${fixed(peer.openMs / 1000, 2)} s, longest task ${fixed(peer.longestTaskMs, 0)} ms`);
    const large = await openOnce(browser, await writeSrt(dir, CUES), CUES);
    console.log(`${CUES} cues: open ${fixed(large.openMs / 1000, 2)} s, longest task ${fixed(large.longestTaskMs, 0)} ms, ` +
      `blocked ${fixed(large.blockedMs, 0)} ms in all, worst frame after open ${fixed(large.frameAfterMs, 0)} ms`);
    console.log(`${CUES} cues: tasks over 200 ms, in order: ${large.over200.join(', ') || 'none'}`);
    const ratio = large.openMs / CUES / (peer.openMs / PEER_CUES);
    console.log(`bench open-large: cues=${CUES} open_s=${fixed(large.openMs / 1000, 2)} longest_task_ms=${fixed(large.longestTaskMs, 0)} ` +
      `blocked_ms=${fixed(large.blockedMs, 0)} frame_after_ms=${fixed(large.frameAfterMs, 0)} peer_open_s=${fixed(peer.openMs / 1000, 2)} ratio_per_cue=${fixed(ratio, 2)}`);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
