/**
 * The one model edit that replaces `removed` blocks at `at` with new blocks (cue inserted, deleted,
 * split or merged). Blocks are joined by single newlines (separators are view zones), so the edit's
 * shape depends on whether it touches the first or last block. Positions are 1-based lines; `column`
 * 'end' means the line's max column (the model knows it, this pure helper does not).
 */
import type { BlockIndex } from './block-index';

export interface SplicePosition {
  line: number;
  column: 1 | 'end';
}

export interface SpliceEdit {
  start: SplicePosition;
  end: SplicePosition;
  text: string;
}

/** Null when nothing changes. */
export function blockSpliceEdit(index: BlockIndex, at: number, removed: number, texts: readonly string[]): SpliceEdit | null {
  const n = index.size;
  const joined = texts.join('\n');
  if (removed === 0 && texts.length === 0) return null;
  if (n === 0) return { start: { line: 1, column: 1 }, end: { line: 1, column: 'end' }, text: joined };
  if (removed > 0 && texts.length > 0) {
    return { start: { line: index.startLine(at), column: 1 }, end: { line: index.endLine(at + removed - 1), column: 'end' }, text: joined };
  }
  if (removed === 0) {
    if (at < n) return { start: { line: index.startLine(at), column: 1 }, end: { line: index.startLine(at), column: 1 }, text: `${joined}\n` };
    const last = { line: index.endLine(n - 1), column: 'end' as const };
    return { start: last, end: last, text: `\n${joined}` };
  }
  if (at + removed < n) {
    return { start: { line: index.startLine(at), column: 1 }, end: { line: index.startLine(at + removed), column: 1 }, text: '' };
  }
  if (at > 0) return { start: { line: index.endLine(at - 1), column: 'end' }, end: { line: index.endLine(n - 1), column: 'end' }, text: '' };
  return { start: { line: 1, column: 1 }, end: { line: index.endLine(n - 1), column: 'end' }, text: '' };
}
