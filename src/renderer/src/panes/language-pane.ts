/**
 * One language's Monaco editor: its model (every cue's text in that language, one block per cue), the
 * block index, the padding zones (block-zones), the speaker stripes and separators (block-decorations)
 * and the selection highlight. It validates user edits against the block index and reports them;
 * alignment across panes and everything document-level lives in the controller.
 */
import { monaco } from './monaco-setup';
import { BlockIndex } from './block-index';
import { checkEdits } from './block-edits';
import { guardStructuralKeys } from './key-guard';
import { diffText, lineCountOf, offsetToLineColumn } from './block-text';
import { blockSpliceEdit, type SplicePosition } from './block-splice';
import { paneEditorOptions } from './editor-options';
import { wirePointer, type PointerEvents } from './pane-pointer';
import type { PointerPane } from './pointer-pane';
import { BlockZones } from './block-zones';
import { BlockDecorations } from './block-decorations';
import { sameLines } from './pane-plans';
import { CompositionHold } from './composition-hold';

type IDisposable = monaco.IDisposable;

export interface PaneEvents extends PointerEvents<LanguagePane> {
  /** A user edit stayed inside these blocks; `texts` already holds their new text. Never while an IME composes. */
  edited(pane: LanguagePane, blocks: number[]): void;
  /** An IME composition changed these blocks' height on screen only (the document has not seen it): realign. */
  composing(pane: LanguagePane, blocks: number[]): void;
  /** An edit that spanned blocks was reverted: blocks first..last need re-anchoring. */
  reverted(pane: LanguagePane, first: number, last: number): void;
  cursorInBlock(pane: LanguagePane, block: number): void;
  /** The caret moved (or the pane gained focus); read it with `caret()`. Not called while the pane edits itself. */
  caretMoved(pane: LanguagePane): void;
  scrolled(pane: LanguagePane, scrollTop: number): void;
  /** Wrapping may have changed (resize, font): every block's pixel height must be re-measured. */
  layoutChanged(): void;
  undo(): void;
  redo(): void;
}

/** What the pane shows per block but does not own. */
export interface BlockLook {
  gutterLabel(block: number): string;
  stripeClass(block: number): string;
}

export class LanguagePane implements PointerPane {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  readonly model: monaco.editor.ITextModel;
  index = new BlockIndex([], []);
  /** Current text of every block, as in the model (kept in step on every edit). */
  texts: string[] = [];
  private readonly zones: BlockZones;
  private readonly decorations: BlockDecorations;
  private readonly selected: monaco.editor.IEditorDecorationsCollection;
  /** Classes of the selection decorations last set (with their tracked ranges: unchanged → no redraw). */
  private selectedKey = '';
  /** > 0 while the pane edits its own model: those changes are not user edits. */
  private muted = 0;
  private caretQueued = false;
  /** Gutter width (characters) last set by `refreshLabels`. */
  labelWidth = 0;
  /** Set between an edit that spanned blocks and its revert: the index is stale until then. */
  private revertPending = false;
  private readonly disposables: IDisposable[] = [];
  /** Content width at the last layout (-1 before the first): what wrapping depends on. */
  private wrapWidth = -1;
  /** Edits made while an input method composes wait here; `texts` keeps the document's text meanwhile. */
  private readonly composition = new CompositionHold();

  constructor(
    readonly lang: string,
    host: HTMLElement,
    private readonly look: BlockLook,
    private readonly events: PaneEvents,
  ) {
    this.model = monaco.editor.createModel('', 'plaintext');
    this.model.setEOL(monaco.editor.EndOfLineSequence.LF);
    // Bracket pairs mean nothing in prose; colouring them parses the whole text on the first render (0.35 s at 100,000 cues).
    this.model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
    this.editor = monaco.editor.create(host, { ...paneEditorOptions(), model: this.model, lineNumbers: this.labelFn() });
    this.selected = this.editor.createDecorationsCollection();
    this.zones = new BlockZones(this.editor, () => this.index);
    this.decorations = new BlockDecorations(this.editor, () => this.index, look);
    this.wireEvents();
    this.disposables.push(...wirePointer(this, host, events));
  }

  /**
   * Replaces the whole model (the cue list changed). Zones are re-created by the next alignment. `locked`
   * keeps the pane read-only (more blocks are still to come: see appendBlocks).
   */
  load(cueIds: readonly string[], texts: string[], locked = false): void {
    this.zones.clear();
    this.decorations.clear();
    this.selected.clear();
    this.selectedKey = '';
    this.muted++;
    try {
      this.model.setValue(texts.join('\n'));
    } finally {
      this.muted--;
    }
    this.texts = texts;
    this.composition.reset();
    this.index = new BlockIndex(cueIds, texts.map(lineCountOf));
    this.setReadOnly(locked || cueIds.length === 0);
    this.decorations.refresh();
  }

  /**
   * Adds blocks after the last one (a long document loading in parts): one model edit at the end, so Monaco
   * lays out only the new lines. Zones of the new blocks come from the caller's alignment.
   */
  appendBlocks(cueIds: readonly string[], texts: readonly string[]): void {
    if (cueIds.length === 0) return;
    const last = this.model.getLineCount();
    const at = new monaco.Range(last, this.model.getLineMaxColumn(last), last, this.model.getLineMaxColumn(last));
    this.muted++;
    try {
      this.model.applyEdits([{ range: at, text: (this.index.size === 0 ? '' : '\n') + texts.join('\n') }]);
    } finally {
      this.muted--;
    }
    this.index = this.index.appended(cueIds, texts.map(lineCountOf));
    for (const text of texts) this.texts.push(text);
    this.decorations.follow();
  }

  /** Read-only while a document is still loading; editable (when it has blocks) once it is in. */
  setLocked(locked: boolean): void {
    this.setReadOnly(locked || this.index.size === 0);
  }

  /** Applies an external change to one block with the smallest edit; never reported as a user edit. */
  setBlockText(block: number, text: string): void {
    // A block with uncommitted IME letters differs from `texts`: diff against what the model holds.
    const held = this.composition.holds(this.index.cueIds[block]);
    const before = held ? this.readBlock(block) : this.texts[block];
    if (before === text) return;
    const diff = diffText(before, text);
    const first = this.index.startLine(block);
    const a = offsetToLineColumn(before, diff.start);
    const b = offsetToLineColumn(before, diff.end);
    const range = new monaco.Range(first + a.line, a.column + 1, first + b.line, b.column + 1);
    const caretInBlock = this.editor.hasTextFocus() && this.blockOfCursor() === block;
    const end = offsetToLineColumn(text, diff.start + diff.insert.length);
    const after = caretInBlock
      ? [new monaco.Selection(first + end.line, end.column + 1, first + end.line, end.column + 1)]
      : undefined;
    this.muted++;
    try {
      this.editor.executeEdits('duosub.external', [{ range, text: diff.insert }], after);
    } finally {
      this.muted--;
    }
    const lines = lineCountOf(text);
    const linesChanged = lines !== this.index.lineCount(block);
    this.index.setLineCount(block, lines);
    this.texts[block] = text;
    if (linesChanged) this.refreshStripe(block);
  }

  /**
   * Replaces `removed` blocks at `at` with new blocks (one model edit, never reported as a user edit).
   * Zones of removed blocks go; zones below are renumbered; the caller aligns blocks at-1 … at+ids.length.
   */
  spliceBlocks(at: number, removed: number, ids: readonly string[], texts: readonly string[]): void {
    const edit = blockSpliceEdit(this.index, at, removed, texts);
    if (!edit) return;
    this.zones.removeBlocks(at, removed);
    const pos = (p: SplicePosition): [number, number] => [p.line, p.column === 1 ? 1 : this.model.getLineMaxColumn(p.line)];
    let range = new monaco.Range(...pos(edit.start), ...pos(edit.end));
    let text = edit.text;
    if (removed > 0 && texts.length > 0) {
      // Replace only what differs: a split becomes a newline at the caret, which then lands in the new cue.
      const before = this.texts.slice(at, at + removed).join('\n');
      const diff = diffText(before, text);
      const a = offsetToLineColumn(before, diff.start);
      const b = offsetToLineColumn(before, diff.end);
      const first = range.startLineNumber;
      range = new monaco.Range(first + a.line, a.column + 1, first + b.line, b.column + 1);
      text = diff.insert;
    }
    this.muted++;
    try {
      this.editor.executeEdits('duosub.structure', [{ range, text }]);
    } finally {
      this.muted--;
    }
    this.index = this.index.spliced(at, removed, ids, texts.map(lineCountOf));
    this.texts.splice(at, removed, ...texts);
    this.zones.splice(at, removed, ids.length);
    this.decorations.refreshBlocks(at - 1, at + ids.length);
    this.setReadOnly(this.index.size === 0);
    this.queueCaret();
  }

  /** Pixel height of one block's lines (wrapped lines count fully; zones excluded). */
  blockHeight(block: number): number {
    let height = 0;
    for (let line = this.index.startLine(block), end = this.index.endLine(block); line <= end; line++) {
      height += this.editor.getBottomForLineNumber(line) - this.editor.getTopForLineNumber(line);
    }
    return height;
  }

  /**
   * Pixel heights of blocks `from … to-1`: the distance between block tops less this pane's padding after
   * each, one lookup per block instead of two per line. Needs every zone anchored after its block, which
   * holds between edits (alignBlocks re-anchors around each edit as it happens).
   */
  blockHeights(from: number, to: number): Float64Array {
    const out = new Float64Array(to - from);
    const n = this.index.size;
    let top = from < n ? this.editor.getTopForLineNumber(this.index.startLine(from)) : 0;
    for (let b = from; b < to; b++) {
      if (b + 1 >= n) {
        out[b - from] = this.blockHeight(b);
        break;
      }
      const next = this.editor.getTopForLineNumber(this.index.startLine(b + 1));
      out[b - from] = next - top - this.zones.heightAfter(b);
      top = next;
    }
    return out;
  }

  /** Gives each listed block (every block when null) `padOf(block)` px of padding below it in this pane. */
  applyZones(blocks: readonly number[] | null, padOf: (block: number) => number): void {
    this.zones.apply(blocks, padOf, false);
  }

  /** Re-anchors these blocks' zones before measuring them (see BlockZones.reanchor). */
  reanchorZones(blocks: readonly number[]): void {
    this.zones.reanchor(blocks);
  }

  /** Highlights every selected block; the primary one more strongly. Blocks outside the index are ignored. */
  setSelectedBlocks(blocks: readonly number[], primary: number): void {
    const decos: monaco.editor.IModelDeltaDecoration[] = [];
    let key = '';
    for (const block of blocks) {
      if (block < 0 || block >= this.index.size) continue;
      const cls = block === primary ? 'duosub-selected-block' : 'duosub-selected-extra';
      const range = new monaco.Range(this.index.startLine(block), 1, this.index.endLine(block), 1);
      decos.push({ range, options: { isWholeLine: true, className: cls, marginClassName: cls } });
      key += `${cls} `;
    }
    // Typing re-applies the selection on every key: skip when the model's tracked ranges already match.
    if (key === this.selectedKey && sameLines(this.selected.getRanges(), decos)) return;
    this.selectedKey = key;
    this.selected.set(decos);
  }

  /** The caret as a block and a UTF-16 offset into that block's text; null without a caret in a block. */
  caret(): { block: number; offset: number } | null {
    const pos = this.editor.getPosition();
    if (!pos) return null;
    const block = this.index.blockAtLine(pos.lineNumber);
    if (block < 0) return null;
    return { block, offset: this.offsetInBlock(block, pos) };
  }

  /** Offset of a model position inside a block's text (the model uses LF, so offsets match the cue text). */
  offsetInBlock(block: number, pos: monaco.IPosition): number {
    const start = this.model.getOffsetAt({ lineNumber: this.index.startLine(block), column: 1 });
    return Math.max(0, Math.min(this.texts[block]?.length ?? 0, this.model.getOffsetAt(pos) - start));
  }

  /** Redraws one block's stripe and separator (its speaker or line count changed). */
  refreshStripe(block: number): void {
    this.decorations.refreshBlocks(block, block);
  }

  refreshAllStripes(): void {
    this.decorations.refresh();
  }

  /** Re-renders the gutter labels (a start time or the numbering changed). */
  refreshLabels(widthChars: number): void {
    this.labelWidth = widthChars;
    this.editor.updateOptions({ lineNumbers: this.labelFn(), lineNumbersMinChars: widthChars });
  }

  /**
   * Sets the gutter width without a redraw when it is unchanged. Called before loading a model, so the
   * first layout already has it (an options change after loading redraws the whole view).
   */
  setLabelWidth(widthChars: number): void {
    if (widthChars === this.labelWidth) return;
    this.labelWidth = widthChars;
    this.editor.updateOptions({ lineNumbersMinChars: widthChars });
  }

  /** Scrolls the block into view (centred if it was not visible); optionally puts the caret on its first line. */
  revealBlock(block: number, moveCaret: boolean): void {
    const line = this.index.startLine(block);
    this.editor.revealLineInCenterIfOutsideViewport(line, monaco.editor.ScrollType.Immediate);
    if (!moveCaret || this.blockOfCursor() === block) return;
    this.muted++;
    try {
      this.editor.setPosition({ lineNumber: line, column: 1 });
    } finally {
      this.muted--;
    }
  }

  blockOfCursor(): number {
    const pos = this.editor.getPosition();
    return pos ? this.index.blockAtLine(pos.lineNumber) : -1;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.editor.dispose();
    this.model.dispose();
  }

  private labelFn(): (line: number) => string {
    return (line) => {
      const b = this.index.blockAtLine(line);
      return b >= 0 && this.index.startLine(b) === line ? this.look.gutterLabel(b) : '';
    };
  }

  /** Reports the caret once the current edit (and its index update) is done. */
  private queueCaret(): void {
    if (this.caretQueued || !this.editor.hasTextFocus()) return;
    this.caretQueued = true;
    queueMicrotask(() => {
      this.caretQueued = false;
      if (!this.model.isDisposed() && !this.revertPending) this.events.caretMoved(this);
    });
  }

  private wireEvents(): void {
    const { editor, events } = this;
    const { KeyMod, KeyCode } = monaco;
    // Monaco's own undo must never run: the document history is the only one.
    // Not while composing: the history has not seen the letters on screen.
    const idle = (run: () => void) => () => this.composition.active || run();
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, idle(() => events.undo()));
    editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, idle(() => events.redo()));
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, idle(() => events.redo()));
    this.disposables.push(
      editor.onKeyDown((e) => guardStructuralKeys(editor, this.index, e)),
      editor.onDidChangeModelContent((e) => this.onContentChanged(e)),
      editor.onDidCompositionStart(() => this.composition.start()),
      // Monaco types the committed text (or removes the cancelled letters) before it reports the end.
      editor.onDidCompositionEnd(() => this.reportComposed(this.composition.end())),
      // Blink finishes a composition when focus leaves, and an EditContext may not say so: never hold past a blur.
      editor.onDidBlurEditorText(() => this.composition.active && this.reportComposed(this.composition.end())),
      editor.onDidChangeCursorPosition((e) => {
        this.queueCaret();
        if (this.muted > 0 || this.revertPending || !editor.hasTextFocus()) return;
        const b = this.index.blockAtLine(e.position.lineNumber);
        if (b >= 0) events.cursorInBlock(this, b);
      }),
      editor.onDidFocusEditorText(() => this.queueCaret()),
      editor.onDidScrollChange((e) => {
        if (!e.scrollTopChanged) return;
        this.decorations.follow();
        events.scrolled(this, e.scrollTop);
      }),
      editor.onDidLayoutChange((layout) => {
        this.decorations.follow();
        // Only a new width can rewrap lines; a taller or shorter pane needs no re-measuring (100,000 blocks: 0.2 s).
        if (layout.contentWidth === this.wrapWidth) return;
        this.wrapWidth = layout.contentWidth;
        events.layoutChanged();
      }),
      editor.onDidChangeConfiguration((e) => {
        if (e.hasChanged(monaco.editor.EditorOption.fontInfo) || e.hasChanged(monaco.editor.EditorOption.wrappingInfo)) {
          events.layoutChanged();
        }
      }),
    );
  }

  private onContentChanged(e: monaco.editor.IModelContentChangedEvent): void {
    if (this.muted > 0 || e.isFlush) return;
    if (this.revertPending) return; // cannot happen between an event and its microtask; be safe anyway
    const changes = e.changes.map((c) => ({ startLine: c.range.startLineNumber, endLine: c.range.endLineNumber, text: c.text }));
    const check = checkEdits(this.index, changes);
    if (check.kind === 'spanning') {
      // Paste or typing over a selection escapes the key guard: put the touched blocks' text back.
      // Reverting from inside the change event leaves Monaco's view (wrapping, zones) half-updated, so it
      // runs as a microtask: after this edit's events, before anything renders or the user types again.
      const top = e.changes.reduce((p, c) => (c.range.startLineNumber < p.startLineNumber ? c.range : p), e.changes[0].range);
      this.revertPending = true;
      queueMicrotask(() => {
        this.revertPending = false;
        if (!this.model.isDisposed()) this.revert(check.first, check.last, check.lineDelta, top.startLineNumber, top.startColumn);
      });
      return;
    }
    const blocks: number[] = [];
    for (const { block, delta } of check.deltas) {
      if (delta !== 0) this.index.setLineCount(block, this.index.lineCount(block) + delta);
      if (delta !== 0) this.refreshStripe(block);
      blocks.push(block);
    }
    // While composing, the model has letters the document must not see: keep `texts` and report at the end.
    if (this.composition.hold(blocks.map((b) => this.index.cueIds[b]))) {
      this.events.composing(this, blocks);
      return;
    }
    for (const block of blocks) this.texts[block] = this.readBlock(block);
    this.events.edited(this, blocks);
  }

  /** The composition ended: each block it touched is reported once, if its final text differs (Escape: none). */
  private reportComposed(cueIds: readonly string[]): void {
    if (this.model.isDisposed()) return;
    const blocks: number[] = [];
    for (const id of cueIds) {
      const block = this.index.indexOfCue(id);
      if (block < 0) continue;
      const text = this.readBlock(block);
      if (text === this.texts[block]) continue;
      this.texts[block] = text;
      blocks.push(block);
    }
    if (blocks.length > 0) this.events.edited(this, blocks);
  }

  private revert(first: number, last: number, lineDelta: number, caretLine: number, caretColumn: number): void {
    const start = this.index.startLine(first);
    const end = Math.min(this.model.getLineCount(), Math.max(start, this.index.endLine(last) + lineDelta));
    const range = new monaco.Range(start, 1, end, this.model.getLineMaxColumn(end));
    const text = this.texts.slice(first, last + 1).join('\n');
    this.muted++;
    try {
      this.editor.executeEdits('duosub.revert', [{ range, text }], [new monaco.Selection(caretLine, caretColumn, caretLine, caretColumn)]);
    } finally {
      this.muted--;
    }
    this.decorations.refresh();
    this.events.reverted(this, first, last);
  }

  private setReadOnly(readOnly: boolean): void {
    if (this.editor.getRawOptions().readOnly !== readOnly) this.editor.updateOptions({ readOnly });
  }

  private readBlock(block: number): string {
    const end = this.index.endLine(block);
    return this.model.getValueInRange(new monaco.Range(this.index.startLine(block), 1, end, this.model.getLineMaxColumn(end)));
  }
}
