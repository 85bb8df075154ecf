/**
 * Where each cue's block goes on the reading-speed strip: the strip covers exactly the visible span of the
 * waveform, so a cue maps linearly from ms to px and is clipped at both edges. Pure: no DOM.
 */

export interface StripView {
  fromMs: number;
  toMs: number;
  /** Width of the strip in CSS pixels. */
  widthPx: number;
}

export interface StripSegment {
  x: number;
  width: number;
  color: string;
}

interface Timed {
  start: number;
  end: number;
}

/** Narrowest block drawn, so a short cue at a low zoom still shows its colour. */
export const MIN_SEGMENT_PX = 1;

/** Blocks for `items` (any order), skipping those without a colour or outside the view. */
export function stripSegments<T extends Timed>(items: readonly T[], view: StripView, colorOf: (item: T) => string | null): StripSegment[] {
  const span = view.toMs - view.fromMs;
  if (span <= 0 || view.widthPx <= 0) return [];
  const scale = view.widthPx / span;
  const out: StripSegment[] = [];
  for (const item of items) {
    if (item.end < view.fromMs || item.start > view.toMs) continue;
    const color = colorOf(item);
    if (color === null) continue;
    const left = Math.max(0, (item.start - view.fromMs) * scale);
    const right = Math.min(view.widthPx, (item.end - view.fromMs) * scale);
    const width = Math.max(MIN_SEGMENT_PX, right - left);
    out.push({ x: Math.min(left, view.widthPx - width), width, color });
  }
  return out;
}
