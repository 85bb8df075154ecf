/**
 * Applies auto-timing as ONE undoable batch: the source cues (turns) are replaced, in document order, by the
 * planned subtitle cues with the aligner's times. The first planned cue of a turn keeps the turn's id (selection,
 * references and the journal keep pointing at it); the others get new ids, allocated like `nextCueId`.
 *
 * Each planned cue also gets the aligner's confidence in its times (`Cue.timing`, src/shared/timing-confidence.ts),
 * in the same batch: undo takes the times and the confidence back together.
 */
import type { Cue, CueTiming, SubtitleDocument } from '../model';
import { isConfidence, UNSURE_BELOW, unsureLabel } from '../timing-confidence';
import type { Operation } from '../operations';
import { cuesOf } from '../plan/cues';
import { makePlan, type Plan } from '../plan/plan';
import { nextId } from '../plan/ids';
import { plural } from '../plan/labels';
import { CommandError } from '../plan/errors';
import type { PlannedCue } from './build-cues';

export interface CueTimes {
  start: number;
  end: number;
}

/**
 * `times[i]` belongs to `planned[i]`; `review` lists indices of planned cues the aligner doubts; they and the planned
 * cues with a `review` reason of their own are selected afterwards. Throws CommandError when the plan does not match
 * the document or the times are not usable.
 */
export function planAutoTime(
  doc: SubtitleDocument, cueIds: string[] | 'all', planned: PlannedCue[], times: CueTimes[], review: number[],
  confidence: readonly number[] = [],
): Plan {
  const sources = cuesOf(doc, cueIds);
  const groups = groupBySource(sources, planned);
  checkTimes(planned, times, sources);
  checkReview(review, planned.length);
  const ops: Operation[] = [];
  const ids: string[] = [];
  const used = doc.cues.map((c) => c.id);
  let k = 0;
  let inserted = 0;
  for (const [s, source] of sources.entries()) {
    const index = doc.cues.indexOf(source) + inserted;
    groups[s].forEach((plan, j) => {
      const timing = timingOf(plan, times[k], confidence[k]);
      const { start, end } = times[k++];
      if (j === 0) {
        ops.push(...updateOps(doc, source, plan, start, end), ...timingOps(source, timing));
        ids.push(source.id);
        return;
      }
      const id = nextId('c', used);
      used.push(id);
      ids.push(id);
      ops.push({ type: 'insertCue', cue: newCue(doc, id, plan, start, end, timing), index: index + j });
      inserted++;
    });
  }
  // Every cue now has real times: the document is no longer untimed.
  if (doc.metadata.untimed && sources.length === doc.cues.length) ops.push({ type: 'setMetadata', key: 'untimed', value: false });
  const doubted = autoTimeReviews(planned, review, confidence).map((r) => r.index);
  const flagged = doubted.length > 0 ? ` (${doubted.length} to review)` : '';
  const label = `Auto-time ${plural(sources.length, 'turn')} → ${plural(planned.length, 'cue')}${flagged}`;
  const select = doubted.length > 0 ? doubted.map((i) => ids[i]) : null;
  return makePlan(ops, label, select);
}

/** Why the aligner doubts a cue: its text and the audio do not match well. */
export const AUDIO_MISMATCH = 'its text and the audio do not match well';

/**
 * Every planned cue to review, in order, with the reason shown to the user: the aligner's doubts (text and audio
 * disagree) and the plan's (the two languages' lengths disagree); a cue doubted by both gives both reasons.
 * `planAutoTime` selects exactly these.
 */
export function autoTimeReviews(
  planned: PlannedCue[], alignerReview: number[], confidence: readonly number[] = [],
): Array<{ index: number; reason: string }> {
  const reasons = new Map<number, string[]>();
  for (const i of alignerReview) reasons.set(i, [AUDIO_MISMATCH]);
  confidence.forEach((c, i) => {
    // A pinned cue's times are the user's, not the aligner's: its confidence says nothing about them.
    if (i < planned.length && !planned[i].pinned && c < UNSURE_BELOW) reasons.set(i, [...(reasons.get(i) ?? []), unsureLabel(c)]);
  });
  for (const { index, reason } of pairingReviews(planned)) reasons.set(index, [...(reasons.get(index) ?? []), reason]);
  return [...reasons.entries()].sort((a, b) => a[0] - b[0]).map(([index, list]) => ({ index, reason: list.join('; ') }));
}

/** Planned cues whose languages look mismatched (improbable length ratio), with the reason, for listing to the user. */
export function pairingReviews(planned: PlannedCue[]): Array<{ index: number; reason: string }> {
  return planned.flatMap((p, index) => (p.review ? [{ index, reason: p.review }] : []));
}

/** The planned cues of each source cue, checking they come in the sources' order and cover each one. */
function groupBySource(sources: Cue[], planned: PlannedCue[]): PlannedCue[][] {
  const groups: PlannedCue[][] = sources.map(() => []);
  let s = 0;
  for (const plan of planned) {
    while (s < sources.length && plan.sourceCueId !== sources[s].id) {
      if (groups[s].length === 0) break;
      s++;
    }
    if (s >= sources.length || plan.sourceCueId !== sources[s].id) {
      throw new CommandError(`The timing plan does not match the document at cue ${plan.sourceCueId} (was it edited meanwhile?)`);
    }
    groups[s].push(plan);
  }
  const missing = sources.findIndex((_, i) => groups[i].length === 0);
  if (missing >= 0) throw new CommandError(`The timing plan has no cue for ${sources[missing].id} (was it edited meanwhile?)`);
  return groups;
}

function checkTimes(planned: PlannedCue[], times: CueTimes[], sources: Cue[]): void {
  if (times.length !== planned.length) throw new CommandError(`${times.length} times for ${planned.length} planned cues`);
  const pinned = new Map(sources.filter((c) => c.pinned).map((c) => [c.id, c]));
  let previousEnd = 0;
  times.forEach(({ start, end }, i) => {
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw new CommandError(`Times of planned cue ${i + 1} are not integer milliseconds`);
    if (start < previousEnd || end < start) {
      throw new CommandError(`Times of planned cue ${i + 1} (${start}–${end} ms) overlap or run backwards (previous end ${previousEnd} ms)`);
    }
    const anchor = planned[i].pinned ? pinned.get(planned[i].sourceCueId) : undefined;
    if (anchor && (anchor.start !== start || anchor.end !== end)) {
      throw new CommandError(`Pinned cue ${anchor.id} must keep its times ${anchor.start}–${anchor.end} ms`);
    }
    previousEnd = end;
  });
}

function checkReview(review: number[], count: number): void {
  for (const i of review) {
    if (!Number.isInteger(i) || i < 0 || i >= count) throw new CommandError(`No planned cue ${i} to flag for review`);
  }
}

/** Turns the source cue into its first planned cue: times, texts that differ, speaker if it changed. */
function updateOps(doc: SubtitleDocument, source: Cue, plan: PlannedCue, start: number, end: number): Operation[] {
  const ops: Operation[] = [];
  if (source.start !== start || source.end !== end) ops.push({ type: 'setTimes', cueId: source.id, start, end });
  for (const { code } of doc.languages) {
    const text = plan.text[code];
    if (text !== undefined && text !== (source.text[code] ?? '')) ops.push({ type: 'setText', cueId: source.id, lang: code, text });
  }
  if (plan.speaker !== source.speaker) ops.push({ type: 'setSpeaker', cueId: source.id, speaker: plan.speaker });
  return ops;
}

function newCue(doc: SubtitleDocument, id: string, plan: PlannedCue, start: number, end: number, timing: CueTiming | undefined): Cue {
  const text: Record<string, string> = {};
  for (const { code } of doc.languages) if (plan.text[code] !== undefined) text[code] = plan.text[code];
  const cue: Cue = { id, start, end, speaker: plan.speaker, text };
  return timing === undefined ? cue : { ...cue, timing };
}

/**
 * What the cue records of the aligner's confidence: nothing for a pinned cue (its times are the user's) or when the
 * aligner gave none (a run without confidences).
 */
function timingOf(plan: PlannedCue, times: CueTimes, confidence: number | undefined): CueTiming | undefined {
  if (plan.pinned || !isConfidence(confidence)) return undefined;
  return { confidence, start: times.start, end: times.end };
}

/** Replaces the source cue's recorded confidence when it differs (a stale one from an earlier run is cleared). */
function timingOps(source: Cue, timing: CueTiming | undefined): Operation[] {
  const was = source.timing;
  const same = was === undefined ? timing === undefined
    : timing !== undefined && was.confidence === timing.confidence && was.start === timing.start && was.end === timing.end;
  if (same) return [];
  return [timing === undefined ? { type: 'setTiming', cueId: source.id } : { type: 'setTiming', cueId: source.id, timing }];
}
