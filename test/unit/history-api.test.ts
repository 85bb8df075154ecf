/** The undo history over the API: step labels on every result, the History list, and jumping to a step. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi, createServices } from '../../src/node/api/api';
import { dialoglessPlatform, RESOURCES } from '../support/main-fixtures';
import type { CommandResult, DocumentState, EditResult, HistoryList } from '../../src/shared/api';
import { projectIn } from './journal-helpers';

const browserPlatform = dialoglessPlatform();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-history-api-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A run of main on a data folder (the same folder again stands for a restart), with the excerpt open. */
async function run(dataDir = join(dir, 'recovery')) {
  const services = createServices({ resourcesDir: RESOURCES, cacheDir: join(dir, 'cache'), dataDir });
  const api = createApi(services, browserPlatform, {});
  const call = <T>(channel: string, args: unknown) => api.dispatch(channel, args) as Promise<T>;
  return { services, call };
}

/** Three named steps on the excerpt: a nudge, a typed word, a split. */
async function threeSteps(call: Awaited<ReturnType<typeof run>>['call'], docId: string, doc: DocumentState['doc']) {
  const [c1, c2] = doc.cues;
  await call<CommandResult>('doc.command', { docId, command: { kind: 'nudge', cueIds: [c2.id], edge: 'end', delta: 100 } });
  await call<EditResult>('doc.apply', { docId, op: { type: 'setText', cueId: c1.id, lang: 'en', text: 'Typed' } });
  return call<CommandResult>('doc.command', { docId, command: { kind: 'setEdge', cueId: c1.id, edge: 'start', time: c1.start + 40 } });
}

describe('undo history over the API', () => {
  it('names the next undo and redo step on every result and on the document state', async () => {
    const { services, call } = await run();
    const { docId, doc } = await services.documents.openFile(projectIn(dir));
    const opened = await call<DocumentState>('doc.get', { docId });
    expect(opened).toMatchObject({ undoLabel: null, redoLabel: null });
    const last = await threeSteps(call, docId, doc);
    expect(last).toMatchObject({ label: `Set start of cue 1 to ${((doc.cues[0].start + 40) / 1000).toFixed(3)} s`, redoLabel: null });
    expect(last.undoLabel).toBe(last.label);
    const undone = await call<EditResult>('doc.undo', { docId });
    expect(undone).toMatchObject({ undoLabel: 'Type in cue 1 (en)', redoLabel: last.label });
    expect(await call<DocumentState>('doc.get', { docId })).toMatchObject({ undoLabel: 'Type in cue 1 (en)', redoLabel: last.label });
    services.media.dispose();
  });

  it('lists the steps nearest first, and doc.undoTo lands exactly where as many single undos and redos do', async () => {
    const { services, call } = await run();
    const { docId, doc } = await services.documents.openFile(projectIn(dir));
    const states = [doc];
    const [c1, c2] = doc.cues;
    await call('doc.command', { docId, command: { kind: 'nudge', cueIds: [c2.id], edge: 'end', delta: 100 } });
    states.push((await call<DocumentState>('doc.get', { docId })).doc);
    await call('doc.apply', { docId, op: { type: 'setText', cueId: c1.id, lang: 'en', text: 'Typed' } });
    states.push((await call<DocumentState>('doc.get', { docId })).doc);
    await call('doc.command', { docId, command: { kind: 'setEdge', cueId: c1.id, edge: 'start', time: c1.start + 40 } });
    states.push((await call<DocumentState>('doc.get', { docId })).doc);

    const list = await call<HistoryList>('doc.history', { docId });
    expect(list.undo.map((s) => s.label)).toEqual([
      `Set start of cue 1 to ${((c1.start + 40) / 1000).toFixed(3)} s`, 'Type in cue 1 (en)', 'Nudge end of cue 2 by +0.100 s',
    ]);
    expect(list).toMatchObject({ docId, redo: [], undoCount: 3, redoCount: 0 });

    const back = await call<EditResult>('doc.undoTo', { docId, steps: 3 });
    expect(back).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'Nudge end of cue 2 by +0.100 s' });
    expect((await call<DocumentState>('doc.get', { docId })).doc).toEqual(states[0]);
    const forward = await call<EditResult>('doc.undoTo', { docId, steps: -2 });
    expect(forward.undoLabel).toBe('Type in cue 1 (en)');
    expect((await call<DocumentState>('doc.get', { docId })).doc).toEqual(states[2]);
    const partial = await call<HistoryList>('doc.history', { docId, limit: 1 });
    expect(partial).toMatchObject({ undoCount: 2, redoCount: 1 });
    expect(partial.undo.map((s) => s.label)).toEqual(['Type in cue 1 (en)']);
    // Past the end: as far as there is, and nothing at all once there.
    await call('doc.undoTo', { docId, steps: -50 });
    expect((await call<DocumentState>('doc.get', { docId })).doc).toEqual(states[3]);
    expect((await call<EditResult>('doc.undoTo', { docId, steps: -1 })).applied).toBeNull();
    await expect(call('doc.undoTo', { docId, steps: 1.5 })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(call('doc.history', { docId, limit: 0 })).rejects.toMatchObject({ code: 'bad-request' });
    services.media.dispose();
  });

  it('a jump is journalled step by step: a restart restores the document and history as they were', async () => {
    const first = await run();
    const { docId, doc } = await first.services.documents.openFile(projectIn(dir));
    await threeSteps(first.call, docId, doc);
    await first.call('doc.undoTo', { docId, steps: 2 });
    const before = await first.call<DocumentState>('doc.get', { docId });
    const list = await first.call<HistoryList>('doc.history', { docId });
    await first.services.documents.flushJournal();

    const second = await run();
    const [entry] = await second.services.documents.recoverable();
    const restored = await second.call<DocumentState>('recovery.restore', { id: entry.id });
    expect(restored.doc).toEqual(before.doc);
    expect(await second.call<HistoryList>('doc.history', { docId: restored.docId })).toEqual({ ...list, docId: restored.docId });
    first.services.media.dispose();
    second.services.media.dispose();
  });
});
