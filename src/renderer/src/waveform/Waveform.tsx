/**
 * The waveform pane: wavesurfer drawing main's precomputed peaks (never decoding audio here) as they
 * arrive (peaks-stream.ts, with a progress bar and Cancel), our own media element for playback (the
 * video of the preview panel when there is video), and one region per cue of the visible window
 * (RegionSync). Dragging a region retimes its cue through the session, snapped to pauses and neighbouring
 * cues, one undo step per drag (commit-drag.ts) with a live readout of its times (drag-readout.ts); clicks
 * select and seek to the clicked time (Ctrl/Shift for many), dragging on empty waveform inserts a cue,
 * right-click opens the cue menu (wave-input.ts). A time ruler runs above it (time-ruler.ts).
 */
import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/plugins/regions';
import type { MediaInfo } from '../../../shared/api';
import { documentDuration } from '../../../shared/model';
import { DisposableStore } from '../../../shared/lifecycle';
import { findPauses, type Pause } from '../../../shared/pauses';
import { useServices, type AppServices } from '../app-services';
import { getBridge } from '../bridge';
import { CpsStrip } from '../qc/cps-strip';
import type { AppSession } from '../session/app-session';
import { useDoc, useSession } from '../session/context';
import { VideoPreview } from '../video/VideoPreview';
import { commitDrag, trackSnapModifier } from './commit-drag';
import { showDragReadout } from './drag-readout';
import { flatPeaks, timelineSeconds, type WavePeaks } from './peaks';
import { streamPeaks } from './peaks-stream';
import { createMediaElement, switchSource } from '../playback/player';
import type { ProgressivePeaks } from './progressive-peaks';
import { throttle } from './progressive-peaks';
import { RegionMenu } from './RegionMenu';
import { RegionSync, type RegionView } from './region-sync';
import './ruler.css';
import { exposeForTests } from '../test-hooks';
import { TimeRuler } from './time-ruler';
import { followPlayhead, onCtrlWheel, onDragToInsert, onRegionClick, onRegionMenu, type RegionMenuRequest } from './wave-input';

interface Timeline {
  peaks: WavePeaks;
  /** The element to play, or null for a silent timeline. */
  media: HTMLMediaElement | null;
  silent: boolean;
  /** Pauses of the media for snapping (empty until the peaks are complete). */
  getPauses(): readonly Pause[];
}

/** A timeline without peaks: the document's length (or the media's), flat, so cues can still be dragged. */
function flatTimeline(media: HTMLMediaElement | null, session: AppSession): Timeline {
  const state = session.doc.state();
  const docSeconds = timelineSeconds(state ? documentDuration(state.doc) : 0);
  const mediaSeconds = (state?.media?.duration ?? 0) / 1000;
  return { peaks: flatPeaks(Math.max(mediaSeconds, docSeconds)), media, silent: true, getPauses: () => [] };
}

/** Pauses of a complete buffer, found once on the first drop that needs them. */
function pausesOf(buffer: ProgressivePeaks, isComplete: () => boolean): () => readonly Pause[] {
  let pauses: Pause[] | null = null;
  return () => {
    if (!isComplete()) return [];
    pauses ??= findPauses((i) => buffer.amplitude(i), buffer.filled, buffer.peaksPerSecond);
    return pauses;
  };
}

interface MountedWave {
  /** Redraws the peaks (their arrays were filled in place); the regions stay. */
  redraw(): void;
  teardown(): void;
}

/** Elements React owns around the waveform: the reading-speed strip's canvas and the time ruler's box. */
interface PaneElements {
  strip: HTMLCanvasElement;
  ruler: HTMLElement;
}

/** The window's services the waveform plays through and marks from. */
type WaveServices = Pick<AppServices, 'player' | 'qc'> & { session: AppSession };

/** Creates wavesurfer, its regions, the reading-speed strip, the ruler and their wiring in `container`. */
function mountWave(
  container: HTMLElement,
  elements: PaneElements,
  timeline: Timeline,
  openMenu: (request: RegionMenuRequest) => void,
  { player, qc, session }: WaveServices,
): MountedWave {
  const media = timeline.media ?? undefined;
  const modifier = trackSnapModifier();
  const regions = RegionsPlugin.create();
  const duration = timeline.peaks.duration;
  const ws = WaveSurfer.create({
    container,
    height: 120,
    peaks: timeline.peaks.channels,
    duration,
    media,
    normalize: !timeline.silent,
    minPxPerSec: player.getZoom(),
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
    const d = session.doc.state();
    const s = session.ui.getState();
    return {
      cues: d?.doc.cues ?? [],
      speakers: d?.doc.speakers ?? [],
      selectedCueId: s.selectedCueId,
      selectedCueIds: s.selectedCueIds,
      marks: qc.getSnapshot().marks,
      lang: d?.doc.languages[0]?.code,
    };
  };
  const sync = new RegionSync({
    ws,
    regions,
    getView,
    onCount: (count) => container.setAttribute('data-region-count', String(count)),
    onCapped: (capped) => container.toggleAttribute('data-zoomed-out', capped),
  });
  const strip = new CpsStrip({
    ws,
    canvas: elements.strip,
    getCues: () => session.doc.state()?.doc.cues ?? [],
    getProfiles: () => qc.getSnapshot().profiles,
  });
  const ruler = new TimeRuler(ws, elements.ruler, player, session);
  const reposition = () => {
    sync.schedule();
    strip.schedule();
    ruler.schedule();
  };

  const owned = new DisposableStore();
  for (const off of [
    ws.on('ready', (seconds) => {
      container.setAttribute('data-duration-ms', String(Math.round(seconds * 1000)));
      sync.refresh();
      strip.schedule();
      ruler.schedule();
    }),
    ws.on('scroll', reposition),
    ws.on('zoom', reposition),
    ws.on('resize', () => {
      player.setFitZoom(container.clientWidth / duration);
      reposition();
    }),
    ws.on('timeupdate', (t) => session.ui.setCurrentTime(t)),
    // The playhead moves when a seek is asked for, not when it lands: a key pressed right after acts from there.
    player.onSeek((t) => session.ui.setCurrentTime(t)),
    ws.on('play', player.notify),
    ws.on('pause', player.notify),
    ws.on('finish', player.notify),
    onRegionClick(ws, regions, player, session),
    showDragReadout(container.parentElement ?? container, ws, regions, session),
    onDragToInsert(ws, regions, session),
    onRegionMenu(container, ws, openMenu, session),
    followPlayhead(ws, session),
    regions.on('region-updated', (region: Region, side?: 'start' | 'end') =>
      commitDrag(region, side, { ws, sync, getPauses: timeline.getPauses, snapOff: modifier.snapOff, session }),
    ),
    modifier.off,
    subscribeView(session, getView, () => {
      sync.refresh();
      strip.schedule();
    }),
    // New QC results (a frame after an edit, or another profile): markers and strip colours follow.
    qc.subscribe(reposition),
    onCtrlWheel(container, player),
  ]) owned.addFn(off);
  player.setActiveWave(ws);
  player.setFitZoom(container.clientWidth / duration);
  session.ui.setCurrentTime(0);
  // Read-only test hook (test build only): the live wavesurfer instance and its regions plugin.
  owned.addFn(exposeForTests('__duosubWave', () => ({ ws, regions })));

  // setOptions re-renders from the same arrays wavesurfer was given (a new load would reset the media element).
  const redraw = () => ws.setOptions({});
  const teardown = () => {
    owned.dispose();
    sync.destroy();
    strip.destroy();
    ruler.destroy();
    player.setActiveWave(null);
    ws.destroy();
    container.removeAttribute('data-region-count');
    container.removeAttribute('data-duration-ms');
    container.removeAttribute('data-zoomed-out');
  };
  return { redraw, teardown };
}

/** Calls `onChange` when the cues, speakers or selection change (not on playback ticks). */
function subscribeView(session: AppSession, getView: () => RegionView, onChange: () => void): () => void {
  let last = getView();
  const check = () => {
    const next = getView();
    if (
      next.cues === last.cues &&
      next.speakers === last.speakers &&
      next.selectedCueId === last.selectedCueId &&
      next.selectedCueIds === last.selectedCueIds &&
      next.lang === last.lang
    ) return;
    last = next;
    onChange();
  };
  const offs = [session.doc.onChange(check), session.ui.subscribe(check)];
  return () => offs.forEach((off) => off());
}

interface PaneUi {
  setMenu(request: RegionMenuRequest | null): void;
  setLoading(loading: boolean): void;
  /** 0…1 while peaks are still arriving, null when done. */
  setProgress(fraction: number | null): void;
  setPreparing(preparing: boolean): void;
}

interface OpenPane {
  /** Stops the running decode (the waveform keeps what it has). */
  cancel(): void;
  teardown(): void;
}

/** Everything the pane runs for one document and its media: the element, the peaks, the proxy, the wave. */
function openPane(docId: string, media: MediaInfo | null, container: HTMLElement, elements: PaneElements, ui: PaneUi, services: WaveServices): OpenPane {
  const bridge = getBridge();
  const kind = media?.kind === 'video' ? 'video' : 'audio';
  const element = media ? createMediaElement(kind, bridge.mediaUrl(media.playToken ?? media.token)) : null;
  services.player.setMediaElement(element);
  ui.setPreparing(media?.playToken === null);
  const offProxy = media && element ? watchProxy(docId, media.token, element, ui.setPreparing, services.session) : () => {};
  let mounted: MountedWave | null = null;
  const mount = (timeline: Timeline) => {
    mounted = mountWave(container, elements, timeline, ui.setMenu, services);
  };
  const close = () => {
    offProxy();
    mounted?.teardown();
    services.player.setMediaElement(null);
    element?.pause();
    element?.removeAttribute('src');
    element?.load(); // Stops buffering the old source.
  };
  if (!media) {
    mount(flatTimeline(null, services.session));
    return { cancel: () => undefined, teardown: close };
  }
  let complete = false;
  let fraction = 0;
  // Chunks arrive many times a second: redraw (and move the bar) about four times a second.
  const redraw = throttle(() => {
    mounted?.redraw();
    ui.setProgress(complete ? null : fraction);
  }, 250);
  // Main decodes with ffmpeg and streams chunks; until the first arrives say so rather than show nothing.
  ui.setLoading(true);
  const stream = streamPeaks(docId, media.token, media.duration, {
    onData(buffer, first, f) {
      fraction = f;
      if (!first) return redraw.call();
      ui.setLoading(false);
      ui.setProgress(f < 1 ? f : null);
      mount({ peaks: buffer.wave, media: element, silent: false, getPauses: pausesOf(buffer, () => complete) });
    },
    onDone(buffer, error) {
      complete = buffer !== null && error === null;
      redraw.cancel();
      ui.setLoading(false);
      ui.setProgress(null);
      if (error) reportPeaksError(services.session, error);
      if (mounted) mounted.redraw();
      else mount(flatTimeline(element, services.session));
    },
  });
  return {
    cancel: () => stream.cancel(),
    teardown: () => {
      stream.dispose();
      redraw.cancel();
      close();
    },
  };
}

function reportPeaksError(session: AppSession, message: string): void {
  if (/cancel/i.test(message)) session.ui.setStatus('Stopped reading the waveform');
  else session.ui.setStatus(`Could not read the waveform: ${message}`, 'error');
}

/** A media the page cannot play gets a proxy: play it when ready, from where the playhead is. */
function watchProxy(docId: string, token: string, element: HTMLMediaElement, setPreparing: (on: boolean) => void, session: AppSession): () => void {
  const bridge = getBridge();
  return bridge.on('media.proxyReady', (event) => {
    if (event.docId !== docId || event.token !== token) return;
    setPreparing(false);
    if (event.playToken) switchSource(element, bridge.mediaUrl(event.playToken));
    else session.ui.setStatus(`Could not make a playable copy: ${event.error ?? 'unknown error'}`, 'error');
  });
}

export function Waveform() {
  const { player, qc } = useServices();
  const session = useSession();
  const containerRef = useRef<HTMLDivElement>(null);
  const stripRef = useRef<HTMLCanvasElement>(null);
  const rulerRef = useRef<HTMLDivElement>(null);
  const paneRef = useRef<OpenPane | null>(null);
  const docId = useDoc((s) => s?.docId ?? null);
  const mediaToken = useDoc((s) => s?.media?.token ?? null);
  const [loading, setLoading] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [menu, setMenu] = useState<RegionMenuRequest | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    const strip = stripRef.current;
    const ruler = rulerRef.current;
    if (!docId || !container || !strip || !ruler) return;
    // The media as it was when its token was attached (a proxy that arrives later comes as an event).
    const media = session.doc.state()?.media ?? null;
    const services = { player, qc, session };
    const pane = openPane(docId, media, container, { strip, ruler }, { setMenu, setLoading, setProgress, setPreparing }, services);
    paneRef.current = pane;
    return () => {
      paneRef.current = null;
      pane.teardown();
      setMenu(null);
      setLoading(false);
      setProgress(null);
      setPreparing(false);
    };
  }, [docId, mediaToken, player, qc, session]);

  return (
    <div className="waveform-pane">
      <VideoPreview />
      <div className="time-ruler" ref={rulerRef} data-testid="time-ruler" title="Time ruler: click to move the playhead" />
      {/* Its own positioning box, so the overlays cover the waveform and not the video above it. */}
      <div style={{ position: 'relative' }}>
        <div className="waveform" ref={containerRef} data-testid="waveform" />
        <canvas
          className="qc-strip"
          ref={stripRef}
          data-testid="qc-strip"
          title="Reading speed: green under the limit, amber near it, red over it"
          style={{ display: 'block', width: '100%', height: 6 }}
        />
        {loading && <div className="waveform-loading">Reading the waveform…</div>}
        {progress !== null && <PeaksProgress fraction={progress} onCancel={() => paneRef.current?.cancel()} />}
        {preparing && (
          <div className="waveform-preparing" data-testid="media-preparing" style={badgeStyle}>
            Preparing a playable copy…
          </div>
        )}
      </div>
      {menu && <RegionMenu request={menu} onClose={() => setMenu(null)} />}
    </div>
  );
}

const badgeStyle = {
  position: 'absolute', right: 8, bottom: 14, zIndex: 6, padding: '2px 8px', borderRadius: 3,
  background: 'rgba(23, 24, 27, 0.85)', color: '#c9ced6', fontSize: 12, pointerEvents: 'none',
} as const;

/** A bar over the bottom of the waveform while it fills in, with Cancel. */
function PeaksProgress({ fraction, onCancel }: { fraction: number; onCancel(): void }) {
  const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div
      data-testid="waveform-progress"
      role="progressbar"
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
      style={{ position: 'absolute', left: 8, right: 8, bottom: 14, zIndex: 6, display: 'flex', alignItems: 'center', gap: 8, fontSize: 12, color: '#c9ced6' }}
    >
      <div style={{ flex: 1, height: 4, background: 'rgba(255,255,255,0.15)', borderRadius: 2 }}>
        <div style={{ width: `${percent}%`, height: '100%', background: '#5b8fd0', borderRadius: 2 }} />
      </div>
      <span>Reading the waveform… {percent}%</span>
      <button type="button" onClick={onCancel} data-testid="waveform-cancel">Cancel</button>
    </div>
  );
}
