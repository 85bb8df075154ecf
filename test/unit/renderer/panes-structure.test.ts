import { describe, expect, it } from 'vitest';
import { BlockIndex } from '../../../src/renderer/src/panes/block-index';
import { blockSpliceEdit, type SpliceEdit } from '../../../src/renderer/src/panes/block-splice';
import { diffCueList } from '../../../src/renderer/src/panes/cue-list-diff';

/** Applies a splice edit to the model text the way Monaco would, to check the result against the new blocks. */
function applyEdit(texts: string[], edit: SpliceEdit): string {
  const lines = texts.join('\n').split('\n');
  const offset = (p: SpliceEdit['start']): number => {
    let o = 0;
    for (let l = 1; l < p.line; l++) o += lines[l - 1].length + 1;
    return o + (p.column === 1 ? 0 : lines[p.line - 1].length);
  };
  const model = lines.join('\n');
  return model.slice(0, offset(edit.start)) + edit.text + model.slice(offset(edit.end));
}

const texts = ['a', 'b1\nb2', '', 'd'];
const index = new BlockIndex(['A', 'B', 'C', 'D'], texts.map((t) => t.split('\n').length));

describe('diffCueList', () => {
  it('finds a split, a merge, an insert and a delete as one small window', () => {
    expect(diffCueList(['a', 'b', 'c'], ['a', 'x', 'b', 'c'])).toEqual({ at: 1, removed: 0, inserted: 1 });
    expect(diffCueList(['a', 'b', 'c'], ['a', 'c'])).toEqual({ at: 1, removed: 1, inserted: 0 });
    expect(diffCueList(['a', 'b'], ['a', 'b', 'z'])).toEqual({ at: 2, removed: 0, inserted: 1 });
    expect(diffCueList(['a', 'b'], ['z', 'a', 'b'])).toEqual({ at: 0, removed: 0, inserted: 1 });
    expect(diffCueList(['a', 'b'], ['a', 'b'])).toEqual({ at: 2, removed: 0, inserted: 0 });
  });

  it('gives up (rebuild) on a wide reorder', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `c${i}`);
    expect(diffCueList(ids, ids.slice().reverse())).toBeNull();
    expect(diffCueList(ids, ids.slice().reverse(), 10_000)).not.toBeNull();
  });
});

describe('blockSpliceEdit', () => {
  const cases: [string, number, number, string[]][] = [
    ['insert before the first block', 0, 0, ['new']],
    ['insert in the middle', 2, 0, ['x', 'y\nz']],
    ['insert after the last block', 4, 0, ['end']],
    ['delete the first block', 0, 1, []],
    ['delete middle blocks', 1, 2, []],
    ['delete the last block', 3, 1, []],
    ['replace two blocks by one (merge)', 1, 2, ['b1 b2']],
    ['replace one block by two (split)', 1, 1, ['b1', 'b2']],
  ];
  for (const [name, at, removed, added] of cases) {
    it(name, () => {
      const edit = blockSpliceEdit(index, at, removed, added);
      const expected = texts.slice();
      expected.splice(at, removed, ...added);
      expect(edit).not.toBeNull();
      expect(applyEdit(texts, edit!)).toBe(expected.join('\n'));
    });
  }

  it('deletes every block, and fills an empty model', () => {
    expect(applyEdit(texts, blockSpliceEdit(index, 0, 4, [])!)).toBe('');
    const empty = new BlockIndex([], []);
    expect(blockSpliceEdit(empty, 0, 0, ['a', 'b'])).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 'end' }, text: 'a\nb' });
    expect(blockSpliceEdit(index, 1, 0, [])).toBeNull();
  });
});

describe('BlockIndex.spliced', () => {
  it('replaces blocks and re-numbers the rest', () => {
    const next = index.spliced(1, 2, ['X', 'Y', 'Z'], [1, 3, 1]);
    expect(next.cueIds).toEqual(['A', 'X', 'Y', 'Z', 'D']);
    expect([0, 1, 2, 3, 4].map((b) => [next.startLine(b), next.lineCount(b)])).toEqual([[1, 1], [2, 1], [3, 3], [6, 1], [7, 1]]);
    expect(next.indexOfCue('D')).toBe(4);
    expect(next.indexOfCue('B')).toBe(-1);
    expect(index.cueIds).toEqual(['A', 'B', 'C', 'D']);
  });
});
