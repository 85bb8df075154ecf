import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cue } from '../../src/shared/model';
import { provisionalTimes, readingTime } from '../../src/shared/timing';

const cueArb = fc.record({
  zh: fc.option(fc.string({ unit: fc.constantFrom('你', '好', '。', 'A'), maxLength: 80 }), { nil: undefined }),
  en: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
});

function toCues(items: { zh?: string; en?: string }[]): Cue[] {
  return items.map((t, i) => {
    const text: Record<string, string> = {};
    if (t.zh !== undefined) text['zh-Hans'] = t.zh;
    if (t.en !== undefined) text.en = t.en;
    return { id: `c${i + 1}`, start: 0, end: 0, speaker: null, text };
  });
}

function expectWellFormed(cues: Cue[]): void {
  cues.forEach((c, i) => {
    expect(Number.isInteger(c.start) && Number.isInteger(c.end)).toBe(true);
    expect(c.start).toBeGreaterThanOrEqual(0);
    expect(c.end).toBeGreaterThanOrEqual(c.start);
    if (i > 0) expect(c.start).toBeGreaterThanOrEqual(cues[i - 1].end);
  });
}

describe('provisionalTimes', () => {
  it('gives monotonic, non-overlapping integer times at reading speed', () => {
    fc.assert(
      fc.property(fc.array(cueArb, { maxLength: 60 }), (items) => {
        const cues = provisionalTimes(toCues(items));
        expect(cues).toHaveLength(items.length);
        expectWellFormed(cues);
        for (const c of cues) expect(c.end - c.start).toBeGreaterThanOrEqual(1000);
        cues.forEach((c, i) => i > 0 && expect(c.start - cues[i - 1].end).toBe(200));
      }),
    );
  });

  it('spreads the cues over a given media duration, ending at it', () => {
    fc.assert(
      fc.property(fc.array(cueArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 10_000_000 }), (items, totalMs) => {
        const cues = provisionalTimes(toCues(items), { totalMs });
        expectWellFormed(cues);
        expect(cues[0].start).toBe(0);
        expect(cues[cues.length - 1].end).toBe(totalMs);
      }),
    );
  });

  it('keeps ids and text and does not change its input', () => {
    const input = toCues([{ zh: '你好', en: 'Hello' }]);
    const out = provisionalTimes(input);
    expect(out[0]).toMatchObject({ id: 'c1', text: { 'zh-Hans': '你好', en: 'Hello' } });
    expect(input[0].end).toBe(0);
  });

  it('times a cue by its slowest language', () => {
    // 20 Han characters at ~5/s outlast 30 Latin letters at ~15/s.
    const [cue] = provisionalTimes(toCues([{ zh: '你'.repeat(20), en: 'a'.repeat(30) }]));
    expect(cue.end - cue.start).toBe(4000);
    expect(readingTime('a b')).toBeCloseTo(2000 / 15);
    expect(provisionalTimes([])).toEqual([]);
  });

  it('gives longer text a longer share of the media', () => {
    const cues = provisionalTimes(toCues([{ en: 'a'.repeat(300) }, { en: 'b'.repeat(30) }]), { totalMs: 60_000 });
    expect(cues[0].end - cues[0].start).toBeGreaterThan(5 * (cues[1].end - cues[1].start));
  });
});
