/** Retiming many cues at once: shift, two-point resync, close gaps, remove overlaps. */
import type { Cue, SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cueNumber, cueOf, cuesOf } from '../plan/cues';
import { makePlan, type Plan } from '../plan/plan';
import { plural, seconds, signedSeconds } from '../plan/labels';
import { CommandError } from '../plan/errors';
import type { EditSettings } from './schema';
import { documentMinGapMs } from '../qc/profiles';

function countLabel(cueIds: string[] | 'all', cues: Cue[]): string {
  return cueIds === 'all' ? `all ${plural(cues.length, 'cue')}` : plural(cues.length, 'cue');
}

function retimed(cues: Cue[], map: (t: number) => number): Operation[] {
  return cues.map((c) => ({ type: 'setTimes', cueId: c.id, start: map(c.start), end: map(c.end) }));
}

/** Moves cues by `offset`; refused when the earliest would start before 0 (clamping would squash cues together). */
export function planShift(doc: SubtitleDocument, cueIds: string[] | 'all', offset: number): Plan {
  const cues = cuesOf(doc, cueIds);
  if (cues.length === 0) throw new CommandError('There are no cues to shift');
  if (offset === 0) throw new CommandError('A shift of 0 changes nothing');
  const earliest = cues.reduce((a, b) => (b.start < a.start ? b : a));
  if (earliest.start + offset < 0) {
    throw new CommandError(`Cannot shift by ${signedSeconds(offset)}: cue ${cueNumber(doc, earliest.id)} starts at ${seconds(earliest.start)}, and times cannot go below 0`);
  }
  return makePlan(retimed(cues, (t) => t + offset), `Shift ${countLabel(cueIds, cues)} by ${signedSeconds(offset)}`, null);
}

/**
 * Two-point resync: cue a's start goes to `a.time`, cue b's start to `b.time`, and every start and end of the
 * chosen cues maps linearly, t' = a.time + (t − a.start)·(b.time − a.time)/(b.start − a.start), rounded to ms.
 */
export function planResync(
  doc: SubtitleDocument,
  a: { cueId: string; time: number },
  b: { cueId: string; time: number },
  cueIds: string[] | 'all',
): Plan {
  const [cueA] = cueOf(doc, a.cueId);
  const [cueB] = cueOf(doc, b.cueId);
  if (cueA.start === cueB.start) throw new CommandError('The two reference cues start at the same time: pick two cues that start at different times');
  const scale = (b.time - a.time) / (cueB.start - cueA.start);
  if (scale <= 0) throw new CommandError('The new times must keep the reference cues in the same order (and apart)');
  const map = (t: number): number => Math.round(a.time + (t - cueA.start) * scale);
  const cues = cuesOf(doc, cueIds);
  if (cues.length === 0) throw new CommandError('There are no cues to resync');
  const negative = cues.find((c) => map(c.start) < 0);
  if (negative) {
    throw new CommandError(`Resync would move cue ${cueNumber(doc, negative.id)} to ${seconds(map(negative.start))}, before the start of the media`);
  }
  return makePlan(retimed(cues, map), `Resync ${countLabel(cueIds, cues)}`, null);
}

/** The chosen cues sorted by start (then end, then document order). */
function byStart(doc: SubtitleDocument, cueIds: string[] | 'all'): Cue[] {
  return cuesOf(doc, cueIds).sort((x, y) => x.start - y.start || x.end - y.end);
}

/**
 * For each pair of consecutive chosen cues with 0 < gap < maxGap, the earlier one ends the minimum gap (the
 * document's QC profile's) before the later starts.
 */
export function planCloseGaps(doc: SubtitleDocument, cueIds: string[] | 'all', maxGap: number, settings: EditSettings): Plan {
  const minGap = documentMinGapMs(doc, settings.customProfiles);
  const cues = byStart(doc, cueIds);
  const ops: Operation[] = [];
  for (let i = 0; i + 1 < cues.length; i++) {
    const [cur, next] = [cues[i], cues[i + 1]];
    const gap = next.start - cur.end;
    const end = next.start - minGap;
    if (gap > 0 && gap < maxGap && end > cur.end) ops.push({ type: 'setTimes', cueId: cur.id, start: cur.start, end });
  }
  if (ops.length === 0) throw new CommandError(`No gaps shorter than ${seconds(maxGap)} (and wider than the ${minGap} ms minimum) between the selected cues`);
  return makePlan(ops, `Close ${plural(ops.length, 'gap')}`, null);
}

/**
 * For each pair of consecutive chosen cues closer than the minimum gap (the document's QC profile's; overlapping
 * or not), the earlier one ends that gap before the later starts — but never at or before its own start; then the later start moves instead.
 */
export function planRemoveOverlaps(doc: SubtitleDocument, cueIds: string[] | 'all', settings: EditSettings): Plan {
  const gap = documentMinGapMs(doc, settings.customProfiles);
  const cues = byStart(doc, cueIds).map((c) => ({ ...c }));
  const changed = new Set<Cue>();
  for (let i = 0; i + 1 < cues.length; i++) {
    const [cur, next] = [cues[i], cues[i + 1]];
    if (cur.end <= next.start - gap) continue;
    cur.end = Math.max(cur.start + 1, next.start - gap);
    changed.add(cur);
    if (next.start < cur.end + gap) {
      next.start = cur.end + gap;
      if (next.start >= next.end) {
        throw new CommandError(`Cannot remove the overlap of cues ${cueNumber(doc, cur.id)} and ${cueNumber(doc, next.id)}: cue ${cueNumber(doc, next.id)} is too short`);
      }
      changed.add(next);
    }
  }
  if (changed.size === 0) throw new CommandError('The selected cues do not overlap');
  const ops: Operation[] = cues.filter((c) => changed.has(c)).map((c) => ({ type: 'setTimes', cueId: c.id, start: c.start, end: c.end }));
  return makePlan(ops, `Remove overlaps in ${plural(ops.length, 'cue')}`, null);
}
