import { describe, expect, it } from 'vitest';
import type { DuosubApi, EditResult, EventMap } from '../../../src/shared/api';
import { applyOperation, type Operation } from '../../../src/shared/operations';
import { AppSession } from '../../../src/renderer/src/session/app-session';
import { sessionFacade } from '../../../src/renderer/src/session/test-facade';
import { docState, makeDoc } from './session-fixtures';

/** A fake main: a real document with a history, answering in the order it was asked. */
function fakeMain() {
  let doc = makeDoc();
  let revision = 0;
  const undo: Operation[] = [];
  const calls: string[] = [];
  const result = (applied: Operation | null): EditResult => ({
    docId: 'd1', revision, dirty: revision > 0, canUndo: undo.length > 0, canRedo: false, applied,
  });
  let rejectNextApply: string | null = null;
  const api = {
    'session.initial': async () => docState(doc, revision),
    'doc.get': async () => { calls.push('get'); return docState(doc, revision); },
    'doc.apply': async ({ op }: { op: Operation }) => {
      calls.push('apply');
      if (rejectNextApply) { const m = rejectNextApply; rejectNextApply = null; throw new Error(m); }
      const applied = applyOperation(doc, op);
      doc = applied.doc; revision++; undo.push(applied.inverse);
      return result(op);
    },
    'doc.undo': async () => {
      calls.push('undo');
      const inverse = undo.pop();
      if (!inverse) return result(null);
      doc = applyOperation(doc, inverse).doc; revision++;
      return result(inverse);
    },
    'settings.get': async () => ({ minSplitMs: 200, minGapMs: 24 }),
    /** Inserts a cue after c1 (what a split would add) and says to select it. */
    'doc.command': async ({ command }: { command: { kind: string } }) => {
      calls.push(`command:${command.kind}`);
      if (command.kind !== 'insert') throw new Error('Cue 1 is too short to split');
      const op: Operation = { type: 'batch', label: 'Insert cue 2', ops: [{ type: 'insertCue', index: 1, cue: { id: 'c3', start: 500, end: 900, speaker: null, text: { en: '' } } }] };
      const applied = applyOperation(doc, op);
      doc = applied.doc; revision++; undo.push(applied.inverse);
      return { ...result(op), label: 'Insert cue 2', select: ['c3'] };
    },
    'doc.save': async () => ({ fileName: 'x.duosub.json', revision, dirty: false }),
    'doc.saveAs': async ({ fileName }: { fileName?: string }) => ({ fileName: fileName ?? 'picked.duosub.json', revision, dirty: false }),
  } as unknown as DuosubApi;
  return {
    api, calls,
    get doc() { return doc; },
    get revision() { return revision; },
    rejectNext(message: string) { rejectNextApply = message; },
    externalEdit(op: Operation) { doc = applyOperation(doc, op).doc; revision++; },
  };
}

async function settle(session: AppSession): Promise<void> {
  // A reload queued by a handler lands on the chain after the handler: wait twice.
  await session.doc.idle();
  await session.doc.idle();
}

/** A session on a fake main, connected to a broadcast of doc.changed that the test sends through `listeners`. */
function connectedSession() {
  const main = fakeMain();
  const session = new AppSession(main.api);
  const listeners: Array<(e: EditResult) => void> = [];
  session.connect(<E extends keyof EventMap>(event: E, listener: (p: EventMap[E]) => void) => {
    if (event === 'doc.changed') listeners.push(listener as (e: EditResult) => void);
    return () => {};
  });
  return { main, session, listeners };
}

describe('AppSession', () => {
  it('applies an edit locally at once and confirms it with main', async () => {
    const main = fakeMain();
    const session = new AppSession(main.api);
    await session.init();
    session.doc.applyLocal({ type: 'setText', cueId: 'c1', lang: 'en', text: 'ONE' });
    expect(session.doc.state()?.doc.cues[0].text.en).toBe('ONE');
    await settle(session);
    expect(main.doc.cues[0].text.en).toBe('ONE');
    expect(session.doc.state()).toMatchObject({ revision: 1, dirty: true, canUndo: true });
  });

  it('shows the refusal and reloads main copy when main rejects an edit', async () => {
    const main = fakeMain();
    const session = new AppSession(main.api);
    await session.init();
    main.rejectNext('file.srt:12: bad timecode');
    session.doc.applyLocal({ type: 'setTimes', cueId: 'c1', start: 10, end: 500 });
    expect(session.doc.state()?.doc.cues[0].start).toBe(10);
    await settle(session);
    expect(session.ui.getState().status).toEqual({ text: 'file.srt:12: bad timecode', kind: 'error' });
    expect(session.doc.state()?.doc.cues[0].start).toBe(0);
  });

  it('reports a locally impossible edit without sending it', async () => {
    const main = fakeMain();
    const session = new AppSession(main.api);
    await session.init();
    session.doc.applyLocal({ type: 'setTimes', cueId: 'nope', start: 0, end: 1 });
    await settle(session);
    expect(main.calls).not.toContain('apply');
    expect(session.ui.getState().status?.kind).toBe('error');
  });

  it('undo after edits runs in order and moves the cue back', async () => {
    const main = fakeMain();
    const session = new AppSession(main.api);
    await session.init();
    session.doc.applyLocal({ type: 'setTimes', cueId: 'c2', start: 1200, end: 2100 });
    const undone = session.doc.undo();
    await undone;
    expect(main.calls).toEqual(['apply', 'undo']);
    expect(session.doc.state()?.doc.cues[1]).toMatchObject({ start: 1000, end: 2000 });
    expect(session.doc.state()).toMatchObject({ revision: 2, canUndo: false });
  });

  it('refetches on a newer doc.changed from another window, not on its own echo', async () => {
    const { main, session, listeners } = connectedSession();
    await session.init();
    session.doc.applyLocal({ type: 'setText', cueId: 'c1', lang: 'en', text: 'mine' });
    // The echo of our own edit arrives before the answer: by the time the chain reaches it, we are caught up.
    listeners.forEach((l) => l({ docId: 'd1', revision: 1, dirty: true, canUndo: true, canRedo: false, applied: null }));
    await settle(session);
    expect(main.calls).toEqual(['apply']);
    main.externalEdit({ type: 'setText', cueId: 'c2', lang: 'en', text: 'theirs' });
    listeners.forEach((l) => l({ docId: 'd1', revision: 2, dirty: true, canUndo: true, canRedo: false, applied: null }));
    await settle(session);
    expect(main.calls).toEqual(['apply', 'get']);
    expect(session.doc.state()?.doc.cues.map((c) => c.text.en)).toEqual(['mine', 'theirs']);
  });

  it('asks for Save As when the document has no project file, then saves', async () => {
    const main = fakeMain();
    const session = new AppSession(main.api);
    await session.init();
    expect(await session.files.save()).toBe('needs-save-as');
    expect(await session.files.saveAs('talk.duosub.json')).toBe('saved');
    expect(session.doc.state()).toMatchObject({ fileName: 'talk.duosub.json', hasProjectFile: true, dirty: false });
    expect(await session.files.save()).toBe('saved');
  });

  it('selects with and without asking the panes to reveal', () => {
    const session = new AppSession(fakeMain().api);
    session.ui.select('c1');
    expect(session.ui.getState()).toMatchObject({ selectedCueId: 'c1', revealNonce: 0 });
    session.ui.select('c1', true);
    expect(session.ui.getState()).toMatchObject({ selectedCueId: 'c1', revealNonce: 1 });
  });

  it('runs a command in main, applies its operation locally and selects what it says', async () => {
    const main = fakeMain();
    const session = new AppSession(main.api);
    await session.init();
    session.doc.applyLocal({ type: 'setText', cueId: 'c1', lang: 'en', text: 'uno' });
    session.ui.select('c2');
    const result = await session.doc.command({ kind: 'insert', start: 500, end: 900 });
    expect(result?.label).toBe('Insert cue 2');
    expect(main.calls.slice(-2)).toEqual(['apply', 'command:insert']);
    const docState = session.doc.state();
    const state = session.ui.getState();
    expect(docState!.doc).toEqual(main.doc);
    expect(docState!.doc.cues.map((c) => c.id)).toEqual(['c1', 'c3', 'c2']);
    expect(state.selectedCueIds).toEqual(['c3']);
    expect(state.status).toEqual({ text: 'Insert cue 2', kind: 'info' });
    // Undo removes the inserted cue here too, and the selection drops it.
    await session.doc.undo();
    expect(session.doc.state()!.doc.cues.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(session.ui.getState().selectedCueIds).toEqual([]);
  });

  it('shows a refused command and changes nothing', async () => {
    const main = fakeMain();
    const session = new AppSession(main.api);
    await session.init();
    expect(await session.doc.command({ kind: 'split', cueId: 'c1' })).toBeNull();
    expect(session.ui.getState().status).toEqual({ text: 'Cue 1 is too short to split', kind: 'error' });
    expect(session.doc.state()!.doc).toEqual(makeDoc());
  });

  it('shows the tests and the bench one read-only state, told of every change', async () => {
    const main = fakeMain();
    const session = new AppSession(main.api);
    const facade = sessionFacade(session);
    let heard = 0;
    const off = facade.subscribe(() => heard++);
    await session.init();
    session.ui.select('c2');
    session.doc.applyLocal({ type: 'setText', cueId: 'c2', lang: 'en', text: 'TWO' });
    await facade.idle();
    const state = facade.getState();
    expect(state.docState?.doc.cues[1].text.en).toBe('TWO');
    expect(state).toMatchObject({ selectedCueId: 'c2', selectedCueIds: ['c2'], currentTime: 0 });
    expect(facade.playheadMs()).toBe(0);
    off();
    const before = heard;
    session.ui.select('c1');
    expect(heard).toBe(before);
    expect(before).toBeGreaterThanOrEqual(4); // load, selection, local edit, flags
  });

  it('applies another window’s edit from its broadcast without fetching the document', async () => {
    const { main, session, listeners } = connectedSession();
    await session.init();
    const theirs: Operation = { type: 'setText', cueId: 'c2', lang: 'en', text: 'theirs' };
    main.externalEdit(theirs);
    listeners.forEach((l) => l({ docId: 'd1', revision: 1, dirty: true, canUndo: true, canRedo: false, applied: theirs }));
    // Without main's echo of our own edit (main no longer sends it to the window that made it) all stays in step.
    session.doc.applyLocal({ type: 'setText', cueId: 'c1', lang: 'en', text: 'mine' });
    await settle(session);
    expect(main.calls).toEqual(['apply']);
    expect(session.doc.state()?.doc).toEqual(main.doc);
    expect(session.doc.state()?.revision).toBe(2);
  });
});
