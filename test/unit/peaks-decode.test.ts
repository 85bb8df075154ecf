import { describe, expect, it } from 'vitest';
import { planSegments, seamMatches } from '../../src/node/media/peaks-decode';

describe('planSegments', () => {
  const whole = [{ start: 0, seek: 0, length: null }];

  it('keeps a short file, a file of unknown length and a single decoder to one ffmpeg from the top', () => {
    expect(planSegments(239_999, 4)).toEqual(whole);
    expect(planSegments(0, 4)).toEqual(whole);
    expect(planSegments(3_600_000, 1)).toEqual(whole);
  });

  it('splits a long file at whole seconds, each segment seeking 2 s early, the last one running to the end', () => {
    expect(planSegments(600_000, 4)).toEqual([
      { start: 0, seek: 0, length: 150 },
      { start: 150, seek: 148, length: 150 },
      { start: 300, seek: 298, length: 150 },
      { start: 450, seek: 448, length: null },
    ]);
    expect(planSegments(301_400, 3).map((segment) => segment.start)).toEqual([0, 100, 201]);
    expect(planSegments(3_600_000, 16)).toHaveLength(4); // at most four ffmpeg
  });
});

describe('seamMatches', () => {
  /** One second at 8 kHz of a 300 Hz tone, starting `shift` samples late. */
  const tone = (shift = 0, amplitude = 8000) =>
    Int16Array.from({ length: 8000 }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * 300 * (i + shift)) / 8000)));

  it('accepts the same samples, and differences of a step or two of rounding', () => {
    expect(seamMatches(tone(), tone())).toBe(true);
    expect(seamMatches(tone(), tone().map((sample, i) => sample + ((i % 3) - 1) * 2))).toBe(true);
  });

  it('refuses a decode shifted by one sample, even a quiet one, and a missing stretch', () => {
    expect(seamMatches(tone(), tone(1))).toBe(false);
    expect(seamMatches(tone(0, 30), tone(1, 30))).toBe(false);
    expect(seamMatches(tone(), new Int16Array(8000))).toBe(false);
    expect(seamMatches(tone(), tone().subarray(1))).toBe(false);
  });

  it('accepts digital silence on both sides, where no offset can show', () => {
    expect(seamMatches(new Int16Array(8000), new Int16Array(8000))).toBe(true);
  });
});
