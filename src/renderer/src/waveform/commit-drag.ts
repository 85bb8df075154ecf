/**
 * The end of a region drag or resize: snap the moved edges (to pauses and neighbouring cues, within
 * SNAP_PX on screen; Alt or Shift held at the drop turns snapping off), then one setTimes in integer ms
 * (one undo step); a refused edit snaps the region back.
 */
import type WaveSurfer from 'wavesurfer.js';
import type { Region } from 'wavesurfer.js/plugins/regions';
import type { Pause } from '../../../shared/pauses';
import type { AppSession } from '../session/app-session';
import type { RegionSync } from './region-sync';
import { snapCandidates, snapOptionsFor, snapSpan, snapToleranceMs } from './snap';

export interface DragContext {
  ws: WaveSurfer;
  sync: RegionSync;
  /** Pauses of the media (empty while peaks are still arriving, or without media). */
  getPauses(): readonly Pause[];
  /** True while Alt or Shift is held (see trackSnapModifier). */
  snapOff(): boolean;
  session: AppSession;
}

export function commitDrag(region: Region, side: 'start' | 'end' | undefined, ctx: DragContext): void {
  const { session } = ctx;
  const cues = session.doc.state()?.doc.cues ?? [];
  const cue = cues.find((c) => c.id === region.id);
  if (!cue) return; // The draft region of a drag-to-insert, or a cue deleted meanwhile.
  const start = Math.max(0, Math.round(region.start * 1000));
  let span = { start, end: Math.max(start, Math.round(region.end * 1000)) };
  if (!ctx.snapOff()) {
    const duration = ctx.ws.getDuration();
    const pxPerSecond = duration > 0 ? ctx.ws.getWrapper().scrollWidth / duration : 0;
    const options = snapOptionsFor(session.doc.state()!.doc, session.ui.getState().settings.customProfiles ?? []);
    const snapped = snapSpan(span, side, snapCandidates(ctx.getPauses(), cues, cue.id, options), snapToleranceMs(pxPerSecond));
    if (snapped.end <= duration * 1000) span = snapped;
  }
  if (cue.start !== span.start || cue.end !== span.end) {
    session.doc.applyLocal({ type: 'setTimes', cueId: region.id, start: span.start, end: span.end });
  }
  // Dragging one of several selected cues keeps the selection; dragging another selects it.
  if (!session.ui.getState().selectedCueIds.includes(region.id)) session.ui.select(region.id, true);
  // Moves the region to its cue's times: snapped, or back if the session refused the edit. A resize is still
  // "in progress" for the plugin during this event, so refresh once more after it.
  ctx.sync.refresh();
  ctx.sync.schedule();
}

/** Tracks whether Alt or Shift is held, from the pointer and key events (captured before the plugin's drop). */
export function trackSnapModifier(): { snapOff(): boolean; off(): void } {
  let held = false;
  const onEvent = (event: PointerEvent | KeyboardEvent) => {
    held = event.altKey || event.shiftKey;
  };
  const onBlur = () => {
    held = false;
  };
  const types = ['pointerdown', 'pointermove', 'pointerup', 'keydown', 'keyup'] as const;
  for (const type of types) window.addEventListener(type, onEvent, { capture: true });
  window.addEventListener('blur', onBlur);
  return {
    snapOff: () => held,
    off() {
      for (const type of types) window.removeEventListener(type, onEvent, { capture: true });
      window.removeEventListener('blur', onBlur);
    },
  };
}
