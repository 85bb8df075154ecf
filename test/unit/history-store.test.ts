/** The renderer's store says what undo and redo did, and how many cues are selected; the History rows. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentService } from '../../src/main/services/documents';
import type { DuosubApi, HistoryList } from '../../src/shared/api';
import { DEFAULT_EDIT_SETTINGS, type EditCommand } from '../../src/shared/commands/schema';
import type { Operation } from '../../src/shared/operations';
import { DocStore } from '../../src/renderer/src/store-core';
import { hiddenNote, historyRows } from '../../src/renderer/src/history/history-rows';
import {
  hideHistoryPanel, historyShows, isHistoryOpen, showHistoryPanel, subscribeHistoryPanel, toggleHistoryPanel,
} from '../../src/renderer/src/history/history-panel-state';

/** 20 cues of 1.5 s, 0.5 s apart: a file of the test's own (the bundled samples change with the app). */
function srtIn(folder: string): string {
  const time = (ms: number) => `00:00:${String(Math.floor(ms / 1000)).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
  const blocks = Array.from({ length: 20 }, (_, i) => `${i + 1}\n${time(i * 2000)} --> ${time(i * 2000 + 1500)}\nLine ${i + 1}\n`);
  const path = join(folder, 'twenty.srt');
  writeFileSync(path, blocks.join('\n'));
  return path;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-history-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The store against main's real document service (in process, no journal). */
async function storeOnExcerpt() {
  const documents = new DocumentService();
  const opened = await documents.openFile(srtIn(dir));
  const docId = opened.docId;
  const api = {
    'session.initial': async () => documents.state(docId),
    'settings.get': async () => DEFAULT_EDIT_SETTINGS,
    'doc.get': async () => documents.state(docId),
    'doc.apply': async ({ op }: { op: Operation }) => documents.apply(docId, op),
    'doc.command': async ({ command }: { command: EditCommand }) => documents.command(docId, command, DEFAULT_EDIT_SETTINGS),
    'doc.undo': async () => documents.undo(docId),
    'doc.redo': async () => documents.redo(docId),
    'doc.undoTo': async ({ steps }: { steps: number }) => documents.undoTo(docId, steps),
  } as unknown as DuosubApi;
  const store = new DocStore(api);
  await store.init();
  return { store, documents, docId, opened };
}

describe('the status line after undo, redo and selection', () => {
  it('says "Undo: <step>" and "Redo: <step>", and keeps the labels with the document', async () => {
    const { store, opened } = await storeOnExcerpt();
    const cue = opened.doc.cues[11];
    for (let i = 0; i < 3; i++) await store.command({ kind: 'nudge', cueIds: [cue.id], edge: 'start', delta: 100 });
    expect(store.getState().docState?.doc.cues[11].start).toBe(cue.start + 300);
    expect(store.getState().docState?.undoLabel).toBe('Nudge start of cue 12 by +0.300 s');
    await store.undo();
    expect(store.getState().status?.text).toBe('Undo: Nudge start of cue 12 by +0.300 s');
    expect(store.getState().docState?.doc.cues[11].start).toBe(cue.start); // one undo: all three nudges
    expect(store.getState().docState).toMatchObject({ undoLabel: null, redoLabel: 'Nudge start of cue 12 by +0.300 s', canRedo: true });
    await store.redo();
    expect(store.getState().status?.text).toBe('Redo: Nudge start of cue 12 by +0.300 s');
    await store.redo();
    expect(store.getState().status?.text).toBe('Nothing to redo');
  });

  it('jumps through the history in one request and names how far it went', async () => {
    const { store, opened, documents, docId } = await storeOnExcerpt();
    store.applyLocal({ type: 'setText', cueId: opened.doc.cues[0].id, lang: 'en', text: 'First' });
    await store.command({ kind: 'nudge', cueIds: [opened.doc.cues[1].id], edge: 'end', delta: -100 });
    await store.command({ kind: 'pin', cueIds: [opened.doc.cues[2].id], pinned: true });
    await store.undoTo(2);
    expect(store.getState().status?.text).toBe('Undo 2 steps: Nudge end of cue 2 by −0.100 s');
    expect(store.getState().docState?.doc).toEqual(documents.state(docId).doc);
    expect(store.getState().docState?.doc.cues[0].text.en).toBe('First');
    expect(store.getState().docState?.doc.cues[1].end).toBe(opened.doc.cues[1].end);
    await store.undoTo(-2);
    expect(store.getState().docState?.doc).toEqual(documents.state(docId).doc);
    expect(store.getState().docState?.doc.cues[2].pinned).toBe(true);
  });

  it('says how many cues are selected, and a single click replaces only that count', async () => {
    const { store, opened } = await storeOnExcerpt();
    const ids = opened.doc.cues.map((c) => c.id);
    store.select(ids[0]);
    expect(store.getState().status).toBeNull(); // one click on a fresh window: nothing to say
    store.select(ids[13], { mode: 'range' });
    expect(store.getState().status?.text).toBe('14 cues selected');
    store.select(ids[2]);
    expect(store.getState().status?.text).toBe('1 cue selected');
    store.setStatus('Saved x.duosub.json');
    store.select(ids[3]);
    expect(store.getState().status?.text).toBe('Saved x.duosub.json');
    store.selectMany(ids.slice(0, 3));
    expect(store.getState().status?.text).toBe('3 cues selected');
    store.select(null);
    expect(store.getState().status).toBeNull();
  });
});

describe('History rows', () => {
  const step = (label: string) => ({ label, time: 1 });
  const list = (undo: string[], redo: string[], undoCount = undo.length, redoCount = redo.length): HistoryList => ({
    docId: 'd', revision: 1, undo: undo.map(step), redo: redo.map(step), undoCount, redoCount,
  });

  it('puts the newest on top: redo steps greyed above the current step, then older steps, then the start', () => {
    const rows = historyRows(list(['C', 'B', 'A'], ['D', 'E']));
    expect(rows.map((r) => [r.label, r.state, r.steps])).toEqual([
      ['E', 'redo', -2], ['D', 'redo', -1], ['C', 'current', 0], ['B', 'undo', 1], ['A', 'undo', 2], ['Start of history', 'undo', 3],
    ]);
    expect(historyRows(list([], ['A'])).map((r) => [r.label, r.state, r.steps])).toEqual([['A', 'redo', -1], ['Start of history', 'current', 0]]);
    expect(hiddenNote(list(['C'], ['D']))).toBeNull();
  });

  it('lists only what main sent of a long history, and says how many are left out', () => {
    const rows = historyRows(list(['C', 'B'], ['D'], 900, 40));
    expect(rows.map((r) => r.label)).toEqual(['D', 'C', 'B']); // no start row: older steps are not listed
    expect(hiddenNote(list(['C', 'B'], ['D'], 900, 40))).toBe('… 39 later and 898 older steps not listed');
  });
});

describe('opening the History list', () => {
  it('View → History opens it (again and again: it brings it into view); the key toggles it', () => {
    let heard = 0;
    const off = subscribeHistoryPanel(() => heard++);
    hideHistoryPanel();
    const shows = historyShows();
    showHistoryPanel();
    showHistoryPanel();
    expect(isHistoryOpen()).toBe(true);
    expect(historyShows()).toBe(shows + 2);
    toggleHistoryPanel();
    expect(isHistoryOpen()).toBe(false);
    toggleHistoryPanel();
    expect(isHistoryOpen()).toBe(true);
    expect(heard).toBe(5);
    off();
    hideHistoryPanel();
    expect(heard).toBe(5);
  });
});
