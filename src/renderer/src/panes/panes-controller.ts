/**
 * Coordinates the language panes of one document: loads the cues, keeps blocks aligned and scrolling
 * together, routes user edits up and applies external document changes block by block, and mirrors the
 * selected cue. Framework-free so the React component stays a thin shell.
 */
import type { SubtitleDocument } from '../../../shared/model';
import { LanguagePane, type PaneEvents } from './language-pane';
import { alignAll, alignBlocks } from './alignment';
import { blockTextsFor, normalizeBlockText } from './block-text';
import { changedCueIndices, sameCueList } from './doc-diff';
import { EchoFilter } from './echo-filter';
import { gutterLabel } from './cue-label';
import { speakerStripeClass } from './speaker-styles';
import { exposePanes, type PaneHost } from './test-hooks';

export interface PanesCallbacks {
  onSelectCue(cueId: string): void;
  onEditText(cueId: string, lang: string, text: string): void;
  onUndo(): void;
  onRedo(): void;
}

export class PanesController {
  private readonly panes: LanguagePane[];
  private readonly hosts: PaneHost[];
  private doc: SubtitleDocument;
  private selectedCueId: string | null = null;
  private syncingScroll = false;
  private realignFrame = 0;
  private stripeBySpeaker = new Map<string, string>();
  private readonly echo = new EchoFilter();
  private readonly unexpose: () => void;

  constructor(hosts: PaneHost[], doc: SubtitleDocument, private readonly callbacks: () => PanesCallbacks) {
    this.hosts = hosts;
    this.doc = doc;
    const look = {
      gutterLabel: (b: number) => gutterLabel(b + 1, this.doc.cues[b]?.start ?? 0),
      stripeClass: (b: number) => this.stripeClassOf(b),
    };
    const events = this.paneEvents();
    this.panes = hosts.map((h) => new LanguagePane(h.lang, h.editorHost, look, events));
    this.rebuild();
    this.unexpose = exposePanes(this.panes);
  }

  setDocument(doc: SubtitleDocument): void {
    if (doc === this.doc) return;
    const prev = this.doc;
    this.doc = doc;
    if (!sameCueList(prev.cues, doc.cues)) {
      this.rebuild();
      return;
    }
    if (prev.speakers !== doc.speakers) {
      this.stripeBySpeaker.clear();
      for (const pane of this.panes) pane.refreshAllStripes();
    }
    this.applyCueChanges(prev, changedCueIndices(prev.cues, doc.cues));
  }

  setSelectedCue(cueId: string | null): void {
    this.selectedCueId = cueId;
    const block = cueId === null ? -1 : (this.panes[0]?.index.indexOfCue(cueId) ?? -1);
    for (const pane of this.panes) pane.setSelectedBlock(block);
  }

  /** Reveals the selected cue in every pane; the caret goes to the focused pane, else the first. */
  reveal(): void {
    const block = this.selectedBlock();
    if (block < 0) return;
    const focused = this.panes.find((p) => p.editor.hasTextFocus()) ?? this.panes[0];
    for (const pane of this.panes) pane.revealBlock(block, pane === focused);
  }

  dispose(): void {
    cancelAnimationFrame(this.realignFrame);
    this.unexpose();
    for (const pane of this.panes) pane.dispose();
  }

  private rebuild(): void {
    const scrollTop = this.panes[0]?.editor.getScrollTop() ?? 0;
    const ids = this.doc.cues.map((c) => c.id);
    this.stripeBySpeaker.clear();
    this.echo.clear();
    for (const pane of this.panes) pane.load(ids, blockTextsFor(this.doc.cues, pane.lang));
    alignAll(this.panes);
    this.setSelectedCue(this.selectedCueId);
    for (const pane of this.panes) {
      pane.refreshLabels(this.labelChars());
      pane.editor.setScrollTop(scrollTop);
    }
    this.publishBlockCounts();
  }

  /** External changes to single cues (undo/redo, another window): touch only those blocks. */
  private applyCueChanges(prev: SubtitleDocument, changed: number[]): void {
    const realign = new Set<number>();
    let labelsChanged = false;
    for (const b of changed) {
      const cue = this.doc.cues[b];
      const old = prev.cues[b];
      for (const pane of this.panes) {
        const text = normalizeBlockText(cue.text[pane.lang]);
        const key = `${cue.id}\u0000${pane.lang}`;
        // The pane's own edit coming back (now or late): the model already has it, or has moved past it.
        if (this.echo.consume(key, text) || text === pane.texts[b]) continue;
        this.echo.forget(key);
        pane.setBlockText(b, text);
        realign.add(b);
      }
      if (old.speaker !== cue.speaker) for (const pane of this.panes) pane.refreshStripe(b);
      if (old.start !== cue.start) labelsChanged = true;
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
          const cueId = pane.index.cueIds[b];
          this.echo.noteSent(`${cueId}\u0000${pane.lang}`, pane.texts[b]);
          this.callbacks().onEditText(cueId, pane.lang, pane.texts[b]);
        }
      },
      reverted: (_pane, first, last) => {
        const blocks = Array.from({ length: last - first + 1 }, (_, k) => first + k);
        alignBlocks(this.panes, blocks);
        this.refreshSelectionIfIn(blocks);
      },
      cursorInBlock: (pane, block) => {
        const cueId = pane.index.cueIds[block];
        if (cueId !== undefined && cueId !== this.selectedCueId) this.callbacks().onSelectCue(cueId);
      },
      scrolled: (pane, scrollTop) => this.syncScroll(pane, scrollTop),
      layoutChanged: () => this.scheduleRealignAll(),
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

  /** Wrapping changes arrive per pane and in bursts (resize): measure everything once, next frame. */
  private scheduleRealignAll(): void {
    if (this.realignFrame) return;
    this.realignFrame = requestAnimationFrame(() => {
      this.realignFrame = 0;
      alignAll(this.panes);
      this.refreshSelectionIfIn([this.selectedBlock()]);
    });
  }

  /** Gutter width in characters: room for the longest label (5-digit cue numbers, hour-long media). */
  private labelChars(): number {
    const cues = this.doc.cues;
    let lastStart = 0;
    for (const cue of cues) if (cue.start > lastStart) lastStart = cue.start;
    return Math.max(17, gutterLabel(cues.length, lastStart).length + 1);
  }

  private selectedBlock(): number {
    return this.selectedCueId === null ? -1 : (this.panes[0]?.index.indexOfCue(this.selectedCueId) ?? -1);
  }

  private refreshSelectionIfIn(blocks: Iterable<number>): void {
    const selected = this.selectedBlock();
    if (selected < 0) return;
    for (const b of blocks) {
      if (b === selected) {
        for (const pane of this.panes) pane.setSelectedBlock(selected);
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
