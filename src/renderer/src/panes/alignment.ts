/**
 * Keeps each cue's blocks at the same height in every pane: after a block that is shorter than the same
 * cue's tallest block, one view zone pads the difference; blocks of equal height get no zone at all (Monaco
 * walks every zone each frame). Heights are in pixels because wrapping makes line counts lie (FINDINGS:
 * 4,999 of 5,000 misaligned).
 */
import type { LanguagePane } from './language-pane';

/** Measures and pads blocks `from … to-1` (all of them by default: a fresh load, or any wrapping change). */
export function alignAll(panes: readonly LanguagePane[], from = 0, to = panes[0]?.index.size ?? 0): void {
  if (to <= from) return;
  const heights = panes.map((pane) => pane.blockHeights(from, to));
  const tallest = new Float64Array(to - from);
  for (const h of heights) for (let k = 0; k < h.length; k++) if (h[k] > tallest[k]) tallest[k] = h[k];
  const blocks = Array.from({ length: to - from }, (_, k) => from + k);
  panes.forEach((pane, p) => pane.applyZones(blocks, (b) => tallest[b - from] - heights[p][b - from]));
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
  panes.forEach((pane, k) => pane.applyZones(list, (b) => (tallest.get(b) ?? 0) - (heights[k].get(b) ?? 0)));
}
