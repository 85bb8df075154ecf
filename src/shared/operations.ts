/**
 * Edit operations: serializable values applied by one pure function that returns the new document
 * and the operation that undoes it. Main applies them, records them for undo/redo and the journal.
 * Everything a user does (split, merge, shift, find/replace, …) is planned into these primitives
 * by the command planners in ./commands, so undo and replay need nothing else.
 */
import type { Cue, CueTiming, Speaker, SubtitleDocument } from './model';
import { OperationError } from './operation-error';
import { isConfidence } from './timing-confidence';
import {
  applyLanguageOperation, isLanguageOperation, languageOpChangesCueList, languageOpTouchedCueIds, type LanguageOperation,
} from './operations-languages';

export type Operation =
  | { type: 'setText'; cueId: string; lang: string; text: string }
  | { type: 'setTimes'; cueId: string; start: number; end: number }
  | { type: 'setSpeaker'; cueId: string; speaker: string | null }
  /** Sets (or, with `value` undefined, removes) one metadata entry, e.g. `untimed`. */
  | { type: 'setMetadata'; key: string; value?: unknown }
  /** Pins a cue's times (auto-timing keeps them) or unpins it. */
  | { type: 'setPinned'; cueId: string; pinned: boolean }
  /** Records (or, with `timing` undefined, removes) the aligner's confidence in a cue's times (auto-time). */
  | { type: 'setTiming'; cueId: string; timing?: CueTiming }
  /** Inserts a cue at `index` in the cue list. */
  | { type: 'insertCue'; cue: Cue; index: number }
  | { type: 'deleteCue'; cueId: string }
  /** Adds a speaker, or replaces the one with the same id (rename, recolour). */
  | { type: 'putSpeaker'; speaker: Speaker; index?: number }
  /** Removes a speaker no cue refers to. */
  | { type: 'removeSpeaker'; speakerId: string }
  /** Several operations as one undo step; `label` names it for the user ("Split cue 12"). */
  | { type: 'batch'; ops: Operation[]; label?: string }
  /** Rename, recode, reorder, remove or restore a language; replace document parts (./operations-languages). */
  | LanguageOperation;

export interface Applied {
  doc: SubtitleDocument;
  inverse: Operation;
}

/** An operation that cannot apply to this document (unknown cue, bad times, …). */
export { OperationError };

export function applyOperation(doc: SubtitleDocument, op: Operation): Applied {
  if (isLanguageOperation(op)) return applyLanguageOperation(doc, op);
  switch (op.type) {
    case 'setText':
      return setText(doc, op.cueId, op.lang, op.text);
    case 'setTimes':
      return setTimes(doc, op.cueId, op.start, op.end);
    case 'setSpeaker':
      return setSpeaker(doc, op.cueId, op.speaker);
    case 'setPinned':
      return setPinned(doc, op.cueId, op.pinned);
    case 'setTiming':
      return setTiming(doc, op.cueId, op.timing);
    case 'setMetadata':
      return setMetadata(doc, op.key, op.value);
    case 'insertCue':
      return insertCue(doc, op.cue, op.index);
    case 'deleteCue':
      return deleteCue(doc, op.cueId);
    case 'putSpeaker':
      return putSpeaker(doc, op.speaker, op.index);
    case 'removeSpeaker':
      return removeSpeaker(doc, op.speakerId);
    case 'batch':
      return applyBatch(doc, op.ops, op.label);
  }
}

function cueAt(doc: SubtitleDocument, cueId: string): [Cue, number] {
  const index = doc.cues.findIndex((c) => c.id === cueId);
  if (index < 0) throw new OperationError(`no cue with id ${cueId}`);
  return [doc.cues[index], index];
}

function replaceCue(doc: SubtitleDocument, index: number, cue: Cue): SubtitleDocument {
  const cues = doc.cues.slice();
  cues[index] = cue;
  return { ...doc, cues };
}

function checkTimes(start: number, end: number, what: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new OperationError('times must be integer milliseconds');
  if (start < 0 || end < start) throw new OperationError(`bad times ${start}–${end} for ${what}`);
}

export function setText(doc: SubtitleDocument, cueId: string, lang: string, text: string): Applied {
  if (!doc.languages.some((l) => l.code === lang)) throw new OperationError(`the document has no language ${lang}`);
  const [cue, index] = cueAt(doc, cueId);
  const before = cue.text[lang] ?? '';
  return {
    doc: replaceCue(doc, index, { ...cue, text: { ...cue.text, [lang]: text } }),
    inverse: { type: 'setText', cueId, lang, text: before },
  };
}

export function setTimes(doc: SubtitleDocument, cueId: string, start: number, end: number): Applied {
  checkTimes(start, end, `cue ${cueId}`);
  const [cue, index] = cueAt(doc, cueId);
  return {
    doc: replaceCue(doc, index, { ...cue, start, end }),
    inverse: { type: 'setTimes', cueId, start: cue.start, end: cue.end },
  };
}

export function setSpeaker(doc: SubtitleDocument, cueId: string, speaker: string | null): Applied {
  if (speaker !== null && !doc.speakers.some((s) => s.id === speaker)) throw new OperationError(`no speaker with id ${speaker}`);
  const [cue, index] = cueAt(doc, cueId);
  return {
    doc: replaceCue(doc, index, { ...cue, speaker }),
    inverse: { type: 'setSpeaker', cueId, speaker: cue.speaker },
  };
}

export function setPinned(doc: SubtitleDocument, cueId: string, pinned: boolean): Applied {
  const [cue, index] = cueAt(doc, cueId);
  const { pinned: was = false, ...rest } = cue;
  return {
    doc: replaceCue(doc, index, pinned ? { ...rest, pinned: true } : rest),
    inverse: { type: 'setPinned', cueId, pinned: was },
  };
}

/** A confidence from 0 to 1 with valid times (what auto-time records; see ./timing-confidence). */
function checkTiming(timing: CueTiming, cueId: string): void {
  if (!isConfidence(timing.confidence)) throw new OperationError(`bad timing confidence ${timing.confidence} for cue ${cueId}`);
  checkTimes(timing.start, timing.end, `the timing of cue ${cueId}`);
}

export function setTiming(doc: SubtitleDocument, cueId: string, timing: CueTiming | undefined): Applied {
  if (timing !== undefined) checkTiming(timing, cueId);
  const [cue, index] = cueAt(doc, cueId);
  const { timing: was, ...rest } = cue;
  return {
    doc: replaceCue(doc, index, timing === undefined ? rest : { ...rest, timing: { confidence: timing.confidence, start: timing.start, end: timing.end } }),
    inverse: was === undefined ? { type: 'setTiming', cueId } : { type: 'setTiming', cueId, timing: was },
  };
}

export function setMetadata(doc: SubtitleDocument, key: string, value: unknown): Applied {
  const { [key]: before, ...rest } = doc.metadata;
  const metadata = value === undefined ? rest : { ...rest, [key]: value };
  const had = Object.prototype.hasOwnProperty.call(doc.metadata, key);
  return {
    doc: { ...doc, metadata },
    inverse: had ? { type: 'setMetadata', key, value: before } : { type: 'setMetadata', key },
  };
}

export function insertCue(doc: SubtitleDocument, cue: Cue, index: number): Applied {
  if (doc.cues.some((c) => c.id === cue.id)) throw new OperationError(`a cue with id ${cue.id} exists`);
  if (!Number.isInteger(index) || index < 0 || index > doc.cues.length) throw new OperationError(`bad cue index ${index}`);
  checkTimes(cue.start, cue.end, `cue ${cue.id}`);
  if (cue.timing !== undefined) checkTiming(cue.timing, cue.id);
  if (cue.speaker !== null && !doc.speakers.some((s) => s.id === cue.speaker)) throw new OperationError(`no speaker with id ${cue.speaker}`);
  const cues = doc.cues.slice();
  cues.splice(index, 0, cue);
  return { doc: { ...doc, cues }, inverse: { type: 'deleteCue', cueId: cue.id } };
}

export function deleteCue(doc: SubtitleDocument, cueId: string): Applied {
  const [cue, index] = cueAt(doc, cueId);
  const cues = doc.cues.slice();
  cues.splice(index, 1);
  return { doc: { ...doc, cues }, inverse: { type: 'insertCue', cue, index } };
}

export function putSpeaker(doc: SubtitleDocument, speaker: Speaker, index?: number): Applied {
  const at = doc.speakers.findIndex((s) => s.id === speaker.id);
  const speakers = doc.speakers.slice();
  if (at >= 0) {
    speakers[at] = speaker;
    return { doc: { ...doc, speakers }, inverse: { type: 'putSpeaker', speaker: doc.speakers[at] } };
  }
  const where = index === undefined ? speakers.length : Math.max(0, Math.min(index, speakers.length));
  speakers.splice(where, 0, speaker);
  return { doc: { ...doc, speakers }, inverse: { type: 'removeSpeaker', speakerId: speaker.id } };
}

export function removeSpeaker(doc: SubtitleDocument, speakerId: string): Applied {
  const at = doc.speakers.findIndex((s) => s.id === speakerId);
  if (at < 0) throw new OperationError(`no speaker with id ${speakerId}`);
  if (doc.cues.some((c) => c.speaker === speakerId)) throw new OperationError(`speaker ${speakerId} still has cues`);
  const speakers = doc.speakers.slice();
  speakers.splice(at, 1);
  return { doc: { ...doc, speakers }, inverse: { type: 'putSpeaker', speaker: doc.speakers[at], index: at } };
}

/** Applies every operation in order; the inverse undoes them in reverse order. */
export function applyBatch(doc: SubtitleDocument, ops: Operation[], label?: string): Applied {
  const inverses: Operation[] = [];
  let current = doc;
  for (let i = 0; i < ops.length; ) {
    // A run of text and time edits (what fixes, auto-timing and shifts plan) shares one copy of the cue list:
    // copying it per edit made 40,000 edits of 20,000 cues take 97 s.
    let end = i;
    while (end < ops.length && isCueEdit(ops[end])) end++;
    const applied = end - i > 1 ? applyCueEdits(current, ops.slice(i, end) as CueEdit[]) : { doc: applyOne(current, ops[i], inverses), inverses: null };
    current = applied.doc;
    if (applied.inverses) inverses.push(...applied.inverses);
    i = Math.max(end, i + 1);
  }
  inverses.reverse();
  return { doc: current, inverse: label === undefined ? { type: 'batch', ops: inverses } : { type: 'batch', ops: inverses, label } };
}

type CueEdit = Extract<Operation, { type: 'setText' | 'setTimes' }>;

function isCueEdit(op: Operation): op is CueEdit {
  return op.type === 'setText' || op.type === 'setTimes';
}

function applyOne(doc: SubtitleDocument, op: Operation, inverses: Operation[]): SubtitleDocument {
  const applied = applyOperation(doc, op);
  inverses.push(applied.inverse);
  return applied.doc;
}

/** setText and setTimes in order on one copy of the cue list, checked as each alone checks; inverses in op order. */
function applyCueEdits(doc: SubtitleDocument, ops: CueEdit[]): { doc: SubtitleDocument; inverses: Operation[] } {
  const index = new Map<string, number>();
  doc.cues.forEach((cue, i) => {
    if (!index.has(cue.id)) index.set(cue.id, i); // the first, as cueAt finds it
  });
  const codes = new Set(doc.languages.map((l) => l.code));
  const cues = doc.cues.slice();
  const inverses: Operation[] = [];
  for (const op of ops) {
    const at = index.get(op.cueId);
    if (at === undefined) throw new OperationError(`no cue with id ${op.cueId}`);
    const cue = cues[at];
    if (op.type === 'setText') {
      if (!codes.has(op.lang)) throw new OperationError(`the document has no language ${op.lang}`);
      inverses.push({ type: 'setText', cueId: op.cueId, lang: op.lang, text: cue.text[op.lang] ?? '' });
      cues[at] = { ...cue, text: { ...cue.text, [op.lang]: op.text } };
    } else {
      checkTimes(op.start, op.end, `cue ${op.cueId}`);
      inverses.push({ type: 'setTimes', cueId: op.cueId, start: cue.start, end: cue.end });
      cues[at] = { ...cue, start: op.start, end: op.end };
    }
  }
  return { doc: { ...doc, cues }, inverses };
}

/** Ids of the cues an operation touches, for views that update only what changed. */
export function touchedCueIds(op: Operation): string[] {
  if (isLanguageOperation(op)) return languageOpTouchedCueIds(op);
  switch (op.type) {
    case 'batch':
      return op.ops.flatMap(touchedCueIds);
    case 'insertCue':
      return [op.cue.id];
    case 'putSpeaker':
    case 'removeSpeaker':
    case 'setMetadata':
      return [];
    default:
      return [op.cueId];
  }
}

/** True when an operation changes which cues exist or their order (views rebuild their block lists). */
export function changesCueList(op: Operation): boolean {
  if (isLanguageOperation(op)) return languageOpChangesCueList(op);
  return op.type === 'insertCue' || op.type === 'deleteCue' || (op.type === 'batch' && op.ops.some(changesCueList));
}
