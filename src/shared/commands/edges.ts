/** Moving one edge of a cue: set start/end at the playhead, nudge edges by a delta (the keyboard timing loop). */
import type { Cue, SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cueOf, cuesOf, describeCues } from '../plan/cues';
import { makePlan, type Plan } from '../plan/plan';
import { seconds, signedSeconds } from '../plan/labels';
import { CommandError } from '../plan/errors';

/** Sets a cue's start or end; a cue must keep a positive duration, so an edge cannot pass the other one. */
export function planSetEdge(doc: SubtitleDocument, cueId: string, edge: 'start' | 'end', time: number): Plan {
  const [cue, index] = cueOf(doc, cueId);
  const number = index + 1;
  if (cue[edge] === time) throw new CommandError(`Cue ${number} already ${edge === 'start' ? 'starts' : 'ends'} at ${seconds(time)}`);
  if (edge === 'start' && time >= cue.end) throw new CommandError(`Cue ${number} cannot start at ${seconds(time)}: it ends at ${seconds(cue.end)}`);
  if (edge === 'end' && time <= cue.start) throw new CommandError(`Cue ${number} cannot end at ${seconds(time)}: it starts at ${seconds(cue.start)}`);
  const [start, end] = edge === 'start' ? [time, cue.end] : [cue.start, time];
  return makePlan([{ type: 'setTimes', cueId, start, end }], `Set ${edge} of cue ${number} to ${seconds(time)}`, null);
}

/** Nudged times of one cue: edges stop at 0 and a cue keeps at least 1 ms; 'both' keeps the duration. */
function nudged(cue: Cue, edge: 'start' | 'end' | 'both', delta: number): [number, number] {
  if (edge === 'both') {
    const d = Math.max(delta, -cue.start);
    return [cue.start + d, cue.end + d];
  }
  if (edge === 'start') return [Math.max(0, Math.min(cue.start + delta, cue.end - 1)), cue.end];
  return [cue.start, Math.max(cue.end + delta, cue.start + 1)];
}

export function planNudge(doc: SubtitleDocument, cueIds: string[], edge: 'start' | 'end' | 'both', delta: number): Plan {
  const cues = cuesOf(doc, cueIds);
  const ops: Operation[] = [];
  for (const cue of cues) {
    const [start, end] = nudged(cue, edge, delta);
    if (start !== cue.start || end !== cue.end) ops.push({ type: 'setTimes', cueId: cue.id, start, end });
  }
  const what = edge === 'both' ? '' : `${edge} of `;
  if (ops.length === 0) throw new CommandError(`Cannot nudge the ${what}${describeCues(doc, cues)} any further`);
  return makePlan(ops, `Nudge ${what}${describeCues(doc, cues)} by ${signedSeconds(delta)}`, null);
}
