/** The History list's rows from main's HistoryList: newest on top, the current state marked, redo steps after it. */
import type { HistoryList } from '../../../shared/api';

export interface HistoryRow {
  key: string;
  label: string;
  time: number;
  /** 'redo': undone, redo brings it back (greyed); 'current': the document is as after this step; 'undo': older. */
  state: 'redo' | 'current' | 'undo';
  /** What a click asks of doc.undoTo: steps to undo (negative: to redo) to be as after this row. */
  steps: number;
}

/** The state before the oldest step kept (the document as opened, unless the history dropped old steps). */
export const ORIGIN_LABEL = 'Start of history';

export function historyRows(list: HistoryList): HistoryRow[] {
  const rows: HistoryRow[] = [];
  // Redo steps: the furthest first (newest on top), each `-(j + 1)` steps away.
  for (let j = list.redo.length - 1; j >= 0; j--) {
    rows.push({ key: `r${j}`, label: list.redo[j].label, time: list.redo[j].time, state: 'redo', steps: -(j + 1) });
  }
  list.undo.forEach((step, i) => {
    rows.push({ key: `u${i}`, label: step.label, time: step.time, state: i === 0 ? 'current' : 'undo', steps: i });
  });
  if (list.undo.length === list.undoCount) {
    rows.push({ key: 'origin', label: ORIGIN_LABEL, time: 0, state: list.undoCount === 0 ? 'current' : 'undo', steps: list.undoCount });
  }
  return rows;
}

/** "… 800 older steps not listed", or null when all are. */
export function hiddenNote(list: HistoryList): string | null {
  const older = list.undoCount - list.undo.length;
  const newer = list.redoCount - list.redo.length;
  const parts = [newer > 0 && `${newer} later`, older > 0 && `${older} older`].filter(Boolean);
  return parts.length ? `… ${parts.join(' and ')} steps not listed` : null;
}
