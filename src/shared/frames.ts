/**
 * Frame rates and frame-based timecodes. A document may carry a frame rate (`metadata.frameRate`, frames per
 * second, e.g. 23.976); times stay integer milliseconds, frames are a view of them and a grid to snap to.
 * NTSC rates are the exact 24000/1001, 30000/1001 and 60000/1001, so frame N starts at round(N × 1001 / 24) ms.
 */

/** The rates offered to the user, by label, with their exact value. */
export const FRAME_RATES: ReadonlyArray<{ label: string; fps: number }> = [
  { label: '23.976', fps: 24000 / 1001 },
  { label: '24', fps: 24 },
  { label: '25', fps: 25 },
  { label: '29.97', fps: 30000 / 1001 },
  { label: '30', fps: 30 },
  { label: '50', fps: 50 },
  { label: '59.94', fps: 60000 / 1001 },
];

/**
 * The exact rate for a rate as stored or probed (23.976, 23.98, "24000/1001"…): NTSC rates rounded to 2–3
 * decimals come back exact; other positive rates are kept; anything else is null.
 */
export function normalizeFrameRate(value: unknown): number | null {
  let fps: number;
  if (typeof value === 'number') fps = value;
  else if (typeof value === 'string' && /^\d+(?:\.\d+)?(?:\/\d+)?$/.test(value.trim())) {
    const [n, d = '1'] = value.trim().split('/');
    fps = Number(n) / Number(d);
  } else return null;
  if (!Number.isFinite(fps) || fps <= 0 || fps > 1000) return null;
  const known = FRAME_RATES.find((r) => Math.abs(r.fps - fps) < 0.01);
  return known ? known.fps : fps;
}

/** The document's frame rate, or null when it has none (times shown and snapped in milliseconds). */
export function documentFrameRate(metadata: Readonly<Record<string, unknown>>): number | null {
  return metadata.frameRate === undefined ? null : normalizeFrameRate(metadata.frameRate);
}

/** The label a rate is shown with ("23.976"), or the number itself for a rate not in the list. */
export function frameRateLabel(fps: number): string {
  return FRAME_RATES.find((r) => Math.abs(r.fps - fps) < 1e-6)?.label ?? String(Math.round(fps * 1000) / 1000);
}

/** The frame a time falls in (frame N covers [start of N, start of N+1)). */
export function frameAtMs(ms: number, fps: number): number {
  // A small epsilon so a time that IS a frame start (rounded to ms) counts as that frame, not the one before.
  return Math.floor((ms + 0.5) * fps / 1000);
}

/** The start of frame N in integer milliseconds. */
export function frameStartMs(frame: number, fps: number): number {
  return Math.round((frame * 1000) / fps);
}

/** The frame start nearest to a time: where a snapped edge goes. */
export function snapToFrame(ms: number, fps: number): number {
  return frameStartMs(Math.round((ms * fps) / 1000), fps);
}

/** `HH:MM:SS:FF` (non-drop-frame, counted at the rounded rate: 24 for 23.976). */
export function formatFrameTimecode(ms: number, fps: number): string {
  const frame = frameAtMs(Math.max(0, ms), fps);
  const perSecond = Math.round(fps);
  const seconds = Math.floor(frame / perSecond);
  const ff = frame % perSecond;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}:${pad(ff)}`;
}

/** Parses `HH:MM:SS:FF` (or `MM:SS:FF`) at a rate to milliseconds; null when it is not one. */
export function parseFrameTimecode(text: string, fps: number): number | null {
  const match = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})[:;](\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  const [, h = '0', m, s, f] = match;
  const perSecond = Math.round(fps);
  if (Number(m) > 59 || Number(s) > 59 || Number(f) >= perSecond) return null;
  const frame = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * perSecond + Number(f);
  return frameStartMs(frame, fps);
}

/**
 * The frame start `frames` frames after (or before, negative) the frame a time falls in: how the playhead steps
 * frame by frame. Never below 0.
 */
export function stepByFrames(ms: number, frames: number, fps: number): number {
  return Math.max(0, frameStartMs(frameAtMs(Math.max(0, ms), fps) + frames, fps));
}

/** A rate as stored in metadata: the label's number (23.976), readable in a project file; normalizeFrameRate reads it back exact. */
export function storedFrameRate(fps: number): number {
  return Number(frameRateLabel(fps));
}
