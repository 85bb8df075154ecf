/**
 * Which cues the Regions plugin should hold: only those overlapping the visible time window (plus a
 * margin), found by binary search. The plugin's per-region cost is quadratic past a few hundred regions
 * (see FINDINGS-waveform-regions.md), so the view hands it a window (timeline/cue-index.ts finds its cues), never the
 * whole document. Pure: no DOM, no wavesurfer.
 */

/** The window to hand to the plugin: the visible span plus one viewport on each side, clamped at 0. */
export function regionWindow(visibleStartMs: number, visibleEndMs: number): { fromMs: number; toMs: number } {
  const span = Math.max(0, visibleEndMs - visibleStartMs);
  return { fromMs: Math.max(0, visibleStartMs - span), toMs: visibleEndMs + span };
}

/**
 * What to add and what to remove so the plugin holds exactly `wanted`, except that `pinned` ids
 * (a region being dragged) are never removed.
 */
export function regionDiff(
  current: Iterable<string>,
  wanted: Iterable<string>,
  pinned: ReadonlySet<string> = new Set(),
): { add: string[]; remove: string[] } {
  const currentSet = new Set(current);
  const wantedSet = new Set(wanted);
  const add = [...wantedSet].filter((id) => !currentSet.has(id));
  const remove = [...currentSet].filter((id) => !wantedSet.has(id) && !pinned.has(id));
  return { add, remove };
}
