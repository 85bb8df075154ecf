/**
 * The waveform pane: wavesurfer drawing main's precomputed peaks (never decoding audio here), our own
 * media element for playback, and one region per cue of the visible window (RegionSync). Dragging a
 * region retimes its cue through the store, one undo step per drag; clicks select (Ctrl/Shift for many),
 * dragging on empty waveform inserts a cue, right-click opens the cue menu (wave-input.ts).
 */
import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/plugins/regions';
import { documentDuration } from '../../../shared/model';
import { getBridge } from '../bridge';
import { CpsStrip } from '../qc/cps-strip';
import { getQcLive } from '../qc/qc-live';
import { getStore, useStore } from '../store';
import { flatPeaks, peaksToChannels, timelineSeconds, type WavePeaks } from './peaks';
import { getZoom, notifyPlayer, onSeek, setActiveWave, setZoom } from './player';
import { RegionMenu } from './RegionMenu';
import { RegionSync, type RegionView } from './region-sync';
import { followPlayhead, onDragToInsert, onRegionClick, onRegionMenu, type RegionMenuRequest } from './wave-input';

declare global {
  interface Window {
    /** Read-only test hook: the live wavesurfer instance and its regions plugin. */
    __duosubWave?: { ws: WaveSurfer; regions: ReturnType<typeof RegionsPlugin.create> };
  }
}

interface Timeline {
  peaks: WavePeaks;
  /** URL of the media to play, or null for a silent timeline. */
  mediaUrl: string | null;
  silent: boolean;
}

async function loadTimeline(docId: string, mediaToken: string | null): Promise<Timeline> {
  const bridge = getBridge();
  const state = getStore().getState().docState;
  const docSeconds = timelineSeconds(state ? documentDuration(state.doc) : 0);
  if (!mediaToken) return { peaks: flatPeaks(docSeconds), mediaUrl: null, silent: true };
  const mediaUrl = bridge.mediaUrl(mediaToken);
  try {
    const peaks = await bridge.api['media.peaks']({ docId });
    if (peaks && peaks.data.length >= 2) return { peaks: peaksToChannels(peaks), mediaUrl, silent: false };
  } catch (error) {
    getStore().setStatus(`Could not read the waveform: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
  const mediaSeconds = (state?.media?.duration ?? 0) / 1000;
  return { peaks: flatPeaks(Math.max(mediaSeconds, docSeconds)), mediaUrl, silent: true };
}

/** Creates wavesurfer, its regions, the reading-speed strip (on `stripCanvas`) and their wiring in `container`; returns the teardown. */
function mountWave(
  container: HTMLElement,
  stripCanvas: HTMLCanvasElement,
  timeline: Timeline,
  openMenu: (request: RegionMenuRequest) => void,
): () => void {
  const store = getStore();
  const qc = getQcLive();
  let media: HTMLAudioElement | undefined;
  if (timeline.mediaUrl) {
    media = document.createElement('audio');
    media.preload = 'auto';
    media.src = timeline.mediaUrl;
  }
  const regions = RegionsPlugin.create();
  const ws = WaveSurfer.create({
    container,
    height: 120,
    peaks: timeline.peaks.channels,
    duration: timeline.peaks.duration,
    media,
    normalize: !timeline.silent,
    minPxPerSec: getZoom(),
    waveColor: '#7d8aa3',
    progressColor: '#4a5a78',
    cursorColor: '#e15759',
    cursorWidth: 2,
    autoScroll: true,
    autoCenter: false,
    dragToSeek: false,
    plugins: [regions],
  });

  const getView = (): RegionView => {
    const s = store.getState();
    return {
      cues: s.docState?.doc.cues ?? [],
      speakers: s.docState?.doc.speakers ?? [],
      selectedCueId: s.selectedCueId,
      selectedCueIds: s.selectedCueIds,
      marks: qc.getSnapshot().marks,
    };
  };
  const sync = new RegionSync({
    ws,
    regions,
    getView,
    onCount: (count) => container.setAttribute('data-region-count', String(count)),
  });
  const strip = new CpsStrip({
    ws,
    canvas: stripCanvas,
    getCues: () => store.getState().docState?.doc.cues ?? [],
    getProfiles: () => qc.getSnapshot().profiles,
  });
  const redraw = () => {
    sync.schedule();
    strip.schedule();
  };

  const offs: Array<() => void> = [
    ws.on('ready', (seconds) => {
      container.setAttribute('data-duration-ms', String(Math.round(seconds * 1000)));
      sync.refresh();
      strip.schedule();
    }),
    ws.on('scroll', redraw),
    ws.on('zoom', redraw),
    ws.on('resize', redraw),
    ws.on('timeupdate', (t) => store.setCurrentTime(t)),
    // The playhead moves when a seek is asked for, not when it lands: a key pressed right after acts from there.
    onSeek((t) => store.setCurrentTime(t)),
    ws.on('play', notifyPlayer),
    ws.on('pause', notifyPlayer),
    ws.on('finish', notifyPlayer),
    onRegionClick(regions),
    onDragToInsert(ws, regions),
    onRegionMenu(container, ws, openMenu),
    followPlayhead(ws),
    regions.on('region-updated', (region: Region) => commitDrag(region, sync)),
    subscribeView(getView, () => {
      sync.refresh();
      strip.schedule();
    }),
    // New QC results (a frame after an edit, or another profile): markers and strip colours follow.
    qc.subscribe(redraw),
    onCtrlWheel(container),
  ];
  setActiveWave(ws);
  store.setCurrentTime(0);
  window.__duosubWave = { ws, regions };

  return () => {
    offs.forEach((off) => off());
    sync.destroy();
    strip.destroy();
    setActiveWave(null);
    if (window.__duosubWave?.ws === ws) delete window.__duosubWave;
    ws.destroy();
    media?.pause();
    media?.removeAttribute('src');
    container.removeAttribute('data-region-count');
    container.removeAttribute('data-duration-ms');
  };
}

/** The end of a drag or resize: one setTimes in integer ms (one undo step); refused edits snap back. */
function commitDrag(region: Region, sync: RegionSync): void {
  const store = getStore();
  const cue = store.getState().docState?.doc.cues.find((c) => c.id === region.id);
  if (!cue) return; // The draft region of a drag-to-insert, or a cue deleted meanwhile.
  const start = Math.max(0, Math.round(region.start * 1000));
  const end = Math.max(start, Math.round(region.end * 1000));
  if (cue && (cue.start !== start || cue.end !== end)) {
    store.applyLocal({ type: 'setTimes', cueId: region.id, start, end });
  }
  // Dragging one of several selected cues keeps the selection; dragging another selects it.
  if (!store.getState().selectedCueIds.includes(region.id)) store.select(region.id, true);
  // Moves the region back if the store refused the edit (its document did not change).
  sync.refresh();
}

/** Calls `onChange` when the cues, speakers or selection change (not on playback ticks). */
function subscribeView(getView: () => RegionView, onChange: () => void): () => void {
  let last = getView();
  return getStore().subscribe(() => {
    const next = getView();
    if (
      next.cues === last.cues &&
      next.speakers === last.speakers &&
      next.selectedCueId === last.selectedCueId &&
      next.selectedCueIds === last.selectedCueIds
    ) return;
    last = next;
    onChange();
  });
}

/** Ctrl (or Cmd) + wheel zooms around the current zoom level instead of scrolling the page. */
function onCtrlWheel(container: HTMLElement): () => void {
  const onWheel = (event: WheelEvent) => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    setZoom(getZoom() * (event.deltaY < 0 ? 1.25 : 0.8));
  };
  container.addEventListener('wheel', onWheel, { passive: false });
  return () => container.removeEventListener('wheel', onWheel);
}

export function Waveform() {
  const containerRef = useRef<HTMLDivElement>(null);
  const stripRef = useRef<HTMLCanvasElement>(null);
  const docId = useStore((s) => s.docState?.docId ?? null);
  const mediaToken = useStore((s) => s.docState?.media?.token ?? null);
  const [loading, setLoading] = useState(false);
  const [menu, setMenu] = useState<RegionMenuRequest | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    const strip = stripRef.current;
    if (!docId || !container || !strip) return;
    let teardown: (() => void) | null = null;
    let cancelled = false;
    // Main decodes the whole file once (ffmpeg) before it has peaks: say so rather than show nothing.
    setLoading(mediaToken !== null);
    void loadTimeline(docId, mediaToken).then((timeline) => {
      if (cancelled) return;
      setLoading(false);
      teardown = mountWave(container, strip, timeline, setMenu);
    });
    return () => {
      cancelled = true;
      setMenu(null);
      teardown?.();
    };
  }, [docId, mediaToken]);

  return (
    <div className="waveform-pane">
      <div className="waveform" ref={containerRef} data-testid="waveform" />
      <canvas
        className="qc-strip"
        ref={stripRef}
        data-testid="qc-strip"
        title="Reading speed: green under the limit, amber near it, red over it"
        style={{ display: 'block', width: '100%', height: 6 }}
      />
      {loading && <div className="waveform-loading">Reading the waveform…</div>}
      {menu && <RegionMenu request={menu} onClose={() => setMenu(null)} />}
    </div>
  );
}
