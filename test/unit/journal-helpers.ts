/** Shared by the journal tests: a service with a journal in a temp folder, and random edits that always apply. */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { DocumentService } from '../../src/node/documents/documents';
import { Journal, type JournalOptions } from '../../src/node/documents/journal';
import type { Operation } from '../../src/shared/operations';
import type { SubtitleDocument } from '../../src/shared/model';

/** The excerpt as 8 turn cues (c1…c8 in order), the bundled sample before it became subtitle cues. */
export const EXCERPT = resolve(import.meta.dirname, '../fixtures/excerpt-turns.duosub.json');

export function journalled(dataDir: string, options: JournalOptions = {}) {
  const journal = new Journal(dataDir, { flushMs: 20, ...options });
  return { journal, documents: new DocumentService({ journal }) };
}

/** A project file of its own in `dir` (the excerpt, 8 bilingual cues). */
export function projectIn(dir: string, name = 'excerpt.duosub.json'): string {
  const path = join(dir, name);
  copyFileSync(EXCERPT, path);
  return path;
}

/** An edit in the abstract: turned into an operation that applies to whatever the document is then. */
export type Action =
  | { kind: 'text'; cue: number; lang: number; text: string }
  | { kind: 'type'; cue: number; chars: string }
  | { kind: 'times'; cue: number; shift: number }
  | { kind: 'insert'; at: number }
  | { kind: 'delete'; cue: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'flush' };

// Typing (in two cues, so it coalesces often) and flushes weigh more: the log's replay must rebuild coalesced steps.
export const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), cue: fc.nat(), lang: fc.nat(1), text: fc.string({ maxLength: 12 }) }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type' as const), cue: fc.nat(1), chars: fc.constantFrom('a', 'b', ' ', '好', 'xy') }) },
  fc.record({ kind: fc.constant('times' as const), cue: fc.nat(), shift: fc.integer({ min: -300, max: 300 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), cue: fc.nat() }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
  { weight: 3, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

let inserted = 0;

/** The operation an action means for `doc`, or null when it means nothing there (no cue left to delete …). */
export function operationFor(doc: SubtitleDocument, a: Action): Operation | null {
  const cues = doc.cues;
  const langs = doc.languages.map((l) => l.code);
  if (a.kind === 'insert') {
    const index = a.at % (cues.length + 1);
    const start = index > 0 ? cues[index - 1].end : 0;
    const text = Object.fromEntries(langs.map((l) => [l, `new ${inserted}`]));
    return { type: 'insertCue', index, cue: { id: `n${++inserted}`, start, end: start, speaker: null, text } };
  }
  if (cues.length === 0) return null;
  const cue = cues[('cue' in a ? a.cue : 0) % cues.length];
  switch (a.kind) {
    case 'text':
      return { type: 'setText', cueId: cue.id, lang: langs[a.lang % langs.length], text: a.text };
    case 'type':
      // Typing at the end of the English text: coalesces into word-sized undo steps.
      return { type: 'setText', cueId: cue.id, lang: 'en', text: (cue.text.en ?? '') + a.chars };
    case 'times': {
      const start = Math.max(0, cue.start + a.shift);
      return { type: 'setTimes', cueId: cue.id, start, end: Math.max(start, cue.end + a.shift) };
    }
    case 'delete':
      return cues.length > 1 ? { type: 'deleteCue', cueId: cue.id } : null;
    default:
      return null;
  }
}

/** Runs actions against the service; returns every document state it went through (newest last). */
export async function perform(documents: DocumentService, docId: string, actions: Action[]): Promise<SubtitleDocument[]> {
  const states = [documents.state(docId).doc];
  for (const a of actions) {
    if (a.kind === 'undo') documents.undo(docId);
    else if (a.kind === 'redo') documents.redo(docId);
    else if (a.kind === 'flush') await documents.flushJournal();
    else {
      const op = operationFor(documents.state(docId).doc, a);
      if (op) documents.apply(docId, op);
    }
    states.push(documents.state(docId).doc);
  }
  return states;
}

/** Every document undo (all the way) and then redo (all the way) pass through. */
export function walkHistory(documents: DocumentService, docId: string): { undone: number; seen: SubtitleDocument[] } {
  const seen: SubtitleDocument[] = [];
  let undone = 0;
  while (documents.state(docId).canUndo) {
    documents.undo(docId);
    undone++;
    seen.push(documents.state(docId).doc);
  }
  while (documents.state(docId).canRedo) {
    documents.redo(docId);
    seen.push(documents.state(docId).doc);
  }
  return { undone, seen };
}
