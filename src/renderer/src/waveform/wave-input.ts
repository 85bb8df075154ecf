/**
 * What the pointer does on the waveform besides dragging regions: click modes for selection (a plain
 * click also seeks to where it landed), click-drag on empty waveform to insert a cue, right-click on a
 * region for its context menu, Ctrl+wheel to zoom.
 * Each installer returns its own teardown, like wavesurfer's `on()`.
 */
import type WaveSurfer from 'wavesurfer.js';
import type { Region } from 'wavesurfer.js/plugins/regions';
import type RegionsPlugin from 'wavesurfer.js/plugins/regions';
import type { SelectMode } from '../selection';
import type { AppSession } from '../session/app-session';
import type { Player } from '../playback/player';

type Regions = ReturnType<typeof RegionsPlugin.create>;

/** Id of the temporary region drawn while dragging out a new cue; never a cue id (those come from main). */
export const DRAFT_REGION_ID = '__duosub-draft';
/** A drag shorter than this is a slip of the mouse, not a cue. */
const MIN_INSERT_MS = 100;

/** Click = select one, Ctrl/Cmd+click = toggle, Shift+click = extend the range (the usual list conventions). */
export function selectModeOf(event: Pick<MouseEvent, 'ctrlKey' | 'metaKey' | 'shiftKey'>): SelectMode {
  if (event.shiftKey) return 'range';
  if (event.ctrlKey || event.metaKey) return 'toggle';
  return 'replace';
}

/** The timeline time under a pointer's x, in seconds (the wrapper spans the whole timeline, scrolled). */
export function timeAtClientX(ws: WaveSurfer, clientX: number): number {
  const rect = ws.getWrapper().getBoundingClientRect();
  const fraction = rect.width > 0 ? (clientX - rect.left) / rect.width : 0;
  return Math.max(0, Math.min(1, fraction)) * ws.getDuration();
}

/** Where a plain click on a region puts the playhead: where it landed, kept inside the region (its edges are 6 px handles). */
export function clickSeekSeconds(region: { start: number; end: number }, clickedSeconds: number): number {
  return Math.max(region.start, Math.min(region.end, clickedSeconds));
}

export function onRegionClick(ws: WaveSurfer, regions: Regions, player: Pick<Player, 'seek'>, session: AppSession): () => void {
  return regions.on('region-clicked', (region: Region, event: MouseEvent) => {
    event.stopPropagation();
    if (region.id === DRAFT_REGION_ID) return;
    const mode = selectModeOf(event);
    session.ui.select(region.id, { mode, reveal: true });
    // A plain click seeks to where it landed, so a split or F9/F10 can act inside the cue without playing;
    // extending a selection leaves the playhead where it is. (A drag ends without a click: the plugin eats it.)
    if (mode === 'replace') player.seek(clickSeekSeconds(region, timeAtClientX(ws, event.clientX)));
  });
}

/** The span a drag-selection region stands for, in integer ms; null when too short to be meant. */
export function draftSpan(startSec: number, endSec: number): { start: number; end: number } | null {
  const start = Math.max(0, Math.round(Math.min(startSec, endSec) * 1000));
  const end = Math.round(Math.max(startSec, endSec) * 1000);
  return end - start >= MIN_INSERT_MS ? { start, end } : null;
}

/** The Regions plugin starts a drag-selection region 5 px wide at the press point, so its end overshoots by that. */
const DRAFT_START_PX = 5;

/** Dragging on empty waveform draws a draft region; on release it becomes an `insert` command. */
export function onDragToInsert(ws: WaveSurfer, regions: Regions, session: AppSession): () => void {
  const disable = regions.enableDragSelection({ id: DRAFT_REGION_ID, color: 'rgba(47, 111, 219, 0.25)', drag: false, resize: false, minLength: 0 });
  const off = regions.on('region-created', (region: Region) => {
    if (region.id !== DRAFT_REGION_ID) return;
    const width = ws.getWrapper().scrollWidth;
    const overshoot = width > 0 ? (DRAFT_START_PX / width) * ws.getDuration() : 0;
    const span = draftSpan(region.start, Math.max(region.start, region.end - overshoot));
    // The plugin is still finishing this region's creation: drop it after, the cue's own region replaces it.
    queueMicrotask(() => region.remove());
    if (span) void session.doc.command({ kind: 'insert', ...span });
  });
  return () => {
    off();
    disable();
  };
}

export interface RegionMenuRequest {
  cueId: string;
  /** Where on the timeline the click landed, in ms. */
  timeMs: number;
  x: number;
  y: number;
}

/** The cue id of the region under a pointer event (regions live in wavesurfer's shadow DOM). */
function cueIdAt(event: Event): string | null {
  for (const node of event.composedPath()) {
    if (node instanceof HTMLElement && node.dataset.cueId) return node.dataset.cueId;
  }
  return null;
}

/** Right-click on a region: selects its cue unless it is already in the selection, then asks for the menu. */
export function onRegionMenu(container: HTMLElement, ws: WaveSurfer, open: (request: RegionMenuRequest) => void, session: AppSession): () => void {
  const onContextMenu = (event: MouseEvent) => {
    const cueId = cueIdAt(event);
    if (!cueId) return;
    event.preventDefault();
    if (!session.ui.getState().selectedCueIds.includes(cueId)) session.ui.select(cueId);
    const timeMs = Math.round(timeAtClientX(ws, event.clientX) * 1000);
    open({ cueId, timeMs, x: event.clientX, y: event.clientY });
  };
  container.addEventListener('contextmenu', onContextMenu);
  return () => container.removeEventListener('contextmenu', onContextMenu);
}

/** Follow playhead: wavesurfer keeps the playhead in view (centred) while playing; off leaves the view alone. */
export function followPlayhead(ws: WaveSurfer, session: AppSession): () => void {
  const { ui } = session;
  let on: boolean | null = null;
  const apply = () => {
    const next = ui.getState().followPlayhead;
    if (next === on) return;
    on = next;
    ws.setOptions({ autoScroll: next, autoCenter: next });
  };
  apply();
  return ui.subscribe(apply);
}

/** Ctrl (or Cmd) + wheel zooms around the current zoom level instead of scrolling the page. */
export function onCtrlWheel(container: HTMLElement, player: Pick<Player, 'getZoom' | 'setZoom'>): () => void {
  const onWheel = (event: WheelEvent) => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    player.setZoom(player.getZoom() * (event.deltaY < 0 ? 1.25 : 0.8));
  };
  container.addEventListener('wheel', onWheel, { passive: false });
  return () => container.removeEventListener('wheel', onWheel);
}
