/**
 * Editing a 5,000-cue zh-Hans/en project in Chromium against browser mode (the real main-process services):
 *  - open: navigation start → both panes hold every block, the waveform shows regions and the panes' Monaco
 *    editors take input, measured in the page once that frame is painted. Fresh page loads in one browser profile
 *    on disk, like a user's: the first is cold (nothing cached: a first launch), the median of the rest is the
 *    everyday open, with the scripts' compiled code in V8's code cache — as the Electron app has it (app:// is
 *    registered with codeCache). Playwright's default contexts are off the record and never keep that cache.
 *  - keystroke: 200 characters typed into an English block mid-document; per key, keydown → the moment the
 *    pane's model, the other pane's alignment, the store's document and the waveform (its store subscription
 *    ran; regions show cue numbers, which a text edit does not change) all have it — polled between tasks,
 *    so it is the work, not the wait for the next frame. Also keydown → the painted frame showing it (that
 *    includes the wait for vsync, 0–16.7 ms at 60 Hz; bare Monaco's own p95 is above 16 ms by that measure).
 *  - peer: a bare Monaco editor holding the English text as 5,000 paragraphs, opened the same way (its own
 *    profile on disk, navigation start → the model holds every paragraph and the editor takes input, painted;
 *    its loads take turns with Duosub's) and typed into the same way. Seconds depend on the machine; the
 *    ratios to the peer measured in the same run do much less.
 * Last line: `bench editing: cues=5000 open_s=… open_cold_s=… keystroke_p50_ms=… keystroke_p95_ms=… painted_p95_ms=…
 * monaco_p95_ms=… ratio_vs_monaco=… monaco_open_s=… monaco_open_cold_s=… open_cold_ratio_vs_monaco=… open_ratio_vs_monaco=…`
 * (open_s = warm median; keystroke = all views updated; ratios = Duosub / Monaco, same measure). Goals from issue 14 are
 * printed as information; nothing asserts. Knobs: BENCH_RUNS (page loads per side, default 5); BENCH_EDITING_ROOT
 * (measure another checkout's build, e.g. a worktree of the code before a change: scripts/bench-before-after.mjs);
 * for digging BENCH_EDITING_PROFILE / BENCH_EDITING_TRACE / BENCH_EDITING_SAMPLES (see below and lib/editing-keys.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { serializeDocument } from '../src/shared/formats/registry';
import type { SubtitleDocument } from '../src/shared/model';
import { selectWordInBlock } from '../test/support/helpers';
import { ROOT } from '../test/support/server';
import { buildBilingualDocument } from './lib/bilingual-doc';
import { checkoutUnderTest, openOnce, profileContext, sleep, waitInPage } from './lib/editing-pages';
import { describeKeys, keyStats, typeAndMeasure, type KeyStats } from './lib/editing-keys';
import { fixed, median, runCount } from './lib/measure';
import { buildMonacoPeer, serveStatic, type StaticServer } from './lib/monaco-peer';

const CUES = 5000;
const KEYS = 200;
/** Page loads: one cold, the rest warm (at least one). */
const OPEN_RUNS = Math.max(2, runCount(5));
/** Idle time between one keystroke's painted frame and the next key (a fast typist's gap is ~100 ms). */
const PAUSE_MS = 30;
const TARGET_CUE = `c${CUES / 2}`;
const NEXT_CUE = `c${CUES / 2 + 1}`;
const TYPED = ' and then we talked about the next model, the chips, the data centers and what people build with it'
  .repeat(3)
  .slice(0, KEYS);

/**
 * BENCH_EDITING_PROFILE=/path/prefix: a V8 CPU profile of the page while typing, written to
 * `prefix.NAME.cpuprofile` (DevTools' Performance panel opens it). Returns the function that stops and writes it.
 */
async function startProfile(page: Page, name: string): Promise<(() => Promise<void>) | null> {
  const prefix = process.env.BENCH_EDITING_PROFILE;
  if (!prefix) return null;
  const path = `${prefix}.${name}.cpuprofile`;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(path, JSON.stringify(profile));
    await cdp.detach();
  };
}

/**
 * BENCH_EDITING_TRACE=/path/trace.json: a Chromium trace (timeline categories) of the page while typing, through
 * the DevTools protocol (a persistent context has no Browser to call startTracing on). Returns the stop function.
 */
async function startTrace(page: Page): Promise<(() => Promise<void>) | null> {
  const path = process.env.BENCH_EDITING_TRACE;
  if (!path) return null;
  const cdp = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (chunk) => events.push(...chunk.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    await complete;
    await writeFile(path, JSON.stringify({ traceEvents: events }));
    await cdp.detach();
  };
}

/** Both editors in profiles of their own, their page loads taking turns so a slow patch of the machine hits both. */
interface Sides {
  duosub: { context: BrowserContext; url: string; opens: number[] };
  monaco: { context: BrowserContext; url: string; opens: number[] } | null;
}

/**
 * OPEN_RUNS fresh page loads of each side, closed after each (an open page's background work would slow the
 * other side's load); the order within a round alternates. The first load of each is cold.
 */
async function measureOpens(sides: Sides): Promise<void> {
  for (let r = 0; r < OPEN_RUNS; r++) {
    const round = [sides.duosub, sides.monaco].filter((side) => side !== null);
    if (r % 2) round.reverse();
    for (const side of round) {
      const { page, openMs } = await openOnce(side.context, side.url);
      side.opens.push(openMs);
      await page.close();
    }
  }
}

/** The keystroke loop on a page loaded once more (warm), caret after the first word of the middle cue's English. */
async function typeInDuosub(context: BrowserContext, url: string, doc: SubtitleDocument) {
  const { page } = await openOnce(context, url);
  const firstWord = doc.cues[CUES / 2 - 1].text.en.split(/\s/)[0];
  await selectWordInBlock(page, 'en', TARGET_CUE, firstWord);
  await page.keyboard.press('ArrowRight');
  // Selecting the cue scrolls the waveform to it: wait for its region before the first key.
  await waitInPage(page, `window.__duosubWave.regions.getRegions().some((r) => r.id === '${TARGET_CUE}')`);
  await sleep(500);
  await page.evaluate(`window.__benchProbe.startKeys(${JSON.stringify({ lang: 'en', cueId: TARGET_CUE, nextCueId: NEXT_CUE, typed: TYPED })})`);
  const tracer = await startTrace(page);
  const profiler = await startProfile(page, 'duosub');
  const samples = await typeAndMeasure(page, TYPED, PAUSE_MS);
  await tracer?.();
  await profiler?.();
  await page.close();
  const noWave = samples.filter((s) => s.totalMs !== null && s.waveRefreshes === 0).length;
  return { stats: keyStats(samples), noWave };
}

/** The peer: the English text as 5,000 paragraphs, caret after the first word of the middle one. */
async function typeInMonaco(context: BrowserContext, url: string, doc: SubtitleDocument): Promise<KeyStats> {
  const { page } = await openOnce(context, url);
  const line = (CUES / 2 - 1) * 2 + 1;
  const column = doc.cues[CUES / 2 - 1].text.en.split(/\s/)[0].length + 1;
  await page.evaluate(`(() => {
    const editor = window.__benchMonaco.editor;
    editor.setPosition({ lineNumber: ${line}, column: ${column} });
    editor.revealLineInCenter(${line});
    editor.focus();
  })()`);
  await sleep(500);
  await page.evaluate(`window.__benchProbe.startKeys(${JSON.stringify({ typed: TYPED })})`);
  const profiler = await startProfile(page, 'monaco');
  const samples = await typeAndMeasure(page, TYPED, PAUSE_MS);
  await profiler?.();
  await page.close();
  return keyStats(samples);
}

/** The peer page built and served, or null (said why) so the rest of the benchmark still runs. */
async function startPeer(doc: SubtitleDocument, workDir: string): Promise<StaticServer | null> {
  const text = doc.cues.map((c) => c.text.en.replace(/\n/g, ' ')).join('\n\n');
  try {
    return await serveStatic(await buildMonacoPeer(join(workDir, 'monaco-peer'), ROOT, text));
  } catch (error) {
    console.log(`monaco peer failed, no ratios: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** Warm median and cold first load, in seconds. */
function openFigures(opens: number[]): { warmS: number; coldS: number } {
  const [cold, ...warm] = opens;
  return { warmS: median(warm) / 1000, coldS: cold / 1000 };
}

function report(sides: Sides, duosub: { stats: KeyStats; noWave: number }, monaco: KeyStats | null): void {
  const open = openFigures(sides.duosub.opens);
  const peerOpen = sides.monaco ? openFigures(sides.monaco.opens) : null;
  const runs = (opens: number[]) => opens.map((ms) => fixed(ms, 0)).join(', ');
  console.log(`open→interactive runs: duosub ${runs(sides.duosub.opens)} ms${sides.monaco ? `; monaco ${runs(sides.monaco.opens)} ms` : ''}` +
    ` (navigation start → painted; the first cold, the median of the other ${OPEN_RUNS - 1} warm, with V8's code cache)`);
  console.log(describeKeys(`duosub ${KEYS} keys into ${TARGET_CUE} (en)`, duosub.stats));
  console.log('  complete = en model has the key, zh/en blocks aligned, store doc has the text, waveform refreshed from the store' +
    ` (regions show the cue number and the first language's text, so for an English key that is all it asks of them${duosub.noWave ? `; ${duosub.noWave} keys saw no refresh` : ''}); no cue list exists yet`);
  if (monaco) console.log(describeKeys(`monaco ${KEYS} keys, bare editor, 5,000 paragraphs`, monaco));
  const { updatedP50, updatedP95 } = duosub.stats;
  const ratio = monaco ? updatedP95 / monaco.updatedP95 : NaN;
  const openRatio = peerOpen ? open.warmS / peerOpen.warmS : NaN;
  const verdict = (met: boolean) => (met ? 'met' : 'not met');
  console.log(`goals (issue 14, information only): open_ratio_vs_monaco ≤ 1.5 → ${peerOpen ? verdict(openRatio <= 1.5) : 'no peer'};` +
    ` keystroke p95 < 16 ms → ${verdict(updatedP95 < 16)}; ratio_vs_monaco ≤ 2.5 → ${monaco ? verdict(ratio <= 2.5) : 'no peer'}`);
  const keyPeer = monaco ? ` monaco_p95_ms=${fixed(monaco.updatedP95)} ratio_vs_monaco=${fixed(ratio, 2)}` : '';
  const openPeer = peerOpen
    ? ` monaco_open_s=${fixed(peerOpen.warmS, 2)} monaco_open_cold_s=${fixed(peerOpen.coldS, 2)}` +
      ` open_cold_ratio_vs_monaco=${fixed(open.coldS / peerOpen.coldS, 2)} open_ratio_vs_monaco=${fixed(openRatio, 2)}`
    : '';
  console.log(`bench editing: cues=${CUES} open_s=${fixed(open.warmS, 2)} open_cold_s=${fixed(open.coldS, 2)} keystroke_p50_ms=${fixed(updatedP50)}` +
    ` keystroke_p95_ms=${fixed(updatedP95)} painted_p95_ms=${fixed(duosub.stats.p95)}${keyPeer}${openPeer}`);
}

async function main(): Promise<void> {
  const checkout = await checkoutUnderTest(ROOT);
  if (checkout.root !== ROOT) console.log(`measuring the checkout at ${checkout.root} (BENCH_EDITING_ROOT)`);
  await checkout.ensureBuilt();
  const workDir = await mkdtemp(join(tmpdir(), 'duosub-bench-editing-'));
  const closing: (() => Promise<unknown>)[] = [() => rm(workDir, { recursive: true, force: true })];
  try {
    const doc = buildBilingualDocument(CUES);
    const project = join(workDir, 'bench.duosub.json');
    await writeFile(project, serializeDocument(doc, 'duosub'));
    const server = await checkout.startServer([project]);
    closing.unshift(() => server.close());
    const peer = await startPeer(doc, workDir);
    if (peer) closing.unshift(() => peer.close());
    const langs = doc.languages.map((l) => l.code);
    const duosubContext = await profileContext(join(workDir, 'profile'), { mode: 'duosub', langs, cues: CUES });
    closing.unshift(() => duosubContext.close());
    const monacoContext = peer ? await profileContext(join(workDir, 'monaco-profile'), { mode: 'monaco', langs: [], cues: CUES }) : null;
    if (monacoContext) closing.unshift(() => monacoContext.close());
    const sides: Sides = {
      duosub: { context: duosubContext, url: server.url, opens: [] },
      monaco: monacoContext && peer ? { context: monacoContext, url: peer.url, opens: [] } : null,
    };
    await measureOpens(sides);
    const duosub = await typeInDuosub(duosubContext, server.url, doc);
    const monaco = sides.monaco ? await typeInMonaco(sides.monaco.context, sides.monaco.url, doc) : null;
    report(sides, duosub, monaco);
  } finally {
    for (const close of closing) await close();
  }
}

main().catch((err: unknown) => {
  console.error(`bench editing: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
