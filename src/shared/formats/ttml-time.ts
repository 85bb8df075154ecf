/**
 * TTML time expressions to milliseconds: clock time (`hh:mm:ss`, `hh:mm:ss.fff`, `hh:mm:ss:ff`, `hh:mm:ss:ff.s`)
 * and offset time (`1.5s`, `100ms`, `2m`, `1h`, `30f`, `4000t`), with the frame, sub-frame and tick rates of
 * the `<tt>` element (TTML2 §10.3 defaults: 30 fps, 1 sub-frame, tick rate = frame rate × sub-frames when a
 * frame rate is given, else 1 tick per second).
 */

export interface TimeBase {
  /** Effective frames per second (frameRate × frameRateMultiplier). */
  frameRate: number;
  subFrameRate: number;
  tickRate: number;
}

const CLOCK = /^(\d{1,6}):(\d{2}):(\d{2})(?:\.(\d{1,9})|:(\d{1,6})(?:\.(\d{1,6}))?)?$/;
const OFFSET = /^(\d{1,12}(?:\.\d{1,9})?)(ms|[fhmst])$/;

function positive(value: string | undefined): number | null {
  const n = value === undefined ? NaN : Number(value.trim());
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** The time base from the `<tt>` element's attributes (local names: `frameRate`, `tickRate` …). */
export function timeBase(attrs: Map<string, string>): TimeBase {
  const declared = positive(attrs.get('frameRate'));
  const [num, den] = (attrs.get('frameRateMultiplier') ?? '1 1').trim().split(/\s+/).map(Number);
  const multiplier = num > 0 && den > 0 ? num / den : 1;
  const frameRate = (declared ?? 30) * multiplier;
  const subFrameRate = positive(attrs.get('subFrameRate')) ?? 1;
  const tickRate = positive(attrs.get('tickRate')) ?? (declared !== null ? frameRate * subFrameRate : 1);
  return { frameRate, subFrameRate, tickRate };
}

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** Milliseconds, or null when the text is not a time expression. */
export function parseTtmlTime(value: string, base: TimeBase): number | null {
  const text = value.trim();
  if (text.length > 64) return null;
  const clock = CLOCK.exec(text);
  if (clock) {
    const [, h, m, s, fraction, frames, subFrames] = clock;
    if (Number(m) > 59 || Number(s) > 60) return null;
    let seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
    if (fraction) seconds += Number(`0.${fraction}`);
    if (frames) seconds += Number(frames) / base.frameRate;
    if (subFrames) seconds += Number(subFrames) / (base.frameRate * base.subFrameRate);
    return Math.round(seconds * 1000);
  }
  const offset = OFFSET.exec(text);
  if (!offset) return null;
  const amount = Number(offset[1]);
  const unit = offset[2];
  const seconds = unit === 'f' ? amount / base.frameRate : unit === 't' ? amount / base.tickRate : amount * UNIT_SECONDS[unit];
  return Math.round(seconds * 1000);
}

/** `hh:mm:ss.fff`, the clock form every TTML reader takes. */
export function formatTtmlTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const h = Math.floor(total / 3_600_000);
  return `${pad(h)}:${pad(Math.floor(total / 60_000) % 60)}:${pad(Math.floor(total / 1000) % 60)}.${pad(total % 1000, 3)}`;
}
