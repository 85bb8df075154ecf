/**
 * Cue selection shared by every view: one or many cues, kept in document order, with a primary cue
 * (the last one clicked: the anchor for range selection and the one single-cue commands act on).
 */
import type { Cue } from '../../shared/model';

export type SelectMode = 'replace' | 'toggle' | 'range';

export interface Selection {
  ids: string[];
  primary: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: [], primary: null };

/** The selection after the user picks `cueId` with `mode` (plain click, Ctrl+click, Shift+click). */
export function pick(cues: readonly Cue[], current: Selection, cueId: string | null, mode: SelectMode = 'replace'): Selection {
  if (cueId === null) return EMPTY_SELECTION;
  if (mode === 'toggle') {
    const has = current.ids.includes(cueId);
    const ids = has ? current.ids.filter((id) => id !== cueId) : inDocumentOrder(cues, [...current.ids, cueId]);
    return { ids, primary: has ? (ids.at(-1) ?? null) : cueId };
  }
  if (mode === 'range' && current.primary) {
    const from = cues.findIndex((c) => c.id === current.primary);
    const to = cues.findIndex((c) => c.id === cueId);
    if (from >= 0 && to >= 0) {
      const [a, b] = from <= to ? [from, to] : [to, from];
      // The anchor stays primary so that further Shift+clicks extend from it.
      return { ids: cues.slice(a, b + 1).map((c) => c.id), primary: current.primary };
    }
  }
  return { ids: [cueId], primary: cueId };
}

/** Keeps only cues that still exist (after a delete, merge or a new document), in document order. */
export function prune(cues: readonly Cue[], current: Selection): Selection {
  if (current.ids.length === 0) return current;
  const ids = inDocumentOrder(cues, current.ids);
  if (ids.length === current.ids.length && ids.every((id, i) => id === current.ids[i])) return current;
  const primary = current.primary && ids.includes(current.primary) ? current.primary : (ids.at(-1) ?? null);
  return { ids, primary };
}

export function inDocumentOrder(cues: readonly Cue[], ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  return cues.filter((c) => wanted.has(c.id)).map((c) => c.id);
}

/** The status line's word on a selection: "14 cues selected" (null for none). */
export function selectionSummary(count: number): string | null {
  if (count === 0) return null;
  return count === 1 ? '1 cue selected' : `${count} cues selected`;
}
