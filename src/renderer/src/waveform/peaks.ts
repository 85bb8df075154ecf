/**
 * Peaks in the shape wavesurfer draws. Main sends audiowaveform-style interleaved min/max pairs;
 * wavesurfer draws channel 0 above the centre line and channel 1 below (by magnitude), so the max
 * values become channel 0 and the min values channel 1 — no decoding in the renderer, ever.
 */
import type { Peaks } from '../../../shared/api';

export interface WavePeaks {
  channels: [Float32Array, Float32Array];
  /** Seconds. */
  duration: number;
}

export function peaksToChannels(peaks: Peaks): WavePeaks {
  const pairs = Math.floor(peaks.data.length / 2);
  const top = new Float32Array(pairs);
  const bottom = new Float32Array(pairs);
  for (let i = 0; i < pairs; i++) {
    bottom[i] = peaks.data[2 * i];
    top[i] = peaks.data[2 * i + 1];
  }
  return { channels: [top, bottom], duration: peaks.duration / 1000 };
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
