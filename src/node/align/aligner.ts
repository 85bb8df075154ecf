/**
 * Forced alignment, the aeneas method: speak the transcript with espeak-ng, compare MFCCs of that reference with
 * MFCCs of the recording by multiscale DTW, and carry each fragment's boundaries from the reference to the
 * recording through the warping path. Pinned fragments (anchors) keep their times; each stretch between two
 * anchors is aligned on its own, which also keeps one bad stretch from pulling the rest off. For podcast audio
 * (reverb, a music bed, MP3) the features carry deltas, a boundary the path leaves inside a pause the detector
 * trusts goes to its edge, and a reference far slower or faster than the speaker is stretched to its tempo.
 */
import { FFMPEG_INSTALL_HINT, findFfmpeg, probeMedia } from '../ffmpeg/ffmpeg';
import { abnormalFragments, canSnap, findPauses, finalizeTimes, loudness, mapSpans, snapToPauses, trustedPauses, type FrameSpan } from '../../shared/align/boundaries';
import { dtwMultiscale } from '../../shared/align/dtw';
import { frameTime, type Features } from '../../shared/align/mfcc';
import { dtwFeatureSource } from '../../shared/align/frame-source';
import { fragmentConfidence, pauseEdges, spanCosts, type FragmentCost } from './confidence';
import { decodeFeatures } from './decode';
import { stretchFeatures, TEMPO_RANGE, tempoRatio } from './tempo';
import { ReferenceBuilder, type StretchReference } from './reference';
import { speakEachBatch } from './tts';

export interface AlignInput {
  audioPath: string;
  /** Spoken-language text per planned cue, in order. */
  fragments: string[];
  /** espeak-ng voice, e.g. `en-us`. */
  language: string;
  /** Pinned fragments: their times (ms) are kept and alignment runs between them. */
  anchors?: { index: number; start: number; end: number }[];
}

export interface AlignResult {
  /** Integer ms, monotonic, non-overlapping. */
  times: { start: number; end: number }[];
  /** Fragment indices whose real/TTS duration ratio is abnormal. */
  review: number[];
  /**
   * Per fragment, how sure the alignment is, 0–1 (1 for anchors): from the DTW distance along the path in and
   * around the fragment against the recording's typical one, the real/TTS duration ratio, and whether its ends
   * sit on trusted pauses (see confidence.ts). Low means "check this"; under 0.8 selects most bad boundaries.
   */
  confidence: number[];
  /**
   * Per fragment, the mean DTW distance along the path inside it and within 300 ms of its start and its end
   * (NaN when it was too short to align; null once through JSON): the raw costs behind `confidence`.
   */
  costs: FragmentCost[];
  /** Per fragment, how many of its two ends sit on the edge of a pause the detector trusts (null: no pauses). */
  atPause: number[] | null;
  /** tempo: the recording's speech length over the reference's, of the longest stretch (stretched outside TEMPO_RANGE). */
  stats: { audioMs: number; elapsedMs: number; snapped: boolean; noiseFloorDb: number; tempo: number };
}

export interface AlignOptions {
  onProgress?(fraction: number, stage: string): void;
  signal?: AbortSignal;
  ffmpegPath?: string;
}

/** A pause must be this long to snap to (frames of 10 ms). */
const MIN_PAUSE_FRAMES = 6;
const MAX_SNAP_FRAMES = 20;
/**
 * A 16 M-cell coarse pass (4 MB of steps) pools 30 minutes 64×; a ±30-frame band at each finer level
 * recovers from its mistakes (with 4 M cells and ±12 frames, 17% of the sample's boundaries went astray).
 */
const DTW_OPTIONS = { maxCoarseCells: 16_000_000, radius: 30, levelRatio: 4 };

/** A run of fragments aligned together, between two anchors (or the ends of the recording). */
interface Stretch {
  from: number;
  to: number;
  startMs: number;
  endMs: number;
}

function stretches(count: number, anchors: AlignInput['anchors'], audioMs: number): Stretch[] {
  const pinned = [...(anchors ?? [])].filter((a) => a.index >= 0 && a.index < count).sort((a, b) => a.index - b.index);
  const out: Stretch[] = [];
  let from = 0;
  let startMs = 0;
  for (const a of pinned) {
    if (a.index > from) out.push({ from, to: a.index, startMs, endMs: Math.max(startMs, a.start) });
    from = a.index + 1;
    startMs = Math.max(startMs, a.end);
  }
  if (from < count) out.push({ from, to: count, startMs, endMs: Math.max(startMs, audioMs) });
  return out;
}

/** Edge k of a feature sequence (between frames k-1 and k) in seconds. */
const edgeSeconds = (f: Features, edge: number): number => frameTime(f, edge) - f.hop / 2 / f.sampleRate;
const edgeAt = (f: Features, seconds: number): number => Math.round((seconds * f.sampleRate - (f.win - f.hop) / 2) / f.hop);
const clampEdge = (f: Features, edge: number): number => Math.min(f.count, Math.max(0, edge));

/** Fallback for a stretch too short to align: fragments share it in proportion to their TTS length. */
function proportional(s: Stretch, ttsMs: ArrayLike<number>, real: Features): FrameSpan[] {
  const own = Array.from({ length: s.to - s.from }, (_, k) => ttsMs[s.from + k]);
  const total = own.reduce((a, b) => a + b, 0) || 1;
  const first = edgeAt(real, s.startMs / 1000);
  const width = Math.max(0, edgeAt(real, s.endMs / 1000) - first);
  let used = 0;
  return own.map((ms) => {
    const start = first + Math.round((used / total) * width);
    used += ms;
    return { start, end: first + Math.round((used / total) * width) };
  });
}

interface AlignedStretch {
  spans: FrameSpan[];
  /** Mean feature distance along the path inside each fragment and around its ends (NaN where unknown). */
  costs: FragmentCost[];
  tempo: number;
}

/**
 * Takes the stretch's reference out of `references` (n-th), so its cepstra (9 MB an hour as half floats) can be collected
 * once the stretch is aligned. The last stretch drops the recording's cepstra likewise (only their count and
 * loudness are used after it).
 */
function alignStretch(s: Stretch, references: StretchReference[], n: number, ttsMs: ArrayLike<number>, real: Features): AlignedStretch {
  const first = clampEdge(real, edgeAt(real, s.startMs / 1000));
  const last = clampEdge(real, edgeAt(real, s.endMs / 1000));
  let ref = references[n];
  references[n] = EMPTY_REFERENCE;
  if (last - first < 10 || ref.spans.every((sp) => sp.end <= sp.start)) {
    return { spans: proportional(s, ttsMs, real), costs: ref.spans.map(() => ({ whole: NaN, start: NaN, end: NaN })), tempo: 1 };
  }
  const tempo = tempoRatio(ref.features, real, first, last);
  if (TEMPO_TUNING.enabled && (tempo < TEMPO_RANGE[0] || tempo > TEMPO_RANGE[1])) ref = stretchFeatures(ref.features, ref.spans, tempo);
  // Both sides' DTW features are made a block at a time as the DTW and the costs read them (36 MB an hour a side whole).
  const a = dtwFeatureSource(ref.features);
  const b = dtwFeatureSource(real, first, last);
  const path = dtwMultiscale(a, b, a.dims, DTW_OPTIONS);
  const spans = mapSpans(path, ref.spans, a.count).map((sp) => ({ start: sp.start + first, end: sp.end + first }));
  const costs = spanCosts(path, ref.spans, a, b);
  if (n === references.length - 1) real.data = new Uint16Array(0);
  return { spans, costs, tempo };
}

/** Stands in for a stretch's reference once aligned, so its features can be collected. */
const EMPTY_REFERENCE: StretchReference = { features: { data: new Uint16Array(0), dims: 0, count: 0, energyDb: new Float32Array(0), sampleRate: 1, hop: 1, win: 1 }, spans: [] };

/** Whether a reference far off the recording's tempo is stretched to it (see tempo.ts); off only in experiments. */
export const TEMPO_TUNING = { enabled: true };

/**
 * Where the trusted-pause detector draws its line between the floor and speech, and the runs it needs; the
 * speech after a pause starts at a lower line (its quiet onset: starts were 40 ms late on zh) and the speech
 * before it ends at a slightly lower one (median error 18 → 13 ms on degraded, 23 → 12 on zh).
 */
export const PAUSE_TUNING = { fraction: 0.4, onsetFraction: 0.2, offsetFraction: 0.35, minFrames: 10, minRangeDb: 18, enabled: true };

/**
 * The pauses of the recording. A quiet one (speech 45 dB over the floor) has true silences, found near the
 * floor; a podcast with a music bed or room noise only has pauses the trusted detector vouches for, and any
 * boundary the alignment left inside one goes to its edge. Null when none can be told from the noise.
 */
function pausesOf(real: Features): { pauses: FrameSpan[] | null; noiseFloorDb: number; fromInside: boolean } {
  const level = loudness(real.energyDb);
  if (!canSnap(level)) {
    const pauses = PAUSE_TUNING.enabled ? trustedPauses(real.energyDb, PAUSE_TUNING) : null;
    return { pauses, noiseFloorDb: level.noiseFloorDb, fromInside: true };
  }
  const threshold = Math.max(level.noiseFloorDb + 12, level.speechDb - 45);
  return { pauses: findPauses(real.energyDb, threshold, MIN_PAUSE_FRAMES), noiseFloorDb: level.noiseFloorDb, fromInside: false };
}

/**
 * The recording's features and each stretch's reference. Both are streamed: the recording from ffmpeg into its
 * features, the speech batch by batch into the references, so neither is ever held as PCM.
 */
async function analyse(input: AlignInput, options: AlignOptions, ffmpeg: string): Promise<{ real: Features; audioMs: number; references: StretchReference[]; ttsMs: Float64Array }> {
  const report = options.onProgress ?? (() => undefined);
  const probe = await probeMedia(ffmpeg, input.audioPath);
  if (!probe.ok) throw new Error(`cannot read ${input.audioPath}: ${probe.reason}`);
  const totalS = (probe.duration ?? 0) / 1000;
  let decoded = 0;
  let spokenDone = 0;
  // Decoding (with the recording's MFCCs) and speaking run together and make up the first 60%.
  const progress = (stage: string): void => report(0.45 * (totalS ? Math.min(1, decoded / totalS) : 0) + 0.15 * spokenDone, stage);
  // Each reference is sized for the part of the recording it is aligned to: about as long (83% on the clean sample).
  const parts = stretches(input.fragments.length, input.anchors, totalS * 1000);
  const builder = new ReferenceBuilder(input.fragments.length, parts, parts.map((s) => (s.endMs - s.startMs) / 1000));
  const [{ features: real, audioMs }] = await Promise.all([
    decodeFeatures(ffmpeg, input.audioPath, { signal: options.signal, expectedSeconds: totalS, onSeconds: (s) => ((decoded = s), progress('decode')) }),
    speakEachBatch(input.fragments, input.language, (indices, pieces, rate) => builder.add(indices, pieces, rate),
      { signal: options.signal, onProgress: (f) => ((spokenDone = f), progress('speak')) }),
  ]);
  return { real, audioMs, references: builder.finish(), ttsMs: builder.ttsMs };
}

export async function alignFragments(input: AlignInput, options: AlignOptions = {}): Promise<AlignResult> {
  const started = performance.now();
  const ffmpeg = options.ffmpegPath ?? findFfmpeg()?.path;
  if (!ffmpeg) throw new Error(FFMPEG_INSTALL_HINT);
  const report = options.onProgress ?? (() => undefined);
  const { real, audioMs, references, ttsMs: ttsLengths } = await analyse(input, options, ffmpeg);
  const ttsMs = Array.from(ttsLengths);
  const anchored = new Map((input.anchors ?? []).map((a) => [a.index, a]));
  const spans: FrameSpan[] = input.fragments.map(() => ({ start: 0, end: 0 }));
  const costs = input.fragments.map(() => ({ whole: NaN, start: NaN, end: NaN }));
  const atPause = input.fragments.map(() => 0);
  const parts = stretches(input.fragments.length, input.anchors, audioMs);
  const { pauses, noiseFloorDb, fromInside } = pausesOf(real);
  let tempo = { value: 1, length: -1 };
  report(0.6, 'align');
  for (const [n, s] of parts.entries()) {
    options.signal?.throwIfAborted();
    const stretch = alignStretch(s, references, n, ttsMs, real);
    if (s.endMs - s.startMs > tempo.length) tempo = { value: stretch.tempo, length: s.endMs - s.startMs };
    let aligned = stretch.spans;
    if (pauses) aligned = snapToPauses(aligned, pauses, { maxShift: MAX_SNAP_FRAMES, minPause: MIN_PAUSE_FRAMES, fromInside });
    aligned.forEach((sp, k) => ((spans[s.from + k] = sp), (costs[s.from + k] = stretch.costs[k])));
    if (pauses) aligned.forEach((sp, k) => (atPause[s.from + k] = pauseEdges(sp, pauses)));
    report(0.6 + (0.35 * (n + 1)) / parts.length, 'align');
    await new Promise((resolve) => setImmediate(resolve));
  }
  const toMs = (edge: number): number => edgeSeconds(real, edge) * 1000;
  const times = finalizeTimes(input.fragments.map((_, k) => {
    const a = anchored.get(k);
    return a ? { start: a.start, end: a.end } : { start: toMs(spans[k].start), end: toMs(spans[k].end) };
  }), audioMs);
  const realMs = times.map((t) => t.end - t.start);
  const review = abnormalFragments(realMs, ttsMs).filter((k) => !anchored.has(k));
  const confidence = fragmentConfidence(costs, realMs, ttsMs, pauses ? atPause : null, input.fragments).map((c, k) => (anchored.has(k) ? 1 : c));
  report(1, 'done');
  return { times, review, confidence, costs, atPause: pauses ? atPause : null, stats: { audioMs: Math.round(audioMs), elapsedMs: Math.round(performance.now() - started), snapped: pauses !== null, noiseFloorDb, tempo: Math.round(tempo.value * 100) / 100 } };
}
