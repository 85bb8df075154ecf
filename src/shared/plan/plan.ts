/**
 * The shape every planner returns — the edit commands, QC fixes and alignment alike: one undoable batch of
 * primitive operations, its name for the user, and the cues to select afterwards.
 */
import type { Operation } from '../operations';

/** A planned command: one undoable batch, its name for the user, and the cues to select afterwards (null: keep). */
export interface Plan {
  op: Operation & { type: 'batch' };
  label: string;
  select: string[] | null;
}

export function makePlan(ops: Operation[], label: string, select: string[] | null): Plan {
  return { op: { type: 'batch', ops, label }, label, select };
}
