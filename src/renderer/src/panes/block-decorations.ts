/**
 * Per-block decorations of one pane (the speaker stripe and the separator hairline at a block's top),
 * only for the blocks around the viewport. Monaco walks every decoration of a model on each edit
 * (glyph-margin lanes), so decorating all 5,000 blocks costs every keystroke; a window of a few hundred
 * follows the scroll position instead. Updates reconcile per cue: only blocks whose class or lines no
 * longer match are redecorated (re-setting a few hundred decorations costs 1–5 ms).
 */
import { monaco } from './monaco-setup';
import type { BlockIndex } from './block-index';
import { nextWindow, type BlockWindow } from './pane-plans';

export interface DecorationLook {
  stripeClass(block: number): string;
}

/** The decorations of one cue's block: the stripe, then the hairline (none for the first block). */
interface Entry {
  ids: string[];
  stripeClass: string;
}

export class BlockDecorations {
  private window: BlockWindow | null = null;
  private entries = new Map<string, Entry>();

  constructor(
    private readonly editor: monaco.editor.ICodeEditor,
    private readonly index: () => BlockIndex,
    private readonly look: DecorationLook,
  ) {}

  /** Follows the viewport: decorates new blocks when it nears the decorated window's edge. */
  follow(): void {
    this.update(false, 0, -1);
  }

  /** Checks every decorated block against its lines and speaker (a new model, speakers, a revert). */
  refresh(): void {
    this.update(true, 0, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Blocks `from … to` changed lines (an edit, a splice): re-check those; elsewhere Monaco moved the
   * decorations with the text, so only speaker classes are compared.
   */
  refreshBlocks(from: number, to: number): void {
    this.update(true, from, to);
  }

  clear(): void {
    this.window = null;
    const old = [...this.entries.values()].flatMap((e) => e.ids);
    this.entries.clear();
    this.editor.getModel()?.deltaDecorations(old, []);
  }

  private update(force: boolean, dirtyFrom: number, dirtyTo: number): void {
    const index = this.index();
    const model = this.editor.getModel();
    if (!model) return;
    const [visFirst, visLast] = this.visibleBlocks(index);
    const next = nextWindow(force ? null : this.window, visFirst, visLast, index.size);
    if (!next) return;
    this.window = next;
    const kept = new Map<string, Entry>();
    const stale: string[] = [];
    const fresh: { cueId: string; stripeClass: string; decos: monaco.editor.IModelDeltaDecoration[] }[] = [];
    for (let b = next.first; b <= next.last; b++) {
      const cueId = index.cueIds[b];
      const stripeClass = this.look.stripeClass(b);
      const entry = this.entries.get(cueId);
      const dirty = b >= dirtyFrom && b <= dirtyTo;
      if (entry && entry.stripeClass === stripeClass && (!dirty || this.matches(model, entry, b))) {
        kept.set(cueId, entry);
        this.entries.delete(cueId);
        continue;
      }
      fresh.push({ cueId, stripeClass, decos: this.blockDecorations(b, stripeClass) });
    }
    for (const entry of this.entries.values()) stale.push(...entry.ids);
    const ids = model.deltaDecorations(stale, fresh.flatMap((f) => f.decos));
    let k = 0;
    for (const f of fresh) {
      kept.set(f.cueId, { ids: ids.slice(k, k + f.decos.length), stripeClass: f.stripeClass });
      k += f.decos.length;
    }
    this.entries = kept;
  }

  /** Whether a block's decorations still sit on its lines (edits move them; a new first line needs a redo). */
  private matches(model: monaco.editor.ITextModel, entry: Entry, block: number): boolean {
    const index = this.index();
    const start = index.startLine(block);
    if (entry.ids.length !== (block === 0 ? 1 : 2)) return false;
    const stripe = model.getDecorationRange(entry.ids[0]);
    if (!stripe || stripe.startLineNumber !== start || stripe.endLineNumber !== index.endLine(block)) return false;
    if (block === 0) return true;
    const top = model.getDecorationRange(entry.ids[1]);
    return top !== null && top.startLineNumber === start && top.endLineNumber === start;
  }

  private visibleBlocks(index: BlockIndex): [number, number] {
    const size = index.size;
    const ranges = this.editor.getVisibleRanges();
    if (ranges.length === 0 || size === 0) return [0, Math.min(size - 1, 60)];
    const first = index.blockAtLine(ranges[0].startLineNumber);
    const last = index.blockAtLine(ranges[ranges.length - 1].endLineNumber);
    return [Math.max(0, first), last < 0 ? size - 1 : last];
  }

  private blockDecorations(block: number, stripeClass: string): monaco.editor.IModelDeltaDecoration[] {
    const index = this.index();
    const start = index.startLine(block);
    const stickiness = monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges;
    const stripe = {
      range: new monaco.Range(start, 1, index.endLine(block), 1),
      options: { isWholeLine: true, linesDecorationsClassName: `duosub-stripe ${stripeClass}`, stickiness },
    };
    if (block === 0) return [stripe];
    // The hairline between blocks: an overlay on the first character of the block's first line only (a
    // whole-line decoration would repeat on every wrapped row); CSS stretches it across the line.
    const top = { range: new monaco.Range(start, 1, start, 2), options: { className: 'duosub-block-top', showIfCollapsed: true, stickiness } };
    return [stripe, top];
  }
}
