/**
 * The one rule that keeps this window's copy of a document in step with main (after tldraw's TLSyncClient):
 * `confirmed` is main's document at `confirmed.revision`; `pending` are the local operations sent (or about to be)
 * and not answered yet, oldest first; the view every pane shows is confirmed with pending re-applied. Whatever
 * main tells us lands on `confirmed`, and the view is rebuilt by one `rebase`. Synchronous and free of I/O:
 * DocumentSession feeds it main's answers in the order they were asked.
 */
import type { DocumentState, EditResult } from '../../../shared/api';
import { Emitter } from '../../../shared/lifecycle';
import { applyOperation, type Operation } from '../../../shared/operations';

/** Where a change of the view came from: this window's edit, main (a reply or a broadcast), or a fresh copy. */
export type ChangeOrigin = 'local' | 'remote' | 'reload';

/**
 * One change of the session: `previous` and `next` are the view before and after. Origin 'flags' changes no cue
 * or text (`previous.doc === next.doc`): the dirty flag, undo labels, file name or media moved.
 */
export interface SessionChange {
  origin: ChangeOrigin | 'flags';
  previous: DocumentState | null;
  next: DocumentState | null;
  /** The operation that made the change, when one did (none for a reload). */
  op?: Operation;
}

/** How a change confirmed by main was taken: applied in step, already known, or a gap that needs main's copy. */
export type Settled = 'applied' | 'known' | 'reload';

type Flags = Pick<DocumentState, 'revision' | 'dirty' | 'canUndo' | 'canRedo' | 'undoLabel' | 'redoLabel'>;
export type DocumentMeta = Partial<Pick<DocumentState, 'fileName' | 'dirty' | 'hasProjectFile' | 'media'>>;

interface PendingEdit {
  op: Operation;
  /** False when the op no longer applied at the last rebase (main will refuse it; the view goes without it). */
  inView: boolean;
}

function flagsOf(result: EditResult): Flags {
  const { revision, dirty, canUndo, canRedo, undoLabel = null, redoLabel = null } = result;
  return { revision, dirty, canUndo, canRedo, undoLabel, redoLabel };
}

export class SyncedDocument {
  private confirmed: DocumentState | null = null;
  private pending: PendingEdit[] = [];
  private view: DocumentState | null = null;
  private readonly changes = new Emitter<SessionChange>();
  /** Subscribes to every change of the view; returns the unsubscribe. */
  readonly onChange = this.changes.event;

  /** What every view shows: main's document with this window's unanswered edits re-applied. */
  current(): DocumentState | null {
    return this.view;
  }

  /** Main's revision this copy is in step with. */
  revision(): number {
    return this.confirmed?.revision ?? -1;
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** A whole new document (open, revert, restore): nothing of the old one is pending any more. */
  load(state: DocumentState): void {
    const previous = this.view;
    this.confirmed = state;
    this.pending = [];
    this.view = state;
    this.changes.fire({ origin: 'reload', previous, next: state });
  }

  /** Main's copy read again (after a gap): this window's unanswered edits go on top of it. */
  reloaded(fresh: DocumentState): void {
    this.confirmed = fresh;
    this.rebase('reload');
  }

  /** A local edit: shown at once and queued as pending. Throws (changing nothing) when it does not apply. */
  applyLocal(op: Operation): void {
    const previous = this.view;
    if (!previous) throw new Error('No document is open');
    const doc = applyOperation(previous.doc, op).doc;
    this.pending.push({ op, inView: true });
    this.view = { ...previous, doc };
    this.changes.fire({ origin: 'local', previous, next: this.view, op });
  }

  /**
   * Main applied the oldest pending edit. In step, the view already shows it: only the flags change, so nothing
   * re-renders the text. False when main's revision jumped (another change came between): reload main's copy.
   */
  acknowledge(result: EditResult): boolean {
    const head = this.pending.shift();
    const confirmed = this.confirmed;
    if (!head || !confirmed || confirmed.docId !== result.docId) return true;
    if (result.revision !== confirmed.revision + 1) return false;
    if (!head.inView) {
      // Main took an edit this copy could not apply: its result is the truth.
      return this.applyConfirmed({ ...result, applied: head.op }) !== 'reload';
    }
    const doc = this.pending.length === 0 && this.view ? this.view.doc : applyOperation(confirmed.doc, head.op).doc;
    this.confirmed = { ...confirmed, doc, ...flagsOf(result) };
    this.takeFlags(result);
    return true;
  }

  /** Main refused the oldest pending edit: it leaves the view (the caller shows why). */
  refuse(): void {
    this.pending.shift();
    if (this.confirmed) this.rebase('reload');
  }

  /**
   * A change main made and told us the operation of (a command, undo, another window's edit, auto-timing). The
   * next revision with an op applies in step; one we have is ignored; anything else needs main's copy.
   */
  applyConfirmed(result: EditResult): Settled {
    const confirmed = this.confirmed;
    if (!confirmed || confirmed.docId !== result.docId) return 'known';
    if (result.revision <= confirmed.revision) {
      if (result.revision === confirmed.revision) this.takeFlags(result);
      return 'known';
    }
    if (result.revision !== confirmed.revision + 1 || !result.applied) return 'reload';
    let doc;
    try {
      doc = applyOperation(confirmed.doc, result.applied).doc;
    } catch {
      return 'reload';
    }
    this.confirmed = { ...confirmed, doc, ...flagsOf(result) };
    this.rebase('remote', result.applied);
    return 'applied';
  }

  /** The undo flags and labels of an answer about this document (the text is unchanged). */
  takeFlags(result: EditResult): void {
    if (this.confirmed?.docId !== result.docId) return;
    const flags = flagsOf(result);
    this.confirmed = { ...this.confirmed, ...flags };
    this.setView({ ...flags });
  }

  /** What is not the document's content: its file name, saved state, media. */
  setMeta(meta: DocumentMeta): void {
    if (!this.confirmed) return;
    this.confirmed = { ...this.confirmed, ...meta };
    this.setView(meta);
  }

  private setView(patch: Partial<DocumentState>): void {
    const previous = this.view;
    if (!previous) return;
    this.view = { ...previous, ...patch };
    this.changes.fire({ origin: 'flags', previous, next: this.view });
  }

  /** The view is confirmed with every pending edit re-applied; one that no longer applies is left out. */
  private rebase(origin: ChangeOrigin, op?: Operation): void {
    const confirmed = this.confirmed;
    if (!confirmed) return;
    let doc = confirmed.doc;
    for (const edit of this.pending) {
      try {
        doc = applyOperation(doc, edit.op).doc;
        edit.inView = true;
      } catch {
        // Main will refuse it too; its refusal is shown then.
        edit.inView = false;
      }
    }
    const previous = this.view;
    this.view = { ...confirmed, doc };
    this.changes.fire({ origin, previous, next: this.view, ...(op ? { op } : {}) });
  }
}
