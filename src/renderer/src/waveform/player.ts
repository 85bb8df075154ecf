/**
 * The transport the toolbar drives: the wavesurfer instance the waveform currently shows (it owns the
 * media element). Kept outside React so a playback tick never re-renders more than the clock.
 */
import type WaveSurfer from 'wavesurfer.js';

let current: WaveSurfer | null = null;
const listeners = new Set<() => void>();
const seekListeners = new Set<(seconds: number) => void>();

/** Told at once where a seek goes (the media reports it only when the seek lands). */
export function onSeek(listener: (seconds: number) => void): () => void {
  seekListeners.add(listener);
  return () => seekListeners.delete(listener);
}

export function setActiveWave(ws: WaveSurfer | null): void {
  current = ws;
  notifyPlayer();
}

export function notifyPlayer(): void {
  for (const listener of listeners) listener();
}

export function onPlayerChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isPlaying(): boolean {
  return current?.isPlaying() ?? false;
}

export function hasMedia(): boolean {
  return Boolean(current?.getMediaElement()?.currentSrc);
}

export function playPause(): void {
  void current?.playPause().catch(() => undefined);
}

/** Plays [startMs, endMs] and pauses at the end. */
export function playRange(startMs: number, endMs: number): void {
  void current?.play(startMs / 1000, endMs / 1000).catch(() => undefined);
}

/**
 * Moves the playhead. With loaded media the element's time is set directly: wavesurfer's setTime defers a seek
 * that arrives while the element is still seeking, and its 'seeking' handler can then drop it, so quick
 * steps from cue to cue would snap back to an earlier position.
 */
export function seek(seconds: number): void {
  if (!current) return;
  const media = current.getMediaElement();
  if (media?.currentSrc && media.readyState >= HTMLMediaElement.HAVE_METADATA) {
    const duration = Number.isFinite(media.duration) ? media.duration : seconds;
    media.currentTime = Math.max(0, Math.min(seconds, duration));
  } else {
    current.setTime(seconds);
  }
  for (const listener of seekListeners) listener(Math.max(0, seconds));
}

/** Pixels per second of the waveform; the toolbar slider and Ctrl+wheel both set it. */
let zoom = 50;
/** The least zoom for any file: a second per pixel. A longer file may go further, down to fitting the window. */
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 600;
/** The zoom at which the whole timeline fills the waveform's width (set by the waveform; 0: unknown). */
let fitZoom = 0;

export function getZoom(): number {
  return zoom;
}

/** The least zoom now: MIN_ZOOM, or less when the timeline is longer than the window at MIN_ZOOM (it then fits). */
export function getMinZoom(): number {
  return fitZoom > 0 ? Math.min(MIN_ZOOM, fitZoom) : MIN_ZOOM;
}

/** Told by the waveform: the whole timeline fits its width at this zoom. */
export function setFitZoom(pxPerSec: number): void {
  fitZoom = pxPerSec;
  if (zoom < getMinZoom()) setZoom(zoom);
  notifyPlayer();
}

/** Whole pixels per second from 10 up; below, two significant digits (a 3-hour file fits 1,200 px at 0.11). */
export function clampZoom(pxPerSec: number, minZoom: number): number {
  const bounded = Math.min(MAX_ZOOM, Math.max(minZoom, pxPerSec));
  if (bounded >= 10) return Math.round(bounded);
  const rounded = Number(bounded.toPrecision(2));
  return rounded < minZoom ? minZoom : rounded;
}

export function setZoom(pxPerSec: number): void {
  zoom = clampZoom(pxPerSec, getMinZoom());
  // zoom() throws before the peaks are loaded; the next instance starts at this zoom anyway.
  if (current?.getDecodedData()) current.zoom(zoom);
  notifyPlayer();
}

/**
 * The one media element of the open document (audio, or video for the preview): wavesurfer plays it and the
 * video panel shows it, so playback and seeking can never drift apart. Null without media.
 */
let mediaElement: HTMLMediaElement | null = null;
const mediaListeners = new Set<() => void>();

export function getMediaElement(): HTMLMediaElement | null {
  return mediaElement;
}

export function setMediaElement(element: HTMLMediaElement | null): void {
  if (element === mediaElement) return;
  mediaElement = element;
  for (const listener of mediaListeners) listener();
}

export function onMediaElementChange(listener: () => void): () => void {
  mediaListeners.add(listener);
  return () => mediaListeners.delete(listener);
}

/** An element for `kind` playing `url` (nothing is fetched until wavesurfer or the user asks). */
export function createMediaElement(kind: 'audio' | 'video', url: string): HTMLMediaElement {
  const element = document.createElement(kind);
  element.preload = 'auto';
  if (element instanceof HTMLVideoElement) element.playsInline = true;
  element.src = url;
  return element;
}

/** Points the element at another URL (the playable proxy) where it was, playing on if it was playing. */
export function switchSource(element: HTMLMediaElement, url: string): void {
  const at = element.currentTime;
  const playing = !element.paused;
  element.addEventListener(
    'loadedmetadata',
    () => {
      element.currentTime = at;
      if (playing) void element.play().catch(() => undefined);
    },
    { once: true },
  );
  element.src = url;
}
