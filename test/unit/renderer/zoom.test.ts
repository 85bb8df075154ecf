import { describe, expect, it } from 'vitest';
import { clampZoom, MAX_ZOOM, MIN_ZOOM, Player } from '../../../src/renderer/src/playback/player';

describe('waveform zoom', () => {
  it('keeps whole pixels per second from 10 up and two significant digits below, within the bounds', () => {
    expect(clampZoom(62.4, 1)).toBe(62);
    expect(clampZoom(3.14159, 1)).toBe(3.1);
    expect(clampZoom(0.123456, 0.05)).toBe(0.12);
    expect(clampZoom(0.01, 0.1296)).toBe(0.13); // to the floor, rounded up
    expect(clampZoom(0.01, 0.1234)).toBe(0.1234); // rounding would go below the floor: the floor itself
    expect(clampZoom(5000, 1)).toBe(MAX_ZOOM);
  });

  it('lets a long timeline zoom out until it fits the window, and a short one to a second per pixel', () => {
    const player = new Player();
    const { getMinZoom, getZoom } = player;
    const setFitZoom = (pxPerSec: number) => player.setFitZoom(pxPerSec);
    const setZoom = (pxPerSec: number) => player.setZoom(pxPerSec);
    setFitZoom(1400 / 10_800); // three hours in 1,400 px
    expect(getMinZoom()).toBeCloseTo(0.1296, 4);
    setZoom(0.001);
    expect(getZoom()).toBe(0.13);
    setFitZoom(1400 / 600); // ten minutes fit at 2.3 px/s: the floor stays 1 px/s
    expect(getMinZoom()).toBe(MIN_ZOOM);
    expect(getZoom()).toBe(MIN_ZOOM); // raised to the new floor
    setZoom(50);
    expect(getZoom()).toBe(50);
  });
});
