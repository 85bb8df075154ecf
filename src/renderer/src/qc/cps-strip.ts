/**
 * The reading-speed strip: a thin canvas under the waveform, one block per cue coloured by its reading speed
 * against the profile (reading-speed.ts), drawn for the visible span only and redrawn at most once per frame
 * on scroll, zoom, resize, edits and profile changes.
 */
import { frameTask } from '../frame-task';
import type WaveSurfer from 'wavesurfer.js';
import type { Cue } from '../../../shared/model';
import type { QcProfile } from '../../../shared/qc/profiles';
import { buildCueIndex, cuesInWindow, type CueIndex } from '../timeline/cue-index';
import { speedColor } from './reading-speed';
import { stripSegments, type StripView } from './strip-geometry';

export interface CpsStripOptions {
  ws: WaveSurfer;
  canvas: HTMLCanvasElement;
  getCues(): readonly Cue[];
  getProfiles(): Readonly<Record<string, QcProfile>>;
}

export class CpsStrip {
  private indexed: readonly Cue[] | null = null;
  private index: CueIndex = buildCueIndex([]);
  private readonly frame = frameTask(() => this.draw());

  constructor(private readonly options: CpsStripOptions) {}

  schedule(): void {
    this.frame.schedule();
  }

  draw(): void {
    const { canvas, ws } = this.options;
    const view = this.view();
    const ratio = window.devicePixelRatio || 1;
    const height = canvas.clientHeight || 6;
    const pixelWidth = Math.round(view.widthPx * ratio);
    if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, view.widthPx, height);
    if (!ws.getDuration()) return;
    const profiles = this.options.getProfiles();
    const visible = cuesInWindow(this.reindex(), view.fromMs, view.toMs);
    const segments = stripSegments(visible, view, (cue) => speedColor(cue, profiles));
    for (const s of segments) {
      ctx.fillStyle = s.color;
      ctx.fillRect(s.x, 0, s.width, height);
    }
    canvas.setAttribute('data-segments', String(segments.length));
  }

  destroy(): void {
    this.frame.cancel();
    // The canvas outlives the waveform (React owns it): leave no stale colours for the next document.
    const { canvas } = this.options;
    canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    canvas.removeAttribute('data-segments');
  }

  /** The time index of the current cues; typing replaces the list (new text), so it is rebuilt then too (sorted input sorts in linear time). */
  private reindex(): CueIndex {
    const cues = this.options.getCues();
    if (cues !== this.indexed) {
      this.index = buildCueIndex(cues);
      this.indexed = cues;
    }
    return this.index;
  }

  /** The visible span, as RegionSync computes it: scroll position over the full waveform width. */
  private view(): StripView {
    const { ws, canvas } = this.options;
    const duration = ws.getDuration() * 1000;
    const total = ws.getWrapper().scrollWidth || ws.getWidth() || 1;
    const width = ws.getWidth();
    const scroll = ws.getScroll();
    return {
      fromMs: (scroll / total) * duration,
      toMs: ((scroll + width) / total) * duration,
      widthPx: Math.min(width, canvas.clientWidth || width),
    };
  }
}
