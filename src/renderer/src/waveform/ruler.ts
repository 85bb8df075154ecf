/**
 * The time ruler's arithmetic: which tick step suits a zoom (a "nice" step whose labels never overlap),
 * the ticks of the visible span only (a 3-hour file never makes more ticks than the window is wide), and
 * their labels — `M:SS`, `H:MM:SS`, `M:SS.mmm`, or `HH:MM:SS:FF` when the document has a frame rate.
 * Pure: no DOM, no wavesurfer.
 */
import { formatFrameTimecode, frameAtMs, frameStartMs } from '../../../shared/frames';

/** Label steps in ms, finest first: 10 ms at the closest zoom up to 3 h for a whole long file in the window. */
const MS_STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  1000, 2000, 5000, 10_000, 15_000, 30_000,
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000,
];
/** Whole-second steps in frames mode, in seconds of timecode (multiplied by the frames per second). */
const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800];
/** Sub-second frame steps, kept only where they divide a second's frames (so every second is labelled). */
const FRAME_STEPS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 25, 30];

/** Room a label needs beyond its own text, so neighbours never touch. */
const LABEL_GAP_PX = 14;
/** Minor ticks closer than this would blur into a grey band. */
const MIN_MINOR_PX = 6;
/** One digit of the ruler's 11 px tabular font, a little generous. */
export const DEFAULT_CHAR_PX = 7;

export interface RulerSpan {
  /** The visible span, in ms. */
  fromMs: number;
  toMs: number;
  /** Pixels per second of the waveform as drawn. */
  pxPerSec: number;
  /** The document's frame rate, or null: labels in ms. */
  fps: number | null;
  /** The whole timeline's length: a timeline of an hour or more labels every tick with hours, for one width. */
  totalMs: number;
  /** Width of one label character in px (measured by the canvas; DEFAULT_CHAR_PX in tests). */
  charPx?: number;
}

export interface RulerStep {
  /** Between labelled ticks, in ms (frames mode: the nominal length of `labelFrames` frames). */
  labelMs: number;
  /** Between any two ticks, in ms (a divisor of labelMs). */
  minorMs: number;
  /** Frames mode only: the same steps counted in frames. */
  labelFrames?: number;
  minorFrames?: number;
}

export interface RulerTick {
  ms: number;
  /** From the left of the visible span, in px. */
  x: number;
  /** The text of a labelled tick; absent on minor ticks. */
  label?: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A tick's label in ms mode: `M:SS` (`H:MM:SS` on long timelines), with `.mmm` when the step is under a second. */
export function formatRulerLabel(ms: number, stepMs: number, withHours: boolean): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  const head = withHours || h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return stepMs < 1000 ? `${head}.${pad(total % 1000, 3)}` : head;
}

/** The widest label a step can produce on this timeline, in characters. */
function labelChars(stepMs: number, span: RulerSpan): number {
  if (span.fps) return formatFrameTimecode(span.totalMs, span.fps).length;
  return formatRulerLabel(Math.max(span.totalMs, 599_000), stepMs, span.totalMs >= 3_600_000).length;
}

/** The finest step whose labels fit: its length on screen holds the widest label plus a gap. */
export function chooseRulerStep(span: RulerSpan): RulerStep {
  const pxPerMs = span.pxPerSec / 1000;
  const charPx = span.charPx ?? DEFAULT_CHAR_PX;
  const fits = (ms: number) => ms * pxPerMs >= labelChars(ms, span) * charPx + LABEL_GAP_PX;
  if (span.fps) return chooseFrameStep(span.fps, pxPerMs, fits);
  const labelMs = MS_STEPS.find(fits) ?? MS_STEPS[MS_STEPS.length - 1];
  const minorMs = minorStep(labelMs, MS_STEPS, pxPerMs);
  return { labelMs, minorMs };
}

/** Frames mode: label steps are whole frames dividing a second, then whole seconds of timecode. */
function chooseFrameStep(fps: number, pxPerMs: number, fits: (ms: number) => boolean): RulerStep {
  const perSecond = Math.round(fps);
  const frameMs = 1000 / fps;
  const candidates = [
    ...FRAME_STEPS.filter((f) => f < perSecond && perSecond % f === 0),
    ...SECOND_STEPS.map((s) => s * perSecond),
  ];
  const labelFrames = candidates.find((f) => fits(f * frameMs)) ?? candidates[candidates.length - 1];
  const minorFrames = minorStep(labelFrames, candidates, pxPerMs * frameMs);
  return { labelMs: labelFrames * frameMs, minorMs: minorFrames * frameMs, labelFrames, minorFrames };
}

/**
 * Ticks between labels: the finest step from `steps` that divides `label`, leaves at least MIN_MINOR_PX between
 * ticks and makes at most ten of them; the label step itself when none does. `unitPx` is px per unit of `steps`.
 */
function minorStep(label: number, steps: readonly number[], unitPx: number): number {
  const minor = steps.find((s) => s < label && label % s === 0 && s * unitPx >= MIN_MINOR_PX && label / s <= 10);
  return minor ?? label;
}

/** The ticks of the visible span, labelled ones with their text; at most one per MIN_MINOR_PX of width. */
export function rulerTicks(span: RulerSpan): { step: RulerStep; ticks: RulerTick[] } {
  const step = chooseRulerStep(span);
  const pxPerMs = span.pxPerSec / 1000;
  const ticks: RulerTick[] = [];
  if (!(pxPerMs > 0) || span.toMs < span.fromMs) return { step, ticks };
  const at = (ms: number) => (ms - span.fromMs) * pxPerMs;
  if (span.fps && step.labelFrames && step.minorFrames) {
    const fps = span.fps;
    const { labelFrames, minorFrames } = step;
    const first = Math.ceil(frameAtMs(Math.max(0, span.fromMs), fps) / minorFrames) * minorFrames;
    for (let frame = first; frameStartMs(frame, fps) <= span.toMs; frame += minorFrames) {
      const ms = frameStartMs(frame, fps);
      if (ms < span.fromMs) continue;
      ticks.push(frame % labelFrames === 0 ? { ms, x: at(ms), label: formatFrameTimecode(ms, fps) } : { ms, x: at(ms) });
    }
    return { step, ticks };
  }
  const { labelMs, minorMs } = step;
  const withHours = span.totalMs >= 3_600_000;
  for (let ms = Math.ceil(Math.max(0, span.fromMs) / minorMs) * minorMs; ms <= span.toMs; ms += minorMs) {
    ticks.push(ms % labelMs === 0 ? { ms, x: at(ms), label: formatRulerLabel(ms, labelMs, withHours) } : { ms, x: at(ms) });
  }
  return { step, ticks };
}

/** The playhead as the ruler shows it: to the millisecond, or the frame timecode when there is a frame rate. */
export function formatPlayhead(ms: number, fps: number | null, totalMs: number): string {
  if (fps) return formatFrameTimecode(ms, fps);
  return formatRulerLabel(ms, 1, totalMs >= 3_600_000);
}

/** A span's length for the drag readout: `2.655 s`, or `1:02.655` from a minute on; frames mode adds the count. */
export function formatSpanLength(ms: number, fps: number | null): string {
  const total = Math.max(0, Math.round(ms));
  const text = total >= 60_000 ? formatRulerLabel(total, 1, false) : `${(total / 1000).toFixed(3)} s`;
  if (!fps) return text;
  return `${text} (${Math.round((total * fps) / 1000)} f)`;
}

/** `0:12.345 → 0:15.000 · 2.655 s` (or timecodes and a frame count at a frame rate). */
export function formatDragReadout(startMs: number, endMs: number, fps: number | null, totalMs: number): string {
  const at = (ms: number) => formatPlayhead(ms, fps, totalMs);
  return `${at(startMs)} → ${at(endMs)} · ${formatSpanLength(endMs - startMs, fps)}`;
}

/** Left of the readout in px: at the moving edge (the start for a whole-region move), kept inside the pane. */
export function readoutLeft(edgeX: number, side: 'start' | 'end' | undefined, readoutWidth: number, paneWidth: number): number {
  const wanted = side === 'end' ? edgeX - readoutWidth : edgeX;
  return Math.max(0, Math.min(wanted, paneWidth - readoutWidth));
}
