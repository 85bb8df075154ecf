/**
 * Tempo matching between the reference and the recording. DTW follows a tempo difference of a few tens of
 * percent, but a speaker 1.6× slower than espeak (espeak-ng's Mandarin against slower Mandarin voices, measured
 * on the zh bench) leaves long runs where the path cannot keep up. When the recording's speech lasts far longer
 * (or shorter) than the reference's, the reference frames are repeated (or dropped) to the recording's tempo
 * before DTW, and the fragment spans scaled with them.
 */
import type { FrameSpan } from '../../shared/align/boundaries';
import { loudness } from '../../shared/align/boundaries';
import type { Features } from '../../shared/align/mfcc';
import { cepstraLike } from '../../shared/align/feature-store';

/** Tempo ratios inside this range are left to DTW (English Flite against espeak sits near 1.1). */
export const TEMPO_RANGE: [number, number] = [0.8, 1.3];

/** A shorter reference is left to DTW: over a few sentences the pauses around them decide the ratio. */
export const MIN_TEMPO_FRAMES = 3000;

/**
 * The first and one past the last frame of `energyDb[from, to)` louder than 40% of the way from its floor to
 * its speech level, relative to `from`; null when its loudness is flat (silence or steady noise: no speech).
 */
export function speechExtent(energyDb: Float32Array, from = 0, to = energyDb.length): { first: number; end: number } | null {
  const part = energyDb.subarray(from, to);
  const level = loudness(part);
  if (level.speechDb - level.noiseFloorDb < 10) return null;
  const threshold = level.noiseFloorDb + 0.4 * (level.speechDb - level.noiseFloorDb);
  let first = 0;
  while (first < part.length && part[first] < threshold) first++;
  let end = part.length;
  while (end > first && part[end - 1] < threshold) end--;
  return end > first ? { first, end } : null;
}

/**
 * How much longer the recording's speech lasts than the reference's, from first to last speech frame, or 1
 * when either has none or the reference is too short to say. By whole length, not loud frames: a slow
 * speaker mostly lengthens the quiet parts (espeak-ng's Mandarin at 140 wpm has as many loud frames as at 175).
 */
export function tempoRatio(ref: Features, real: Features, first: number, last: number): number {
  if (ref.count < MIN_TEMPO_FRAMES) return 1;
  const r = speechExtent(ref.energyDb);
  const b = speechExtent(real.energyDb, first, last);
  return r && b ? (b.end - b.first) / (r.end - r.first) : 1;
}

/** `f` with its frames repeated or dropped to `ratio` times as many (nearest frame), and `spans` to match. */
export function stretchFeatures(f: Features, spans: FrameSpan[], ratio: number): { features: Features; spans: FrameSpan[] } {
  const count = Math.max(1, Math.round(f.count * ratio));
  // Stored as the reference's are (half floats): copied, never converted.
  const data = cepstraLike(f.data, count * f.dims);
  const energyDb = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const src = Math.min(f.count - 1, Math.floor(i / ratio));
    data.set(f.data.subarray(src * f.dims, (src + 1) * f.dims), i * f.dims);
    energyDb[i] = f.energyDb[src];
  }
  const at = (edge: number): number => Math.min(count, Math.round(edge * ratio));
  return { features: { ...f, data, energyDb, count }, spans: spans.map((s) => ({ start: at(s.start), end: at(s.end) })) };
}
