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
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 600;

export function getZoom(): number {
  return zoom;
}

export function setZoom(pxPerSec: number): void {
  zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(pxPerSec)));
  // zoom() throws before the peaks are loaded; the next instance starts at this zoom anyway.
  if (current?.getDecodedData()) current.zoom(zoom);
  notifyPlayer();
}
