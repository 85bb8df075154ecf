/**
 * The window's UI state, apart from the document: the selection and its primary cue, the text cursor, playback
 * time, the status line, the running auto-timing job, settings and the connection banner. Pure TS (no DOM, no
 * React): components read it through `useUi`, tests drive it directly.
 */
import type { Cue } from '../../../shared/model';
import { DEFAULT_EDIT_SETTINGS, type EditSettings } from '../../../shared/commands/schema';
import { Emitter } from '../../../shared/lifecycle';
import { changesCueList } from '../../../shared/operations';
import { inDocumentOrder, pick, prune, selectionSummary, type SelectMode } from '../selection';
import type { SessionChange } from './synced-document';

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

export interface AlignJob {
  jobId: string;
  fraction: number;
  stage: string;
}

export interface UiState {
  /** The primary selected cue (the anchor; single-cue commands act on it). */
  selectedCueId: string | null;
  /** Every selected cue, in document order. */
  selectedCueIds: string[];
  cursor: TextCursor | null;
  settings: EditSettings;
  /** Keep the playhead in view while playing. */
  followPlayhead: boolean;
  /** The running auto-timing job of this window, or null. */
  alignJob: AlignJob | null;
  /** Bumped when a view other than the panes selects a cue, so the panes scroll it into view. */
  revealNonce: number;
  /** Playback position in seconds. */
  currentTime: number;
  status: Status | null;
  connectionLost: boolean;
}

export class UiStore {
  private state: UiState = {
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
  private readonly changed = new Emitter<void>();
  /** The selection count the status line shows (to replace it when the selection shrinks to one). */
  private shownSelection: Status | null = null;
  /** Subscribes to every change; returns the unsubscribe. */
  readonly subscribe = this.changed.event;

  /** `cues` reads the document the selection is in (the session's view). */
  constructor(private readonly cues: () => readonly Cue[]) {}

  getState = (): UiState => this.state;

  private set(patch: Partial<UiState>): void {
    this.state = { ...this.state, ...patch };
    this.changed.fire();
  }

  /** Drops selected cues the document no longer has, on every change that can remove cues. */
  follow(onChange: (listener: (change: SessionChange) => void) => () => void): () => void {
    return onChange((change) => {
      if (change.origin === 'flags' || (change.op && !changesCueList(change.op))) return;
      this.pruneTo(change.next?.doc.cues ?? []);
    });
  }

  private pruneTo(cues: readonly Cue[]): void {
    const kept = prune(cues, this.selection());
    if (kept.primary !== this.state.selectedCueId || kept.ids !== this.state.selectedCueIds) {
      this.set({ selectedCueIds: kept.ids, selectedCueId: kept.primary });
    }
  }

  setStatus(text: string, kind: Status['kind'] = 'info'): void {
    this.set({ status: { text, kind } });
  }

  /** Shows a failure's message as an error. */
  fail(error: unknown): void {
    this.setStatus(error instanceof Error ? error.message : String(error), 'error');
  }

  setConnectionLost(): void {
    this.set({ connectionLost: true });
  }

  setCurrentTime(seconds: number): void {
    if (seconds !== this.state.currentTime) this.set({ currentTime: seconds });
  }

  setSettings(settings: EditSettings): void {
    this.set({ settings });
  }

  setAlignJob(alignJob: AlignJob | null): void {
    this.set({ alignJob });
  }

  /**
   * Selects a cue: `mode` replace (click), toggle (Ctrl+click) or range (Shift+click); `reveal` asks the
   * panes to scroll it into view. A boolean second argument is `reveal`.
   */
  select(cueId: string | null, options: boolean | SelectOptions = {}): void {
    const { reveal = false, mode = 'replace' } = typeof options === 'boolean' ? { reveal: options } : options;
    const next = pick(this.cues(), this.selection(), cueId, mode);
    this.setSelection(next.ids, next.primary, reveal);
  }

  /** Selects exactly these cues (find results, a speaker's cues); `primary` defaults to the first. */
  selectMany(cueIds: string[], primary?: string, reveal = true): void {
    const ids = inDocumentOrder(this.cues(), cueIds);
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
}
