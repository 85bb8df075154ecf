/**
 * The renderer's document store, without React (the file commands are in store-core.ts): the current document, the selection, playback time and
 * the status line. Edits apply locally first (instant feedback) and then go to main, in order: every
 * request runs on one promise chain, so apply, undo and redo reach main in the order the user made them.
 * Pure TS (no DOM) so it runs under vitest with a fake API.
 */
import type { CommandResult, DocumentState, DuosubApi, EditResult, EventMap, MediaInfo } from '../../shared/api';
import { DEFAULT_EDIT_SETTINGS, type EditCommand, type EditSettings } from '../../shared/commands/schema';
import { applyOperation, changesCueList, type Operation } from '../../shared/operations';
import { inDocumentOrder, pick, prune, selectionSummary, type SelectMode } from './selection';
import { stepStatus } from './history/step-status';

export interface Status {
  text: string;
  kind: 'info' | 'error';
}

/** Where the text cursor is: an offset (UTF-16 code units) into one language's text of a cue. */
export interface TextCursor {
  cueId: string;
  lang: string;
  offset: number;
}

export interface SelectOptions {
  /** Ask the panes to scroll the cue into view (a selection made outside them). */
  reveal?: boolean;
  mode?: SelectMode;
}

export interface StoreState {
  /** The open document, or null before the first load. */
  docState: DocumentState | null;
  /** The primary selected cue (the anchor; single-cue commands act on it). */
  selectedCueId: string | null;
  /** Every selected cue, in document order. */
  selectedCueIds: string[];
  cursor: TextCursor | null;
  settings: EditSettings;
  /** Keep the playhead in view while playing. */
  followPlayhead: boolean;
  /** The running auto-timing job of this window, or null. */
  alignJob: { jobId: string; fraction: number; stage: string } | null;
  /** Bumped when a view other than the panes selects a cue, so the panes scroll it into view. */
  revealNonce: number;
  /** Playback position in seconds. */
  currentTime: number;
  status: Status | null;
  connectionLost: boolean;
}

/** How a save ended; 'conflict' (changed on disk) and 'exists' (Save As onto a file) wait for the user's answer. */
export type SaveOutcome = 'saved' | 'needs-save-as' | 'cancelled' | 'failed' | 'conflict' | 'exists';

type Listener = () => void;
export type EventSource = <E extends keyof EventMap>(event: E, listener: (payload: EventMap[E]) => void) => () => void;

/** The store's core: state, ordered requests to main, selection, edits and commands. */
export class StoreBase {
  protected state: StoreState = {
    docState: null,
    selectedCueId: null,
    selectedCueIds: [],
    cursor: null,
    settings: DEFAULT_EDIT_SETTINGS,
    followPlayhead: true,
    alignJob: null,
    revealNonce: 0,
    currentTime: 0,
    status: null,
    connectionLost: false,
  };
  private readonly listeners = new Set<Listener>();
  private chain: Promise<unknown> = Promise.resolve();
  /** The selection count the status line shows (to replace it when the selection shrinks to one). */
  private shownSelection: Status | null = null;
  /** Operations applied locally whose doc.apply has not answered yet, oldest first. */
  private unconfirmed: Operation[] = [];

  constructor(protected readonly api: DuosubApi) {}

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
      ...this.connectMore(on),
    ];
    return () => offs.forEach((off) => off());
  }

  /** More event subscriptions of a subclass. */
  protected connectMore(_on: EventSource): Array<() => void> {
    return [];
  }

  protected set(patch: Partial<StoreState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Runs `task` after every request queued before it; a failure does not break the chain. */
  protected enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Edits shown here that main has not confirmed yet (they count as unsaved before main's flags say so). */
  editsInFlight(): boolean {
    return this.unconfirmed.length > 0;
  }

  /** Resolves when every request queued so far has been answered. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  protected docId(): string | null {
    return this.state.docState?.docId ?? null;
  }

  setStatus(text: string, kind: Status['kind'] = 'info'): void {
    this.set({ status: { text, kind } });
  }

  protected fail(error: unknown): void {
    this.setStatus(error instanceof Error ? error.message : String(error), 'error');
  }

  setConnectionLost(): void {
    this.set({ connectionLost: true });
  }

  setCurrentTime(seconds: number): void {
    if (seconds !== this.state.currentTime) this.set({ currentTime: seconds });
  }

  /**
   * Selects a cue: `mode` replace (click), toggle (Ctrl+click) or range (Shift+click); `reveal` asks the
   * panes to scroll it into view. A boolean second argument is `reveal`.
   */
  select(cueId: string | null, options: boolean | SelectOptions = {}): void {
    const { reveal = false, mode = 'replace' } = typeof options === 'boolean' ? { reveal: options } : options;
    const cues = this.state.docState?.doc.cues ?? [];
    const next = pick(cues, this.selection(), cueId, mode);
    this.setSelection(next.ids, next.primary, reveal);
  }

  /** Selects exactly these cues (find results, a speaker's cues); `primary` defaults to the first. */
  selectMany(cueIds: string[], primary?: string, reveal = true): void {
    const ids = inDocumentOrder(this.state.docState?.doc.cues ?? [], cueIds);
    this.setSelection(ids, primary && ids.includes(primary) ? primary : (ids[0] ?? null), reveal);
  }

  private selection() {
    return { ids: this.state.selectedCueIds, primary: this.state.selectedCueId };
  }

  private setSelection(ids: string[], primary: string | null, reveal: boolean): void {
    const same = primary === this.state.selectedCueId && ids.length === this.state.selectedCueIds.length
      && ids.every((id, i) => id === this.state.selectedCueIds[i]);
    if (same && !reveal) return;
    const status = same ? this.state.status : this.selectionStatus(ids.length);
    this.set({ selectedCueIds: ids, selectedCueId: primary, revealNonce: this.state.revealNonce + (reveal ? 1 : 0), status });
  }

  /**
   * "14 cues selected" when several are; a single click only replaces an earlier count (it would otherwise wipe
   * the last command's message every time a cue is clicked).
   */
  private selectionStatus(count: number): Status | null {
    const summary = selectionSummary(count);
    const showingCount = this.shownSelection !== null && this.state.status === this.shownSelection;
    if (count > 1 || showingCount) this.shownSelection = summary ? { text: summary, kind: 'info' } : null;
    else return this.state.status;
    return this.shownSelection;
  }

  setCursor(cursor: TextCursor | null): void {
    const c = this.state.cursor;
    if (c === cursor || (c && cursor && c.cueId === cursor.cueId && c.lang === cursor.lang && c.offset === cursor.offset)) return;
    this.set({ cursor });
  }

  setFollowPlayhead(on: boolean): void {
    if (on !== this.state.followPlayhead) this.set({ followPlayhead: on });
  }

  /** Playhead in integer milliseconds, as commands take it. */
  playheadMs(): number {
    return Math.max(0, Math.round(this.state.currentTime * 1000));
  }

  /**
   * Runs an edit command in main (it plans it against its document, as one undo step) and applies the
   * same operation here; selects what the command says to select. Null when it was refused.
   */
  command(command: EditCommand): Promise<CommandResult | null> {
    const docId = this.docId();
    if (!docId) return Promise.resolve(null);
    return this.enqueue(async () => {
      try {
        const result = await this.api['doc.command']({ docId, command });
        if (!result.applied || !this.applyRemote(result.applied)) await this.reloadNow(docId);
        this.takeFlags(result);
        if (result.select) this.selectMany(result.select);
        this.setStatus(result.label);
        return result;
      } catch (error) {
        this.fail(error);
        return null;
      }
    });
  }

  loadSettings(): Promise<void> {
    return this.enqueue(() => this.api['settings.get']({})).then(
      (settings) => this.set({ settings }),
      (error) => this.fail(error),
    );
  }

  updateSettings(patch: Partial<EditSettings>): Promise<void> {
    return this.enqueue(() => this.api['settings.update'](patch)).then(
      (settings) => {
        this.set({ settings });
        this.setStatus('Settings saved');
      },
      (error) => this.fail(error),
    );
  }

  /** Shows a freshly loaded document, keeping the selection if its cue still exists. */
  load(docState: DocumentState, message?: string): void {
    const kept = prune(docState.doc.cues, this.selection());
    this.unconfirmed = [];
    const problems = docState.problems.length;
    const text = message ?? (problems ? problemSummary(docState) : null);
    this.set({
      docState,
      selectedCueIds: kept.ids,
      selectedCueId: kept.primary,
      status: text ? { text, kind: problems ? 'error' : 'info' } : this.state.status,
    });
  }

  init(): Promise<void> {
    void this.loadSettings();
    return this.enqueue(() => this.api['session.initial']({})).then(
      (docState) => (isLong(docState) ? nextTask().then(() => this.load(docState)) : this.load(docState)),
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
    return this.enqueue(async () => {
      try {
        const result = await (request ?? (() => this.api[direction === 'undo' ? 'doc.undo' : 'doc.redo']({ docId })))();
        if (result.applied && !this.applyRemote(result.applied)) await this.reloadNow(docId);
        else this.takeFlags(result);
        this.setStatus(stepStatus(direction, result, count));
      } catch (error) {
        this.fail(error);
      }
    });
  }

  /** Applies an operation main already applied; false when the local copy disagrees. */
  protected applyRemote(op: Operation): boolean {
    const current = this.state.docState;
    if (!current) return false;
    try {
      const doc = applyOperation(current.doc, op).doc;
      const kept = changesCueList(op) ? prune(doc.cues, this.selection()) : this.selection();
      this.set({ docState: { ...current, doc }, selectedCueIds: kept.ids, selectedCueId: kept.primary });
      return true;
    } catch {
      return false;
    }
  }

  protected takeFlags(result: EditResult): void {
    const current = this.state.docState;
    if (!current || current.docId !== result.docId) return;
    const { revision, dirty, canUndo, canRedo, undoLabel = null, redoLabel = null } = result;
    this.set({ docState: { ...current, revision, dirty, canUndo, canRedo, undoLabel, redoLabel } });
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

  protected onMediaAttached(docId: string, media: MediaInfo): void {
    const current = this.state.docState;
    if (current?.docId === docId) this.set({ docState: { ...current, media } });
  }

  /** Fetches main's copy now (call only from inside the chain), re-applying edits still in flight. */
  protected async reloadNow(docId: string): Promise<void> {
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
      const kept = prune(doc.cues, this.selection());
      this.set({ docState: { ...fresh, doc }, selectedCueIds: kept.ids, selectedCueId: kept.primary });
    } catch (error) {
      this.fail(error);
    }
  }
}

/**
 * Past this many cues a received document is shown in a task of its own: the task that received it (decoding
 * and parsing megabytes of JSON) is long already, and the first render of a long document is too.
 */
const LONG_DOCUMENT_CUES = 6000;

export function isLong(docState: DocumentState): boolean {
  return docState.doc.cues.length > LONG_DOCUMENT_CUES;
}

/** Resolves in a later task (after the browser has had a turn). */
export function nextTask(): Promise<void> {
  return new Promise((done) => setTimeout(done, 0));
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
