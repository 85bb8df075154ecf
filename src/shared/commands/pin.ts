/** Pin cues: auto-timing keeps a pinned cue's times and aligns the rest between pinned cues. */
import type { SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cuesOf, describeCues } from '../plan/cues';
import { makePlan, type Plan } from '../plan/plan';
import { CommandError } from '../plan/errors';

export function planPin(doc: SubtitleDocument, cueIds: string[], pinned: boolean): Plan {
  const cues = cuesOf(doc, cueIds);
  const changing = cues.filter((c) => Boolean(c.pinned) !== pinned);
  if (changing.length === 0) throw new CommandError(`${describeCues(doc, cues).replace(/^c/, 'C')} ${cues.length === 1 ? 'is' : 'are'} already ${pinned ? 'pinned' : 'unpinned'}`);
  const ops: Operation[] = changing.map((c) => ({ type: 'setPinned', cueId: c.id, pinned }));
  return makePlan(ops, `${pinned ? 'Pin' : 'Unpin'} ${describeCues(doc, cues)}`, null);
}
