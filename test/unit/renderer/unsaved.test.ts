import { describe, expect, it } from 'vitest';
import { ApiError, type DocumentState, type DuosubApi, type EventMap, type RecoveryEntry, type SaveResult } from '../../../src/shared/api';
import type { SubtitleDocument } from '../../../src/shared/model';
import { AppSession } from '../../../src/renderer/src/session/app-session';
import {
  conflictAction, errorCode, freshName, needsUnsavedQuestion, proceedAfterUnsaved, promptOnUnload, recoverySummary,
} from '../../../src/renderer/src/unsaved/decisions';
import { Questions, type Question } from '../../../src/renderer/src/unsaved/questions';
import { createWorkGuard } from '../../../src/renderer/src/unsaved/work-guard';
import { ffmpegSummary } from '../../../src/renderer/src/settings/WorkSettings';

const doc: SubtitleDocument = {
  languages: [{ code: 'en', name: 'English' }],
  cues: [{ id: 'c1', start: 0, end: 1000, speaker: null, text: { en: 'one' } }],
  speakers: [],
  chapters: [],
  media: null,
  metadata: {},
};

function state(extra: Partial<DocumentState> = {}): DocumentState {
  return {
    docId: 'd1', doc, revision: 3, dirty: true, canUndo: true, canRedo: false,
    fileName: 'talk.srt', format: 'srt', hasProjectFile: false, media: null, problems: [], ...extra,
  };
}

describe('the rules', () => {
  it('reads the code main attached to an error', () => {
    expect(errorCode(new ApiError('conflict', 'x changed'))).toBe('conflict');
    expect(errorCode(Object.assign(new Error('x'), { code: 'exists' }))).toBe('exists');
    expect(errorCode(new Error('plain'))).toBeNull();
    expect(errorCode(null)).toBeNull();
  });

  it('asks only about a dirty document (or one with edits still on their way)', () => {
    expect(needsUnsavedQuestion(null)).toBe(false);
    expect(needsUnsavedQuestion(state({ dirty: false }))).toBe(false);
    expect(needsUnsavedQuestion(state({ dirty: false }), true)).toBe(true);
    expect(needsUnsavedQuestion(state())).toBe(true);
  });

  it('leaving the page asks while dirty, unless hot exit keeps the work', () => {
    const settings = { minSplitMs: 200, minGapMs: 24 };
    expect(promptOnUnload(state(), settings)).toBe(true);
    expect(promptOnUnload(state(), { ...settings, hotExit: false })).toBe(true);
    expect(promptOnUnload(state(), { ...settings, hotExit: true })).toBe(false);
    expect(promptOnUnload(state({ dirty: false }), settings)).toBe(false);
    expect(promptOnUnload(state({ dirty: false }), settings, true)).toBe(true);
  });

  it('goes on after Don’t Save, after a Save that worked, never after Cancel', () => {
    expect(proceedAfterUnsaved('discard', false)).toBe(true);
    expect(proceedAfterUnsaved('save', true)).toBe(true);
    expect(proceedAfterUnsaved('save', false)).toBe(false);
    expect(proceedAfterUnsaved('cancel', true)).toBe(false);
  });

  it('maps each conflict answer to its action', () => {
    expect(conflictAction('keep')).toBe('force-save');
    expect(conflictAction('reload')).toBe('confirm-reload');
    expect(conflictAction('saveAs')).toBe('save-as-fresh');
    expect(conflictAction('cancel')).toBe('none');
  });

  it('offers a new name after a conflict, never the same one', () => {
    expect(freshName('talk.duosub.json')).toBe('talk (2).duosub.json');
    expect(freshName('talk (2).duosub.json')).toBe('talk (3).duosub.json');
    expect(freshName('talk (9).DUOSUB.JSON')).toBe('talk (10).DUOSUB.JSON');
    expect(freshName('notes.srt')).toBe('notes (2).srt');
    expect(freshName('README')).toBe('README (2)');
    expect(freshName('.duosub.json')).toBe('untitled (2).duosub.json');
    expect(freshName('a (b).duosub.json')).toBe('a (b) (2).duosub.json');
  });

  it('summarises a recovered document', () => {
    const now = Date.UTC(2026, 11, 6, 12, 0);
    const entry: RecoveryEntry = { id: 'j1', fileName: 'talk.srt', path: null, modified: now - 5 * 60_000, edits: 1, cues: 98 };
    expect(recoverySummary(entry, now)).toBe('1 unsaved change · 98 cues · 5 min ago');
    expect(recoverySummary({ ...entry, edits: 3, cues: 1, modified: now }, now)).toBe('3 unsaved changes · 1 cue · just now');
    expect(recoverySummary({ ...entry, modified: now - 3 * 86_400_000 }, now)).toMatch(/· \d{4}-\d\d-\d\d \d\d:\d\d$/);
  });
});

describe('the question queue', () => {
  it('answers the question on screen once; the next one waits its turn', async () => {
    const questions = new Questions();
    const first = questions.ask({ kind: 'unsaved', name: 'a' });
    const second = questions.ask({ kind: 'replace', name: 'b' });
    const shown = questions.current()!;
    expect(shown).toEqual({ kind: 'unsaved', name: 'a' });
    questions.answer(shown as Extract<Question, { kind: 'unsaved' }>, 'discard');
    questions.dismiss(shown); // the click's answer stands; a late Escape does nothing
    expect(await first).toBe('discard');
    expect(questions.current()).toEqual({ kind: 'replace', name: 'b' });
    questions.dismiss(questions.current()!);
    expect(await second).toBe('cancel');
    expect(questions.current()).toBeNull();
  });

  it('a dismissed name question answers null', async () => {
    const questions = new Questions();
    const name = questions.ask({ kind: 'saveAsName', defaultName: 'x.duosub.json' });
    questions.dismiss(questions.current()!);
    expect(await name).toBeNull();
  });
});

type Call = { channel: string; args: Record<string, unknown> };

/** A fake main for the save and open flows: records every call; each save channel answers from a script. */
function fakeMain(initial: DocumentState) {
  const calls: Call[] = [];
  const saveScript: Array<Error | null> = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const saved = (fileName: string): SaveResult => ({ fileName, revision: initial.revision, dirty: false });
  const record = (channel: string, args: Record<string, unknown>) => calls.push({ channel, args });
  const nextSave = (fileName: string) => {
    const failure = saveScript.shift();
    if (failure) throw failure;
    return saved(fileName);
  };
  const api = {
    'session.initial': async () => initial,
    'settings.get': async () => ({ minSplitMs: 200, minGapMs: 24 }),
    'doc.save': async (args: { docId: string; force?: boolean }) => (record('doc.save', args), nextSave(initial.fileName ?? 'x')),
    'doc.saveAs': async (args: { docId: string; fileName?: string; overwrite?: boolean }) =>
      (record('doc.saveAs', args), nextSave(args.fileName ?? 'picked.duosub.json')),
    'doc.revert': async (args: { docId: string }) => (record('doc.revert', args), state({ docId: 'd2', dirty: false, fileName: 'theirs.duosub.json' })),
    'doc.openSample': async (args: object) => (record('doc.openSample', { ...args }), state({ docId: 'd9', dirty: false, fileName: null })),
    'doc.close': async (args: { docId: string }) => (record('doc.close', args), { closed: true }),
  } as unknown as DuosubApi;
  const on = (<E extends keyof EventMap>(event: E, listener: (payload: EventMap[E]) => void) => {
    listeners.set(event, listener as (payload: unknown) => void);
    return () => listeners.delete(event);
  });
  const emit = <E extends keyof EventMap>(event: E, payload: EventMap[E]) => listeners.get(event)?.(payload);
  return { api, calls, saveScript, on, emit, channels: () => calls.map((c) => c.channel) };
}

/** Answers each question as it appears from `script` (in order) and records what was asked. */
function scriptedQuestions(script: unknown[]) {
  const questions = new Questions();
  const asked: Question[] = [];
  questions.subscribe(() => {
    const q = questions.current();
    if (!q || asked.includes(q)) return;
    asked.push(q);
    if (script.length === 0) throw new Error(`unexpected question ${JSON.stringify(q)}`);
    const answer = script.shift();
    queueMicrotask(() => questions.answer(q as Extract<Question, { kind: 'unsaved' }>, answer as never));
  });
  return { questions, asked };
}

async function setup(initial: DocumentState, answers: unknown[], electron = false) {
  const main = fakeMain(initial);
  const session = new AppSession(main.api);
  session.connect(main.on);
  await session.init();
  const { questions, asked } = scriptedQuestions(answers);
  const guard = createWorkGuard({ session, questions, electron });
  return { main, session, guard, asked };
}

describe('before another document replaces this one', () => {
  it('a clean document opens the other without a question, and main forgets the old one', async () => {
    const { main, session, guard, asked } = await setup(state({ dirty: false }), []);
    expect(await guard.confirmReplace()).toBe(true);
    await session.files.openWith((api) => api['doc.openSample']({ which: 'transcript' }));
    await session.doc.idle();
    expect(asked).toEqual([]);
    expect(main.calls.find((c) => c.channel === 'doc.close')?.args).toEqual({ docId: 'd1' });
    expect(session.doc.state()?.docId).toBe('d9');
  });

  it('Cancel keeps the document and saves nothing', async () => {
    const { main, guard, asked } = await setup(state(), ['cancel']);
    expect(await guard.confirmReplace()).toBe(false);
    expect(asked).toEqual([{ kind: 'unsaved', name: 'talk.srt' }]);
    expect(main.channels()).toEqual([]);
  });

  it('Don’t Save goes on without saving', async () => {
    const { main, guard } = await setup(state(), ['discard']);
    expect(await guard.confirmReplace()).toBe(true);
    expect(main.channels()).toEqual([]);
  });

  it('Save writes the project file first and goes on only when it worked', async () => {
    const ok = await setup(state({ hasProjectFile: true, fileName: 'talk.duosub.json' }), ['save']);
    expect(await ok.guard.confirmReplace()).toBe(true);
    expect(ok.main.calls).toEqual([{ channel: 'doc.save', args: { docId: 'd1' } }]);
    expect(ok.session.doc.state()?.dirty).toBe(false);

    const failing = await setup(state({ hasProjectFile: true, fileName: 'talk.duosub.json' }), ['save', 'cancel']);
    failing.main.saveScript.push(new ApiError('failed', 'talk.duosub.json: could not save (EACCES)'));
    expect(await failing.guard.confirmReplace()).toBe(false);
    expect(failing.session.ui.getState().status).toEqual({ text: 'talk.duosub.json: could not save (EACCES)', kind: 'error' });
  });

  it('Save without a project file asks for a name (browser mode) and goes on after it saved', async () => {
    const { main, guard, asked } = await setup(state(), ['save', 'mine.duosub.json']);
    expect(await guard.confirmReplace()).toBe(true);
    expect(asked[1]).toEqual({ kind: 'saveAsName', defaultName: 'talk.duosub.json' });
    expect(main.calls).toEqual([{ channel: 'doc.saveAs', args: { docId: 'd1', fileName: 'mine.duosub.json' } }]);
  });

  it('Save whose name question is cancelled does not go on', async () => {
    const { main, guard } = await setup(state(), ['save', null]);
    expect(await guard.confirmReplace()).toBe(false);
    expect(main.channels()).toEqual([]);
  });
});

describe('Save As in browser mode never replaces a file silently', () => {
  it('asks before replacing; Cancel goes back to the name, Replace saves with overwrite', async () => {
    const { main, guard, asked } = await setup(state(), ['other.duosub.json', 'cancel', 'other.duosub.json', 'replace']);
    main.saveScript.push(new ApiError('exists', 'other.duosub.json exists'), new ApiError('exists', 'other.duosub.json exists'));
    expect(await guard.saveAs()).toBe(true);
    expect(asked).toEqual([
      { kind: 'saveAsName', defaultName: 'talk.duosub.json' },
      { kind: 'replace', name: 'other.duosub.json' },
      { kind: 'saveAsName', defaultName: 'other.duosub.json' },
      { kind: 'replace', name: 'other.duosub.json' },
    ]);
    expect(main.calls.map((c) => c.args)).toEqual([
      { docId: 'd1', fileName: 'other.duosub.json' },
      { docId: 'd1', fileName: 'other.duosub.json' },
      { docId: 'd1', fileName: 'other.duosub.json', overwrite: true },
    ]);
  });

  it('Electron leaves the question to its own dialog', async () => {
    const { main, guard, asked } = await setup(state(), [], true);
    expect(await guard.saveAs()).toBe(true);
    expect(asked).toEqual([]);
    expect(main.calls).toEqual([{ channel: 'doc.saveAs', args: { docId: 'd1' } }]);
  });
});

describe('a save that meets a file changed on disk', () => {
  const project = state({ hasProjectFile: true, fileName: 'talk.duosub.json' });
  const conflict = () => new ApiError('conflict', 'talk.duosub.json changed on disk since it was opened');

  it('Keep mine saves again with force', async () => {
    const { main, guard, asked, session } = await setup(project, ['keep']);
    main.saveScript.push(conflict());
    expect(await guard.save()).toBe(true);
    expect(asked).toEqual([{ kind: 'conflict', name: 'talk.duosub.json' }]);
    expect(main.calls.map((c) => c.args)).toEqual([{ docId: 'd1' }, { docId: 'd1', force: true }]);
    expect(session.ui.getState().status?.kind).toBe('info');
  });

  it('Reload theirs asks once more, then reads the file again (main closes the old document)', async () => {
    const { main, guard, session } = await setup(project, ['reload', 'reload']);
    main.saveScript.push(conflict());
    expect(await guard.save()).toBe(false);
    await session.doc.idle();
    expect(main.channels()).toEqual(['doc.save', 'doc.revert']);
    expect(session.doc.state()?.docId).toBe('d2');

    const cancelled = await setup(project, ['reload', 'cancel']);
    cancelled.main.saveScript.push(conflict());
    expect(await cancelled.guard.save()).toBe(false);
    expect(cancelled.main.channels()).toEqual(['doc.save']);
    expect(cancelled.session.doc.state()?.docId).toBe('d1');
  });

  it('Save As pre-fills a new name, never the file someone else changed', async () => {
    const { main, guard, asked } = await setup(project, ['saveAs', 'talk (2).duosub.json']);
    main.saveScript.push(conflict());
    expect(await guard.save()).toBe(true);
    expect(asked[1]).toEqual({ kind: 'saveAsName', defaultName: 'talk (2).duosub.json' });
    expect(main.calls[1]).toEqual({ channel: 'doc.saveAs', args: { docId: 'd1', fileName: 'talk (2).duosub.json' } });
  });

  it('Cancel saves nothing and keeps the edits', async () => {
    const { main, guard, session } = await setup(project, ['cancel']);
    main.saveScript.push(conflict());
    expect(await guard.save()).toBe(false);
    expect(main.channels()).toEqual(['doc.save']);
    expect(session.doc.state()?.dirty).toBe(true);
  });
});

describe('a save the disk refuses', () => {
  const project = state({ hasProjectFile: true, fileName: 'talk.duosub.json' });
  const readOnly = () => new ApiError('failed', 'cannot save talk.duosub.json: the file is read-only. Use Save As to save it elsewhere.');

  it('says why and offers Save As, which saves elsewhere', async () => {
    const { main, guard, asked, session } = await setup(project, ['saveAs', 'talk copy.duosub.json']);
    main.saveScript.push(readOnly());
    expect(await guard.save()).toBe(true);
    expect(asked[0]).toEqual({ kind: 'saveFailed', name: 'talk.duosub.json', message: readOnly().message });
    expect(main.calls[1]).toEqual({ channel: 'doc.saveAs', args: { docId: 'd1', fileName: 'talk copy.duosub.json' } });
    expect(session.doc.state()?.dirty).toBe(false);
  });

  it('Not now keeps the document dirty and saves nothing more', async () => {
    const { main, guard, session } = await setup(project, ['cancel']);
    main.saveScript.push(readOnly());
    expect(await guard.save()).toBe(false);
    expect(main.channels()).toEqual(['doc.save']);
    expect(session.doc.state()?.dirty).toBe(true);
    expect(session.ui.getState().status?.kind).toBe('error');
  });
});

describe('main saving on its own', () => {
  it('an autosave clears the dirty flag and says so; a failed one shows the error and stays dirty', async () => {
    const { main, session } = await setup(state({ hasProjectFile: true, fileName: 'talk.duosub.json' }), []);
    main.emit('doc.saved', { docId: 'd1', fileName: 'talk.duosub.json', revision: 3, dirty: false, auto: false, error: 'talk.duosub.json: disk full' });
    expect(session.doc.state()?.dirty).toBe(true);
    expect(session.ui.getState().status).toEqual({ text: 'talk.duosub.json: disk full', kind: 'error' });
    main.emit('doc.saved', { docId: 'd1', fileName: 'talk.duosub.json', revision: 3, dirty: false, auto: true, error: null });
    expect(session.doc.state()?.dirty).toBe(false);
    expect(session.ui.getState().status).toEqual({ text: 'Autosaved talk.duosub.json', kind: 'info' });
    // Another window's document: not ours.
    main.emit('doc.saved', { docId: 'other', fileName: 'x.duosub.json', revision: 1, dirty: false, auto: true, error: null });
    expect(session.doc.state()?.fileName).toBe('talk.duosub.json');
  });

  it('an autosave of an older revision leaves newer edits dirty', async () => {
    const { main, session } = await setup(state({ revision: 5 }), []);
    main.emit('doc.saved', { docId: 'd1', fileName: 'talk.duosub.json', revision: 4, dirty: false, auto: true, error: null });
    expect(session.doc.state()).toMatchObject({ dirty: true, fileName: 'talk.duosub.json', hasProjectFile: true });
  });
});

describe('the ffmpeg line in Settings', () => {
  it('names the path, the version and where it came from, or says there is none', () => {
    expect(ffmpegSummary({ path: '/usr/bin/ffmpeg', source: 'system', version: '6.1.1', warning: null }))
      .toBe('In use: /usr/bin/ffmpeg (version 6.1.1), the system’s');
    expect(ffmpegSummary({ path: '/opt/ff', source: 'settings', version: null, warning: null })).toBe('In use: /opt/ff, set above');
    expect(ffmpegSummary({ path: null, source: null, version: null, warning: null })).toMatch(/^No ffmpeg found/);
  });
});
