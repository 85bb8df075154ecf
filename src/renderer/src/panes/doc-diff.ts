/** What changed between two immutable documents, as far as the panes care. */
import type { Cue } from '../../../shared/model';

/** Same cues in the same order (ids only): if not, the panes rebuild their models. */
export function sameCueList(prev: readonly Cue[], next: readonly Cue[]): boolean {
  if (prev === next) return true;
  if (prev.length !== next.length) return false;
  for (let i = 0; i < prev.length; i++) if (prev[i].id !== next[i].id) return false;
  return true;
}

/** Indices of cues whose object changed (a changed cue is a new object). Assumes `sameCueList`. */
export function changedCueIndices(prev: readonly Cue[], next: readonly Cue[]): number[] {
  if (prev === next) return [];
  const changed: number[] = [];
  for (let i = 0; i < next.length; i++) if (prev[i] !== next[i]) changed.push(i);
  return changed;
}
