/**
 * The peaks buffer the waveform draws while main is still decoding: two Float32Arrays (max above the line,
 * min below) sized for the whole file up front and filled in place as chunks arrive, so wavesurfer keeps
 * drawing the same arrays and no chunk is kept once copied. A 3-hour file at 100 pairs/s is 2 × 4.3 MB.
 * Chunks may come in any order (main decodes a long file in segments at once). Pure: no DOM, no wavesurfer.
 */
import type { Peaks } from '../../../shared/api';
import type { WavePeaks } from './peaks';

export class ProgressivePeaks {
  readonly top: Float32Array;
  readonly bottom: Float32Array;
  /** The stretches written so far as [start, end) pairs, in order, apart from each other. */
  private written: { start: number; end: number }[] = [];

  constructor(
    readonly peaksPerSecond: number,
    /** Seconds. */
    readonly duration: number,
  ) {
    const pairs = Math.max(2, Math.ceil(duration * peaksPerSecond));
    this.top = new Float32Array(pairs);
    this.bottom = new Float32Array(pairs);
  }

  get pairs(): number {
    return this.top.length;
  }

  /**
   * Pairs filled from the start without a gap, for the pause finder: a stretch not decoded yet is zeros,
   * which would look like silence.
   */
  get filled(): number {
    const first = this.written[0];
    return first?.start === 0 ? first.end : 0;
  }

  /** The arrays in wavesurfer's shape; the same objects every time, so redrawing shows new chunks. */
  get wave(): WavePeaks {
    return { channels: [this.top, this.bottom], duration: this.duration };
  }

  /**
   * Copies interleaved min/max pairs starting at pair `start` (counted at `sourceRate` pairs/s, this
   * buffer's rate unless said); pairs past the end are dropped.
   */
  write(start: number, data: ArrayLike<number>, sourceRate: number = this.peaksPerSecond): void {
    const count = Math.floor(data.length / 2);
    if (sourceRate !== this.peaksPerSecond) {
      this.writeResampled(start, data, count, sourceRate);
      return;
    }
    const n = Math.min(count, this.pairs - start);
    for (let i = 0; i < n; i++) {
      // wavesurfer copies channels whose values leave -1…1 (its normalise step): clamp so it never does.
      this.bottom[start + i] = clamp(data[2 * i]);
      this.top[start + i] = clamp(data[2 * i + 1]);
    }
    if (n > 0) this.markWritten(start, start + n);
  }

  /** The final peaks: the whole file at once (main's cache may answer at another resolution). */
  writeAll(peaks: Peaks): void {
    this.write(0, peaks.data, peaks.peaksPerSecond);
  }

  /** Another resolution: each target pair takes the min and max of the source pairs falling in it. */
  private writeResampled(start: number, data: ArrayLike<number>, count: number, sourceRate: number): void {
    const scale = this.peaksPerSecond / sourceRate;
    let last = -1;
    for (let i = 0; i < count; i++) {
      const j = Math.floor((start + i) * scale);
      if (j >= this.pairs) break;
      if (j !== last) {
        this.bottom[j] = 0;
        this.top[j] = 0;
        last = j;
      }
      this.bottom[j] = Math.min(this.bottom[j], clamp(data[2 * i]));
      this.top[j] = Math.max(this.top[j], clamp(data[2 * i + 1]));
    }
    if (last >= 0) this.markWritten(Math.floor(start * scale), last + 1);
  }

  private markWritten(start: number, end: number): void {
    const apart: { start: number; end: number }[] = [];
    for (const stretch of this.written) {
      if (stretch.end < start || stretch.start > end) apart.push(stretch);
      else {
        start = Math.min(start, stretch.start);
        end = Math.max(end, stretch.end);
      }
    }
    apart.push({ start, end });
    this.written = apart.sort((a, b) => a.start - b.start);
  }

  /** Peak-to-peak height of pair i (0…2), for the pause finder. */
  amplitude(i: number): number {
    return this.top[i] - this.bottom[i];
  }
}

function clamp(value: number): number {
  return value > 1 ? 1 : value < -1 ? -1 : value || 0;
}

/** Calls `run` at most once per `intervalMs`: calls in between collapse into one at the end of the interval. */
export function throttle(run: () => void, intervalMs: number, now: () => number = Date.now) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = now();
    run();
  };
  return {
    call(): void {
      if (timer) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
