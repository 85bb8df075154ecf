/** The renderer's session says what undo and redo did, and how many cues are selected; the History rows. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentService } from '../../src/node/documents/documents';
import type { DuosubApi, HistoryList } from '../../src/shared/api';
import { DEFAULT_EDIT_SETTINGS, type EditCommand } from '../../src/shared/commands/schema';
import type { Operation } from '../../src/shared/operations';
import { AppSession } from '../../src/renderer/src/session/app-session';
import { hiddenNote, historyRows } from '../../src/renderer/src/history/history-rows';
import { OpenFlag } from '../../src/renderer/src/open-flag';

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
  dir = mkdtempSync(join(tmpdir(), 'duosub-history-session-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The session against main's real document service (in process, no journal). */
async function sessionOnExcerpt() {
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
  const session = new AppSession(api);
  await session.init();
  return { session, documents, docId, opened };
}

describe('the status line after undo, redo and selection', () => {
  it('says "Undo: <step>" and "Redo: <step>", and keeps the labels with the document', async () => {
    const { session, opened } = await sessionOnExcerpt();
    const cue = opened.doc.cues[11];
    for (let i = 0; i < 3; i++) await session.doc.command({ kind: 'nudge', cueIds: [cue.id], edge: 'start', delta: 100 });
    expect(session.doc.state()?.doc.cues[11].start).toBe(cue.start + 300);
    expect(session.doc.state()?.undoLabel).toBe('Nudge start of cue 12 by +0.300 s');
    await session.doc.undo();
    expect(session.ui.getState().status?.text).toBe('Undo: Nudge start of cue 12 by +0.300 s');
    expect(session.doc.state()?.doc.cues[11].start).toBe(cue.start); // one undo: all three nudges
    expect(session.doc.state()).toMatchObject({ undoLabel: null, redoLabel: 'Nudge start of cue 12 by +0.300 s', canRedo: true });
    await session.doc.redo();
    expect(session.ui.getState().status?.text).toBe('Redo: Nudge start of cue 12 by +0.300 s');
    await session.doc.redo();
    expect(session.ui.getState().status?.text).toBe('Nothing to redo');
  });

  it('jumps through the history in one request and names how far it went', async () => {
    const { session, opened, documents, docId } = await sessionOnExcerpt();
    session.doc.applyLocal({ type: 'setText', cueId: opened.doc.cues[0].id, lang: 'en', text: 'First' });
    await session.doc.command({ kind: 'nudge', cueIds: [opened.doc.cues[1].id], edge: 'end', delta: -100 });
    await session.doc.command({ kind: 'pin', cueIds: [opened.doc.cues[2].id], pinned: true });
    await session.doc.undoTo(2);
    expect(session.ui.getState().status?.text).toBe('Undo 2 steps: Nudge end of cue 2 by −0.100 s');
    expect(session.doc.state()?.doc).toEqual(documents.state(docId).doc);
    expect(session.doc.state()?.doc.cues[0].text.en).toBe('First');
    expect(session.doc.state()?.doc.cues[1].end).toBe(opened.doc.cues[1].end);
    await session.doc.undoTo(-2);
    expect(session.doc.state()?.doc).toEqual(documents.state(docId).doc);
    expect(session.doc.state()?.doc.cues[2].pinned).toBe(true);
  });

  it('says how many cues are selected, and a single click replaces only that count', async () => {
    const { session, opened } = await sessionOnExcerpt();
    const ids = opened.doc.cues.map((c) => c.id);
    session.ui.select(ids[0]);
    expect(session.ui.getState().status).toBeNull(); // one click on a fresh window: nothing to say
    session.ui.select(ids[13], { mode: 'range' });
    expect(session.ui.getState().status?.text).toBe('14 cues selected');
    session.ui.select(ids[2]);
    expect(session.ui.getState().status?.text).toBe('1 cue selected');
    session.ui.setStatus('Saved x.duosub.json');
    session.ui.select(ids[3]);
    expect(session.ui.getState().status?.text).toBe('Saved x.duosub.json');
    session.ui.selectMany(ids.slice(0, 3));
    expect(session.ui.getState().status?.text).toBe('3 cues selected');
    session.ui.select(null);
    expect(session.ui.getState().status).toBeNull();
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
    const panel = new OpenFlag();
    let heard = 0;
    const off = panel.subscribe(() => heard++);
    const shows = panel.shows();
    panel.show();
    panel.show();
    expect(panel.isOpen()).toBe(true);
    expect(panel.shows()).toBe(shows + 2);
    panel.toggle();
    expect(panel.isOpen()).toBe(false);
    panel.toggle();
    expect(panel.isOpen()).toBe(true);
    expect(heard).toBe(4);
    off();
    panel.set(false);
    expect(panel.isOpen()).toBe(false);
    expect(heard).toBe(4);
  });
});
