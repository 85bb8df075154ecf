/**
 * Edit operations: serializable values applied by one pure function that returns the new document
 * and the operation that undoes it. Main applies them, records them for undo/redo and the journal.
 */
import type { Cue, SubtitleDocument } from './model';

export type Operation =
  | { type: 'setText'; cueId: string; lang: string; text: string }
  | { type: 'setTimes'; cueId: string; start: number; end: number }
  | { type: 'batch'; ops: Operation[] };

export interface Applied {
  doc: SubtitleDocument;
  inverse: Operation;
}

/** An operation that cannot apply to this document (unknown cue, bad times, …). */
export class OperationError extends Error {}

export function applyOperation(doc: SubtitleDocument, op: Operation): Applied {
  switch (op.type) {
    case 'setText':
      return setText(doc, op.cueId, op.lang, op.text);
    case 'setTimes':
      return setTimes(doc, op.cueId, op.start, op.end);
    case 'batch':
      return applyBatch(doc, op.ops);
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
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new OperationError('times must be integer milliseconds');
  if (start < 0 || end < start) throw new OperationError(`bad times ${start}–${end} for cue ${cueId}`);
  const [cue, index] = cueAt(doc, cueId);
  return {
    doc: replaceCue(doc, index, { ...cue, start, end }),
    inverse: { type: 'setTimes', cueId, start: cue.start, end: cue.end },
  };
}

/** Applies every operation in order; the inverse undoes them in reverse order. */
export function applyBatch(doc: SubtitleDocument, ops: Operation[]): Applied {
  const inverses: Operation[] = [];
  let current = doc;
  for (const op of ops) {
    const applied = applyOperation(current, op);
    current = applied.doc;
    inverses.unshift(applied.inverse);
  }
  return { doc: current, inverse: { type: 'batch', ops: inverses } };
}

/** Ids of the cues an operation touches, for views that update only what changed. */
export function touchedCueIds(op: Operation): string[] {
  return op.type === 'batch' ? op.ops.flatMap(touchedCueIds) : [op.cueId];
}
