import { describe, expect, it } from 'vitest';
import type { Cue } from '../../../src/shared/model';
import { BUILTIN_PROFILES } from '../../../src/shared/qc/profiles';
import { cueLoad, NEAR_LIMIT, SPEED_COLORS, speedColor, speedLevel } from '../../../src/renderer/src/qc/reading-speed';
import { MIN_SEGMENT_PX, stripSegments } from '../../../src/renderer/src/qc/strip-geometry';

const profile = (id: string) => BUILTIN_PROFILES.find((p) => p.id === id)!;
const PROFILES = { en: profile('netflix-en'), 'zh-Hans': profile('netflix-zh-hans') };
const cue = (start: number, end: number, text: Record<string, string>, id = 'c'): Cue => ({ id, start, end, speaker: null, text });

describe('speedLevel', () => {
  it('is green below the near band, amber from it up to the limit, red above the limit', () => {
    expect(speedLevel(NEAR_LIMIT - 0.01)).toBe('ok');
    expect(speedLevel(NEAR_LIMIT)).toBe('near');
    expect(speedLevel(1)).toBe('near');
    expect(speedLevel(1.0001)).toBe('over');
    expect(speedLevel(null)).toBeNull();
  });
});

describe('cueLoad', () => {
  it('is characters per second over the limit (20 cps Netflix English: 40 characters in 2 s is exactly 1)', () => {
    expect(cueLoad(cue(0, 2000, { en: 'a'.repeat(40) }), PROFILES)).toBe(1);
    expect(speedColor(cue(0, 2000, { en: 'a'.repeat(40) }), PROFILES)).toBe(SPEED_COLORS.near);
    expect(speedColor(cue(0, 2000, { en: 'a'.repeat(41) }), PROFILES)).toBe(SPEED_COLORS.over);
  });

  it('counts visible text only: markup and line breaks do not count', () => {
    expect(cueLoad(cue(0, 1000, { en: '<i>abcde</i>\nfghij' }), PROFILES)).toBe(10 / 20);
  });

  it('takes the worse language: 9 Chinese characters per second is the zh-Hans limit', () => {
    const c = cue(0, 2000, { en: 'Short.', 'zh-Hans': '一二三四五六七八九十一二三四五六七八九' });
    expect(cueLoad(c, PROFILES)).toBeCloseTo(19 / 2 / 9);
    expect(speedColor(c, PROFILES)).toBe(SPEED_COLORS.over);
  });

  it('has no colour without text, without duration, or without a limit', () => {
    expect(speedColor(cue(0, 2000, { en: '  ' }), PROFILES)).toBeNull();
    expect(speedColor(cue(1000, 1000, { en: 'text' }), PROFILES)).toBeNull();
    expect(speedColor(cue(0, 1000, { en: 'text' }), { en: { ...profile('netflix-en'), maxCps: 0 } })).toBeNull();
  });

  it('uses words per minute for a BBC-style profile (180 wpm: 3 words in 1 s is exactly the limit)', () => {
    expect(cueLoad(cue(0, 1000, { en: 'one two three' }), { en: profile('bbc') })).toBe(1);
  });

  it('falls back to the language default for a language without a profile', () => {
    // The relaxed default allows 25 cps.
    expect(cueLoad(cue(0, 1000, { fr: 'a'.repeat(25) }), {})).toBe(1);
  });
});

describe('stripSegments', () => {
  const green = () => 'green';
  const view = { fromMs: 1000, toMs: 3000, widthPx: 200 };

  it('maps ms to px linearly over the visible span', () => {
    expect(stripSegments([cue(1500, 2000, {})], view, green)).toEqual([{ x: 50, width: 50, color: 'green' }]);
  });

  it('clips cues at both edges of the view', () => {
    const segments = stripSegments([cue(0, 1500, {}, 'a'), cue(2500, 9000, {}, 'b')], view, green);
    expect(segments).toEqual([
      { x: 0, width: 50, color: 'green' },
      { x: 150, width: 50, color: 'green' },
    ]);
  });

  it('skips cues outside the view and cues without a colour', () => {
    const items = [cue(0, 900, {}, 'before'), cue(3100, 4000, {}, 'after'), cue(1200, 1300, {}, 'grey')];
    expect(stripSegments(items, view, (c) => (c.id === 'grey' ? null : 'red'))).toEqual([]);
  });

  it('draws a very short cue at least MIN_SEGMENT_PX wide, inside the strip', () => {
    const [first] = stripSegments([cue(2000, 2001, {})], view, green);
    expect(first.width).toBe(MIN_SEGMENT_PX);
    const [atEnd] = stripSegments([cue(3000, 3000, {})], view, green);
    expect(atEnd.x + atEnd.width).toBeLessThanOrEqual(view.widthPx);
  });

  it('draws nothing for an empty or zero-width view', () => {
    expect(stripSegments([cue(1500, 2000, {})], { ...view, toMs: 1000 }, green)).toEqual([]);
    expect(stripSegments([cue(1500, 2000, {})], { ...view, widthPx: 0 }, green)).toEqual([]);
  });
});
