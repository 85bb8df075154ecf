/**
 * The TTS reference of each stretch, built while espeak-ng speaks: every batch's speech goes straight into the
 * stretch's MFCC extractor (with the short gaps real speech has between sentences) and is dropped, so only
 * features (10 MB an hour: half-float cepstra and loudness) and each fragment's speech length are kept, never
 * the synthesized PCM (160 MB an hour).
 * The extractor sees the same samples in the same order as when the whole reference was spoken first.
 */
import { MfccExtractor, type Features } from '../../shared/align/mfcc';
import type { FrameSpan } from '../../shared/align/boundaries';
import { DEFAULT_RATE } from './tts';

/** Silence around and between fragments in the reference: short, as between sentences in real speech. */
export const REF_GAP_MS = 200;

/** A run of fragments [from, to) aligned together against one reference. */
export interface FragmentRange {
  from: number;
  to: number;
}

export interface StretchReference {
  features: Features;
  /** Each fragment's frame span in `features`. */
  spans: FrameSpan[];
}

/** Edge (between frames) nearest to `seconds`, clamped to the sequence. */
function edgeOf(f: Features, seconds: number): number {
  return Math.min(f.count, Math.max(0, Math.round((seconds * f.sampleRate - (f.win - f.hop) / 2) / f.hop)));
}

/** Feeds fragments in order into the reference of the stretch holding them; fragments outside every stretch only count. */
export class ReferenceBuilder {
  /** Each fragment's speech length in ms (0: unspeakable). */
  readonly ttsMs: Float64Array;
  private readonly references: (StretchReference | null)[];
  private next = 0;
  private part = 0;
  private extractor: MfccExtractor | null = null;
  private sampleSpans: [number, number][] = [];
  private at = 0;
  private sampleRate = DEFAULT_RATE;

  /**
   * `expectedSeconds`: each stretch's expected speech length (its part of the recording), so its features are
   * sized once instead of doubling and being copied (three times their size at the worst moment).
   */
  constructor(private readonly count: number, private readonly parts: FragmentRange[], private readonly expectedSeconds: number[] = []) {
    this.ttsMs = new Float64Array(count);
    this.references = parts.map(() => null);
  }

  /** One spoken batch (ascending indices); fragments skipped before it were unspeakable. */
  add(indices: number[], pieces: Int16Array[], sampleRate: number): void {
    this.sampleRate = sampleRate;
    indices.forEach((k, n) => {
      while (this.next < k) this.feed(new Int16Array(0));
      this.feed(pieces[n]);
    });
  }

  /** Every stretch's reference, in the order of `parts`. */
  finish(): StretchReference[] {
    while (this.next < this.count) this.feed(new Int16Array(0));
    while (this.part < this.parts.length) this.close();
    return this.references.map((r) => r!);
  }

  private feed(piece: Int16Array): void {
    const k = this.next++;
    this.ttsMs[k] = (piece.length / this.sampleRate) * 1000;
    while (this.part < this.parts.length && k >= this.parts[this.part].to) this.close();
    const part = this.parts[this.part];
    if (!part || k < part.from) return;
    const gap = this.gap();
    if (!this.extractor) this.open();
    const extractor = this.extractor!;
    // Converted a slice at a time: a whole piece as floats would be twice its size in garbage.
    for (let at = 0; at < piece.length; at += 1 << 16) extractor.push(Float32Array.from(piece.subarray(at, at + (1 << 16)), (x) => x / 32768));
    extractor.push(gap);
    this.sampleSpans.push([this.at, this.at + piece.length]);
    this.at += piece.length + gap.length;
  }

  private gap(): Float32Array {
    return new Float32Array(Math.round((this.sampleRate * REF_GAP_MS) / 1000));
  }

  private open(): void {
    this.extractor = new MfccExtractor(this.sampleRate, this.expectedSeconds[this.part] ?? 0);
    const gap = this.gap();
    this.extractor.push(gap);
    this.at = gap.length;
    this.sampleSpans = [];
  }

  private close(): void {
    if (!this.extractor) this.open();
    const features = this.extractor!.finish();
    const rate = features.sampleRate;
    const spans = this.sampleSpans.map(([s, e]) => ({ start: edgeOf(features, s / rate), end: edgeOf(features, e / rate) }));
    this.references[this.part++] = { features, spans };
    this.extractor = null;
  }
}
