/**
 * The renderer's document store, without React: the current document, the selection, playback time and
 * the status line. Edits apply locally first (instant feedback) and then go to main, in order: every
 * request runs on one promise chain, so apply, undo and redo reach main in the order the user made them.
 * Pure TS (no DOM) so it runs under vitest with a fake API.
 */
import type { DocumentState, DuosubApi, EditResult, EventMap, MediaInfo } from '../../shared/api';
import { applyOperation, type Operation } from '../../shared/operations';

export interface Status {
  text: string;
  kind: 'info' | 'error';
}

export interface StoreState {
  /** The open document, or null before the first load. */
  docState: DocumentState | null;
  selectedCueId: string | null;
  /** Bumped when a view other than the panes selects a cue, so the panes scroll it into view. */
  revealNonce: number;
  /** Playback position in seconds. */
  currentTime: number;
  status: Status | null;
  connectionLost: boolean;
}

export type SaveOutcome = 'saved' | 'needs-save-as' | 'cancelled' | 'failed';

type Listener = () => void;
type EventSource = <E extends keyof EventMap>(event: E, listener: (payload: EventMap[E]) => void) => () => void;

export class DocStore {
  private state: StoreState = {
    docState: null,
    selectedCueId: null,
    revealNonce: 0,
    currentTime: 0,
    status: null,
    connectionLost: false,
  };
  private readonly listeners = new Set<Listener>();
  private chain: Promise<unknown> = Promise.resolve();
  /** Operations applied locally whose doc.apply has not answered yet, oldest first. */
  private unconfirmed: Operation[] = [];

  constructor(private readonly api: DuosubApi) {}

  getState = (): StoreState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Subscribes to main's broadcasts; returns the unsubscribe. */
  connect(on: EventSource): () => void {
    const offs = [
      on('doc.changed', (e) => this.onDocChanged(e)),
      on('media.attached', (e) => this.onMediaAttached(e.docId, e.media)),
    ];
    return () => offs.forEach((off) => off());
  }

  private set(patch: Partial<StoreState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Runs `task` after every request queued before it; a failure does not break the chain. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every request queued so far has been answered. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  private docId(): string | null {
    return this.state.docState?.docId ?? null;
  }

  setStatus(text: string, kind: Status['kind'] = 'info'): void {
    this.set({ status: { text, kind } });
  }

  private fail(error: unknown): void {
    this.setStatus(error instanceof Error ? error.message : String(error), 'error');
  }

  setConnectionLost(): void {
    this.set({ connectionLost: true });
  }

  setCurrentTime(seconds: number): void {
    if (seconds !== this.state.currentTime) this.set({ currentTime: seconds });
  }

  /** Selects a cue; `reveal` asks the panes to scroll it into view (selection from the waveform). */
  select(cueId: string | null, reveal = false): void {
    if (cueId === this.state.selectedCueId && !reveal) return;
    this.set({ selectedCueId: cueId, revealNonce: this.state.revealNonce + (reveal ? 1 : 0) });
  }

  /** Shows a freshly loaded document, keeping the selection if its cue still exists. */
  load(docState: DocumentState, message?: string): void {
    const keep = docState.doc.cues.some((c) => c.id === this.state.selectedCueId);
    this.unconfirmed = [];
    const problems = docState.problems.length;
    const text = message ?? (problems ? problemSummary(docState) : null);
    this.set({
      docState,
      selectedCueId: keep ? this.state.selectedCueId : null,
      status: text ? { text, kind: problems ? 'error' : 'info' } : this.state.status,
    });
  }

  init(): Promise<void> {
    return this.enqueue(() => this.api['session.initial']({})).then(
      (docState) => this.load(docState),
      (error) => this.fail(error),
    );
  }

  /** Applies an edit now and sends it to main; on refusal shows why and reloads main's copy. */
  applyLocal(op: Operation): void {
    const current = this.state.docState;
    if (!current) return;
    let doc;
    try {
      doc = applyOperation(current.doc, op).doc;
    } catch (error) {
      this.fail(error);
      return;
    }
    this.unconfirmed.push(op);
    this.set({ docState: { ...current, doc } });
    const docId = current.docId;
    void this.enqueue(async () => {
      try {
        const result = await this.api['doc.apply']({ docId, op });
        this.unconfirmed.shift();
        this.takeFlags(result);
      } catch (error) {
        // Refused: it is no longer in flight, and main's copy (reloaded next) is the truth.
        this.unconfirmed.shift();
        this.fail(error);
        await this.reloadNow(docId);
      }
    });
  }

  undo(): Promise<void> {
    return this.step('doc.undo');
  }

  redo(): Promise<void> {
    return this.step('doc.redo');
  }

  private step(channel: 'doc.undo' | 'doc.redo'): Promise<void> {
    const docId = this.docId();
    if (!docId) return Promise.resolve();
    return this.enqueue(async () => {
      try {
        const result = await this.api[channel]({ docId });
        if (result.applied && !this.applyRemote(result.applied)) {
          await this.reloadNow(docId);
          return;
        }
        this.takeFlags(result);
      } catch (error) {
        this.fail(error);
      }
    });
  }

  /** Applies an operation main already applied; false when the local copy disagrees. */
  private applyRemote(op: Operation): boolean {
    const current = this.state.docState;
    if (!current) return false;
    try {
      this.set({ docState: { ...current, doc: applyOperation(current.doc, op).doc } });
      return true;
    } catch {
      return false;
    }
  }

  private takeFlags(result: EditResult): void {
    const current = this.state.docState;
    if (!current || current.docId !== result.docId) return;
    const { revision, dirty, canUndo, canRedo } = result;
    this.set({ docState: { ...current, revision, dirty, canUndo, canRedo } });
  }

  /** Another window (or main itself) changed the document: refetch when it is newer than ours. */
  private onDocChanged(event: EditResult): void {
    void this.enqueue(async () => {
      const current = this.state.docState;
      // Checked when the chain reaches it: our own apply's answer may have caught us up by then.
      if (!current || current.docId !== event.docId || event.revision <= current.revision) return;
      await this.reloadNow(event.docId);
    });
  }

  private onMediaAttached(docId: string, media: MediaInfo): void {
    const current = this.state.docState;
    if (current?.docId === docId) this.set({ docState: { ...current, media } });
  }

  /** Fetches main's copy now (call only from inside the chain), re-applying edits still in flight. */
  private async reloadNow(docId: string): Promise<void> {
    try {
      const fresh = await this.api['doc.get']({ docId });
      if (this.docId() !== docId) return;
      let doc = fresh.doc;
      for (const op of this.unconfirmed) {
        try {
          doc = applyOperation(doc, op).doc;
        } catch {
          // main will refuse it too, and its refusal reloads again.
        }
      }
      this.set({ docState: { ...fresh, doc } });
    } catch (error) {
      this.fail(error);
    }
  }

  /** Runs a request that yields a whole new document (open, sample); null means the user cancelled. */
  openWith(request: (api: DuosubApi) => Promise<DocumentState | null>): Promise<boolean> {
    return this.enqueue(() => request(this.api)).then(
      (docState) => {
        if (!docState) return false;
        this.select(null);
        this.load(docState, docState.problems.length ? undefined : `Opened ${documentName(docState)}`);
        return true;
      },
      (error) => {
        this.fail(error);
        return false;
      },
    );
  }

  /** Attaches media through `request`; the waveform reloads from the new token. */
  attachMediaWith(request: (api: DuosubApi, docId: string) => Promise<MediaInfo | null>): Promise<boolean> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(false);
    return this.enqueue(() => request(this.api, docId)).then(
      (media) => {
        if (!media) return false;
        this.onMediaAttached(docId, media);
        this.setStatus(`Attached ${media.fileName}`);
        return true;
      },
      (error) => {
        this.fail(error);
        return false;
      },
    );
  }

  /** Saves to the project file; a document without one needs Save As first. */
  save(): Promise<SaveOutcome> {
    const current = this.state.docState;
    if (!current) return Promise.resolve('failed');
    if (!current.hasProjectFile) return Promise.resolve('needs-save-as');
    return this.saveWith(() => this.api['doc.save']({ docId: current.docId }));
  }

  /** Electron asks with its own dialog (no fileName); browser mode passes the name the user typed. */
  saveAs(fileName?: string): Promise<SaveOutcome> {
    const docId = this.docId();
    if (!docId) return Promise.resolve('failed');
    return this.saveWith(() => this.api['doc.saveAs'](fileName ? { docId, fileName } : { docId }));
  }

  private saveWith(request: () => Promise<{ fileName: string; revision: number; dirty: boolean } | null>) {
    return this.enqueue(request).then(
      (result): SaveOutcome => {
        if (!result) return 'cancelled';
        const current = this.state.docState;
        if (current) {
          // Edits made while saving stay dirty: main's revision tells whether they were included.
          const dirty = result.dirty || current.revision > result.revision;
          this.set({ docState: { ...current, fileName: result.fileName, dirty, hasProjectFile: true } });
        }
        this.setStatus(`Saved ${result.fileName}`);
        return 'saved';
      },
      (error): SaveOutcome => {
        this.fail(error);
        return 'failed';
      },
    );
  }

  /** Asks main for the SRT text of one language; null (with the error shown) when it fails. */
  exportSrt(lang: string): Promise<{ fileName: string; text: string } | null> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(null);
    return this.enqueue(() => this.api['doc.export']({ docId, format: 'srt', lang })).then(
      (result) => {
        this.setStatus(`Exported ${result.fileName}`);
        return result;
      },
      (error) => {
        this.fail(error);
        return null;
      },
    );
  }
}

/** What to call a document: its file, else its title (samples have no file yet). */
export function documentName(docState: DocumentState): string {
  const title = docState.doc.metadata.title;
  return docState.fileName ?? (typeof title === 'string' && title ? title : 'Untitled');
}

function problemSummary(docState: DocumentState): string {
  const first = docState.problems[0];
  const where = `${docState.fileName ?? 'file'}${first.line ? `:${first.line}` : ''}`;
  const more = docState.problems.length > 1 ? ` (+${docState.problems.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}
