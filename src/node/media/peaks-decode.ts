/**
 * Waveform peaks decoded by ffmpeg: the audio as 8 kHz mono s16le, reduced to min/max pairs while it streams
 * and sent on in chunks as they come. A long file is split in whole seconds between several ffmpeg running at
 * once (decoding is what takes the time, and one ffmpeg uses one core); each segment's start is checked against
 * the decode of the segment before it, and a seam that does not match makes it decode the file again in one go.
 */
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { EventMap, Peaks } from '../../shared/api';
import { ffmpegExit } from '../ffmpeg/ffmpeg';
import { pcmArgs, PcmSplitter, samplesOf } from '../ffmpeg/pcm';

export const SAMPLE_RATE = 8000;
export const PEAKS_PER_SECOND = 100;
const SAMPLES_PER_PEAK = SAMPLE_RATE / PEAKS_PER_SECOND;
/** Wall time between progress chunks: often enough for the waveform to fill in smoothly, rare enough to be cheap. */
const PROGRESS_INTERVAL_MS = 250;
/**
 * One tap, no interpolation: each output sample is one of the input's, so a pair's min/max is that of a subset
 * of the real samples (never an overshoot), which is all a waveform at 10 ms per pair shows. ffmpeg's default
 * 32-tap filter made the resampling a fifth of an hour's decode.
 */
const RESAMPLER = `aresample=${SAMPLE_RATE}:filter_size=1:phase_shift=0:linear_interp=0`;

/** Shortest file (by the probe's duration) worth splitting: below it one ffmpeg is done in well under a second. */
const SPLIT_MIN_MS = 4 * 60_000;
/** More ffmpeg than this would mostly wait for the disk and each other. */
const MAX_DECODERS = 4;
/**
 * Seconds a segment decodes before its start: a decoder that starts after a seek needs a few frames to settle
 * (up to 0.17 s measured, VBR MP3), and the last SEAM_WINDOW_S of it are compared with the segment before.
 */
const OVERLAP_S = 2;
/** Seconds a segment reads past its end, so that the samples it keeps are not the resampler's last ones. */
const TAIL_S = 0.5;
/** Seconds compared at each seam: the last before a segment's start, decoded by it and by the one before. */
const SEAM_WINDOW_S = 1;
/**
 * A seam matches when the mean absolute difference of the two decodes of its window is at most 2 % of the
 * signal's mean absolute level (plus half a step of rounding). Decodes after a seek measured identical for MP3
 * and within 1–3 steps of 32768 in a few samples for AAC; a shift of one sample at 8 kHz already differs by 8 %
 * at 100 Hz. Digital silence matches whatever the offset: it is accepted, since it cannot be told apart (a
 * recording's noise floor is not silence and is checked).
 */
const SEAM_TOLERANCE = 0.02;
const SEAM_SLACK = 0.5;

/** A chunk of peaks while decoding (the `media.peaksProgress` event without its token). */
export type PeaksChunk = Omit<EventMap['media.peaksProgress'], 'token'>;

/** An ffmpeg the caller started, with stdout and stderr piped. */
export type FfmpegChild = ChildProcessByStdio<null, Readable, Readable>;

export interface PeaksDecode {
  path: string;
  /** The file's name, for messages. */
  name: string;
  /** The probe's duration in ms (0: unknown, then the file is not split). */
  duration: number;
  /** How many ffmpeg may decode at once (at most MAX_DECODERS are used). */
  decoders: number;
  /** Starts ffmpeg with these arguments (the caller tracks it, to count, cancel and stop it); may throw. */
  start(args: string[]): FfmpegChild;
  onChunk(chunk: PeaksChunk): void;
}

/** One ffmpeg's share of the file, in whole seconds (so a multiple of SAMPLES_PER_PEAK samples). */
export interface Segment {
  /** Where its pairs begin in the file. */
  start: number;
  /** Where its ffmpeg begins decoding (`-ss`; 0: from the top). */
  seek: number;
  /** Seconds of pairs it keeps from `start`; null: to the end of the file. */
  length: number | null;
}

const WHOLE_FILE: Segment = { start: 0, seek: 0, length: null };

/** The segments of a file of `durationMs` for this many decoders: one unless it is long enough to split. */
export function planSegments(durationMs: number, decoders: number): Segment[] {
  const count = durationMs >= SPLIT_MIN_MS ? Math.max(1, Math.min(decoders, MAX_DECODERS)) : 1;
  const starts = Array.from({ length: count }, (_, k) => Math.round((k * durationMs) / 1000 / count));
  return starts.map((start, k) => ({
    start,
    seek: Math.max(0, start - OVERLAP_S),
    length: k < count - 1 ? starts[k + 1] - start : null,
  }));
}

/** Whether two decodes of the same stretch agree (see SEAM_TOLERANCE). */
export function seamMatches(before: Int16Array, after: Int16Array): boolean {
  if (before.length !== after.length || before.length === 0) return false;
  let level = 0;
  let difference = 0;
  for (let i = 0; i < before.length; i++) {
    level += Math.abs(before[i]);
    difference += Math.abs(before[i] - after[i]);
  }
  return difference <= SEAM_TOLERANCE * level + SEAM_SLACK * before.length;
}

/**
 * The file's peaks, split between `decoders` ffmpeg when it is long. Rejects with a message naming the file;
 * a failing ffmpeg stops the others first, and no child is left running when it settles.
 */
export async function decodePeaks(decode: PeaksDecode): Promise<Peaks> {
  const segments = planSegments(decode.duration, decode.decoders);
  let runs = await decodeSegments(decode, segments);
  if (!runs.every((run, k) => k === 0 || run.seamAfter(runs[k - 1]))) {
    // This file does not seek exactly (or is shorter than its probe said): one ffmpeg from the top is always right.
    runs = await decodeSegments(decode, [WHOLE_FILE]);
  }
  const parts = runs.map((run) => run.reducer.finish());
  const samples = runs.reduce((sum, run) => sum + run.reducer.samples, 0);
  const peaks: Peaks = {
    peaksPerSecond: PEAKS_PER_SECOND,
    duration: Math.round((samples / SAMPLE_RATE) * 1000),
    data: parts.flatMap((part) => part.data),
  };
  runs.at(-1)!.progress.finish(peaks.duration);
  return peaks;
}

/** Runs one ffmpeg per segment at once; resolves when all have ended well, else rejects once all have ended. */
async function decodeSegments(decode: PeaksDecode, segments: Segment[]): Promise<SegmentRun[]> {
  const totalPairs = (decode.duration * PEAKS_PER_SECOND) / 1000;
  const runs: SegmentRun[] = [];
  const fraction = () => {
    const pairs = runs.reduce((sum, run) => sum + run.reducer.pairs, 0);
    return totalPairs > 0 ? Math.min(0.999, pairs / totalPairs) : 0;
  };
  const children: FfmpegChild[] = [];
  const ended: Promise<void>[] = [];
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const child of children) child.kill('SIGKILL');
  };
  for (const [k, segment] of segments.entries()) {
    const run = new SegmentRun(segment, k > 0, k < segments.length - 1, { duration: decode.duration, fraction, emit: decode.onChunk });
    runs.push(run);
    try {
      const { child, exited } = runFfmpeg(decode, segmentArgs(decode.path, segment), (chunk) => run.push(chunk));
      children.push(child);
      ended.push(exited.then(() => run.progress.flush(), fail));
    } catch (error) {
      fail(error as Error);
      break;
    }
  }
  await Promise.all(ended);
  if (failure) throw failure;
  return runs;
}

function segmentArgs(path: string, segment: Segment): string[] {
  const read = segment.length === null ? undefined : segment.start - segment.seek + segment.length + TAIL_S;
  return pcmArgs(path, { seek: segment.seek, read, filter: RESAMPLER });
}

/**
 * Starts one ffmpeg and hands its stdout to `onData`; `exited` settles when it has ended (see ffmpegExit), with the
 * first error of `onData` if there was one.
 */
function runFfmpeg(decode: PeaksDecode, args: string[], onData: (chunk: Buffer) => void) {
  const child = decode.start(args);
  let failure: Error | null = null;
  const abort = (error: Error) => {
    failure ??= error;
    child.kill('SIGKILL');
  };
  child.stdout.on('data', (chunk: Buffer) => {
    try {
      onData(chunk);
    } catch (error) {
      abort(error as Error);
    }
  });
  child.stdout.on('error', abort);
  const exited = ffmpegExit(child, decode.path).then(
    () => {
      if (failure) throw failure;
    },
    (error: Error) => {
      throw failure ?? new Error(`Cannot read the waveform of "${decode.name}": ${error.message}`);
    },
  );
  return { child, exited };
}

/**
 * What one ffmpeg decodes of its segment: the samples from the segment's start to its end go to the reducer;
 * the last second before its start (`head`, decoded in the overlap) and the last second it keeps (`tail`) are
 * copied to check the seams with its neighbours.
 */
class SegmentRun {
  readonly reducer = new PeakReducer(SAMPLES_PER_PEAK);
  readonly progress: ProgressEmitter;
  private readonly head: SampleWindow | null;
  private readonly tail: SampleWindow | null;
  /** Bytes of PCM so far, and the range of them that is the segment's own. */
  private position = 0;
  private readonly keepFrom: number;
  private readonly keepTo: number;

  constructor(segment: Segment, hasBefore: boolean, hasAfter: boolean, report: ProgressReport) {
    const lead = (segment.start - segment.seek) * SAMPLE_RATE;
    const window = SEAM_WINDOW_S * SAMPLE_RATE;
    this.keepFrom = 2 * lead;
    this.keepTo = segment.length === null ? Infinity : 2 * (lead + segment.length * SAMPLE_RATE);
    // A head that would start before the decode did never fills: the seam is then not verified, and so refused.
    this.head = hasBefore ? new SampleWindow(lead - window, window) : null;
    this.tail = hasAfter ? new SampleWindow(this.keepTo / 2 - window, window) : null;
    this.progress = new ProgressEmitter(this.reducer, segment.start * PEAKS_PER_SECOND, report);
  }

  push(chunk: Buffer): void {
    const at = this.position;
    this.position += chunk.length;
    const from = Math.max(0, this.keepFrom - at);
    const to = Math.min(chunk.length, this.keepTo - at);
    if (to > from) this.reducer.push(chunk.subarray(from, to));
    this.head?.capture(chunk, at);
    this.tail?.capture(chunk, at);
    this.progress.maybeEmit();
  }

  /** Whether this segment's head matches the tail of the one before (which then also reached this start). */
  seamAfter(before: SegmentRun): boolean {
    const tail = before.tail?.samples();
    const head = this.head?.samples();
    return !!tail && !!head && seamMatches(tail, head);
  }
}

/** A copy of the samples [from, from + length) of a PCM stream arriving in chunks. */
class SampleWindow {
  private readonly bytes: Buffer;
  private copied = 0;

  constructor(
    private readonly from: number,
    length: number,
  ) {
    this.bytes = Buffer.alloc(2 * length);
  }

  capture(chunk: Buffer, at: number): void {
    const start = Math.max(2 * this.from, at);
    const end = Math.min(2 * this.from + this.bytes.length, at + chunk.length);
    if (end <= start) return;
    chunk.copy(this.bytes, start - 2 * this.from, start - at, end - at);
    this.copied += end - start;
  }

  /** The samples, or null until all of them arrived. */
  samples(): Int16Array | null {
    return this.copied === this.bytes.length ? samplesOf(this.bytes, this.bytes.length) : null;
  }
}

/** Where the chunks of all segments go. */
interface ProgressReport {
  /** The probe's, in ms: chunks carry it until the decoded one is known. */
  duration: number;
  /** Of the whole file, decoded so far: all segments count. */
  fraction(): number;
  emit(chunk: PeaksChunk): void;
}

/** Sends the pairs a reducer gained since the last chunk, at most every PROGRESS_INTERVAL_MS (the first at once). */
class ProgressEmitter {
  private sent = 0;
  private lastAt = -Infinity;

  constructor(
    private readonly reducer: PeakReducer,
    /** The pair in the file where the reducer's first pair goes. */
    private readonly startPair: number,
    private readonly report: ProgressReport,
  ) {}

  maybeEmit(): void {
    const now = performance.now();
    if (now - this.lastAt < PROGRESS_INTERVAL_MS || this.reducer.pairs === this.sent) return;
    this.lastAt = now;
    this.send(this.report.fraction(), this.report.duration);
  }

  /** Sends what is left (its ffmpeg has ended). */
  flush(): void {
    if (this.reducer.pairs > this.sent) this.send(this.report.fraction(), this.report.duration);
  }

  /** The last chunk of the decode: what is left (the reducer's last, partial pair; maybe none) at fraction 1. */
  finish(duration: number): void {
    this.send(1, duration);
  }

  private send(fraction: number, duration: number): void {
    const start = this.sent;
    const data = this.reducer.dataFrom(start);
    this.sent = this.reducer.pairs;
    this.report.emit({ peaksPerSecond: PEAKS_PER_SECOND, start: this.startPair + start, data, fraction, duration });
  }
}

/** Reduces s16le mono PCM, arriving in chunks of any length, to interleaved min/max pairs in -1…1. */
export class PeakReducer {
  private readonly data: number[] = [];
  private readonly pcm = new PcmSplitter();
  private min = 0;
  private max = 0;
  private count = 0;
  private total = 0;

  constructor(private readonly samplesPerPeak: number) {}

  /** Complete pairs so far. */
  get pairs(): number {
    return this.data.length >> 1;
  }

  /** Samples so far. */
  get samples(): number {
    return this.total;
  }

  /** The complete pairs from pair `start` on, interleaved. */
  dataFrom(start: number): number[] {
    return this.data.slice(start * 2);
  }

  push(chunk: Buffer): void {
    const samples = this.pcm.push(chunk);
    if (samples) this.addSamples(samples);
  }

  finish(): Peaks {
    if (this.count > 0) this.flush();
    return {
      peaksPerSecond: (SAMPLE_RATE / this.samplesPerPeak),
      duration: Math.round((this.total / SAMPLE_RATE) * 1000),
      data: this.data,
    };
  }

  /** The hot loop (an hour is 29 M samples): integer min/max, no per-sample calls. */
  private addSamples(samples: Int16Array): void {
    const per = this.samplesPerPeak;
    let { min, max, count } = this;
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i];
      if (count === 0) {
        min = sample;
        max = sample;
      } else if (sample < min) min = sample;
      else if (sample > max) max = sample;
      if (++count === per) {
        this.min = min;
        this.max = max;
        this.flush();
        count = 0;
      }
    }
    this.min = min;
    this.max = max;
    this.count = count;
    this.total += samples.length;
  }

  private flush(): void {
    // Four decimals are far below a pixel and keep the JSON of an hour of peaks small.
    this.data.push(Math.round((this.min / 32768) * 1e4) / 1e4, Math.round((this.max / 32768) * 1e4) / 1e4);
    this.count = 0;
  }
}
