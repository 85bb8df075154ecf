import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Cue } from '../../../src/shared/model';
import { buildCueIndex, cuesInWindow } from '../../../src/renderer/src/timeline/cue-index';
import { regionDiff, regionWindow } from '../../../src/renderer/src/waveform/visible-cues';

const cue = (id: string, start: number, end: number): Cue => ({ id, start, end, speaker: null, text: {} });

describe('cuesInWindow', () => {
  const cues = [cue('a', 0, 1000), cue('b', 1500, 2500), cue('c', 3000, 4000), cue('d', 5000, 6000)];
  const index = buildCueIndex(cues);

  it('returns the cues overlapping the window, in start order', () => {
    expect(cuesInWindow(index, 1200, 3100).map((c) => c.id)).toEqual(['b', 'c']);
  });

  it('counts cues touching an edge', () => {
    expect(cuesInWindow(index, 1000, 1500).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('returns nothing in a gap or past the end', () => {
    expect(cuesInWindow(index, 2600, 2900)).toEqual([]);
    expect(cuesInWindow(index, 7000, 9000)).toEqual([]);
  });

  it('finds a long early cue that spans the window', () => {
    const long = buildCueIndex([cue('long', 0, 10_000), cue('x', 100, 200), cue('y', 8000, 8100)]);
    expect(cuesInWindow(long, 5000, 6000).map((c) => c.id)).toEqual(['long']);
  });

  it('sorts unsorted input (a retimed cue moves)', () => {
    const moved = buildCueIndex([cue('late', 9000, 9500), cue('early', 100, 200)]);
    expect(moved.cues.map((c) => c.id)).toEqual(['early', 'late']);
    expect(cuesInWindow(moved, 9100, 9200).map((c) => c.id)).toEqual(['late']);
  });

  it('agrees with a linear scan on random cues', () => {
    const cueArb = fc.tuple(fc.nat(100_000), fc.nat(20_000)).map(([s, len]) => [s, s + len] as const);
    fc.assert(
      fc.property(fc.array(cueArb, { maxLength: 200 }), fc.nat(120_000), fc.nat(30_000), (spans, from, len) => {
        const list = spans.map(([s, e], i) => cue(String(i), s, e));
        const got = cuesInWindow(buildCueIndex(list), from, from + len).map((c) => c.id).sort();
        const want = list.filter((c) => c.start <= from + len && c.end >= from).map((c) => c.id).sort();
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('regionWindow', () => {
  it('adds one viewport on each side, clamped at zero', () => {
    expect(regionWindow(10_000, 20_000)).toEqual({ fromMs: 0, toMs: 30_000 });
    expect(regionWindow(30_000, 40_000)).toEqual({ fromMs: 20_000, toMs: 50_000 });
  });
});

describe('regionDiff', () => {
  it('adds the missing and removes the unwanted', () => {
    expect(regionDiff(['a', 'b'], ['b', 'c'])).toEqual({ add: ['c'], remove: ['a'] });
  });

  it('never removes a pinned (dragged) region', () => {
    expect(regionDiff(['a', 'b'], ['c'], new Set(['a']))).toEqual({ add: ['c'], remove: ['b'] });
  });
});
