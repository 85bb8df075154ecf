/** Insert an empty cue; delete cues. */
import type { Cue, SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cuesOf, describeCues } from '../plan/cues';
import { makePlan, type Plan } from '../plan/plan';
import { nextCueId } from '../plan/ids';
import { seconds } from '../plan/labels';
import { CommandError } from '../plan/errors';

/** Inserts an empty cue where it keeps the list sorted by start (then end), after cues that tie with it. */
export function planInsert(doc: SubtitleDocument, start: number, end: number, speaker: string | null | undefined): Plan {
  if (end <= start) throw new CommandError(`A new cue must end after it starts (${seconds(start)} – ${seconds(end)})`);
  if (speaker != null && !doc.speakers.some((s) => s.id === speaker)) throw new CommandError(`No speaker with id ${speaker}`);
  let index = doc.cues.findIndex((c) => c.start > start || (c.start === start && c.end > end));
  if (index < 0) index = doc.cues.length;
  const text: Record<string, string> = {};
  for (const { code } of doc.languages) text[code] = '';
  const cue: Cue = { id: nextCueId(doc), start, end, speaker: speaker ?? null, text };
  return makePlan([{ type: 'insertCue', cue, index }], `Insert cue ${index + 1}`, [cue.id]);
}

/** Deletes cues; the selection moves to the cue after the last one deleted, or else the one before. */
export function planDelete(doc: SubtitleDocument, cueIds: string[]): Plan {
  const cues = cuesOf(doc, cueIds);
  const label = `Delete ${describeCues(doc, cues)}`;
  const gone = new Set(cues.map((c) => c.id));
  const last = doc.cues.findIndex((c) => c.id === cues[cues.length - 1].id);
  const after = doc.cues.slice(last + 1).find((c) => !gone.has(c.id));
  const before = doc.cues.slice(0, last).reverse().find((c) => !gone.has(c.id));
  const next = after ?? before;
  const ops: Operation[] = cues.map((c) => ({ type: 'deleteCue', cueId: c.id }));
  return makePlan(ops, label, next ? [next.id] : []);
}
