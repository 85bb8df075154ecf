/**
 * Classifies the content changes of one model edit against the block index: an edit that stays inside
 * blocks is accepted (with each block's change in line count); one that touches two blocks would merge
 * or split cues and must be reverted.
 */
import type { BlockIndex } from './block-index';
import { lineCountOf } from './block-text';

/** One replaced range, in the coordinates of the model before the edit (Monaco's `IModelContentChange`). */
export interface LineChange {
  startLine: number;
  endLine: number;
  text: string;
}

export type EditCheck =
  | { kind: 'inside'; deltas: { block: number; delta: number }[] }
  /** Blocks first..last were touched; the edit changed the model's line count by `lineDelta`. */
  | { kind: 'spanning'; first: number; last: number; lineDelta: number };

export function checkEdits(index: BlockIndex, changes: readonly LineChange[]): EditCheck {
  const deltas = new Map<number, number>();
  let spanning = false;
  let first = Number.MAX_SAFE_INTEGER;
  let last = -1;
  let lineDelta = 0;
  for (const change of changes) {
    const a = index.blockAtLine(change.startLine);
    const b = index.blockAtLine(change.endLine);
    const delta = lineCountOf(change.text) - 1 - (change.endLine - change.startLine);
    lineDelta += delta;
    const lo = a === -1 ? index.size - 1 : a;
    const hi = b === -1 ? index.size - 1 : b;
    first = Math.min(first, lo);
    last = Math.max(last, hi);
    if (a === -1 || a !== b) spanning = true;
    else deltas.set(a, (deltas.get(a) ?? 0) + delta);
  }
  if (spanning) return { kind: 'spanning', first: Math.max(0, first), last, lineDelta };
  return { kind: 'inside', deltas: [...deltas].map(([block, delta]) => ({ block, delta })) };
}

/** A cursor or selection at the moment a deleting key is pressed. Lines and columns are 1-based. */
export interface CaretState {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** Max column of `endLine` (one past its last character). */
  endLineMaxColumn: number;
}

/**
 * True when Backspace/Delete here would join two blocks: Backspace at a block's first column, Delete at a
 * block's end, or either over a selection that spans blocks. Such keys are swallowed; merging cues is an
 * explicit command.
 */
export function isStructuralDelete(index: BlockIndex, key: 'Backspace' | 'Delete', caret: CaretState): boolean {
  const a = index.blockAtLine(caret.startLine);
  const b = index.blockAtLine(caret.endLine);
  if (a === -1 || b === -1) return false;
  const empty = caret.startLine === caret.endLine && caret.startColumn === caret.endColumn;
  if (!empty) return a !== b;
  if (key === 'Backspace') return a > 0 && caret.startColumn === 1 && caret.startLine === index.startLine(a);
  return a < index.size - 1 && caret.endColumn === caret.endLineMaxColumn && caret.endLine === index.endLine(a);
}
