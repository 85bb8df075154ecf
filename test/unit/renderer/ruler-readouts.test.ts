import { describe, expect, it } from 'vitest';
import { formatDragReadout, readoutLeft } from '../../../src/renderer/src/waveform/ruler';
import { MIN_TEXT_PX, regionText } from '../../../src/renderer/src/waveform/region-label';
import { clickSeekSeconds } from '../../../src/renderer/src/waveform/wave-input';

describe('the drag readout', () => {
  it('says start, end and duration, in timecode and frames at a frame rate', () => {
    expect(formatDragReadout(12_345, 15_000, null, 600_000)).toBe('0:12.345 → 0:15.000 · 2.655 s');
    expect(formatDragReadout(3_600_000, 3_602_500, null, 7_200_000)).toBe('1:00:00.000 → 1:00:02.500 · 2.500 s');
    expect(formatDragReadout(1000, 3000, 25, 60_000)).toBe('00:00:01:00 → 00:00:03:00 · 2.000 s (50 f)');
  });

  it('sits at the moving edge: left of an end, right of a start, inside the pane', () => {
    expect(readoutLeft(300, 'start', 120, 1000)).toBe(300);
    expect(readoutLeft(300, 'end', 120, 1000)).toBe(180);
    expect(readoutLeft(300, undefined, 120, 1000)).toBe(300);
    expect(readoutLeft(-40, 'start', 120, 1000)).toBe(0);
    expect(readoutLeft(950, 'start', 120, 1000)).toBe(880);
    expect(readoutLeft(60, 'end', 120, 1000)).toBe(0);
  });
});

describe('a click inside a region', () => {
  it('seeks where it landed, kept inside the region', () => {
    const region = { start: 10, end: 14 };
    expect(clickSeekSeconds(region, 12.8)).toBe(12.8);
    expect(clickSeekSeconds(region, 9.99)).toBe(10);
    expect(clickSeekSeconds(region, 14.02)).toBe(14);
  });
});

describe('the text on a region', () => {
  it('shows the first language on one line without markup, only when the region is wide enough', () => {
    const label = { number: '3', text: '<i>Hello</i>\n  there,\tfriend', pinned: false };
    expect(regionText({ ...label, widthPx: 200 })).toBe('Hello there, friend');
    expect(regionText({ ...label, widthPx: MIN_TEXT_PX - 1 })).toBe('');
    expect(regionText({ ...label, text: '{\\an8}上面', widthPx: 200 })).toBe('上面');
  });
});
