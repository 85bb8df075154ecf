/**
 * The padding view zones of one pane: a zone after a block only where that block is shorter than the
 * same cue's block in another pane. Monaco walks every zone on every frame that touches one, so blocks of
 * equal height (most of them) get none; the separator between blocks is a decoration (block-decorations).
 */
import type { monaco } from './monaco-setup';
import type { BlockIndex } from './block-index';
import { zoneOp, type ZoneOp } from './pane-plans';

interface Zone {
  id: string;
  view: monaco.editor.IViewZone;
  /** The block this zone follows; renumbered when blocks are inserted or removed above it. */
  block: number;
}

export class BlockZones {
  /** Sparse: `zones[b]` is the zone after block b, if it needs one. */
  private zones: (Zone | undefined)[] = [];
  private count = 0;

  constructor(
    private readonly editor: monaco.editor.ICodeEditor,
    private readonly index: () => BlockIndex,
  ) {}

  /** Number of zones (for tests and diagnostics). */
  get size(): number {
    return this.count;
  }

  /** Padding currently below a block (0 without a zone). */
  heightAfter(block: number): number {
    return this.zones[block]?.view.heightInPx ?? 0;
  }

  /**
   * Gives each listed block (every block when `blocks` is null) `padOf(block)` px of padding, in one
   * `changeViewZones`; no call at all when nothing changes. `always` re-lays out existing zones of listed
   * blocks even at the same height (re-reads their anchor after an edit).
   */
  apply(blocks: readonly number[] | null, padOf: (block: number) => number, always = blocks !== null): void {
    const ops: [number, ZoneOp, number][] = [];
    const visit = (b: number): void => {
      const pad = Math.max(0, Math.round(padOf(b)));
      const op = zoneOp(this.zones[b]?.view.heightInPx ?? null, pad, always);
      if (op !== 'none') ops.push([b, op, pad]);
    };
    if (blocks) for (const b of blocks) visit(b);
    else for (let b = 0, n = this.index().size; b < n; b++) visit(b);
    if (ops.length === 0) return;
    // Dense, so later splices and scans stay on V8's fast path (holes would turn it into a dictionary).
    for (let n = this.index().size; this.zones.length < n; ) this.zones.push(undefined);
    this.editor.changeViewZones((acc) => {
      for (const [b, op, pad] of ops) {
        const zone = this.zones[b];
        if (op === 'add') this.zones[b] = this.create(acc, b, pad);
        else if (op === 'remove' && zone) {
          acc.removeZone(zone.id);
          this.zones[b] = undefined;
          this.count--;
        } else if (op === 'layout' && zone) {
          zone.view.heightInPx = pad;
          acc.layoutZone(zone.id);
        }
      }
    });
  }

  /**
   * Re-reads the anchors of these blocks' zones (skipped when none of them has one). An edit can leave a
   * zone inside a (wrapped) block line, where it would count towards that block's measured height.
   */
  reanchor(blocks: readonly number[]): void {
    const ids: string[] = [];
    for (const b of blocks) {
      const zone = this.zones[b];
      if (zone) ids.push(zone.id);
    }
    if (ids.length === 0) return;
    this.editor.changeViewZones((acc) => {
      for (const id of ids) acc.layoutZone(id);
    });
  }

  /** Removes the zones of blocks `at … at+count-1` (before those blocks are replaced). */
  removeBlocks(at: number, count: number): void {
    this.removeRange(at, count);
  }

  /** Blocks `at … at+removed-1` were replaced by `inserted` blocks: their zones go, the ones below renumber. */
  splice(at: number, removed: number, inserted: number): void {
    this.removeRange(at, removed);
    this.zones.splice(at, removed, ...new Array<Zone | undefined>(inserted));
    if (inserted !== removed) {
      for (let b = at + inserted; b < this.zones.length; b++) {
        const z = this.zones[b];
        if (z) z.block = b;
      }
    }
  }

  clear(): void {
    this.removeRange(0, this.zones.length);
    this.zones = [];
  }

  private removeRange(at: number, count: number): void {
    const ids: string[] = [];
    for (let b = at; b < at + count && b < this.zones.length; b++) {
      const zone = this.zones[b];
      if (zone) ids.push(zone.id);
      this.zones[b] = undefined;
    }
    if (ids.length === 0) return;
    this.count -= ids.length;
    this.editor.changeViewZones((acc) => {
      for (const id of ids) acc.removeZone(id);
    });
  }

  private create(acc: monaco.editor.IViewZoneChangeAccessor, block: number, height: number): Zone {
    const index = this.index;
    const domNode = document.createElement('div');
    domNode.className = 'duosub-block-padding';
    const zone: Zone = { id: '', view: undefined as unknown as monaco.editor.IViewZone, block };
    // Monaco re-reads afterLineNumber from this object whenever wrapping changes; a getter over the
    // block index keeps it right after edits that Monaco's own zone tracking gets wrong (FINDINGS 1–2).
    zone.view = {
      get afterLineNumber() {
        return zone.block < index().size ? index().endLine(zone.block) : 0;
      },
      heightInPx: height,
      domNode,
      suppressMouseDown: true,
    };
    zone.id = acc.addZone(zone.view);
    this.count++;
    return zone;
  }
}
