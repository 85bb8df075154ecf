/** The status line's words for undo and redo (pure: the session and its tests use it). */
import type { EditResult } from '../../../shared/api';

/**
 * What an undo or redo did, by name: after an undo, the step it undid is the next redo ("Undo: Nudge start of cue
 * 12 by +0.500 s"), after a redo the next undo.
 */
export function stepStatus(direction: 'undo' | 'redo', result: EditResult, count = 1): string {
  if (!result.applied) return `Nothing to ${direction}`;
  const Direction = `${direction === 'undo' ? 'Undo' : 'Redo'}${count > 1 ? ` ${count} steps` : ''}`;
  const label = direction === 'undo' ? result.redoLabel : result.undoLabel;
  return label ? `${Direction}: ${label}` : Direction;
}
