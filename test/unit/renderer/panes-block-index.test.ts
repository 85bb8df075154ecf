import { describe, expect, it } from 'vitest';
import { BlockIndex } from '../../../src/renderer/src/panes/block-index';

const ids = ['a', 'b', 'c', 'd'];

describe('BlockIndex', () => {
  it('lays blocks out contiguously from line 1', () => {
    const index = new BlockIndex(ids, [1, 3, 1, 2]);
    expect([0, 1, 2, 3].map((b) => [index.startLine(b), index.endLine(b)])).toEqual([[1, 1], [2, 4], [5, 5], [6, 7]]);
    expect(index.totalLines).toBe(7);
    expect(index.size).toBe(4);
  });

  it('finds the block of every line and nothing outside', () => {
    const index = new BlockIndex(ids, [1, 3, 1, 2]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((l) => index.blockAtLine(l))).toEqual([-1, 0, 1, 1, 1, 2, 3, 3, -1]);
  });

  it('treats a zero line count as one line (an empty text is one empty line)', () => {
    const index = new BlockIndex(['x', 'y'], [0, 1]);
    expect(index.lineCount(0)).toBe(1);
    expect(index.startLine(1)).toBe(2);
  });

  it('appends blocks in parts to the same index as one built at once', () => {
    const counts = [1, 3, 1, 2, 1, 4];
    const all = ['a', 'b', 'c', 'd', 'e', 'f'];
    let index = new BlockIndex(all.slice(0, 2), counts.slice(0, 2));
    index = index.appended(all.slice(2, 5), counts.slice(2, 5));
    index = index.appended(all.slice(5), counts.slice(5));
    const whole = new BlockIndex(all, counts);
    expect(index.cueIds).toEqual(all);
    expect(all.map((_, b) => [index.startLine(b), index.lineCount(b)])).toEqual(all.map((_, b) => [whole.startLine(b), whole.lineCount(b)]));
    expect(all.map((id) => index.indexOfCue(id))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(index.blockAtLine(whole.totalLines)).toBe(5);
    expect(index.totalLines).toBe(whole.totalLines);
  });

  it('maps cue ids to blocks', () => {
    const index = new BlockIndex(ids, [1, 1, 1, 1]);
    expect(index.indexOfCue('c')).toBe(2);
    expect(index.indexOfCue('zz')).toBe(-1);
  });

  it('shifts the blocks below when a line count changes, not the ones above', () => {
    const index = new BlockIndex(ids, [1, 3, 1, 2]);
    index.setLineCount(1, 5);
    expect([0, 1, 2, 3].map((b) => index.startLine(b))).toEqual([1, 2, 7, 8]);
    expect(index.blockAtLine(6)).toBe(1);
    expect(index.blockAtLine(7)).toBe(2);
    index.setLineCount(1, 1);
    expect([0, 1, 2, 3].map((b) => index.startLine(b))).toEqual([1, 2, 3, 4]);
    expect(index.totalLines).toBe(5);
  });

  it('agrees with a linear scan on a large random layout', () => {
    const n = 500;
    const counts = Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 4));
    const index = new BlockIndex(Array.from({ length: n }, (_, i) => `c${i}`), counts);
    const owner: number[] = [];
    counts.forEach((c, b) => {
      for (let k = 0; k < c; k++) owner.push(b);
    });
    for (let line = 1; line <= owner.length; line++) expect(index.blockAtLine(line)).toBe(owner[line - 1]);
  });

  it('handles an empty document', () => {
    const index = new BlockIndex([], []);
    expect(index.totalLines).toBe(0);
    expect(index.blockAtLine(1)).toBe(-1);
  });
});
