/** Keystrokes in the editing benchmark: typing one key at a time against the in-page probe, and their percentiles. */
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { sleep } from './editing-pages';
import { fixed } from './measure';

/** Nearest-rank percentile (p in 0…1) of unsorted values. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export interface KeySample {
  index: number;
  /** keydown → painted frame with every view updated. */
  totalMs: number | null;
  /** keydown → every view's state updated (polled between tasks; what the goal in issue 3 is about). */
  updatedMs: number | null;
  handlersMs: number | null;
  /** keydown handler time minus the event's own stamp: how long the key waited for the main thread. */
  queuedMs: number;
  waveRefreshes: number;
  /** Animation frames until complete, and when the first came (the rest of a frame is just waiting for vsync). */
  frames: number;
  firstFrameMs: number | null;
  lastFrameMs: number | null;
}

export interface KeyStats {
  updatedP50: number;
  updatedP95: number;
  p50: number;
  p95: number;
  max: number;
  incomplete: number;
  handlersP50: number;
  handlersP95: number;
  queuedP95: number;
  /** From the completing frame's start to its paint: the rendering cost, without the wait for vsync. */
  frameP50: number;
  frameP95: number;
  /** Keys that needed more than one frame. */
  multiFrame: number;
}

/**
 * Types `typed` one key at a time; after each key waits until the page says it is complete (or gave up),
 * then `pauseMs`. The keystroke probe must have been started on the page.
 */
export async function typeAndMeasure(page: Page, typed: string, pauseMs: number): Promise<KeySample[]> {
  const samples: KeySample[] = [];
  for (let k = 1; k <= typed.length; k++) {
    await page.keyboard.type(typed[k - 1]);
    const sample = (await page.evaluate(`window.__benchProbe.waitKey(${k})`)) as KeySample | null;
    samples.push(sample ?? { index: k, totalMs: null, updatedMs: null, handlersMs: null, queuedMs: 0, waveRefreshes: 0, frames: 0, firstFrameMs: null, lastFrameMs: null });
    await sleep(pauseMs);
  }
  // For digging into outliers: BENCH_EDITING_SAMPLES=/path/prefix writes every sample as JSON.
  const dump = process.env.BENCH_EDITING_SAMPLES;
  if (dump) await writeFile(`${dump}.${String(await page.evaluate('window.__benchConfig.mode'))}.json`, JSON.stringify(samples, null, 1));
  return samples;
}

/** Percentiles over every keystroke; one that never completed counts as the probe's 5 s limit. */
export function keyStats(samples: KeySample[]): KeyStats {
  const totals = samples.map((s) => s.totalMs ?? 5000);
  const handlers = samples.map((s) => s.handlersMs ?? 5000);
  const updated = samples.map((s) => s.updatedMs ?? 5000);
  return {
    updatedP50: percentile(updated, 0.5),
    updatedP95: percentile(updated, 0.95),
    p50: percentile(totals, 0.5),
    p95: percentile(totals, 0.95),
    max: Math.max(...totals),
    incomplete: samples.filter((s) => s.totalMs === null).length,
    handlersP50: percentile(handlers, 0.5),
    handlersP95: percentile(handlers, 0.95),
    queuedP95: percentile(samples.map((s) => s.queuedMs), 0.95),
    multiFrame: samples.filter((s) => s.frames > 1).length,
    ...frameStats(samples),
  };
}

function frameStats(samples: KeySample[]): { frameP50: number; frameP95: number } {
  const frames = samples.filter((s) => s.totalMs !== null && s.lastFrameMs !== null).map((s) => s.totalMs! - s.lastFrameMs!);
  return frames.length ? { frameP50: percentile(frames, 0.5), frameP95: percentile(frames, 0.95) } : { frameP50: NaN, frameP95: NaN };
}

export function describeKeys(name: string, s: KeyStats): string {
  return `${name}: keydown→all views updated p50=${fixed(s.updatedP50)} p95=${fixed(s.updatedP95)} ms;` +
    ` keydown→painted p50=${fixed(s.p50)} p95=${fixed(s.p95)} max=${fixed(s.max)} ms` +
    ` (keydown→input handled p50=${fixed(s.handlersP50)} p95=${fixed(s.handlersP95)};` +
    ` completing frame start→painted p50=${fixed(s.frameP50)} p95=${fixed(s.frameP95)};` +
    ` key queued p95=${fixed(s.queuedP95)}; keys needing >1 frame: ${s.multiFrame})` +
    (s.incomplete ? ` INCOMPLETE=${s.incomplete}` : '');
}
