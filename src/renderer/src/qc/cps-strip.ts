/**
 * The reading-speed strip: a thin canvas under the waveform, one block per cue coloured by its reading speed
 * against the profile (reading-speed.ts), drawn for the visible span only and redrawn at most once per frame
 * on scroll, zoom, resize, edits and profile changes. Cues whose times auto-time is unsure of get a band of their
 * own colour over the top half (timing-marks.ts); hovering one says so in the tooltip.
 */
import { frameTask } from '../frame-task';
import type WaveSurfer from 'wavesurfer.js';
import type { Cue } from '../../../shared/model';
import type { QcProfile } from '../../../shared/qc/profiles';
import { buildCueIndex, cuesInWindow, type CueIndex } from '../timeline/cue-index';
import { speedColor } from './reading-speed';
import { stripSegments, type StripView } from './strip-geometry';
import { UNSURE_LEGEND, unsureColor, unsureTooltip } from './timing-marks';

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
  /** The title React gave the canvas (given back on destroy), and it with the unsure band's legend. */
  private readonly original: string;
  private readonly legend: string;
  private readonly hover = (e: PointerEvent) => this.showTooltip(e.offsetX);

  constructor(private readonly options: CpsStripOptions) {
    const { canvas } = options;
    this.original = canvas.title;
    this.legend = canvas.title ? `${canvas.title}; ${UNSURE_LEGEND}` : UNSURE_LEGEND;
    canvas.title = this.legend;
    canvas.addEventListener('pointermove', this.hover);
  }

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
    const unsure = stripSegments(visible, view, unsureColor);
    for (const s of unsure) {
      ctx.fillStyle = s.color;
      ctx.fillRect(s.x, 0, s.width, Math.max(2, height / 2));
    }
    canvas.setAttribute('data-segments', String(segments.length));
    canvas.setAttribute('data-unsure', String(unsure.length));
  }

  destroy(): void {
    this.frame.cancel();
    // The canvas outlives the waveform (React owns it): leave no stale colours for the next document.
    const { canvas } = this.options;
    canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    canvas.removeAttribute('data-segments');
    canvas.removeAttribute('data-unsure');
    canvas.removeEventListener('pointermove', this.hover);
    canvas.title = this.original;
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

  /** The tooltip for the cue under the pointer: its timing doubt when it has one, else the legend. */
  private showTooltip(x: number): void {
    const view = this.view();
    const canvas = this.options.canvas;
    const at = view.widthPx > 0 ? view.fromMs + (x / view.widthPx) * (view.toMs - view.fromMs) : NaN;
    const cue = Number.isFinite(at) ? cuesInWindow(this.reindex(), at, at).find((c) => c.start <= at && at <= c.end) : undefined;
    const text = cue ? unsureTooltip(cue, this.options.getCues().indexOf(cue) + 1) : null;
    const title = text ?? this.legend;
    if (canvas.title !== title) canvas.title = title;
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
