import { describe, expect, it } from 'vitest';
import { BlockIndex } from '../../../src/renderer/src/panes/block-index';
import { checkEdits, isStructuralDelete } from '../../../src/renderer/src/panes/block-edits';

// Blocks: a = line 1, b = lines 2–4, c = line 5, d = lines 6–7.
const make = (): BlockIndex => new BlockIndex(['a', 'b', 'c', 'd'], [1, 3, 1, 2]);

describe('checkEdits', () => {
  it('accepts typing inside a block with no line change', () => {
    expect(checkEdits(make(), [{ startLine: 3, endLine: 3, text: 'x' }])).toEqual({ kind: 'inside', deltas: [{ block: 1, delta: 0 }] });
  });

  it('counts Enter and multi-line paste inside a block as added lines', () => {
    expect(checkEdits(make(), [{ startLine: 5, endLine: 5, text: '\n' }])).toEqual({ kind: 'inside', deltas: [{ block: 2, delta: 1 }] });
    expect(checkEdits(make(), [{ startLine: 2, endLine: 2, text: 'p\nq\nr' }])).toEqual({ kind: 'inside', deltas: [{ block: 1, delta: 2 }] });
  });

  it('counts joining lines inside a block as removed lines', () => {
    expect(checkEdits(make(), [{ startLine: 2, endLine: 4, text: '' }])).toEqual({ kind: 'inside', deltas: [{ block: 1, delta: -2 }] });
  });

  it('sums several cursors in the same block and keeps blocks apart', () => {
    const check = checkEdits(make(), [
      { startLine: 7, endLine: 7, text: '\n' },
      { startLine: 3, endLine: 3, text: '\n' },
      { startLine: 2, endLine: 2, text: '\n' },
    ]);
    expect(check).toEqual({ kind: 'inside', deltas: [{ block: 3, delta: 1 }, { block: 1, delta: 2 }] });
  });

  it('rejects a change that joins two blocks (Backspace at a block start, selection across)', () => {
    expect(checkEdits(make(), [{ startLine: 4, endLine: 5, text: '' }])).toEqual({ kind: 'spanning', first: 1, last: 2, lineDelta: -1 });
    expect(checkEdits(make(), [{ startLine: 1, endLine: 6, text: 'x\ny' }])).toEqual({ kind: 'spanning', first: 0, last: 3, lineDelta: -4 });
  });

  it('reports the whole span when one of several changes crosses blocks', () => {
    const check = checkEdits(make(), [
      { startLine: 6, endLine: 6, text: '\n' },
      { startLine: 1, endLine: 2, text: '' },
    ]);
    expect(check).toEqual({ kind: 'spanning', first: 0, last: 3, lineDelta: 0 });
  });
});

describe('isStructuralDelete', () => {
  const caret = (line: number, column: number, max = 10) => ({ startLine: line, startColumn: column, endLine: line, endColumn: column, endLineMaxColumn: max });

  it('blocks Backspace at the first column of a block, but not of the first block or a later line', () => {
    expect(isStructuralDelete(make(), 'Backspace', caret(2, 1))).toBe(true);
    expect(isStructuralDelete(make(), 'Backspace', caret(1, 1))).toBe(false);
    expect(isStructuralDelete(make(), 'Backspace', caret(3, 1))).toBe(false);
    expect(isStructuralDelete(make(), 'Backspace', caret(2, 2))).toBe(false);
  });

  it('blocks Delete at the end of a block, but not of the last block or an inner line', () => {
    expect(isStructuralDelete(make(), 'Delete', caret(4, 10))).toBe(true);
    expect(isStructuralDelete(make(), 'Delete', caret(3, 10))).toBe(false);
    expect(isStructuralDelete(make(), 'Delete', caret(4, 9))).toBe(false);
    expect(isStructuralDelete(make(), 'Delete', caret(7, 10))).toBe(false);
  });

  it('blocks either key over a selection spanning blocks, allows one inside a block', () => {
    const across = { startLine: 4, startColumn: 3, endLine: 5, endColumn: 2, endLineMaxColumn: 10 };
    const inside = { startLine: 2, startColumn: 1, endLine: 4, endColumn: 10, endLineMaxColumn: 10 };
    expect(isStructuralDelete(make(), 'Backspace', across)).toBe(true);
    expect(isStructuralDelete(make(), 'Delete', across)).toBe(true);
    expect(isStructuralDelete(make(), 'Backspace', inside)).toBe(false);
  });
});
