/**
 * How sure the alignment is of each fragment. Two cues, both free once the path is known: how far apart the
 * matched frames are (a fragment the path crossed in a hurry, or laid over music or the wrong words, matches
 * badly), and whether its aligned length is plausible for its synthesized length.
 */
import type { FrameSpan } from '../../shared/align/boundaries';
import type { WarpPath } from '../../shared/align/dtw';
import type { FrameSource } from '../../shared/align/frame-source';

/** Reference frames on each side of a boundary whose matches count towards its cost. */
export const EDGE_FRAMES = 30;

/**
 * Per reference span: the mean Euclidean distance between matched frames over the path steps inside it, and
 * over the steps within EDGE_FRAMES of its start and of its end (where a misplaced boundary shows). The DTW
 * features are read through sources along the path, so a long stretch's features are never made whole for it.
 */
export function spanCosts(path: WarpPath, spans: FrameSpan[], a: FrameSource, b: FrameSource): FragmentCost[] {
  const { dims } = a;
  const sum = new Float64Array(a.count + 1);
  // Whole counts: exact as 32-bit integers, half the memory of the float64 sums.
  const steps = new Uint32Array(a.count + 1);
  for (let k = 0; k < path.i.length; k++) {
    const i = path.i[k];
    const j = path.j[k];
    const wa = a.window(i, i + 1);
    const wb = b.window(j, j + 1);
    const ia = (i - wa.first) * dims;
    const jb = (j - wb.first) * dims;
    let d = 0;
    for (let c = 0; c < dims; c++) d += (wa.data[ia + c] - wb.data[jb + c]) ** 2;
    sum[i + 1] += Math.sqrt(d);
    steps[i + 1]++;
  }
  // Prefix sums: the mean over any range of reference frames in O(1).
  for (let i = 1; i <= a.count; i++) {
    sum[i] += sum[i - 1];
    steps[i] += steps[i - 1];
  }
  const mean = (from: number, to: number): number => {
    const lo = Math.max(0, Math.min(a.count, from));
    const hi = Math.max(lo, Math.min(a.count, to));
    const n = steps[hi] - steps[lo];
    return n ? (sum[hi] - sum[lo]) / n : NaN;
  };
  return spans.map(({ start, end }) => ({
    whole: mean(start, end),
    start: mean(start - EDGE_FRAMES, start + EDGE_FRAMES),
    end: mean(end - EDGE_FRAMES, end + EDGE_FRAMES),
  }));
}

/** How many ends of `span` (0–2) are exactly on a pause edge: a start where a pause ends, an end where one starts. */
export function pauseEdges(span: FrameSpan, pauses: FrameSpan[]): number {
  let n = 0;
  for (const p of pauses) {
    if (p.end === span.start) n++;
    if (p.start === span.end) n++;
  }
  return n;
}

const median = (values: number[]): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  return sorted.length ? sorted[sorted.length >> 1] : NaN;
};

export interface FragmentCost {
  whole: number;
  start: number;
  end: number;
}

/** A fragment that ends a sentence: the speaker nearly always pauses after it. */
const SENTENCE_END = /[.?!。？！…]["'”’）)\]]*\s*$/u;

/**
 * How many ends of each fragment (0–2) a speaker would pause at: its start when it is the first fragment or follows
 * a sentence end, its end when it ends a sentence (or the text). A subtitle cue cut at a clause inside a sentence
 * has ends where speech runs on.
 */
export function expectedPauseEnds(fragments: readonly string[]): number[] {
  const ends = fragments.map((f) => SENTENCE_END.test(f));
  return fragments.map((_, k) => Number(k === 0 || ends[k - 1]) + Number(ends[k] || k === fragments.length - 1));
}

/**
 * How many of the ends a pause was expected at have none. `atPause` counts the ends on a pause, not which; the
 * missing ones go first to the ends where speech runs on (a clause cut), where no pause was expected.
 */
function missedPauses(atPause: number, expected: number): number {
  return Math.max(0, expected - atPause);
}

/**
 * 0–1 per fragment, the product of three factors. Cost: 1 while the worst of its costs (whole, around the start,
 * around the end) is under 1.25× the recording's median of that cost, 0 at 2×. Length: falls from 1 as the
 * real/TTS ratio leaves [0.6, 1.8] (a further factor of 2 is 0). Pauses: when the recording has trusted pauses,
 * each end that is not on one costs a quarter (sentence ends nearly always fall in a pause) — given the fragments'
 * texts, only the ends a pause was expected at (see expectedPauseEnds): on the degraded sample cut into the app's
 * 557 subtitle cues, counting clause cuts too put 240 cues under 0.8 (holding 15 of the 17 sentence boundaries off
 * by more than 250 ms); counting only sentence ends, 41 (holding 12). No cost: 0.5.
 */
export function fragmentConfidence(
  costs: FragmentCost[], realMs: number[], ttsMs: number[], atPause: number[] | null = null, fragments: readonly string[] | null = null,
): number[] {
  const expected = fragments && fragments.length === costs.length ? expectedPauseEnds(fragments) : null;
  const typical = { whole: median(costs.map((c) => c.whole)), start: median(costs.map((c) => c.start)), end: median(costs.map((c) => c.end)) };
  const relative = (c: FragmentCost): number => Math.max(...(['whole', 'start', 'end'] as const).map((k) => (typical[k] > 0 ? c[k] / typical[k] : NaN)));
  return costs.map((cost, k) => {
    const r = relative(cost);
    const byCost = Number.isFinite(r) ? Math.min(1, Math.max(0, (2 - r) / 0.75)) : 0.5;
    const ratio = ttsMs[k] > 0 ? realMs[k] / ttsMs[k] : 1;
    const off = ratio < 0.6 ? Math.log2(0.6 / Math.max(ratio, 1e-3)) : ratio > 1.8 ? Math.log2(ratio / 1.8) : 0;
    const missed = atPause ? (expected ? missedPauses(atPause[k], expected[k]) : 2 - atPause[k]) : 0;
    const byPauses = 1 - 0.25 * missed;
    return Math.round(byCost * Math.max(0, 1 - off) * byPauses * 100) / 100;
  });
}
