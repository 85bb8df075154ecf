import { describe, expect, it } from 'vitest';
import {
  chooseRulerStep, DEFAULT_CHAR_PX, formatPlayhead, formatRulerLabel, formatSpanLength, rulerTicks, type RulerSpan,
} from '../../src/renderer/src/waveform/ruler';
import { formatFrameTimecode, frameStartMs } from '../../src/shared/frames';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** A span of `widthPx` starting at `fromMs` at `pxPerSec`, on a timeline of `totalMs`. */
function span(pxPerSec: number, fromMs = 0, widthPx = 1200, totalMs = 10 * MINUTE, fps: number | null = null): RulerSpan {
  const toMs = fromMs + (widthPx / pxPerSec) * 1000;
  return { fromMs, toMs, pxPerSec, fps, totalMs: Math.max(totalMs, toMs) };
}

/** Every labelled tick of a span, checked to be increasing and far enough apart for its text. */
function checkLabels(s: RulerSpan): string[] {
  const { ticks } = rulerTicks(s);
  const labelled = ticks.filter((t) => t.label !== undefined);
  for (let i = 1; i < labelled.length; i++) {
    expect(labelled[i].ms).toBeGreaterThan(labelled[i - 1].ms);
    const room = labelled[i].x - labelled[i - 1].x;
    expect(room).toBeGreaterThanOrEqual(labelled[i - 1].label!.length * DEFAULT_CHAR_PX + 14);
  }
  for (let i = 1; i < ticks.length; i++) expect(ticks[i].x - ticks[i - 1].x).toBeGreaterThanOrEqual(5.99);
  return labelled.map((t) => t.label!);
}

describe('formatRulerLabel', () => {
  it('writes M:SS, H:MM:SS on long timelines, and milliseconds when the step is under a second', () => {
    expect(formatRulerLabel(65_000, 5000, false)).toBe('1:05');
    expect(formatRulerLabel(65_000, 5000, true)).toBe('0:01:05');
    expect(formatRulerLabel(HOUR + 2 * MINUTE + 3000, 1000, false)).toBe('1:02:03');
    expect(formatRulerLabel(65_250, 250, false)).toBe('1:05.250');
    expect(formatRulerLabel(0, 10, false)).toBe('0:00.000');
  });
});

describe('chooseRulerStep', () => {
  it('picks a finer step as the zoom grows, from minutes to tens of milliseconds', () => {
    const steps = [0.11, 1, 5, 20, 50, 100, 200, 600, 2000].map((z) => chooseRulerStep(span(z, 0, 1200, 3 * HOUR)).labelMs);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThanOrEqual(steps[i - 1]);
    expect(steps[0]).toBe(600_000); // a 3-hour file fitted to 1,200 px: every 10 minutes
    expect(steps[1]).toBe(120_000); // 1 px/s: H:MM:SS needs 63 px, so every 2 minutes
    expect(steps[5]).toBe(1000);
    expect(steps[7]).toBe(200); // 600 px/s, the closest zoom: M:SS.mmm every 200 ms
    expect(steps[8]).toBe(50);
  });

  it('puts minor ticks between labels that divide the step and stay apart', () => {
    for (const zoom of [0.11, 1, 3, 10, 37, 100, 250, 600]) {
      const step = chooseRulerStep(span(zoom));
      expect(step.labelMs % step.minorMs).toBe(0);
      expect(step.labelMs / step.minorMs).toBeLessThanOrEqual(10);
      if (step.minorMs < step.labelMs) expect((step.minorMs * zoom) / 1000).toBeGreaterThanOrEqual(6);
    }
  });

  it('labels frames by whole frames that divide a second, then by whole seconds of timecode', () => {
    const at25 = chooseRulerStep(span(2000, 0, 1200, MINUTE, 25));
    expect(at25.labelFrames).toBe(5);
    expect(at25.minorFrames).toBe(1);
    const at24 = chooseRulerStep(span(600, 0, 1200, MINUTE, 24));
    expect(at24.labelFrames).toBe(4);
    expect(24 % at24.labelFrames!).toBe(0);
    const far = chooseRulerStep(span(5, 0, 1200, MINUTE, 24000 / 1001));
    expect(far.labelFrames! % 24).toBe(0);
  });
});

describe('rulerTicks', () => {
  it('labels only the visible span, increasing and never overlapping, at many zooms', () => {
    for (const zoom of [0.11, 0.5, 1, 2, 7, 13, 50, 99, 180, 333, 600]) {
      const labels = checkLabels(span(zoom, 125_000));
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(label).toMatch(/^(?:\d:)?\d{1,2}:\d{2}(?:\.\d{3})?$/);
    }
  });

  it('stays small however long the file: a 3-hour timeline scrolled to its end at the closest zoom', () => {
    const s = span(600, 3 * HOUR - 2000, 1200, 3 * HOUR);
    const { ticks } = rulerTicks(s);
    expect(ticks.length).toBeLessThanOrEqual(1200 / 6 + 1);
    expect(ticks.find((t) => t.label)?.label).toMatch(/^2:59:58\.\d{3}$/);
    for (const label of checkLabels(s)) expect(label).toMatch(/^\d:\d{2}:\d{2}\.\d{3}$/);
  });

  it('writes hours on every label of a long timeline, even before the first hour', () => {
    const labels = checkLabels(span(1, 0, 1200, 3 * HOUR));
    expect(labels[0]).toBe('0:00:00');
    expect(labels).toContain('0:10:00');
  });

  it('places ticks at their time', () => {
    const { ticks } = rulerTicks(span(100, 10_000));
    for (const t of ticks) expect(t.x).toBeCloseTo((t.ms - 10_000) / 10, 6);
    expect(ticks[0].ms).toBe(10_000);
  });

  it('in frames mode puts ticks on frame starts and labels them as timecode, at 23.976, 25 and 29.97', () => {
    for (const fps of [24000 / 1001, 25, 30000 / 1001]) {
      for (const zoom of [2, 40, 300, 600, 1500]) {
        const s = span(zoom, 61_000, 1200, 2 * HOUR, fps);
        const labels = checkLabels(s);
        expect(labels.length).toBeGreaterThan(0);
        for (const label of labels) expect(label).toMatch(/^\d{2}:\d{2}:\d{2}:\d{2}$/);
        for (const t of rulerTicks(s).ticks) {
          const frame = Math.round((t.ms * fps) / 1000);
          expect(frameStartMs(frame, fps)).toBe(t.ms);
          if (t.label) expect(t.label).toBe(formatFrameTimecode(t.ms, fps));
        }
      }
    }
  });

  it('at 25 fps and the closest zooms labels every fifth frame with each frame ticked', () => {
    const { ticks } = rulerTicks(span(2000, 1000, 800, MINUTE, 25));
    expect(ticks.slice(0, 6).map((t) => t.label ?? '')).toEqual(['00:00:01:00', '', '', '', '', '00:00:01:05']);
    expect(ticks[1].ms - ticks[0].ms).toBe(40);
  });

  it('makes nothing of an empty or zero-width span', () => {
    expect(rulerTicks({ fromMs: 0, toMs: 0, pxPerSec: 0, fps: null, totalMs: 0 }).ticks).toEqual([]);
    expect(rulerTicks({ fromMs: 500, toMs: 100, pxPerSec: 50, fps: null, totalMs: 1000 }).ticks).toEqual([]);
  });
});

describe('the playhead and drag readouts', () => {
  it('shows the playhead to the millisecond or as the frame timecode', () => {
    expect(formatPlayhead(83_456, null, 10 * MINUTE)).toBe('1:23.456');
    expect(formatPlayhead(83_456, null, 2 * HOUR)).toBe('0:01:23.456');
    expect(formatPlayhead(1000 + 3 * 40, 25, MINUTE)).toBe('00:00:01:03');
  });

  it('writes a span length in seconds, minutes past one, with frames when there is a rate', () => {
    expect(formatSpanLength(2655, null)).toBe('2.655 s');
    expect(formatSpanLength(75_500, null)).toBe('1:15.500');
    expect(formatSpanLength(2000, 25)).toBe('2.000 s (50 f)');
  });
});
