/**
 * This window's document session: the copy of main's document (the rule that keeps it in step is in
 * synced-document.ts) and every request that edits it. Requests run on one promise chain, so apply, undo and redo
 * reach main in the order the user made them, and main's broadcasts are settled in that order too. Pure TS (no
 * DOM) so it runs under vitest with a fake API.
 */
import type { AddLanguageResult, CommandResult, DocumentState, DuosubApi, EditResult } from '../../../shared/api';
import type { EditCommand } from '../../../shared/commands/schema';
import type { Operation } from '../../../shared/operations';
import { stepStatus } from './step-status';
import { problemSummary } from './document-name';
import { SyncedDocument, type DocumentMeta, type SessionChange } from './synced-document';

/** What the session tells the UI: the status line, and what a command says to select. */
export interface SessionUi {
  setStatus(text: string, kind?: 'info' | 'error'): void;
  fail(error: unknown): void;
  selectMany(cueIds: string[]): void;
}

export class DocumentSession {
  private readonly synced = new SyncedDocument();
  private chain: Promise<unknown> = Promise.resolve();
  /** Every change of the view, tagged local / remote / reload (or flags); returns the unsubscribe. */
  readonly onChange: (listener: (change: SessionChange) => void) => () => void = this.synced.onChange;

  constructor(private readonly api: DuosubApi, private readonly ui: SessionUi) {}

  /** The document every view shows (main's copy with this window's unanswered edits), or null before one. */
  state(): DocumentState | null {
    return this.synced.current();
  }

  docId(): string | null {
    return this.synced.current()?.docId ?? null;
  }

  /** Runs `task` after every request queued before it; a failure does not break the chain. */
  queue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every request queued so far has been answered. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  /** Edits shown here that main has not confirmed yet (they count as unsaved before main's flags say so). */
  editsInFlight(): boolean {
    return this.synced.hasPending();
  }

  /** Shows a whole new document; the status line says `message`, else the reader's problems. */
  load(docState: DocumentState, message?: string): void {
    this.synced.load(docState);
    const problems = docState.problems.length;
    const text = message ?? (problems ? problemSummary(docState) : null);
    if (text) this.ui.setStatus(text, problems ? 'error' : 'info');
  }

  setMeta(meta: DocumentMeta): void {
    this.synced.setMeta(meta);
  }

  /** Shows an edit at once and sends it to main; a refusal takes it back out and says why. */
  applyLocal(op: Operation): void {
    const docId = this.docId();
    if (!docId) return;
    try {
      this.synced.applyLocal(op);
    } catch (error) {
      this.ui.fail(error);
      return;
    }
    void this.queue(async () => {
      let result: EditResult;
      try {
        result = await this.api['doc.apply']({ docId, op });
      } catch (error) {
        this.synced.refuse();
        this.ui.fail(error);
        return;
      }
      if (!this.synced.acknowledge(result)) await this.reloadNow(docId);
    });
  }

  /**
   * Runs an edit command in main (it plans it against its document, as one undo step) and applies the same
   * operation here; selects what the command says to select. Null when it was refused.
   */
  command(command: EditCommand): Promise<CommandResult | null> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(null);
    return this.queue(async () => {
      try {
        const result = await this.api['doc.command']({ docId, command });
        await this.settle(result);
        if (result.select) this.ui.selectMany(result.select);
        this.ui.setStatus(result.label);
        return result;
      } catch (error) {
        this.ui.fail(error);
        return null;
      }
    });
  }

  undo(): Promise<void> {
    return this.step('undo');
  }

  redo(): Promise<void> {
    return this.step('redo');
  }

  /** Undoes `steps` steps at once (negative: redoes), as the History list's jump does. */
  undoTo(steps: number): Promise<void> {
    const docId = this.docId();
    if (!docId || steps === 0) return Promise.resolve();
    return this.step(steps > 0 ? 'undo' : 'redo', () => this.api['doc.undoTo']({ docId, steps }), Math.abs(steps));
  }

  private step(direction: 'undo' | 'redo', request?: () => Promise<EditResult>, count = 1): Promise<void> {
    const docId = this.docId();
    if (!docId) return Promise.resolve();
    return this.queue(async () => {
      try {
        const result = await (request ?? (() => this.api[direction === 'undo' ? 'doc.undo' : 'doc.redo']({ docId })))();
        await this.settle(result);
        this.ui.setStatus(stepStatus(direction, result, count));
      } catch (error) {
        this.ui.fail(error);
      }
    });
  }

  /**
   * Adds a language from a file through `request` (main reads and pairs it, as one undo step) and applies the
   * same step here; resolves to main's result (with the pairing report), or null when cancelled or refused.
   */
  addLanguageWith(request: (api: DuosubApi, docId: string) => Promise<AddLanguageResult | null>): Promise<AddLanguageResult | null> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(null);
    return this.queue(async () => {
      try {
        const result = await request(this.api, docId);
        if (result) await this.settle(result);
        return result;
      } catch (error) {
        this.ui.fail(error);
        return null;
      }
    });
  }

  /** Main changed the document (another window, or main itself): settled in order with this window's requests. */
  onDocChanged(event: EditResult): Promise<void> {
    return this.queue(() => this.settle(event));
  }

  /** A change main made, with its op: in step it applies here; a gap fetches main's copy (call inside the chain). */
  async settle(result: EditResult): Promise<void> {
    if (this.synced.applyConfirmed(result) === 'reload') await this.reloadNow(result.docId);
  }

  /** Fetches main's copy now (call only from inside the chain); this window's unanswered edits go on top. */
  private async reloadNow(docId: string): Promise<void> {
    try {
      const fresh = await this.api['doc.get']({ docId });
      if (this.docId() === docId) this.synced.reloaded(fresh);
    } catch (error) {
      this.ui.fail(error);
    }
  }
}
