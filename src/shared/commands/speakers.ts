/** Speaker commands: assign to cues, add, rename, recolour, merge one speaker into another. */
import { speakerColor, type Speaker, type SubtitleDocument } from '../model';
import type { Operation } from '../operations';
import { cuesOf, describeCues } from '../plan/cues';
import { makePlan, type Plan } from '../plan/plan';
import { nextSpeakerId } from '../plan/ids';
import { plural } from '../plan/labels';
import { CommandError } from '../plan/errors';

function speakerOf(doc: SubtitleDocument, speakerId: string): Speaker {
  const speaker = doc.speakers.find((s) => s.id === speakerId);
  if (!speaker) throw new CommandError(`No speaker with id ${speakerId}`);
  return speaker;
}

/** Names identify speakers to the user, so two speakers may not share one. */
function checkNameFree(doc: SubtitleDocument, name: string, except?: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new CommandError('A speaker needs a name');
  if (doc.speakers.some((s) => s.name === trimmed && s.id !== except)) throw new CommandError(`There is already a speaker named "${trimmed}"`);
  return trimmed;
}

export function planSetSpeaker(doc: SubtitleDocument, cueIds: string[], speakerId: string | null): Plan {
  const name = speakerId === null ? 'no speaker' : speakerOf(doc, speakerId).name;
  const cues = cuesOf(doc, cueIds);
  const changing = cues.filter((c) => c.speaker !== speakerId);
  if (changing.length === 0) throw new CommandError(`${describeCues(doc, cues).replace(/^c/, 'C')} already ${cues.length === 1 ? 'has' : 'have'} ${name}`);
  const ops: Operation[] = changing.map((c) => ({ type: 'setSpeaker', cueId: c.id, speaker: speakerId }));
  return makePlan(ops, `Set speaker of ${describeCues(doc, cues)} to ${name}`, null);
}

export function planAddSpeaker(doc: SubtitleDocument, name: string, color: string | undefined): Plan {
  const speaker: Speaker = { id: nextSpeakerId(doc), name: checkNameFree(doc, name), color: color ?? speakerColor(doc.speakers.length) };
  return makePlan([{ type: 'putSpeaker', speaker }], `Add speaker ${speaker.name}`, null);
}

export function planRenameSpeaker(doc: SubtitleDocument, speakerId: string, name: string): Plan {
  const speaker = speakerOf(doc, speakerId);
  const newName = checkNameFree(doc, name, speakerId);
  if (newName === speaker.name) throw new CommandError(`The speaker is already named "${newName}"`);
  return makePlan([{ type: 'putSpeaker', speaker: { ...speaker, name: newName } }], `Rename speaker ${speaker.name} → ${newName}`, null);
}

export function planRecolorSpeaker(doc: SubtitleDocument, speakerId: string, color: string): Plan {
  const speaker = speakerOf(doc, speakerId);
  if (speaker.color.toLowerCase() === color.toLowerCase()) throw new CommandError(`${speaker.name} already has colour ${color}`);
  return makePlan([{ type: 'putSpeaker', speaker: { ...speaker, color } }], `Recolour speaker ${speaker.name}`, null);
}

/** Every cue of `from` goes to `into`, then `from` is removed (its undo restores it at its place in the list). */
export function planMergeSpeakers(doc: SubtitleDocument, fromId: string, intoId: string): Plan {
  const from = speakerOf(doc, fromId);
  const into = speakerOf(doc, intoId);
  if (from.id === into.id) throw new CommandError('Pick two different speakers to merge');
  const cues = doc.cues.filter((c) => c.speaker === from.id);
  const ops: Operation[] = cues.map((c) => ({ type: 'setSpeaker', cueId: c.id, speaker: into.id }));
  ops.push({ type: 'removeSpeaker', speakerId: from.id });
  return makePlan(ops, `Merge speaker ${from.name} into ${into.name} (${plural(cues.length, 'cue')})`, null);
}
