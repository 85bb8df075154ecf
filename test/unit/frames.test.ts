import { describe, expect, it } from 'vitest';
import {
  documentFrameRate, formatFrameTimecode, FRAME_RATES, frameAtMs, frameRateLabel, frameStartMs, normalizeFrameRate,
  parseFrameTimecode, snapToFrame, stepByFrames, storedFrameRate,
} from '../../src/shared/frames';

describe('frame rates', () => {
  it('reads NTSC rates exactly, however they were written', () => {
    expect(normalizeFrameRate(23.976)).toBe(24000 / 1001);
    expect(normalizeFrameRate(23.98)).toBe(24000 / 1001);
    expect(normalizeFrameRate('24000/1001')).toBe(24000 / 1001);
    expect(normalizeFrameRate('30000/1001')).toBe(30000 / 1001);
    expect(normalizeFrameRate(59.94)).toBe(60000 / 1001);
    expect(normalizeFrameRate(25)).toBe(25);
    expect(normalizeFrameRate(15)).toBe(15);
  });

  it('refuses what is not a rate', () => {
    for (const bad of [0, -25, Number.NaN, Infinity, '0/0', 'abc', null, undefined, {}, 5000]) expect(normalizeFrameRate(bad)).toBeNull();
  });

  it('is stored as the label number and read back exact', () => {
    for (const { fps, label } of FRAME_RATES) {
      expect(storedFrameRate(fps)).toBe(Number(label));
      expect(documentFrameRate({ frameRate: storedFrameRate(fps) })).toBe(fps);
      expect(frameRateLabel(fps)).toBe(label);
    }
    expect(documentFrameRate({})).toBeNull();
  });
});

describe('frame timecodes', () => {
  it('counts NTSC frames at the rounded rate (non-drop-frame)', () => {
    const fps = 24000 / 1001;
    // Frame 24 starts at 1001 ms: one second of timecode is a little more than a second at 23.976.
    expect(frameStartMs(24, fps)).toBe(1001);
    expect(formatFrameTimecode(1001, fps)).toBe('00:00:01:00');
    expect(formatFrameTimecode(1000, fps)).toBe('00:00:00:23');
    expect(parseFrameTimecode('00:00:01:00', fps)).toBe(1001);
    expect(formatFrameTimecode(3_600_000, 25)).toBe('01:00:00:00');
    expect(formatFrameTimecode(3_603_600, 30000 / 1001)).toBe('01:00:00:00');
  });

  it('round-trips every frame start, format ↔ parse, at every offered rate', () => {
    for (const { fps } of FRAME_RATES) {
      for (const frame of [0, 1, 23, 24, 29, 59, 1439, 86_399, 215_784]) {
        const ms = frameStartMs(frame, fps);
        expect(frameAtMs(ms, fps), `${fps} frame ${frame}`).toBe(frame);
        expect(parseFrameTimecode(formatFrameTimecode(ms, fps), fps), `${fps} frame ${frame}`).toBe(ms);
      }
    }
  });

  it('refuses frames past the rate and malformed codes', () => {
    expect(parseFrameTimecode('00:00:01:25', 25)).toBeNull();
    expect(parseFrameTimecode('00:00:01:24', 25)).not.toBeNull();
    expect(parseFrameTimecode('00:61:00:00', 25)).toBeNull();
    expect(parseFrameTimecode('1:02:03', 25)).toBe(parseFrameTimecode('00:01:02:03', 25));
    expect(parseFrameTimecode('00:00:01,500', 25)).toBeNull();
    expect(parseFrameTimecode('00;00;01;12', 25)).toBeNull();
    expect(parseFrameTimecode('00:00:01;12', 30000 / 1001)).toBe(frameStartMs(42, 30000 / 1001));
  });
});

describe('snapping and stepping', () => {
  it('snaps a time to the nearest frame start', () => {
    expect(snapToFrame(1019, 25)).toBe(1000);
    expect(snapToFrame(1021, 25)).toBe(1040);
    expect(snapToFrame(1000, 24000 / 1001)).toBe(1001);
    expect(snapToFrame(1500, 24000 / 1001)).toBe(1502); // frame 36
    for (const { fps } of FRAME_RATES) expect(snapToFrame(snapToFrame(12_345, fps), fps)).toBe(snapToFrame(12_345, fps));
  });

  it('steps the playhead whole frames from the frame it is in, never below 0', () => {
    expect(stepByFrames(1000, 1, 25)).toBe(1040);
    expect(stepByFrames(1010, 1, 25)).toBe(1040);
    expect(stepByFrames(1010, -1, 25)).toBe(960);
    expect(stepByFrames(20, -1, 25)).toBe(0);
    const fps = 30000 / 1001;
    let ms = 0;
    for (let i = 0; i < 30; i++) ms = stepByFrames(ms, 1, fps);
    expect(ms).toBe(1001);
    for (let i = 0; i < 30; i++) ms = stepByFrames(ms, -1, fps);
    expect(ms).toBe(0);
  });
});
