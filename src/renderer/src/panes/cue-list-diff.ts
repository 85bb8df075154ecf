/**
 * How the cue list changed between two documents, as one contiguous replacement: `removed` blocks at
 * `at` gave way to `inserted` new ones. A split inserts one after the split cue, a merge removes one,
 * insert/delete one: all are small windows between an unchanged prefix and suffix. Anything wider
 * (a sort, a paste of many cues) is better served by rebuilding the models.
 */
export interface CueListSplice {
  at: number;
  removed: number;
  inserted: number;
}

/** Above this many touched blocks a rebuild is cheaper than editing block by block. */
export const MAX_INCREMENTAL_BLOCKS = 200;

/** The splice turning `prev` into `next`; null when the change is too wide (rebuild); `removed = inserted = 0` when equal. */
export function diffCueList(
  prev: readonly string[],
  next: readonly string[],
  maxBlocks = MAX_INCREMENTAL_BLOCKS,
): CueListSplice | null {
  const min = Math.min(prev.length, next.length);
  let prefix = 0;
  while (prefix < min && prev[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (suffix < min - prefix && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  const removed = prev.length - prefix - suffix;
  const inserted = next.length - prefix - suffix;
  if (removed + inserted > maxBlocks) return null;
  return { at: prefix, removed, inserted };
}
