/**
 * "Recover unsaved work": documents the journal kept from an earlier run (or a crash), offered once the first
 * document has loaded. Restore asks about this window's unsaved edits first (commands.restoreRecovered);
 * Discard deletes the journal; Later keeps it for the next start.
 */
import { useEffect, useState, type JSX } from 'react';
import type { DuosubApi, RecoveryEntry } from '../../../shared/api';
import { Dialog } from '../dialog/Dialog';
import { recoverySummary } from './decisions';
import './unsaved.css';

export interface RecoveryActions {
  restore(id: string): Promise<boolean>;
  discard(id: string): Promise<void>;
  /** Electron only: shows the document's file in the file manager. */
  reveal?(id: string): Promise<void>;
}

interface RecoveryDialogProps extends RecoveryActions {
  entries: RecoveryEntry[];
  onClose(): void;
}

export function RecoveryDialog({ entries, restore, discard, reveal, onClose }: RecoveryDialogProps): JSX.Element {
  const [busy, setBusy] = useState<string | null>(null);
  const run = (id: string, action: (id: string) => Promise<unknown>) => {
    setBusy(id);
    void action(id).finally(() => setBusy(null));
  };
  return (
    <Dialog title="Recover unsaved work" onClose={onClose}>
      <p className="hint">Duosub kept edits that were never saved. Restore opens a document as it was, with its undo history.</p>
      <ul className="recovery-list" data-testid="recovery-list">
        {entries.map((entry) => (
          <li key={entry.id} data-testid="recovery-entry">
            <div className="name">{entry.fileName}</div>
            {entry.path && <div className="path">{entry.path}</div>}
            <div className="summary">{recoverySummary(entry)}</div>
            <div className="dialog-buttons">
              <button type="button" className="primary" disabled={busy !== null} onClick={() => run(entry.id, restore)}>Restore</button>
              <button type="button" disabled={busy !== null} onClick={() => run(entry.id, discard)}>Discard</button>
              {reveal && entry.path && (
                <button type="button" disabled={busy !== null} onClick={() => run(entry.id, reveal)}>Show the file</button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose} title="Keep them: they are offered again at the next start">Later</button>
      </div>
    </Dialog>
  );
}

/**
 * Asks main once, after the first document has loaded, for what the journal kept; the dialog shows while there is
 * any. An older main without the recovery channels, or a failed list, offers nothing rather than an error.
 */
export function useRecovery(api: DuosubApi, ready: boolean, restoreRecovered: (id: string) => Promise<boolean>, onError: (message: string) => void) {
  const [entries, setEntries] = useState<RecoveryEntry[]>([]);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!ready || asked) return;
    setAsked(true);
    api['recovery.list']({}).then(setEntries, () => setEntries([]));
  }, [api, ready, asked]);
  const remove = (id: string) => setEntries((list) => list.filter((e) => e.id !== id));
  const report = (error: unknown) => onError(error instanceof Error ? error.message : String(error));
  const actions: RecoveryActions = {
    restore: (id) => restoreRecovered(id).then((opened) => {
      if (opened) remove(id);
      return opened;
    }),
    discard: (id) => api['recovery.discard']({ id }).then(() => remove(id), report),
    reveal: (id) => api['recovery.reveal']({ id }).then(() => undefined, report),
  };
  return { entries, actions, close: () => setEntries([]) };
}
