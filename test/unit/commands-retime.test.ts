import { describe, expect, it } from 'vitest';
import type { SubtitleDocument } from '../../src/shared/model';
import { makeDoc, run } from './commands-helpers';

const times = (doc: SubtitleDocument) => doc.cues.map((c) => [c.start, c.end]);
/** The old 24 ms setting is still passed to show it is ignored: the gap is the QC profile's (issue 13). */
const settings = { minSplitMs: 200, minGapMs: 24 };
/** zh + en documents default to Netflix Simplified Chinese for zh: timing keeps its 83 ms gap. */
const GAP = 83;

const doc = makeDoc([
  [1000, 2000, '', ''],
  [2100, 3000, '', ''],
  [2900, 4000, '', ''],
  [6000, 7000, '', ''],
]);

describe('shift', () => {
  it('moves the chosen cues by the offset', () => {
    const { doc: after, plan } = run(doc, { kind: 'shift', cueIds: ['c2', 'c3'], offset: 1200 });
    expect(times(after)).toEqual([[1000, 2000], [3300, 4200], [4100, 5200], [6000, 7000]]);
    expect(plan.label).toBe('Shift 2 cues by +1.200 s');
    expect(run(doc, { kind: 'shift', cueIds: 'all', offset: -1000 }).plan.label).toBe('Shift all 4 cues by −1.000 s');
  });

  it('refuses to push a cue before 0', () => {
    expect(() => run(doc, { kind: 'shift', cueIds: 'all', offset: -1001 })).toThrow('Cannot shift by −1.001 s: cue 1 starts at 1.000 s');
  });
});

describe('resync', () => {
  it('maps two reference starts to new times and everything else linearly', () => {
    // c1 1000 → 2000 and c4 6000 → 12000: scale 2.
    const after = run(doc, { kind: 'resync', a: { cueId: 'c1', time: 2000 }, b: { cueId: 'c4', time: 12_000 }, cueIds: 'all' }).doc;
    expect(times(after)).toEqual([[2000, 4000], [4200, 6000], [5800, 8000], [12_000, 14_000]]);
  });

  it('refuses references with the same start, reversed order, or negative results', () => {
    const same = makeDoc([[1000, 2000, '', ''], [1000, 1500, '', '']]);
    expect(() => run(same, { kind: 'resync', a: { cueId: 'c1', time: 0 }, b: { cueId: 'c2', time: 500 }, cueIds: 'all' })).toThrow('same time');
    expect(() => run(doc, { kind: 'resync', a: { cueId: 'c1', time: 5000 }, b: { cueId: 'c4', time: 1000 }, cueIds: 'all' })).toThrow('same order');
    expect(() => run(doc, { kind: 'resync', a: { cueId: 'c2', time: 0 }, b: { cueId: 'c4', time: 10_000 }, cueIds: 'all' })).toThrow('Resync would move cue 1');
  });
});

describe('close gaps', () => {
  it('extends earlier cues to the minimum gap before the next when the gap is under maxGap', () => {
    const { doc: after, plan } = run(doc, { kind: 'closeGaps', cueIds: 'all', maxGap: 500 }, settings);
    expect(times(after)).toEqual([[1000, 2100 - GAP], [2100, 3000], [2900, 4000], [6000, 7000]]);
    expect(plan.label).toBe('Close 1 gap');
    expect(times(run(doc, { kind: 'closeGaps', cueIds: 'all', maxGap: 3000 }, settings).doc)[2]).toEqual([2900, 6000 - GAP]);
  });

  it('keeps the gap of the profile the document chose (a custom one too)', () => {
    const relaxed = { ...doc, metadata: { qcProfiles: { 'zh-Hans': 'default', en: 'default' } } };
    expect(times(run(relaxed, { kind: 'closeGaps', cueIds: 'all', maxGap: 500 }, settings).doc)[0]).toEqual([1000, 2076]);
    const wide = { id: 'wide', name: 'Wide', charsPerLine: 42, maxLines: 2, maxCps: 0, minDurationMs: 0, maxDurationMs: 0, minGapMs: 250 };
    const custom = { ...doc, metadata: { qcProfiles: { 'zh-Hans': 'wide', en: 'wide' } } };
    expect(times(run(custom, { kind: 'closeGaps', cueIds: 'all', maxGap: 3000 }, { ...settings, customProfiles: [wide] }).doc)[2]).toEqual([2900, 5750]);
    expect(() => run(custom, { kind: 'closeGaps', cueIds: ['c1', 'c2'], maxGap: 3000 }, { ...settings, customProfiles: [wide] })).toThrow('wider than the 250 ms minimum');
  });

  it('refuses when there is nothing to close', () => {
    expect(() => run(doc, { kind: 'closeGaps', cueIds: ['c1', 'c4'], maxGap: 500 }, settings)).toThrow('No gaps shorter than 0.500 s');
  });
});

describe('remove overlaps', () => {
  it('ends the earlier cue the minimum gap before the next starts', () => {
    const after = run(doc, { kind: 'removeOverlaps', cueIds: 'all' }, settings).doc;
    expect(times(after)).toEqual([[1000, 2000], [2100, 2900 - GAP], [2900, 4000], [6000, 7000]]);
  });

  it('moves the later start when the earlier cue cannot end before it', () => {
    const same = makeDoc([[1000, 3000, '', ''], [1010, 2000, '', '']]);
    expect(times(run(same, { kind: 'removeOverlaps', cueIds: 'all' }, settings).doc)).toEqual([[1000, 1001], [1001 + GAP, 2000]]);
  });

  it('refuses when nothing overlaps, or a cue is too short to move', () => {
    expect(() => run(doc, { kind: 'removeOverlaps', cueIds: ['c1', 'c2'] }, settings)).toThrow('do not overlap');
    const tiny = makeDoc([[1000, 3000, '', ''], [1010, 1020, '', '']]);
    expect(() => run(tiny, { kind: 'removeOverlaps', cueIds: 'all' }, settings)).toThrow('Cannot remove the overlap of cues 1 and 2');
  });
});

describe('set edge', () => {
  it('sets the start or end at a time', () => {
    expect(times(run(doc, { kind: 'setEdge', cueId: 'c1', edge: 'start', time: 500 }).doc)[0]).toEqual([500, 2000]);
    const { doc: after, plan } = run(doc, { kind: 'setEdge', cueId: 'c1', edge: 'end', time: 2050 });
    expect(times(after)[0]).toEqual([1000, 2050]);
    expect(plan.label).toBe('Set end of cue 1 to 2.050 s');
  });

  it('refuses a start at or after the end, an end at or before the start', () => {
    expect(() => run(doc, { kind: 'setEdge', cueId: 'c1', edge: 'start', time: 2000 })).toThrow('Cue 1 cannot start at 2.000 s: it ends at 2.000 s');
    expect(() => run(doc, { kind: 'setEdge', cueId: 'c1', edge: 'end', time: 900 })).toThrow('cannot end at 0.900 s');
  });
});

describe('nudge', () => {
  it('moves edges by the delta, clamped at 0 and keeping start before end', () => {
    expect(times(run(doc, { kind: 'nudge', cueIds: ['c1', 'c2'], edge: 'both', delta: -100 }).doc).slice(0, 2)).toEqual([[900, 1900], [2000, 2900]]);
    expect(times(run(doc, { kind: 'nudge', cueIds: ['c1'], edge: 'both', delta: -1500 }).doc)[0]).toEqual([0, 1000]);
    expect(times(run(doc, { kind: 'nudge', cueIds: ['c1'], edge: 'start', delta: 5000 }).doc)[0]).toEqual([1999, 2000]);
    expect(times(run(doc, { kind: 'nudge', cueIds: ['c1'], edge: 'end', delta: -5000 }).doc)[0]).toEqual([1000, 1001]);
    expect(run(doc, { kind: 'nudge', cueIds: ['c1'], edge: 'end', delta: 10 }).plan.label).toBe('Nudge end of cue 1 by +0.010 s');
  });

  it('refuses when no edge can move', () => {
    const atZero = makeDoc([[0, 100, '', '']]);
    expect(() => run(atZero, { kind: 'nudge', cueIds: ['c1'], edge: 'start', delta: -10 })).toThrow('Cannot nudge the start of cue 1 any further');
  });
});
