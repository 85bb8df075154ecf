import { describe, expect, it } from 'vitest';
import type { EditResult } from '../../../src/shared/api';
import type { Operation } from '../../../src/shared/operations';
import { SyncedDocument, type SessionChange } from '../../../src/renderer/src/session/synced-document';
import { docState, makeDoc } from './session-fixtures';

const reply = (revision: number, applied: Operation | null = null): EditResult =>
  ({ docId: 'd1', revision, dirty: true, canUndo: true, canRedo: false, applied });
const setText = (cueId: string, text: string): Operation => ({ type: 'setText', cueId, lang: 'en', text });
const texts = (synced: SyncedDocument) => synced.current()?.doc.cues.map((c) => c.text.en);

function loaded() {
  const synced = new SyncedDocument();
  synced.load(docState(makeDoc(), 5));
  const changes: SessionChange[] = [];
  synced.onChange((change) => changes.push(change));
  return { synced, changes };
}

describe('SyncedDocument: confirmed + pending = the view', () => {
  it('shows a local edit at once and, when main confirms it, changes only the flags', () => {
    const { synced, changes } = loaded();
    synced.applyLocal(setText('c1', 'ONE'));
    const shown = synced.current()!.doc;
    expect(texts(synced)).toEqual(['ONE', 'two']);
    expect(changes.map((c) => c.origin)).toEqual(['local']);
    expect(synced.acknowledge(reply(6))).toBe(true);
    expect(synced.current()!.doc).toBe(shown); // the same object: nothing re-renders the text
    expect(synced.current()).toMatchObject({ revision: 6, dirty: true, canUndo: true });
    expect(changes.map((c) => c.origin)).toEqual(['local', 'flags']);
    expect(synced.hasPending()).toBe(false);
  });

  it('ignores the echo of its own edit, with or without one', () => {
    const { synced, changes } = loaded();
    const op = setText('c1', 'ONE');
    synced.applyLocal(op);
    synced.acknowledge(reply(6));
    const before = synced.current();
    expect(synced.applyConfirmed(reply(6, op))).toBe('known');
    expect(synced.applyConfirmed(reply(4, op))).toBe('known');
    expect(synced.current()!.doc).toBe(before!.doc);
    expect(changes.filter((c) => c.origin !== 'flags' && c.origin !== 'local')).toEqual([]);
  });

  it('applies the next revision from another window under the edits still pending', () => {
    const { synced, changes } = loaded();
    synced.applyLocal(setText('c1', 'mine'));
    // Main applied theirs first (revision 6); ours is still unanswered.
    expect(synced.applyConfirmed(reply(6, setText('c2', 'theirs')))).toBe('applied');
    expect(texts(synced)).toEqual(['mine', 'theirs']);
    expect(changes.at(-1)).toMatchObject({ origin: 'remote', op: setText('c2', 'theirs') });
    expect(synced.acknowledge(reply(7))).toBe(true);
    expect(texts(synced)).toEqual(['mine', 'theirs']);
    expect(synced.revision()).toBe(7);
  });

  it('keeps every keystroke when main answers late and another window edits meanwhile', () => {
    const { synced } = loaded();
    synced.applyLocal(setText('c1', 'a'));
    synced.applyLocal(setText('c1', 'ab'));
    synced.acknowledge(reply(6));
    // The late answer to "a" and a change elsewhere must not take "ab" back to "a".
    expect(texts(synced)).toEqual(['ab', 'two']);
    synced.applyConfirmed(reply(7, setText('c2', 'theirs')));
    expect(texts(synced)).toEqual(['ab', 'theirs']);
    synced.acknowledge(reply(8));
    expect(texts(synced)).toEqual(['ab', 'theirs']);
    expect(synced.hasPending()).toBe(false);
  });

  it('asks for main’s copy on a gap or a change without its operation', () => {
    const { synced } = loaded();
    expect(synced.applyConfirmed(reply(7, setText('c2', 'x')))).toBe('reload');
    expect(synced.applyConfirmed(reply(6))).toBe('reload');
    synced.applyLocal(setText('c1', 'mine'));
    // Main's answer skips a revision: something came between that this copy has not seen.
    expect(synced.acknowledge(reply(7))).toBe(false);
  });

  it('a reload puts the pending edits back on top of main’s copy', () => {
    const { synced, changes } = loaded();
    synced.applyLocal(setText('c1', 'mine'));
    const fresh = makeDoc();
    fresh.cues[1] = { ...fresh.cues[1], text: { en: 'theirs' } };
    synced.reloaded(docState(fresh, 9));
    expect(texts(synced)).toEqual(['mine', 'theirs']);
    expect(changes.at(-1)?.origin).toBe('reload');
    expect(synced.revision()).toBe(9);
  });

  it('a refused edit leaves the view; one that no longer applies is left out of it', () => {
    const { synced } = loaded();
    synced.applyLocal(setText('c1', 'mine'));
    synced.applyLocal(setText('c2', 'also mine'));
    // Another window deleted c2: the second pending edit no longer applies.
    expect(synced.applyConfirmed(reply(6, { type: 'deleteCue', cueId: 'c2' } as Operation))).toBe('applied');
    expect(texts(synced)).toEqual(['mine']);
    synced.acknowledge(reply(7));
    synced.refuse();
    expect(texts(synced)).toEqual(['mine']);
    expect(synced.hasPending()).toBe(false);
  });

  it('throws on a local edit that does not apply, keeping nothing pending', () => {
    const { synced, changes } = loaded();
    expect(() => synced.applyLocal({ type: 'setTimes', cueId: 'nope', start: 0, end: 1 })).toThrow();
    expect(synced.hasPending()).toBe(false);
    expect(changes).toEqual([]);
  });
});
