/**
 * Peaks in the shape wavesurfer draws (channel 0 above the centre line, channel 1 below), for a timeline without
 * media; media peaks arrive in parts (peaks-stream.ts, progressive-peaks.ts).
 */

export interface WavePeaks {
  channels: [Float32Array, Float32Array];
  /** Seconds. */
  duration: number;
}

/** A silent timeline of `durationSec` so cues can be seen and dragged without media. */
export function flatPeaks(durationSec: number): WavePeaks {
  const length = Math.max(2, Math.ceil(durationSec * 10));
  return { channels: [new Float32Array(length), new Float32Array(length)], duration: durationSec };
}

/** The timeline length for a document without media: its last cue plus some room to drag into. */
export function timelineSeconds(lastCueEndMs: number): number {
  const seconds = lastCueEndMs / 1000;
  return Math.max(10, Math.ceil(seconds * 1.05 + 5));
}
