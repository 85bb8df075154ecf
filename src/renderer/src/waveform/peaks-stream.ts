/**
 * Reads the document's peaks progressively: chunks (`media.peaksProgress`) fill one ProgressivePeaks
 * buffer while `media.peaks` is pending, and its answer fills in the rest. The caller is told when the
 * first data arrives (to mount the waveform at once), on every chunk, and at the end.
 */
import { getBridge } from '../bridge';
import { ProgressivePeaks } from './progressive-peaks';

export interface PeaksStreamHandlers {
  /** Data arrived; `first` is true the first time (the buffer is new). `fraction` is 0…1 decoded so far. */
  onData(buffer: ProgressivePeaks, first: boolean, fraction: number): void;
  /** The end: the full peaks are in `buffer` (null when there were none), or `error` says why not. */
  onDone(buffer: ProgressivePeaks | null, error: string | null): void;
}

export interface PeaksStream {
  /** Asks main to stop decoding; `onDone` then reports the cancellation. */
  cancel(): void;
  /** Stops listening (the document or its media changed); nothing is reported afterwards. */
  dispose(): void;
}

/** Pairs per second when neither a chunk nor the answer has said yet. */
const DEFAULT_RATE = 100;

export function streamPeaks(docId: string, token: string, durationMs: number, handlers: PeaksStreamHandlers): PeaksStream {
  const bridge = getBridge();
  let buffer: ProgressivePeaks | null = null;
  let disposed = false;
  const ensure = (rate: number, ms: number): boolean => {
    if (buffer) return false;
    buffer = new ProgressivePeaks(rate || DEFAULT_RATE, Math.max(ms, durationMs) / 1000);
    return true;
  };
  const off = bridge.on('media.peaksProgress', (event) => {
    if (disposed || event.token !== token) return;
    const first = ensure(event.peaksPerSecond, event.duration);
    buffer!.write(event.start, event.data, event.peaksPerSecond);
    handlers.onData(buffer!, first, event.fraction);
  });
  bridge.api['media.peaks']({ docId }).then(
    (peaks) => {
      off();
      if (disposed) return;
      if (!peaks || peaks.data.length < 2) {
        handlers.onDone(null, null);
        return;
      }
      const first = ensure(peaks.peaksPerSecond, peaks.duration);
      buffer!.writeAll(peaks);
      handlers.onData(buffer!, first, 1);
      handlers.onDone(buffer, null);
    },
    (error: unknown) => {
      off();
      if (disposed) return;
      handlers.onDone(buffer, error instanceof Error ? error.message : String(error));
    },
  );
  return {
    cancel() {
      void bridge.api['media.cancelPeaks']({ docId }).catch(() => undefined);
    },
    dispose() {
      disposed = true;
      off();
    },
  };
}
