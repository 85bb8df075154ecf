import { describe, expect, it } from 'vitest';
import { blockTextsFor, diffText, lineCountOf, normalizeBlockText, offsetToLineColumn } from '../../../src/renderer/src/panes/block-text';
import { formatCueTime, gutterLabel } from '../../../src/renderer/src/panes/cue-label';
import { changedCueIndices, sameCueList } from '../../../src/renderer/src/panes/doc-diff';
import type { Cue } from '../../../src/shared/model';

describe('block text', () => {
  it('normalizes line endings and missing text', () => {
    expect(normalizeBlockText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(normalizeBlockText(undefined)).toBe('');
  });

  it('counts an empty text as one line', () => {
    expect(lineCountOf('')).toBe(1);
    expect(lineCountOf('a\n\nb')).toBe(3);
  });

  it('takes one language from each cue', () => {
    const cues: { text: Record<string, string> }[] = [{ text: { en: 'Hi', zh: '你好' } }, { text: { zh: '好' } }];
    expect(blockTextsFor(cues, 'en')).toEqual(['Hi', '']);
  });

  it('finds the smallest replacement', () => {
    expect(diffText('hello world', 'hello brave world')).toEqual({ start: 6, end: 6, insert: 'brave ' });
    expect(diffText('abc', 'abc')).toEqual({ start: 3, end: 3, insert: '' });
    expect(diffText('aaa', 'aa')).toEqual({ start: 2, end: 3, insert: '' });
    expect(diffText('line1\nline2', 'line1\nLINE2\nx')).toEqual({ start: 6, end: 11, insert: 'LINE2\nx' });
  });

  it('applying the diff gives the new text', () => {
    const pairs = [['你好。', '你好吗？'], ['', 'x\ny'], ['a\nb', ''], ['abcabc', 'abc']];
    for (const [before, after] of pairs) {
      const d = diffText(before, after);
      expect(before.slice(0, d.start) + d.insert + before.slice(d.end)).toBe(after);
    }
  });

  it('converts offsets to line and column inside a block', () => {
    expect(offsetToLineColumn('ab\ncd', 0)).toEqual({ line: 0, column: 0 });
    expect(offsetToLineColumn('ab\ncd', 2)).toEqual({ line: 0, column: 2 });
    expect(offsetToLineColumn('ab\ncd', 3)).toEqual({ line: 1, column: 0 });
    expect(offsetToLineColumn('ab\ncd', 5)).toEqual({ line: 1, column: 2 });
  });
});

describe('gutter labels', () => {
  it('formats start times as m:ss.mmm, with hours from one hour on', () => {
    expect(formatCueTime(63250)).toBe('1:03.250');
    expect(formatCueTime(0)).toBe('0:00.000');
    expect(formatCueTime(3723004)).toBe('1:02:03.004');
    expect(gutterLabel(12, 63250)).toBe('12  1:03.250');
  });
});

describe('doc diff', () => {
  const cue = (id: string): Cue => ({ id, start: 0, end: 1, speaker: null, text: {} });
  it('sees a changed cue list by ids and order', () => {
    const [a, b] = [cue('a'), cue('b')];
    expect(sameCueList([a, b], [a, { ...b }])).toBe(true);
    expect(sameCueList([a, b], [b, a])).toBe(false);
    expect(sameCueList([a, b], [a])).toBe(false);
  });

  it('lists changed cues by identity', () => {
    const [a, b, c] = [cue('a'), cue('b'), cue('c')];
    expect(changedCueIndices([a, b, c], [a, { ...b }, c])).toEqual([1]);
    expect(changedCueIndices([a, b, c], [a, b, c])).toEqual([]);
  });
});
