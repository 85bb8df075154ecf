import { describe, expect, it } from 'vitest';
import { clampPanelHeight, containRect, subtitleBox } from '../../../src/renderer/src/video/subtitle-layout';

describe('containRect', () => {
  it('letterboxes a wide picture in a tall box and pillarboxes a tall one', () => {
    expect(containRect(400, 400, 1920, 1080)).toEqual({ left: 0, top: 87.5, width: 400, height: 225 });
    expect(containRect(800, 225, 1920, 1080)).toEqual({ left: 200, top: 0, width: 400, height: 225 });
  });

  it('fills the box when the frame size is unknown, and is empty for an empty box', () => {
    expect(containRect(300, 200, 0, 0)).toEqual({ left: 0, top: 0, width: 300, height: 200 });
    expect(containRect(0, 200, 1920, 1080)).toEqual({ left: 0, top: 0, width: 0, height: 0 });
  });
});

describe('subtitleBox', () => {
  it('sizes the text from the picture height, the second language smaller', () => {
    const box = subtitleBox({ left: 0, top: 0, width: 1280, height: 720 });
    expect(box.fontSize).toBe(40);
    expect(box.secondFontSize).toBe(34);
    expect(box.bottom).toBe(36);
    expect(box.maxWidth).toBe(1152);
    expect(subtitleBox({ left: 0, top: 0, width: 64, height: 36 }).fontSize).toBe(8);
  });
});

describe('clampPanelHeight', () => {
  it('keeps the stored height within what the window allows', () => {
    expect(clampPanelHeight(300, 1000)).toBe(300);
    expect(clampPanelHeight(10, 1000)).toBe(80);
    expect(clampPanelHeight(5000, 1000)).toBe(740);
    expect(clampPanelHeight(Number.NaN, 1000)).toBe(80);
  });
});
