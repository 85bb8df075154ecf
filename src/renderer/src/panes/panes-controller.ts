/**
 * Coordinates the language panes of one document: loads the cues, keeps blocks aligned and scrolling
 * together, sends user edits to the document session and applies its other changes block by block, and
 * mirrors the selection of the UI store. Framework-free so the React component stays a thin shell.
 */
import type { Cue, SubtitleDocument } from '../../../shared/model';
import { DisposableStore } from '../../../shared/lifecycle';
import type { AppSession } from '../session/app-session';
import type { SessionChange } from '../session/synced-document';
import { LanguagePane, type PaneEvents } from './language-pane';
import { frameTask } from '../frame-task';
import { alignAll, alignBlocks } from './alignment';
import { blockTextsFor, normalizeBlockText } from './block-text';
import { changedCueIndices, sameCueList } from './doc-diff';
import { diffCueList, type CueListSplice } from './cue-list-diff';
import type { CueMenuRequest } from './pane-pointer';
import { gutterLabel } from './cue-label';
import { speakerStripeClass } from './speaker-styles';
import { exposePanes, type PaneHost } from './test-hooks';
import { PaneLoader } from './pane-loader';
import { firstPartSize } from './load-parts';


/** What the panes read and write: the document session (the text) and the UI store (selection, caret). */
export type PanesSession = Pick<AppSession, 'doc' | 'ui'>;

/** Where to open the cue context menu, and for which cue and caret. */
export interface CueMenuOpen {
  cueId: string;
  lang: string;
  offset: number | null;
  x: number;
  y: number;
}

/** What the panes ask of the window beyond the session: undo and redo keys, the focused language, the menu. */
export interface PanesCallbacks {
  onUndo(): void;
  onRedo(): void;
  onFocusLang?(lang: string): void;
  onCueMenu?(menu: CueMenuOpen): void;
}

export class PanesController {
  private readonly panes: LanguagePane[];
  private readonly hosts: PaneHost[];
  private doc: SubtitleDocument;
  private selectedCueId: string | null = null;
  private selectedIds: readonly string[] = [];
  private selectedBlocks = new Set<number>();
  private lastCursor: { cueId: string; lang: string; offset: number } | null = null;
  /** The UI state the selection and reveal were last taken from (to tell what changed). */
  private shownUi: { ids: readonly string[]; primary: string | null; revealNonce: number };
  /** Set while this controller's own edit goes into the session: the panes already show its text. */
  private sendingOwnEdit = false;
  /** The language of the pane that last had text focus (the keyboard split uses it). */
  lastFocusedLang: string | null = null;
  private syncingScroll = false;
  /** Wrapping changes arrive per pane and in bursts (resize): measure everything once, next frame. */
  private readonly realign = frameTask(() => {
    alignAll(this.panes);
    this.refreshSelectionIfIn([this.selectedBlock()]);
  });
  private stripeBySpeaker = new Map<string, string>();
  private readonly owned = new DisposableStore();
  /** Set while a long document is still loading in parts; document changes wait in `pendingDoc` till then. */
  private loader: PaneLoader | null = null;
  private pendingDoc: SubtitleDocument | null = null;
  private revealPending = false;

  constructor(
    hosts: PaneHost[],
    doc: SubtitleDocument,
    private readonly session: PanesSession,
    private readonly callbacks: () => PanesCallbacks,
  ) {
    this.hosts = hosts;
    this.doc = doc;
    const look = {
      gutterLabel: (b: number) => gutterLabel(b + 1, this.doc.cues[b]?.start ?? 0, this.doc.cues[b]?.pinned),
      stripeClass: (b: number) => this.stripeClassOf(b),
    };
    const events = this.paneEvents();
    this.panes = hosts.map((h) => new LanguagePane(h.lang, h.editorHost, look, events));
    this.rebuild();
    this.owned.addFn(exposePanes(this.panes));
    const ui = session.ui.getState();
    this.shownUi = { ids: ui.selectedCueIds, primary: ui.selectedCueId, revealNonce: ui.revealNonce };
    this.setSelection(ui.selectedCueIds, ui.selectedCueId);
    if (ui.revealNonce !== 0) this.reveal();
    this.owned.addFn(session.doc.onChange((change) => this.onDocumentChange(change)));
    this.owned.addFn(session.ui.subscribe(() => this.onUiChange()));
  }

  /**
   * The session's view changed. This controller's own text edit is in the panes already (nothing to write); a
   * flags-only change has nothing for them; anything else is applied block by block.
   */
  private onDocumentChange(change: SessionChange): void {
    const next = change.next?.doc;
    if (!next || next === this.doc) return;
    if (change.origin === 'local' && this.sendingOwnEdit && !this.loader) {
      this.doc = next;
      return;
    }
    this.setDocument(next);
  }

  private onUiChange(): void {
    const ui = this.session.ui.getState();
    const shown = this.shownUi;
    if (ui.selectedCueIds === shown.ids && ui.selectedCueId === shown.primary && ui.revealNonce === shown.revealNonce) return;
    this.shownUi = { ids: ui.selectedCueIds, primary: ui.selectedCueId, revealNonce: ui.revealNonce };
    if (ui.selectedCueIds !== shown.ids || ui.selectedCueId !== shown.primary) this.setSelection(ui.selectedCueIds, ui.selectedCueId);
    if (ui.revealNonce !== shown.revealNonce) this.reveal();
  }

  /** Sends the pane's new text of a block to the session (it shows at once; main confirms it later). */
  private sendText(cueId: string, lang: string, text: string): void {
    this.sendingOwnEdit = true;
    try {
      this.session.doc.applyLocal({ type: 'setText', cueId, lang, text });
    } finally {
      this.sendingOwnEdit = false;
    }
  }

  private setDocument(doc: SubtitleDocument): void {
    if (this.loader) {
      // Another cue list (a new file, a split made from the keyboard): start over. Else apply it once all is in.
      if (sameCueList(this.doc.cues, doc.cues)) {
        this.pendingDoc = doc;
        return;
      }
      this.loader.cancel();
      this.loader = null;
      this.pendingDoc = null;
      this.doc = doc;
      this.rebuild();
      return;
    }
    if (doc === this.doc) return;
    const prev = this.doc;
    this.doc = doc;
    if (!sameCueList(prev.cues, doc.cues)) {
      const ids = this.panes[0]?.index.cueIds ?? [];
      const splice = diffCueList(ids, doc.cues.map((c) => c.id));
      if (!splice || ids.length === 0 || doc.cues.length === 0) this.rebuild();
      else this.applySplice(prev, splice);
      return;
    }
    this.refreshSpeakers(prev);
    this.applyCueChanges(changedCueIndices(prev.cues, doc.cues).map((b) => [b, prev.cues[b]]));
  }

  /** Highlights every selected cue's block; `primary` (the selected cue) more strongly. */
  private setSelection(cueIds: readonly string[], primary: string | null): void {
    this.selectedCueId = primary;
    this.selectedIds = primary !== null && !cueIds.includes(primary) ? [...cueIds, primary] : cueIds;
    this.applySelection();
  }

  /** Reveals the selected cue in every pane; the caret goes to the focused pane, else the first. */
  private reveal(): void {
    const block = this.selectedBlock();
    this.revealPending = block < 0 && this.loader !== null;
    if (block < 0) return;
    const focused = this.panes.find((p) => p.editor.hasTextFocus()) ?? this.panes[0];
    for (const pane of this.panes) pane.revealBlock(block, pane === focused);
  }

  dispose(): void {
    this.realign.cancel();
    this.loader?.cancel();
    this.loader = null;
    this.owned.dispose();
    for (const pane of this.panes) pane.dispose();
  }

  /** Loads the whole cue list; a long one in parts (pane-loader), the first of them now. */
  private rebuild(): void {
    const scrollTop = this.panes[0]?.editor.getScrollTop() ?? 0;
    const cues = this.doc.cues;
    const first = firstPartSize(cues.length);
    const shown = first < cues.length ? cues.slice(0, first) : cues;
    const ids = shown.map((c) => c.id);
    this.stripeBySpeaker.clear();
    // The gutter width first: an options change after loading would lay out the whole view again.
    const chars = this.labelChars();
    for (const pane of this.panes) {
      pane.setLabelWidth(chars);
      pane.load(ids, blockTextsFor(shown, pane.lang), first < cues.length);
    }
    alignAll(this.panes);
    this.applySelection();
    for (const pane of this.panes) pane.editor.setScrollTop(scrollTop);
    if (first < cues.length) {
      const containers = this.hosts.map((h) => h.container);
      this.loader = new PaneLoader(this.panes, containers, cues, first, () => this.finishLoading());
      return;
    }
    this.publishBlockCounts();
  }

  /** The last part is in: unlock, show the selection, then apply what changed meanwhile. */
  private finishLoading(): void {
    this.loader = null;
    for (const pane of this.panes) pane.setLocked(false);
    this.applySelection();
    this.publishBlockCounts();
    const pending = this.pendingDoc;
    this.pendingDoc = null;
    if (pending) this.setDocument(pending);
    if (this.revealPending) {
      this.revealPending = false;
      this.reveal();
    }
  }

  /**
   * Cues inserted/removed in one window (split, merge, insert, delete): one model edit per pane on those
   * blocks, realign around them, then the usual per-cue update for cues that kept their id but changed.
   */
  private applySplice(prev: SubtitleDocument, splice: CueListSplice): void {
    const cues = this.doc.cues;
    const { at, removed, inserted } = widenSplice(prev.cues, cues, splice);
    const added = cues.slice(at, at + inserted);
    this.refreshSpeakers(prev, false);
    const lines = this.panes.map((p) => p.model.getLineCount());
    for (const pane of this.panes) pane.spliceBlocks(at, removed, added.map((c) => c.id), blockTextsFor(added, pane.lang));
    const touched: number[] = [];
    for (let b = Math.max(0, at - 1); b <= Math.min(cues.length - 1, at + inserted); b++) touched.push(b);
    alignBlocks(this.panes, touched);
    const pairs: [number, Cue][] = [];
    for (let b = 0; b < at; b++) if (prev.cues[b] !== cues[b]) pairs.push([b, prev.cues[b]]);
    for (let b = at + inserted; b < cues.length; b++) {
      const old = prev.cues[b - inserted + removed];
      if (old !== cues[b]) pairs.push([b, old]);
    }
    if (prev.speakers !== this.doc.speakers) for (const pane of this.panes) pane.refreshAllStripes();
    this.applyCueChanges(pairs);
    this.applySelection();
    // Inserted/deleted lines re-render the visible gutter (numbers are read from the index then); an
    // options update re-reads every zone (~10 ms at 5,000 cues), so only when the width or nothing else changed.
    const chars = this.labelChars();
    this.panes.forEach((pane, k) => {
      if (chars !== pane.labelWidth || pane.model.getLineCount() === lines[k]) pane.refreshLabels(chars);
    });
    this.publishBlockCounts();
  }

  /** A speaker renamed/recoloured/added: stripe classes are cached per speaker, so drop them and redraw. */
  private refreshSpeakers(prev: SubtitleDocument, redraw = true): void {
    if (prev.speakers === this.doc.speakers) return;
    this.stripeBySpeaker.clear();
    if (redraw) for (const pane of this.panes) pane.refreshAllStripes();
  }

  /** External changes to single cues (undo/redo, another window): touch only those blocks. */
  private applyCueChanges(changed: [number, Cue][]): void {
    const realign = new Set<number>();
    let labelsChanged = false;
    for (const [b, old] of changed) {
      const cue = this.doc.cues[b];
      for (const pane of this.panes) {
        const text = normalizeBlockText(cue.text[pane.lang]);
        // The session's view keeps every edit not yet confirmed, so a block that differs really changed.
        if (text === pane.texts[b]) continue;
        pane.setBlockText(b, text);
        realign.add(b);
      }
      if (old.speaker !== cue.speaker) for (const pane of this.panes) pane.refreshStripe(b);
      if (old.start !== cue.start || old.pinned !== cue.pinned) labelsChanged = true;
    }
    if (realign.size > 0) {
      alignBlocks(this.panes, realign);
      this.refreshSelectionIfIn(realign);
    }
    if (labelsChanged) for (const pane of this.panes) pane.refreshLabels(this.labelChars());
  }

  private paneEvents(): PaneEvents {
    return {
      edited: (pane, blocks) => {
        alignBlocks(this.panes, blocks);
        this.refreshSelectionIfIn(blocks);
        for (const b of blocks) {
          this.sendText(pane.index.cueIds[b], pane.lang, pane.texts[b]);
        }
      },
      composing: (_pane, blocks) => {
        alignBlocks(this.panes, blocks);
        this.refreshSelectionIfIn(blocks);
      },
      reverted: (_pane, first, last) => {
        const blocks = Array.from({ length: last - first + 1 }, (_, k) => first + k);
        alignBlocks(this.panes, blocks);
        this.refreshSelectionIfIn(blocks);
      },
      cursorInBlock: (pane, block) => {
        const cueId = pane.index.cueIds[block];
        if (cueId !== undefined && cueId !== this.selectedCueId) this.session.ui.select(cueId, { mode: 'replace' });
      },
      caretMoved: (pane) => this.reportCaret(pane),
      gutterSelect: (pane, block, mode) => {
        const cueId = pane.index.cueIds[block];
        if (cueId !== undefined) this.session.ui.select(cueId, { mode });
      },
      contextMenu: (pane, request: CueMenuRequest) => {
        const cueId = pane.index.cueIds[request.block];
        if (cueId === undefined) return;
        if (!this.selectedBlocks.has(request.block)) this.session.ui.select(cueId, { mode: 'replace' });
        this.callbacks().onCueMenu?.({ cueId, lang: pane.lang, offset: request.offset, x: request.x, y: request.y });
      },
      scrolled: (pane, scrollTop) => this.syncScroll(pane, scrollTop),
      layoutChanged: () => this.realign.schedule(),
      undo: () => this.callbacks().onUndo(),
      redo: () => this.callbacks().onRedo(),
    };
  }

  private syncScroll(source: LanguagePane, scrollTop: number): void {
    if (this.syncingScroll) return;
    this.syncingScroll = true;
    try {
      for (const pane of this.panes) if (pane !== source) pane.editor.setScrollTop(scrollTop);
    } finally {
      this.syncingScroll = false;
    }
  }

  /** Gutter width in characters: room for the longest label (5-digit cue numbers, hour-long media). */
  private labelChars(): number {
    const cues = this.doc.cues;
    let lastStart = 0;
    for (const cue of cues) if (cue.start > lastStart) lastStart = cue.start;
    return Math.max(17, gutterLabel(cues.length, lastStart).length + 1);
  }

  private reportCaret(pane: LanguagePane): void {
    if (!pane.editor.hasTextFocus()) return;
    if (this.lastFocusedLang !== pane.lang) {
      this.lastFocusedLang = pane.lang;
      this.callbacks().onFocusLang?.(pane.lang);
    }
    const caret = pane.caret();
    const cueId = caret ? pane.index.cueIds[caret.block] : undefined;
    const next = caret && cueId !== undefined ? { cueId, lang: pane.lang, offset: caret.offset } : null;
    const last = this.lastCursor;
    if (last === next || (last && next && last.cueId === next.cueId && last.lang === next.lang && last.offset === next.offset)) return;
    this.lastCursor = next;
    this.session.ui.setCursor(next);
  }

  private applySelection(): void {
    const index = this.panes[0]?.index;
    this.selectedBlocks = new Set();
    if (!index) return;
    for (const id of this.selectedIds) {
      const b = index.indexOfCue(id);
      if (b >= 0) this.selectedBlocks.add(b);
    }
    const primary = this.selectedBlock();
    const blocks = [...this.selectedBlocks];
    for (const pane of this.panes) pane.setSelectedBlocks(blocks, primary);
  }

  private selectedBlock(): number {
    return this.selectedCueId === null ? -1 : (this.panes[0]?.index.indexOfCue(this.selectedCueId) ?? -1);
  }

  /** Selection decorations do not grow with their block: re-apply them when a selected block changed size. */
  private refreshSelectionIfIn(blocks: Iterable<number>): void {
    if (this.selectedBlocks.size === 0) return;
    for (const b of blocks) {
      if (this.selectedBlocks.has(b)) {
        this.applySelection();
        return;
      }
    }
  }

  private stripeClassOf(block: number): string {
    const speaker = this.doc.cues[block]?.speaker;
    if (!speaker) return 'duosub-spk-none';
    let cls = this.stripeBySpeaker.get(speaker);
    if (!cls) {
      cls = speakerStripeClass(this.doc.speakers.find((s) => s.id === speaker)?.color);
      this.stripeBySpeaker.set(speaker, cls);
    }
    return cls;
  }

  private publishBlockCounts(): void {
    this.hosts.forEach((h, k) => h.container.setAttribute('data-block-count', String(this.panes[k].index.size)));
  }
}

/** Cues next to a splice that kept their id but changed (the first half of a split, the cue a merge grew): folding
 * them into the splice makes one minimal model edit per pane (a split is then just a newline at the caret). */
function widenSplice(prev: readonly Cue[], next: readonly Cue[], splice: CueListSplice, maxWiden = 4): CueListSplice {
  let { at, removed, inserted } = splice;
  for (let k = 0; k < maxWiden && at > 0 && prev[at - 1] !== next[at - 1]; k++) {
    at--;
    removed++;
    inserted++;
  }
  for (let k = 0; k < maxWiden && at + inserted < next.length && prev[at + removed] !== next[at + inserted]; k++) {
    removed++;
    inserted++;
  }
  return { at, removed, inserted };
}
