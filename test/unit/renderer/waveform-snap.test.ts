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
    expect([...snapCandidates(pauses, cues, 'self')]).toEqual([0, 900, 1000, 1200, 2500, 3000, 3400]);
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
