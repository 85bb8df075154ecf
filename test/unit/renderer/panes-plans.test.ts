import { describe, expect, it } from 'vitest';
import { nextWindow, sameLines, zoneOp } from '../../../src/renderer/src/panes/pane-plans';

describe('zoneOp', () => {
  it('creates a zone only for a block that needs padding', () => {
    expect(zoneOp(null, 0, true)).toBe('none');
    expect(zoneOp(null, 22, false)).toBe('add');
  });

  it('removes a zone whose block no longer needs padding', () => {
    expect(zoneOp(22, 0, false)).toBe('remove');
    expect(zoneOp(22, -3, true)).toBe('remove');
  });

  it('re-lays out a zone when its height changes, or always when asked', () => {
    expect(zoneOp(22, 44, false)).toBe('layout');
    expect(zoneOp(22, 22, false)).toBe('none');
    expect(zoneOp(22, 22, true)).toBe('layout');
  });
});

describe('nextWindow', () => {
  it('decorates the visible blocks plus a margin, clamped to the document', () => {
    expect(nextWindow(null, 0, 30, 5000, 100)).toEqual({ first: 0, last: 130 });
    expect(nextWindow(null, 2500, 2530, 5000, 100)).toEqual({ first: 2400, last: 2630 });
    expect(nextWindow(null, 4980, 4999, 5000, 100)).toEqual({ first: 4880, last: 4999 });
  });

  it('keeps the window while the viewport stays clear of its edges', () => {
    const w = { first: 2400, last: 2630 };
    expect(nextWindow(w, 2450, 2480, 5000, 100)).toBeNull();
    expect(nextWindow(w, 2425, 2455, 5000, 100)).toBeNull();
  });

  it('moves the window when the viewport nears an edge or jumps away', () => {
    const w = { first: 2400, last: 2630 };
    expect(nextWindow(w, 2410, 2440, 5000, 100)).toEqual({ first: 2310, last: 2540 });
    expect(nextWindow(w, 2590, 2620, 5000, 100)).toEqual({ first: 2490, last: 2720 });
    expect(nextWindow(w, 10, 40, 5000, 100)).toEqual({ first: 0, last: 140 });
  });

  it('never moves a window that already reaches both ends of the document', () => {
    expect(nextWindow({ first: 0, last: 99 }, 90, 99, 100, 100)).toBeNull();
    expect(nextWindow({ first: 0, last: 99 }, 0, 5, 100, 100)).toBeNull();
  });

  it('handles an empty document', () => {
    expect(nextWindow(null, 0, -1, 0)).toEqual({ first: 0, last: -1 });
    expect(nextWindow({ first: 0, last: -1 }, 0, -1, 0)).toBeNull();
  });
});

describe('sameLines', () => {
  const range = (a: number, b: number) => ({ startLineNumber: a, startColumn: 1, endLineNumber: b, endColumn: 1 });
  const deco = (a: number, b: number) => ({ range: range(a, b), options: {} });

  it('matches tracked ranges on the same lines, in order', () => {
    expect(sameLines([range(3, 5), { ...range(9, 9), endColumn: 7 }], [deco(3, 5), deco(9, 9)])).toBe(true);
  });

  it('does not match when a block grew, moved or the count differs', () => {
    expect(sameLines([range(3, 5)], [deco(3, 6)])).toBe(false);
    expect(sameLines([range(3, 5)], [deco(4, 6)])).toBe(false);
    expect(sameLines([], [deco(1, 1)])).toBe(false);
  });
});
