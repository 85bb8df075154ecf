/**
 * The transport the toolbar drives: the wavesurfer instance the waveform currently shows (it owns the media
 * element), the zoom, and the document's one media element. One object per window (app-services.tsx), kept outside
 * React so a playback tick never re-renders more than the clock.
 */
import type WaveSurfer from 'wavesurfer.js';
import { Emitter, type Disposable } from '../../../shared/lifecycle';

/** The least zoom for any file: a second per pixel. A longer file may go further, down to fitting the window. */
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 600;

/** Whole pixels per second from 10 up; below, two significant digits (a 3-hour file fits 1,200 px at 0.11). */
export function clampZoom(pxPerSec: number, minZoom: number): number {
  const bounded = Math.min(MAX_ZOOM, Math.max(minZoom, pxPerSec));
  if (bounded >= 10) return Math.round(bounded);
  const rounded = Number(bounded.toPrecision(2));
  return rounded < minZoom ? minZoom : rounded;
}

export class Player implements Disposable {
  private wave: WaveSurfer | null = null;
  /** Pixels per second of the waveform; the toolbar slider and Ctrl+wheel both set it. */
  private zoom = 50;
  /** The zoom at which the whole timeline fills the waveform's width (set by the waveform; 0: unknown). */
  private fitZoom = 0;
  /**
   * The one media element of the open document (audio, or video for the preview): wavesurfer plays it and the
   * video panel shows it, so playback and seeking can never drift apart. Null without media.
   */
  private mediaElement: HTMLMediaElement | null = null;
  private readonly changed = new Emitter<void>();
  private readonly seeking = new Emitter<number>();
  private readonly mediaChanged = new Emitter<void>();

  /** Play, pause, zoom or the wave changed. */
  readonly onChange = (listener: () => void): (() => void) => this.changed.event(listener);
  /** Told at once where a seek goes (the media reports it only when the seek lands). */
  readonly onSeek = (listener: (seconds: number) => void): (() => void) => this.seeking.event(listener);
  readonly onMediaElementChange = (listener: () => void): (() => void) => this.mediaChanged.event(listener);

  setActiveWave(ws: WaveSurfer | null): void {
    this.wave = ws;
    this.notify();
  }

  /** Tells the transport to read again (wavesurfer played, paused or finished). */
  readonly notify = (): void => this.changed.fire();

  readonly isPlaying = (): boolean => this.wave?.isPlaying() ?? false;

  hasMedia(): boolean {
    return Boolean(this.wave?.getMediaElement()?.currentSrc);
  }

  readonly playPause = (): void => {
    void this.wave?.playPause().catch(() => undefined);
  };

  /** Plays [startMs, endMs] and pauses at the end. */
  playRange(startMs: number, endMs: number): void {
    void this.wave?.play(startMs / 1000, endMs / 1000).catch(() => undefined);
  }

  /**
   * Moves the playhead. With loaded media the element's time is set directly: wavesurfer's setTime defers a seek
   * that arrives while the element is still seeking, and its 'seeking' handler can then drop it, so quick
   * steps from cue to cue would snap back to an earlier position.
   */
  seek(seconds: number): void {
    const wave = this.wave;
    if (!wave) return;
    const media = wave.getMediaElement();
    if (media?.currentSrc && media.readyState >= HTMLMediaElement.HAVE_METADATA) {
      const duration = Number.isFinite(media.duration) ? media.duration : seconds;
      media.currentTime = Math.max(0, Math.min(seconds, duration));
    } else {
      wave.setTime(seconds);
    }
    this.seeking.fire(Math.max(0, seconds));
  }

  readonly getZoom = (): number => this.zoom;

  /** The least zoom now: MIN_ZOOM, or less when the timeline is longer than the window at MIN_ZOOM (it then fits). */
  readonly getMinZoom = (): number => (this.fitZoom > 0 ? Math.min(MIN_ZOOM, this.fitZoom) : MIN_ZOOM);

  /** Told by the waveform: the whole timeline fits its width at this zoom. */
  setFitZoom(pxPerSec: number): void {
    this.fitZoom = pxPerSec;
    if (this.zoom < this.getMinZoom()) this.setZoom(this.zoom);
    this.notify();
  }

  setZoom(pxPerSec: number): void {
    this.zoom = clampZoom(pxPerSec, this.getMinZoom());
    // zoom() throws before the peaks are loaded; the next instance starts at this zoom anyway.
    if (this.wave?.getDecodedData()) this.wave.zoom(this.zoom);
    this.notify();
  }

  readonly getMediaElement = (): HTMLMediaElement | null => this.mediaElement;

  setMediaElement(element: HTMLMediaElement | null): void {
    if (element === this.mediaElement) return;
    this.mediaElement = element;
    this.mediaChanged.fire();
  }

  dispose(): void {
    this.wave = null;
    this.mediaElement = null;
    this.changed.dispose();
    this.seeking.dispose();
    this.mediaChanged.dispose();
  }
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
