import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressivePeaks, throttle } from '../../../src/renderer/src/waveform/progressive-peaks';

describe('ProgressivePeaks', () => {
  it('is sized for the whole duration and fills in place, max on top and min below', () => {
    const buffer = new ProgressivePeaks(100, 2.5);
    expect(buffer.pairs).toBe(250);
    const { channels } = buffer.wave;
    buffer.write(10, [-0.5, 0.25, -0.1, 0.75]);
    expect(buffer.wave.channels[0]).toBe(channels[0]);
    expect(channels[0][10]).toBeCloseTo(0.25);
    expect(channels[1][10]).toBeCloseTo(-0.5);
    expect(channels[0][11]).toBeCloseTo(0.75);
    expect(buffer.amplitude(11)).toBeCloseTo(0.85);
  });

  it('counts as filled only the pairs from the start without a gap, whatever the order of the chunks', () => {
    const buffer = new ProgressivePeaks(100, 2.5);
    const pairs = (n: number) => Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 0.5 : -0.5));
    buffer.write(100, pairs(50)); // a later segment first: pairs 0…99 are still zeros, not silence
    expect(buffer.filled).toBe(0);
    buffer.write(0, pairs(40));
    expect(buffer.filled).toBe(40);
    buffer.write(200, pairs(50));
    buffer.write(40, pairs(60)); // closes the gap up to the first later stretch
    expect(buffer.filled).toBe(150);
    buffer.write(140, pairs(60)); // overlaps both neighbours
    expect(buffer.filled).toBe(250);
  });

  it('drops pairs past the end and clamps values to -1…1', () => {
    const buffer = new ProgressivePeaks(10, 1);
    buffer.write(9, [-2, 3, -0.5, 0.5]);
    expect(buffer.top[9]).toBe(1);
    expect(buffer.bottom[9]).toBe(-1);
    expect(buffer.filled).toBe(0); // pairs 0…8 were never written
    buffer.write(0, Array.from({ length: 18 }, () => 0.1));
    expect(buffer.filled).toBe(10);
  });

  it('resamples final peaks of another resolution by min/max', () => {
    const buffer = new ProgressivePeaks(50, 1);
    buffer.writeAll({ peaksPerSecond: 100, duration: 1000, data: [-0.1, 0.2, -0.4, 0.1, -0.3, 0.3, -0.2, 0.6] });
    expect(buffer.bottom[0]).toBeCloseTo(-0.4);
    expect(buffer.top[0]).toBeCloseTo(0.2);
    expect(buffer.bottom[1]).toBeCloseTo(-0.3);
    expect(buffer.top[1]).toBeCloseTo(0.6);
    expect(buffer.filled).toBe(2);
    const late = new ProgressivePeaks(50, 2);
    late.write(100, [-0.1, 0.2, -0.4, 0.1], 100);
    expect(late.filled).toBe(0);
    late.write(0, Array.from({ length: 200 }, () => 0.1), 100);
    expect(late.filled).toBe(51);
  });
});

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then collapses calls within the interval into one at its end', () => {
    let now = 0;
    const run = vi.fn();
    const t = throttle(run, 250, () => now);
    t.call();
    expect(run).toHaveBeenCalledTimes(1);
    now = 100;
    t.call();
    t.call();
    expect(run).toHaveBeenCalledTimes(1);
    now = 250;
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('cancel drops a pending call', () => {
    let now = 0;
    const run = vi.fn();
    const t = throttle(run, 250, () => now);
    t.call();
    now = 10;
    t.call();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
