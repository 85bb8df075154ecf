/**
 * Keeps each cue's blocks at the same height in every pane: after every block, in every pane, one view
 * zone of `SEPARATOR_PX` (the visible separator) plus the difference to the tallest pane's block.
 * Heights are in pixels because wrapping makes line counts lie (FINDINGS: 4,999 of 5,000 misaligned).
 */
import type { LanguagePane } from './language-pane';

export const SEPARATOR_PX = 9;

/** Measures and pads every block (fresh load, or any wrapping change). */
export function alignAll(panes: readonly LanguagePane[]): void {
  const n = panes[0]?.index.size ?? 0;
  const heights = panes.map((pane) => {
    const h = new Float64Array(n);
    for (let b = 0; b < n; b++) h[b] = pane.blockHeight(b);
    return h;
  });
  const tallest = new Float64Array(n);
  for (const h of heights) for (let b = 0; b < n; b++) if (h[b] > tallest[b]) tallest[b] = h[b];
  panes.forEach((pane, k) => pane.applyZones(null, (b) => SEPARATOR_PX + tallest[b] - heights[k][b]));
}

/**
 * Measures and pads only the given blocks (after an edit). The block above each is re-laid out too: an
 * edit at a block's first line can leave the previous block's zone on the wrong side of a new line.
 */
export function alignBlocks(panes: readonly LanguagePane[], blocks: Iterable<number>): void {
  const set = new Set<number>();
  for (const b of blocks) {
    set.add(b);
    if (b > 0) set.add(b - 1);
  }
  const list = [...set];
  for (const pane of panes) pane.reanchorZones(list);
  const heights = panes.map((pane) => new Map(list.map((b) => [b, pane.blockHeight(b)])));
  const tallest = new Map(list.map((b) => [b, Math.max(...heights.map((h) => h.get(b) ?? 0))]));
  panes.forEach((pane, k) => pane.applyZones(list, (b) => SEPARATOR_PX + (tallest.get(b) ?? 0) - (heights[k].get(b) ?? 0)));
}
