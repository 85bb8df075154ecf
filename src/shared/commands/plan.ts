/**
 * Plans an edit command into one batch of primitive operations (./operations), so undo, redo and the recovery
 * journal need nothing else. Pure: the same document, command and settings always give the same plan (new ids
 * included), so main and a replayed journal agree.
 */
import type { SubtitleDocument } from '../model';
import type { EditCommand, EditSettings } from './schema';
import type { Plan } from '../plan/plan';
import { planDelete, planInsert } from './cues';
import { planNudge, planSetEdge } from './edges';
import { planMerge, planMergeWithNext } from './merge';
import { planMoveWord } from './move-word';
import { planPin } from './pin';
import { planReplaceAll } from './replace';
import { planCloseGaps, planRemoveOverlaps, planResync, planShift } from './retime';
import { planAddSpeaker, planMergeSpeakers, planRecolorSpeaker, planRenameSpeaker, planSetSpeaker } from './speakers';
import { planSplit } from './split';
import { planFix } from '../qc/fixes/plan';
import { documentProfiles } from '../qc/profiles';
import { planSetProfile } from './profile';

export { CommandError } from '../plan/errors';
export type { Plan } from '../plan/plan';

/** Throws CommandError (message for the user) when the command cannot apply to this document. */
export function planCommand(doc: SubtitleDocument, command: EditCommand, settings: EditSettings): Plan {
  switch (command.kind) {
    case 'split':
      return planSplit(doc, command, settings);
    case 'merge':
      return planMerge(doc, command.cueIds);
    case 'mergeWithNext':
      return planMergeWithNext(doc, command.cueId);
    case 'insert':
      return planInsert(doc, command.start, command.end, command.speaker);
    case 'delete':
      return planDelete(doc, command.cueIds);
    case 'setSpeaker':
      return planSetSpeaker(doc, command.cueIds, command.speakerId);
    case 'pin':
      return planPin(doc, command.cueIds, command.pinned);
    case 'fix':
      return planFix(doc, command, documentProfiles(doc, settings.customProfiles));
    case 'setProfile':
      return planSetProfile(doc, command.lang, command.profileId, settings.customProfiles);
    case 'addSpeaker':
      return planAddSpeaker(doc, command.name, command.color);
    case 'renameSpeaker':
      return planRenameSpeaker(doc, command.speakerId, command.name);
    case 'recolorSpeaker':
      return planRecolorSpeaker(doc, command.speakerId, command.color);
    case 'mergeSpeakers':
      return planMergeSpeakers(doc, command.from, command.into);
    case 'shift':
      return planShift(doc, command.cueIds, command.offset);
    case 'resync':
      return planResync(doc, command.a, command.b, command.cueIds);
    case 'closeGaps':
      return planCloseGaps(doc, command.cueIds, command.maxGap, settings);
    case 'removeOverlaps':
      return planRemoveOverlaps(doc, command.cueIds, settings);
    case 'setEdge':
      return planSetEdge(doc, command.cueId, command.edge, command.time);
    case 'nudge':
      return planNudge(doc, command.cueIds, command.edge, command.delta);
    case 'replaceAll':
      return planReplaceAll(doc, command);
    case 'moveWord':
      return planMoveWord(doc, command.cueId, command.lang, command.direction);
  }
}
