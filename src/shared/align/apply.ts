/**
 * Applies auto-timing as ONE undoable batch: the source cues (turns) are replaced, in document order, by the
 * planned subtitle cues with the aligner's times. The first planned cue of a turn keeps the turn's id (selection,
 * references and the journal keep pointing at it); the others get new ids, allocated like `nextCueId`.
 *
 * Not done here: clearing `metadata.untimed` — the operation set has no metadata operation yet.
 */
import type { Cue, SubtitleDocument } from '../model';
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
      const { start, end } = times[k++];
      if (j === 0) {
        ops.push(...updateOps(doc, source, plan, start, end));
        ids.push(source.id);
        return;
      }
      const id = nextId('c', used);
      used.push(id);
      ids.push(id);
      ops.push({ type: 'insertCue', cue: newCue(doc, id, plan, start, end), index: index + j });
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
 * Below this alignment confidence (0–1, from the path cost, the length ratio and the pauses: see
 * src/node/align/confidence.ts) a cue's timing is unsure. Chosen on the degraded test audio: the cues under it
 * (46 of 293) hold 11 of the 15 boundaries off by more than 250 ms.
 */
export const UNSURE_BELOW = 0.8;

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
    if (i < planned.length && c < UNSURE_BELOW) reasons.set(i, [...(reasons.get(i) ?? []), `timing unsure (confidence ${c.toFixed(2)})`]);
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

function newCue(doc: SubtitleDocument, id: string, plan: PlannedCue, start: number, end: number): Cue {
  const text: Record<string, string> = {};
  for (const { code } of doc.languages) if (plan.text[code] !== undefined) text[code] = plan.text[code];
  return { id, start, end, speaker: plan.speaker, text };
}
