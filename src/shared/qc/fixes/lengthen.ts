/**
 * "Lengthen for reading speed", chained like Subtitle Edit's "fix short display times": a cue that reads too fast
 * first takes time from the gap after it (keeping the minimum gap), then moves the next cue's start later when
 * that cue has room — it keeps its own reading speed and the minimum duration, and may in turn push its end into
 * its own gap and the cue after it, a few cues deep. A pinned cue never moves. Every cue left unfixed gets a reason
 * the user can act on ("next cue 8 starts 40 ms later and is itself at the limit").
 */
import type { SubtitleDocument } from '../../model';
import type { Operation } from '../../operations';
import { timingProfile, type QcProfile } from '../profiles';
import { neededDurationMs } from './timing';

export interface Unfixed {
  cueId: string;
  /** Why, for the user: "next cue 8 is pinned". */
  reason: string;
}

export interface LengthenResult {
  ops: Operation[];
  unfixed: Unfixed[];
}

/** How many cues after a lengthened one may give way in turn. */
const CHAIN_DEPTH = 4;

interface Span {
  start: number;
  end: number;
}

/** Working times of the cues being retimed, so each fix sees the ones before it. */
class Retiming {
  private readonly times = new Map<number, Span>();
  readonly timing: QcProfile;

  constructor(readonly doc: SubtitleDocument, readonly profiles: Record<string, QcProfile>) {
    this.timing = timingProfile(profiles);
  }

  get gap(): number {
    return this.timing.minGapMs;
  }

  get(i: number): Span {
    return this.times.get(i) ?? { start: this.doc.cues[i].start, end: this.doc.cues[i].end };
  }

  set(i: number, span: Span): void {
    this.times.set(i, span);
  }

  /** The shortest a cue may become when it gives way: its own reading speed, and the minimum duration. */
  floor(i: number): number {
    return Math.max(neededDurationMs(this.doc.cues[i], this.profiles), this.timing.minDurationMs);
  }

  /** The latest start cue i can take by giving way (its start when it cannot: pinned, or at its limit). */
  latestStart(i: number, depth: number): number {
    const t = this.get(i);
    if (this.doc.cues[i].pinned) return t.start;
    return Math.max(t.start, this.latestEnd(i, depth) - this.floor(i));
  }

  /** The latest end cue i may take while giving way: into its own gap, further when the next cue gives way too. */
  private latestEnd(i: number, depth: number): number {
    const t = this.get(i);
    // The last cue keeps its end: nothing here knows where the media ends.
    if (depth <= 0 || i + 1 >= this.doc.cues.length) return t.end;
    return Math.max(t.end, this.latestStart(i + 1, depth - 1) - this.gap);
  }

  /** Moves cue i's start to `start` (at most latestStart), its end later when it needs to, and so on down the chain. */
  giveWay(i: number, start: number): void {
    const t = this.get(i);
    if (start <= t.start) return;
    const end = Math.max(t.end, start + this.floor(i));
    if (end > t.end && i + 1 < this.doc.cues.length && end + this.gap > this.get(i + 1).start) this.giveWay(i + 1, end + this.gap);
    this.set(i, { start, end });
  }

  ops(): Operation[] {
    return [...this.times.keys()].sort((a, b) => a - b).flatMap((i): Operation[] => {
      const cue = this.doc.cues[i];
      const t = this.get(i);
      return t.start === cue.start && t.end === cue.end ? [] : [{ type: 'setTimes', cueId: cue.id, start: t.start, end: t.end }];
    });
  }
}

/** Lengthens each cue at `indices` (document order) toward the duration its reading speed needs. */
export function lengthenForReadingSpeed(doc: SubtitleDocument, indices: readonly number[], profiles: Record<string, QcProfile>): LengthenResult {
  const r = new Retiming(doc, profiles);
  const unfixed: Unfixed[] = [];
  for (const i of [...indices].sort((a, b) => a - b)) {
    const reason = lengthenOne(r, i);
    if (reason !== null) unfixed.push({ cueId: doc.cues[i].id, reason });
  }
  return { ops: r.ops(), unfixed };
}

/** Lengthens cue i as far as it can; null when it now reads within the limit, else why not. */
function lengthenOne(r: Retiming, i: number): string | null {
  const { doc, timing, gap } = r;
  if (doc.cues[i].pinned) return 'it is pinned';
  const t = r.get(i);
  const needed = neededDurationMs(doc.cues[i], r.profiles);
  const tooLong = timing.maxDurationMs > 0 && needed > timing.maxDurationMs;
  const want = t.start + (tooLong ? timing.maxDurationMs : needed);
  const limitReason = tooLong ? `it needs ${needed} ms on screen, more than the maximum of ${timing.maxDurationMs} ms` : null;
  if (want <= t.end) return limitReason;
  if (i + 1 >= doc.cues.length || want + gap <= r.get(i + 1).start) {
    r.set(i, { start: t.start, end: want });
    return limitReason;
  }
  const gapAfter = r.get(i + 1).start - t.end;
  const latest = r.latestStart(i + 1, CHAIN_DEPTH);
  const end = Math.min(want, latest - gap);
  if (end > t.end) {
    r.giveWay(i + 1, end + gap);
    r.set(i, { start: t.start, end });
  }
  if (end >= want) return limitReason;
  return limitReason ?? blockedBy(r, i, gapAfter, want - Math.max(end, t.end));
}

/** Why the cues after cue i could not make room: "still 240 ms short: next cue 8 is pinned". */
function blockedBy(r: Retiming, i: number, after: number, shortMs: number): string {
  const next = r.doc.cues[i + 1];
  const number = i + 2;
  const where = after >= 0 ? `starts ${after} ms later` : `overlaps it by ${-after} ms`;
  const why = next.pinned ? `next cue ${number} is pinned` : `next cue ${number} ${where} and is itself at the limit`;
  return `still ${shortMs} ms short: ${why}`;
}
