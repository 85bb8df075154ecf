/**
 * Keeps the Regions plugin showing the cues of the visible window (plus one viewport each side):
 * adds and removes the difference on scroll, zoom and document changes, moves regions when their cue
 * was retimed elsewhere (undo, another window), and never removes or moves the one being dragged.
 */
import type WaveSurfer from 'wavesurfer.js';
import type { Region, RegionParams } from 'wavesurfer.js/plugins/regions';
import type { Cue, Speaker } from '../../../shared/model';
import { frameTask } from '../frame-task';
import { markRegion, type QcMark } from '../qc/region-marks';
import { createRegionLabel, markPinned, renderRegionLabel } from './region-label';
import { buildCueIndex, cuesInWindow, type CueIndex } from '../timeline/cue-index';
import { regionDiff, regionWindow } from './visible-cues';

export interface RegionView {
  cues: Cue[];
  speakers: Speaker[];
  /** The primary selected cue: it is scrolled into view when the selection changes. */
  selectedCueId: string | null;
  /** Every selected cue: all of them are highlighted. */
  selectedCueIds: readonly string[];
  /** QC markers: the worst problem per cue (cues without one are absent). */
  marks?: ReadonlyMap<string, QcMark>;
  /** The language whose text regions show (the document's first); none: numbers only. */
  lang?: string;
}

interface RegionsApi {
  addRegion(params: RegionParams): Region;
}

export interface RegionSyncOptions {
  ws: WaveSurfer;
  regions: RegionsApi;
  /** Reads the current document and selection (synchronously, from the session). */
  getView(): RegionView;
  /** Called after every refresh with the number of regions the plugin holds. */
  onCount(count: number): void;
  /** Told after every refresh whether the window held too many cues to show as regions (zoomed far out). */
  onCapped?(capped: boolean): void;
}

const NO_SPEAKER = '#8a8f98';
/**
 * Past this many cues in the window, none is shown as a region: each would be a few pixels wide, too thin to
 * drag, and the plugin's cost grows with the square of its regions (1,000 take 1.1 s to add and 0.24 s after
 * each drag, FINDINGS-waveform-regions.md). The reading-speed strip below still draws every cue.
 */
export const MAX_REGIONS = 400;

export class RegionSync {
  private readonly shown = new Map<string, Region>();
  private indexedCues: Cue[] | null = null;
  private index: CueIndex = buildCueIndex([]);
  private numbers = new Map<string, number>();
  private lastSelected: string | null = null;
  private readonly frame = frameTask(() => this.refresh());

  constructor(private readonly options: RegionSyncOptions) {}

  /** Refreshes on the next animation frame; scroll fires several times per frame. */
  schedule(): void {
    this.frame.schedule();
  }

  refresh(): void {
    const { ws } = this.options;
    const duration = ws.getDuration();
    if (!duration) return;
    const view = this.options.getView();
    this.reindex(view.cues);
    const visible = this.visibleMs(duration);
    const { fromMs, toMs } = regionWindow(visible.fromMs, visible.toMs);
    const inWindow = cuesInWindow(this.index, fromMs, toMs).map((c) => this.latest(c));
    const capped = inWindow.length > MAX_REGIONS;
    const wanted = capped ? [] : inWindow;
    const pinned = new Set([...this.shown].filter(([, r]) => isBusy(r)).map(([id]) => id));
    const { add, remove } = regionDiff(this.shown.keys(), wanted.map((c) => c.id), pinned);
    for (const id of remove) {
      this.shown.get(id)?.remove();
      this.shown.delete(id);
    }
    const addSet = new Set(add);
    const colors = speakerColors(view.speakers);
    const selectedIds = new Set(view.selectedCueIds);
    const pxPerSec = (ws.getWrapper().scrollWidth || ws.getWidth()) / duration;
    for (const cue of wanted) {
      const selected = selectedIds.has(cue.id) || cue.id === view.selectedCueId;
      if (addSet.has(cue.id)) this.add(cue, colors, selected, duration);
      else this.update(cue, colors, selected, duration);
      const region = this.shown.get(cue.id);
      markRegion(region?.element, view.marks?.get(cue.id));
      this.label(region, cue, view.lang, pxPerSec);
    }
    this.revealSelection(view, visible, duration);
    this.options.onCount(this.shown.size);
    this.options.onCapped?.(capped);
  }

  destroy(): void {
    this.frame.cancel();
    for (const region of this.shown.values()) region.remove();
    this.shown.clear();
  }

  private reindex(cues: Cue[]): void {
    if (cues === this.indexedCues) return;
    // Typing replaces the cue list but moves nothing: keep the index when no region would change.
    const same = this.indexedCues !== null && sameRegions(this.indexedCues, cues);
    this.indexedCues = cues;
    if (same) return;
    this.index = buildCueIndex(cues);
    this.numbers = new Map(cues.map((c, i) => [c.id, i + 1]));
    // A cue that no longer exists (another window deleted it) must not keep its region.
    for (const [id, region] of this.shown) {
      if (!this.numbers.has(id) && !isBusy(region)) {
        region.remove();
        this.shown.delete(id);
      }
    }
  }

  /**
   * The current object of an indexed cue: a text or pin edit keeps the index (same ids, order and times) but
   * replaces the cue, and the region shows its text and pin. O(1): same ids in the same order, same numbers.
   */
  private latest(cue: Cue): Cue {
    const at = this.indexedCues?.[(this.numbers.get(cue.id) ?? 0) - 1];
    return at?.id === cue.id ? at : cue;
  }

  /** The visible time span in ms, from the scroll position and the full width of the waveform. */
  private visibleMs(duration: number): { fromMs: number; toMs: number } {
    const { ws } = this.options;
    const total = ws.getWrapper().scrollWidth || ws.getWidth() || 1;
    const scroll = ws.getScroll();
    const width = ws.getWidth();
    return { fromMs: (scroll / total) * duration * 1000, toMs: ((scroll + width) / total) * duration * 1000 };
  }

  private add(cue: Cue, colors: Map<string, string>, selected: boolean, duration: number): void {
    const region = this.options.regions.addRegion({
      id: cue.id,
      start: cue.start / 1000,
      end: Math.min(cue.end / 1000, duration),
      color: regionColor(colors, cue, selected),
      content: createRegionLabel(),
      drag: true,
      resize: true,
      minLength: 0.05,
    });
    region.element?.setAttribute('data-cue-id', cue.id);
    markSelected(region, selected, colors, cue);
    this.shown.set(cue.id, region);
  }

  private update(cue: Cue, colors: Map<string, string>, selected: boolean, duration: number): void {
    const region = this.shown.get(cue.id);
    if (!region || isBusy(region)) return;
    const start = cue.start / 1000;
    const end = Math.min(cue.end / 1000, duration);
    const patch: Parameters<Region['setOptions']>[0] = {};
    if (Math.abs(region.start - start) > 0.0005 || Math.abs(region.end - end) > 0.0005) {
      patch.start = start;
      patch.end = end;
    }
    const color = regionColor(colors, cue, selected);
    if (color !== region.color) patch.color = color;
    if (Object.keys(patch).length) region.setOptions(patch);
    markSelected(region, selected, colors, cue);
  }

  /** Number, text and pin inside the region, and the pin band on it; a dragged region keeps its label. */
  private label(region: Region | undefined, cue: Cue, lang: string | undefined, pxPerSec: number): void {
    if (!region?.content) return;
    const widthPx = (region.end - region.start) * pxPerSec;
    const number = String(this.numbers.get(cue.id) ?? '');
    renderRegionLabel(region.content, { number, text: lang ? (cue.text[lang] ?? '') : '', pinned: cue.pinned === true, widthPx });
    markPinned(region.element, cue.pinned === true);
  }

  /** A cue selected elsewhere (the panes) scrolls into view when it is off-screen. */
  private revealSelection(view: RegionView, visible: { fromMs: number; toMs: number }, duration: number): void {
    const id = view.selectedCueId;
    if (id === this.lastSelected) return;
    this.lastSelected = id;
    const cue = id ? view.cues.find((c) => c.id === id) : undefined;
    if (!cue || (cue.start >= visible.fromMs && cue.end <= visible.toMs)) return;
    const span = visible.toMs - visible.fromMs;
    const target = Math.max(0, cue.start - span * 0.2) / 1000;
    this.options.ws.setScrollTime(Math.min(target, duration));
    this.schedule();
  }
}

/** A region the user is dragging or resizing right now. */
function isBusy(region: Region): boolean {
  return region.isDragging || region.updatingSide !== undefined;
}

function speakerColors(speakers: Speaker[]): Map<string, string> {
  return new Map(speakers.map((s) => [s.id, s.color]));
}

function regionColor(colors: Map<string, string>, cue: Cue, selected: boolean): string {
  const base = (cue.speaker && colors.get(cue.speaker)) || NO_SPEAKER;
  return withAlpha(base, selected ? 0.55 : 0.22);
}

/** Outlines a selected region in its speaker's colour; re-run on every refresh so a recolour shows at once. */
function markSelected(region: Region, selected: boolean, colors: Map<string, string>, cue: Cue): void {
  const el = region.element;
  if (!el) return;
  if (el.getAttribute('data-selected') !== String(selected)) el.setAttribute('data-selected', String(selected));
  const shadow = selected ? `inset 0 0 0 2px ${withAlpha((cue.speaker && colors.get(cue.speaker)) || NO_SPEAKER, 1)}` : '';
  if (el.dataset.outline !== shadow) {
    el.dataset.outline = shadow;
    el.style.boxShadow = shadow;
    el.style.zIndex = selected ? '3' : '';
  }
  const speaker = cue.speaker ?? '';
  if (el.getAttribute('data-speaker') !== speaker) el.setAttribute('data-speaker', speaker);
}

/** `#rrggbb` (or `#rgb`) plus an alpha, as rgba(); other CSS colours pass through unchanged. */
export function withAlpha(color: string, alpha: number): string {
  let hex = color.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = [...hex].map((c) => c + c).join('');
  if (!/^[0-9a-f]{6}$/i.test(hex)) return color;
  const n = parseInt(hex, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Same cues in the same order with the same times and speakers: what the index holds (text and pins are redrawn anyway). */
function sameRegions(a: readonly Cue[], b: readonly Cue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && (x.id !== y.id || x.start !== y.start || x.end !== y.end || x.speaker !== y.speaker)) return false;
  }
  return true;
}
