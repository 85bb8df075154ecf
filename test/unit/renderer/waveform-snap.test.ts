import { describe, expect, it } from 'vitest';
import type { Cue } from '../../../src/shared/model';
import { snapCandidates, snapSpan, snapToleranceMs } from '../../../src/renderer/src/waveform/snap';

const cue = (id: string, start: number, end: number): Cue => ({ id, start, end, speaker: null, text: {} });

describe('snapToleranceMs', () => {
  it('is 8 px at the current zoom', () => {
    expect(snapToleranceMs(100)).toBe(80);
    expect(snapToleranceMs(400)).toBe(20);
    expect(snapToleranceMs(0)).toBe(0);
  });
});

describe('snapCandidates', () => {
  it('takes pause edges and the other cues’ edges, sorted and without duplicates', () => {
    const pauses = [{ start: 3000, end: 3400 }, { start: 900, end: 1000 }];
    const cues = [cue('a', 0, 1000), cue('b', 1200, 2500), cue('self', 2600, 2900)];
    const targets = snapCandidates(pauses, cues, 'self');
    expect([...targets.pauses]).toEqual([900, 1000, 3000, 3400]);
    expect([...targets.starts]).toEqual([0, 1200]);
    expect([...targets.ends]).toEqual([1000, 2500]);
    expect(targets).toMatchObject({ gapMs: 0, fps: null });
  });
});

describe('snapping to a neighbour keeps the minimum gap (issue 13)', () => {
  const cues = [cue('prev', 0, 1000), cue('self', 1500, 2500), cue('next', 3000, 4000)];
  const netflix = snapCandidates([], cues, 'self', { gapMs: 83 });

  it('an end dropped on the next cue’s start, or just before or after it, lands the gap before it', () => {
    for (const end of [3000, 2950, 2917, 2900, 3040]) {
      expect(snapSpan({ start: 1500, end }, 'end', netflix, 80)).toEqual({ start: 1500, end: 2917 });
    }
    expect(snapSpan({ start: 1500, end: 2800 }, 'end', netflix, 80)).toEqual({ start: 1500, end: 2800 });
  });

  it('a start dropped on the previous cue’s end lands the gap after it', () => {
    for (const start of [1000, 960, 1083, 1120]) {
      expect(snapSpan({ start, end: 2500 }, 'start', netflix, 80)).toEqual({ start: 1083, end: 2500 });
    }
  });

  it('a moved region keeps the gap on the side it snapped to', () => {
    expect(snapSpan({ start: 1990, end: 2990 }, undefined, netflix, 80)).toEqual({ start: 1917, end: 2917 });
    expect(snapSpan({ start: 1010, end: 2010 }, undefined, netflix, 80)).toEqual({ start: 1083, end: 2083 });
  });

  it('without a gap, edges still meet (the old behaviour)', () => {
    expect(snapSpan({ start: 1500, end: 2990 }, 'end', snapCandidates([], cues, 'self'), 80)).toEqual({ start: 1500, end: 3000 });
  });

  it('takes the gap and the frame rate from the document’s QC profile', async () => {
    const { snapOptionsFor } = await import('../../../src/renderer/src/waveform/snap');
    const doc = { languages: [{ code: 'en', name: 'English' }], cues, speakers: [], chapters: [], media: null, metadata: { qcProfiles: { en: 'netflix-en' }, frameRate: 25 } };
    expect(snapOptionsFor(doc)).toEqual({ gapMs: 83, fps: 25 });
    expect(snapOptionsFor({ ...doc, metadata: {} })).toEqual({ gapMs: 24, fps: null });
  });
});

describe('snapping to frames', () => {
  const cues = [cue('self', 1500, 2500), cue('next', 3000, 4000)];

  it('lands a moved edge on a frame start, and keeps at least the gap to a neighbour', () => {
    const at25 = snapCandidates([], cues, 'self', { gapMs: 83, fps: 25 });
    // Nothing within reach: the nearest frame start (40 ms frames).
    expect(snapSpan({ start: 1500, end: 2615 }, 'end', at25, 80)).toEqual({ start: 1500, end: 2600 });
    expect(snapSpan({ start: 1523, end: 2500 }, 'start', at25, 10)).toEqual({ start: 1520, end: 2500 });
    // The next cue starts at 3000: 3000 − 83 = 2917 is inside a frame; the end goes to the frame start before it.
    expect(snapSpan({ start: 1500, end: 2990 }, 'end', at25, 80)).toEqual({ start: 1500, end: 2880 });
  });

  it('NTSC 23.976: the frame grid is 1001/24 ms', () => {
    const ntsc = snapCandidates([], [], 'self', { fps: 24000 / 1001 });
    expect(snapSpan({ start: 0, end: 1000 }, 'end', ntsc, 10)).toEqual({ start: 0, end: 1001 });
  });
});

describe('snapSpan', () => {
  const candidates = [1000, 2000, 5000];

  it('snaps only the resized edge', () => {
    expect(snapSpan({ start: 1030, end: 1960 }, 'start', candidates, 50)).toEqual({ start: 1000, end: 1960 });
    expect(snapSpan({ start: 1030, end: 1960 }, 'end', candidates, 50)).toEqual({ start: 1030, end: 2000 });
    expect(snapSpan({ start: 1100, end: 1960 }, 'start', candidates, 50)).toEqual({ start: 1100, end: 1960 });
  });

  it('moves a dragged region by the smaller of its edges’ snaps, keeping its length', () => {
    expect(snapSpan({ start: 1030, end: 1990 }, undefined, candidates, 50)).toEqual({ start: 1040, end: 2000 });
    expect(snapSpan({ start: 1010, end: 1960 }, undefined, candidates, 50)).toEqual({ start: 1000, end: 1950 });
    expect(snapSpan({ start: 1200, end: 1800 }, undefined, candidates, 50)).toEqual({ start: 1200, end: 1800 });
  });

  it('refuses a snap that would leave the span shorter than the minimum', () => {
    expect(snapSpan({ start: 980, end: 1020 }, 'end', candidates, 50, 50)).toEqual({ start: 980, end: 1020 });
    expect(snapSpan({ start: 1990, end: 2030 }, 'start', [2020], 50, 50)).toEqual({ start: 1990, end: 2030 });
  });
});
