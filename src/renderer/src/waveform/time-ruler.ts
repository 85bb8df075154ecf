/**
 * The time ruler above the waveform: ticks on one canvas the width of the window, a few label elements
 * reused from a pool (only the visible span's, so a 3-hour file costs what a minute does), a playhead mark
 * and the playhead time at the right. Redrawn at most once per frame on scroll, zoom, resize, playhead moves
 * and frame-rate changes; a press on the ruler seeks there.
 */
import type WaveSurfer from 'wavesurfer.js';
import { documentFrameRate } from '../../../shared/frames';
import { DisposableStore } from '../../../shared/lifecycle';
import { frameTask } from '../frame-task';
import type { AppSession } from '../session/app-session';
import type { Player } from '../playback/player';
import { DEFAULT_CHAR_PX, formatPlayhead, rulerTicks, type RulerSpan } from './ruler';

export const RULER_HEIGHT_PX = 18;
const LABEL_FONT = '11px system-ui, sans-serif';
const TICK_COLOR = '#6d7587';
const PLAYHEAD_COLOR = '#e15759';

export class TimeRuler {
  private readonly canvas = document.createElement('canvas');
  private readonly labelLayer = document.createElement('div');
  private readonly playhead = document.createElement('span');
  private readonly pool: HTMLSpanElement[] = [];
  private readonly frame = frameTask(() => this.draw());
  private readonly owned = new DisposableStore();
  private charPx = 0;

  constructor(
    private readonly ws: WaveSurfer,
    private readonly root: HTMLElement,
    private readonly player: Pick<Player, 'seek'>,
    private readonly session: AppSession,
  ) {
    this.canvas.className = 'time-ruler-ticks';
    this.labelLayer.className = 'time-ruler-labels';
    this.playhead.className = 'time-ruler-playhead';
    this.playhead.setAttribute('data-testid', 'ruler-playhead');
    this.playhead.title = 'Playhead';
    root.append(this.canvas, this.labelLayer, this.playhead);
    this.owned.addFn(this.watchStore());
    this.owned.addFn(this.seekOnPress());
  }

  schedule(): void {
    this.frame.schedule();
  }

  destroy(): void {
    this.frame.cancel();
    this.owned.dispose();
    this.canvas.remove();
    this.labelLayer.remove();
    this.playhead.remove();
    this.root.removeAttribute('data-label-step-ms');
  }

  draw(): void {
    const span = this.span();
    const widthPx = this.root.clientWidth || this.ws.getWidth();
    const ctx = this.prepareCanvas(widthPx);
    if (!ctx) return;
    const { step, ticks } = span ? rulerTicks({ ...span, charPx: this.measureChar(ctx) }) : { step: null, ticks: [] };
    ctx.strokeStyle = TICK_COLOR;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const tick of ticks) {
      const x = Math.round(tick.x) + 0.5;
      ctx.moveTo(x, RULER_HEIGHT_PX);
      ctx.lineTo(x, RULER_HEIGHT_PX - (tick.label ? 9 : 4));
    }
    ctx.stroke();
    this.placeLabels(ticks.filter((t) => t.label !== undefined) as Array<{ x: number; label: string }>);
    if (step) this.root.setAttribute('data-label-step-ms', String(Math.round(step.labelMs * 1000) / 1000));
    const timeMs = this.session.ui.getState().currentTime * 1000;
    this.playhead.textContent = span ? formatPlayhead(timeMs, span.fps, span.totalMs) : '';
    if (span) this.drawPlayhead(ctx, (timeMs - span.fromMs) * (span.pxPerSec / 1000), widthPx);
  }

  /** The visible span as RegionSync and the reading-speed strip compute it; null before the wave is ready. */
  private span(): RulerSpan | null {
    const duration = this.ws.getDuration();
    if (!duration) return null;
    const total = this.ws.getWrapper().scrollWidth || this.ws.getWidth() || 1;
    const scroll = this.ws.getScroll();
    const width = this.ws.getWidth();
    const metadata = this.session.doc.state()?.doc.metadata;
    return {
      fromMs: (scroll / total) * duration * 1000,
      toMs: ((scroll + width) / total) * duration * 1000,
      pxPerSec: total / duration,
      fps: metadata ? documentFrameRate(metadata) : null,
      totalMs: duration * 1000,
    };
  }

  private prepareCanvas(widthPx: number): CanvasRenderingContext2D | null {
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(widthPx * ratio);
    const pixelHeight = Math.round(RULER_HEIGHT_PX * ratio);
    if (this.canvas.width !== pixelWidth) this.canvas.width = pixelWidth;
    if (this.canvas.height !== pixelHeight) this.canvas.height = pixelHeight;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, widthPx, RULER_HEIGHT_PX);
    return ctx;
  }

  /** One label character's width in the label font, a little generous so neighbours never touch. */
  private measureChar(ctx: CanvasRenderingContext2D): number {
    if (!this.charPx) {
      ctx.font = LABEL_FONT;
      const sample = '00:00:00:00';
      this.charPx = Math.max(DEFAULT_CHAR_PX * 0.8, (ctx.measureText(sample).width / sample.length) * 1.1);
    }
    return this.charPx;
  }

  /** Shows one pooled span per label, hides the rest: no elements made or dropped while scrolling. */
  private placeLabels(labels: Array<{ x: number; label: string }>): void {
    while (this.pool.length < labels.length) {
      const span = document.createElement('span');
      span.className = 'time-ruler-label';
      this.labelLayer.append(span);
      this.pool.push(span);
    }
    this.pool.forEach((span, i) => {
      const label = labels[i];
      if (!label) {
        if (!span.hidden) span.hidden = true;
        return;
      }
      span.hidden = false;
      if (span.textContent !== label.label) span.textContent = label.label;
      span.style.transform = `translateX(${Math.round(label.x) + 3}px)`;
    });
  }

  private drawPlayhead(ctx: CanvasRenderingContext2D, x: number, widthPx: number): void {
    if (x < -6 || x > widthPx + 6) return;
    ctx.fillStyle = PLAYHEAD_COLOR;
    ctx.beginPath();
    ctx.moveTo(x - 5, 0);
    ctx.lineTo(x + 5, 0);
    ctx.lineTo(x, 7);
    ctx.closePath();
    ctx.fill();
    ctx.fillRect(Math.round(x) - 1, 7, 2, RULER_HEIGHT_PX - 7);
  }

  /** Redraws when the playhead moves or the document's frame rate changes (not on every edit). */
  private watchStore(): () => void {
    const { doc, ui } = this.session;
    const read = () => ({ time: ui.getState().currentTime, metadata: doc.state()?.doc.metadata });
    let last = read();
    const onChange = () => {
      const next = read();
      if (next.time === last.time && next.metadata === last.metadata) return;
      last = next;
      this.schedule();
    };
    const offs = [ui.subscribe(onChange), doc.onChange(onChange)];
    return () => offs.forEach((off) => off());
  }

  /** A press on the ruler moves the playhead there, as in the editors subtitlers know. */
  private seekOnPress(): () => void {
    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      const span = this.span();
      if (!span) return;
      const x = event.clientX - this.root.getBoundingClientRect().left;
      this.player.seek(Math.max(0, span.fromMs + (x * 1000) / span.pxPerSec) / 1000);
    };
    this.root.addEventListener('pointerdown', onPointerDown);
    return () => this.root.removeEventListener('pointerdown', onPointerDown);
  }
}
