/**
 * One undo/redo history per document, across every language and every kind of edit.
 * Consecutive typing in the same cue and language coalesces into word-sized steps.
 */
import { applyOperation, type Operation } from './operations';
import type { SubtitleDocument } from './model';

export interface HistoryEntry {
  /** What was done (redo applies it). */
  op: Operation;
  /** What undoes it. */
  inverse: Operation;
  /** Milliseconds since the epoch when the entry was last extended. */
  time: number;
}

/** Typing pauses longer than this start a new undo step. */
export const COALESCE_MS = 1500;

export class History {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];

  constructor(private readonly limit = 1000) {}

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Records an applied operation; a typing step may extend the previous entry instead of adding one. */
  record(op: Operation, inverse: Operation, time = Date.now()): void {
    this.redoStack = [];
    const last = this.undoStack.at(-1);
    if (last && canCoalesce(last, op, time)) {
      this.undoStack[this.undoStack.length - 1] = { op, inverse: last.inverse, time };
      return;
    }
    this.undoStack.push({ op, inverse, time });
    if (this.undoStack.length > this.limit) this.undoStack.shift();
  }

  /** Undoes the last step; returns the new document and the operation that was applied, or null. */
  undo(doc: SubtitleDocument): { doc: SubtitleDocument; applied: Operation } | null {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    const result = applyOperation(doc, entry.inverse);
    this.redoStack.push(entry);
    return { doc: result.doc, applied: entry.inverse };
  }

  redo(doc: SubtitleDocument): { doc: SubtitleDocument; applied: Operation } | null {
    const entry = this.redoStack.pop();
    if (!entry) return null;
    const result = applyOperation(doc, entry.op);
    // A redone step never coalesces with later typing: give it time 0.
    this.undoStack.push({ ...entry, time: 0 });
    return { doc: result.doc, applied: entry.op };
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }
}

/**
 * Typing in one cue's text coalesces while it continues the same word: the new text extends or
 * shortens the previous one by a short edit, within COALESCE_MS, and no word boundary was just typed.
 */
function canCoalesce(last: HistoryEntry, op: Operation, time: number): boolean {
  if (op.type !== 'setText' || last.op.type !== 'setText') return false;
  if (op.cueId !== last.op.cueId || op.lang !== last.op.lang) return false;
  if (time - last.time > COALESCE_MS || last.time === 0) return false;
  const before = last.op.text;
  const after = op.text;
  if (Math.abs(after.length - before.length) > 2) return false;
  // A step ends at a word boundary: whitespace or punctuation typed after the previous text.
  const common = commonPrefixLength(before, after);
  const inserted = after.slice(common, common + Math.max(0, after.length - before.length));
  return !/[\s.,!?;:，。！？；：、]/u.test(inserted);
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
