/**
 * Pure decisions behind a pane's padding zones and its decorated window (no Monaco, so unit-testable):
 * which zone change a block needs, when the decorated blocks must follow the viewport, and whether a
 * decoration set still covers the wanted lines.
 */
import type { monaco } from './monaco-setup';

/** What `apply` will do to one block's zone: nothing, create/resize it, or remove it. */
export type ZoneOp = 'none' | 'add' | 'layout' | 'remove';

/** The zone change that gives a block `pad` px of padding, given its current zone height (null = no zone). */
export function zoneOp(current: number | null, pad: number, always: boolean): ZoneOp {
  if (pad <= 0) return current === null ? 'none' : 'remove';
  if (current === null) return 'add';
  return always || current !== pad ? 'layout' : 'none';
}

/** Blocks decorated beyond the visible ones, on each side. */
export const WINDOW_MARGIN = 120;

export interface BlockWindow {
  first: number;
  last: number;
}

/**
 * The window to decorate for visible blocks `visFirst…visLast`, or null when `current` still covers them
 * with at least a quarter margin on each side that has more blocks (the usual scroll step needs no work).
 */
export function nextWindow(current: BlockWindow | null, visFirst: number, visLast: number, size: number, margin = WINDOW_MARGIN): BlockWindow | null {
  if (size === 0) return current && current.first === 0 && current.last === -1 ? null : { first: 0, last: -1 };
  const slack = margin >> 2;
  if (current && current.last >= current.first) {
    const topOk = current.first === 0 || visFirst - current.first >= slack;
    const bottomOk = current.last === size - 1 || current.last - visLast >= slack;
    if (topOk && bottomOk && current.last < size) return null;
  }
  return { first: Math.max(0, visFirst - margin), last: Math.min(size - 1, visLast + margin) };
}

/** Whether tracked decoration ranges cover the same lines as the wanted decorations, in order. */
export function sameLines(ranges: readonly monaco.IRange[], decos: readonly monaco.editor.IModelDeltaDecoration[]): boolean {
  if (ranges.length !== decos.length) return false;
  return ranges.every((r, k) => r.startLineNumber === decos[k].range.startLineNumber && r.endLineNumber === decos[k].range.endLineNumber);
}
