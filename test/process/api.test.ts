import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApi, createServices, type Platform } from '../../src/node/api/api';
import { dialoglessPlatform, RESOURCES } from '../support/main-fixtures';
import type { DocumentState, EventMap, MediaInfo, RecoveryEntry, SaveResult } from '../../src/shared/api';
import { findFfmpeg } from '../../src/node/ffmpeg/ffmpeg';

const browserPlatform = dialoglessPlatform();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-api-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;
/** Services and API as one run of main; `dataDir` shared between runs stands for a restart. */
function makeApi(startup: { file?: string; media?: string } = {}, options: { dataDir?: string; platform?: Platform; autosaveMs?: number } = {}) {
  const dataDir = options.dataDir ?? join(dir, `recovery-${++runs}`);
  const services = createServices({ resourcesDir: RESOURCES, cacheDir: join(dir, 'cache'), dataDir });
  return { api: createApi(services, options.platform ?? browserPlatform, startup, { autosaveMs: options.autosaveMs }), services, dataDir };
}

describe('createApi', () => {
  it('opens the bundled excerpt with its audio at start-up, clean and named', async () => {
    const { api, services } = makeApi();
    const state = (await api.dispatch('session.initial', {})) as DocumentState;
    expect(state.doc.cues).toHaveLength(22); // the bundled sample: auto-timed subtitle cues
    expect(state.dirty).toBe(false);
    expect(state.fileName).toBe('excerpt.duosub.json');
    expect(state.hasProjectFile).toBe(false); // a bundled sample is never overwritten: Save asks where
    expect(state.media?.duration).toBeGreaterThan(60_000);
    expect(state.doc.metadata.untimed).toBeFalsy();
    // The same document again after a reload of the window: its history lives here.
    const again = (await api.dispatch('session.initial', {})) as DocumentState;
    expect(again.docId).toBe(state.docId);
    services.media.dispose();
  });

  it('prepare() opens the start-up file before the window asks; a failure there is tried again on asking', async () => {
    const file = join(dir, 'later.srt');
    const { api, services } = makeApi({ file });
    let opened = 0;
    const open = services.documents.openFile.bind(services.documents);
    services.documents.openFile = (...args) => {
      opened++;
      return open(...args);
    };
    api.prepare(); // the file does not exist yet
    await new Promise((done) => setTimeout(done, 50));
    expect(opened).toBe(1);
    writeFileSync(file, '1\n00:00:01,000 --> 00:00:02,000\nHello\n');
    const state = (await api.dispatch('session.initial', {})) as DocumentState;
    expect(opened).toBe(2);
    expect(state.doc.cues).toHaveLength(1);

    const ready = makeApi({ file });
    let openedReady = 0;
    const openReady = ready.services.documents.openFile.bind(ready.services.documents);
    ready.services.documents.openFile = (...args) => {
      openedReady++;
      return openReady(...args);
    };
    ready.api.prepare();
    ready.api.prepare();
    const first = (await ready.api.dispatch('session.initial', {})) as DocumentState;
    expect(first.doc.cues[0].text).toEqual({ en: 'Hello' });
    expect(openedReady).toBe(1);
  });

  it('rejects unknown channels and invalid payloads with a clear message', async () => {
    const { api } = makeApi();
    await expect(api.dispatch('fs.readFile', { path: '/etc/passwd' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(api.dispatch('doc.apply', { docId: 'x', op: { type: 'setTimes', cueId: 'c1', start: -5, end: 10 } }))
      .rejects.toThrow(/op\.start/);
    await expect(api.dispatch('doc.apply', { docId: 'x', op: { type: 'rm', path: '/' } })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(api.dispatch('doc.open', { source: { kind: 'dropped', path: '/etc/passwd' } }))
      .rejects.toMatchObject({ code: 'unsupported' });
  });

  it('spreads an untimed transcript over the media given on the command line', async () => {
    const ffmpeg = findFfmpeg();
    expect(ffmpeg, 'ffmpeg is required (apt-get install ffmpeg)').not.toBeNull();
    const audio = join(dir, 'tone.wav');
    execFileSync(ffmpeg!.path, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=30', '-y', audio]);
    const transcript = join(dir, 'ep8.txt');
    copyFileSync(join(RESOURCES, 'sample/openai-podcast-ep8.zh-en.txt'), transcript);
    const { api, services } = makeApi({ file: transcript, media: audio });
    const state = (await api.dispatch('session.initial', {})) as DocumentState;
    const media = state.media as MediaInfo;
    expect(media.duration).toBeGreaterThan(29_900);
    const cues = state.doc.cues;
    expect(cues.at(-1)!.end).toBeLessThanOrEqual(media.duration);
    expect(cues.at(-1)!.end).toBeGreaterThan(media.duration - 1000);
    cues.slice(1).forEach((cue, i) => expect(cue.start).toBeGreaterThanOrEqual(cues[i].end));

    // Browser-mode Save As: a plain name, saved beside the source; never a path.
    await expect(api.dispatch('doc.saveAs', { docId: state.docId, fileName: '../escape' })).resolves.toMatchObject({ fileName: 'escape.duosub.json' });
    expect(existsSync(join(dir, 'escape.duosub.json'))).toBe(true);
    const saved = (await api.dispatch('doc.saveAs', { docId: state.docId, fileName: 'ep8 fixed' })) as SaveResult;
    expect(saved.fileName).toBe('ep8 fixed.duosub.json');
    const project = JSON.parse(readFileSync(join(dir, saved.fileName), 'utf8'));
    expect(project.media.path).toBe('tone.wav');
    services.media.dispose();
  });
});

describe('the ffmpeg named in the settings', () => {
  it('is refused when it is not an executable file, and used when it is', async () => {
    const { api, services } = makeApi();
    await expect(api.dispatch('settings.update', { ffmpegPath: join(dir, 'no-such-ffmpeg') })).rejects.toThrow(/not an executable file/);
    expect((await api.dispatch('settings.get', {})) as { ffmpegPath?: string }).not.toHaveProperty('ffmpegPath');
    const real = findFfmpeg()!.path;
    await api.dispatch('settings.update', { ffmpegPath: real });
    const state = (await api.dispatch('session.initial', {})) as DocumentState;
    expect(state.media).not.toBeNull();
    expect(services.media.ffmpegInUse()).toBe(real);
    services.media.dispose();
  });
});

/** A project file of its own (the excerpt's 8 turn cues, without audio: no ffmpeg needed). */
function project(name: string): string {
  const folder = mkdtempSync(join(dir, 'project-'));
  const path = join(folder, name);
  copyFileSync(resolve(RESOURCES, '../test/fixtures/excerpt-turns.duosub.json'), path);
  return path;
}

const setText = (docId: string, text: string, cueId = 'c1') => ({ docId, op: { type: 'setText', cueId, lang: 'en', text } });

function nextEvent<E extends keyof EventMap>(api: ReturnType<typeof makeApi>['api'], name: E): Promise<EventMap[E]> {
  return new Promise((done) => {
    const stop = api.onEvent((event, payload) => {
      if (event !== name) return;
      stop();
      done(payload as EventMap[E]);
    });
  });
}

describe('closing, reverting and saving documents', () => {
  it('doc.close forgets the document and its journal; the session then starts again', async () => {
    const file = project('a.duosub.json');
    const { api, services, dataDir } = makeApi({ file });
    const first = (await api.dispatch('session.initial', {})) as DocumentState;
    await api.dispatch('doc.apply', setText(first.docId, 'changed'));
    await services.documents.flushJournal();
    expect(readdirSync(dataDir)).toHaveLength(2);
    await expect(api.dispatch('doc.close', { docId: first.docId })).resolves.toEqual({ closed: true });
    expect(readdirSync(dataDir)).toEqual([]);
    await expect(api.dispatch('doc.get', { docId: first.docId })).rejects.toMatchObject({ code: 'not-found' });
    await expect(api.dispatch('doc.close', { docId: first.docId })).resolves.toEqual({ closed: false });
    const again = (await api.dispatch('session.initial', {})) as DocumentState;
    expect(again.docId).not.toBe(first.docId);
    expect(again.doc.cues[0].text.en).not.toBe('changed');
    await services.dispose();
  });

  it('doc.revert reads the file again as a new document and closes the old one', async () => {
    const file = project('b.duosub.json');
    const { api, services } = makeApi({ file });
    const first = (await api.dispatch('session.initial', {})) as DocumentState;
    await api.dispatch('doc.apply', setText(first.docId, 'mine'));
    writeFileSync(file, readFileSync(file, 'utf8').replace('Hello, I', 'THEIRS: Hello, I'));
    const reverted = (await api.dispatch('doc.revert', { docId: first.docId })) as DocumentState;
    expect(reverted.doc.cues[0].text.en).toMatch(/^THEIRS: /);
    expect(reverted).toMatchObject({ dirty: false, canUndo: false, hasProjectFile: true });
    expect(services.documents.has(first.docId)).toBe(false);
    expect(((await api.dispatch('session.initial', {})) as DocumentState).docId).toBe(reverted.docId);
    const sample = (await api.dispatch('doc.openSample', { which: 'excerpt' })) as DocumentState;
    await expect(api.dispatch('doc.revert', { docId: sample.docId })).rejects.toThrow(/never read from a file/);
    await services.dispose();
  });

  it('doc.save refuses a file changed on disk unless forced; a touch without change is no conflict', async () => {
    const file = project('c.duosub.json');
    const { api, services } = makeApi({ file });
    const { docId } = (await api.dispatch('session.initial', {})) as DocumentState;
    await api.dispatch('doc.apply', setText(docId, 'one'));
    utimesSync(file, new Date(), new Date(Date.now() + 60_000)); // touched: same bytes
    await expect(api.dispatch('doc.save', { docId })).resolves.toMatchObject({ dirty: false });
    await api.dispatch('doc.apply', setText(docId, 'two'));
    const theirs = readFileSync(file, 'utf8').replace('"one"', '"someone else"');
    writeFileSync(file, theirs);
    await expect(api.dispatch('doc.save', { docId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('c.duosub.json') });
    expect(readFileSync(file, 'utf8')).toBe(theirs);
    const saved = nextEvent(api, 'doc.saved');
    await expect(api.dispatch('doc.save', { docId, force: true })).resolves.toMatchObject({ dirty: false });
    expect(JSON.parse(readFileSync(file, 'utf8')).cues[0].text.en).toBe('two');
    await expect(saved).resolves.toMatchObject({ docId, auto: false, error: null, fileName: 'c.duosub.json' });
    await services.dispose();
  });

  it('browser-mode Save As never replaces an existing file without being told to', async () => {
    const file = project('d.duosub.json');
    const { api, services } = makeApi({ file });
    const { docId } = (await api.dispatch('session.initial', {})) as DocumentState;
    await api.dispatch('doc.apply', setText(docId, 'mine'));
    const folder = join(file, '..');
    writeFileSync(join(folder, 'other.duosub.json'), 'not mine');
    await expect(api.dispatch('doc.saveAs', { docId, fileName: 'other' })).rejects.toMatchObject({
      code: 'exists', message: `other.duosub.json already exists in ${folder}; replace it?`,
    });
    await expect(api.dispatch('doc.saveAs', { docId })).rejects.toMatchObject({ code: 'exists' }); // its own name too
    expect(readFileSync(join(folder, 'other.duosub.json'), 'utf8')).toBe('not mine');
    await expect(api.dispatch('doc.saveAs', { docId, fileName: 'other', overwrite: true })).resolves.toMatchObject({ fileName: 'other.duosub.json' });
    expect(JSON.parse(readFileSync(join(folder, 'other.duosub.json'), 'utf8')).cues[0].text.en).toBe('mine');
    await services.dispose();
  });

  it('refuses a dropped path the desktop shell did not grant', async () => {
    const file = project('e.duosub.json');
    const granted = new Set([file]);
    const electron: Platform = { ...browserPlatform, mode: 'electron', isGrantedPath: (path) => granted.has(path) };
    const { api, services } = makeApi({}, { platform: electron });
    await expect(api.dispatch('doc.open', { source: { kind: 'dropped', path: '/etc/passwd' } }))
      .rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/passwd was not dropped/) });
    await expect(api.dispatch('doc.open', { source: { kind: 'dropped', path: file } })).resolves.toMatchObject({ fileName: 'e.duosub.json' });
    const ungranting = makeApi({}, { platform: { ...browserPlatform, mode: 'electron' } });
    await expect(ungranting.api.dispatch('doc.open', { source: { kind: 'dropped', path: file } })).rejects.toMatchObject({ code: 'bad-request' });
    await services.dispose();
    await ungranting.services.dispose();
  });
});

describe('regex replace-all off main', () => {
  it('runs through the replace runner, and doc.cancelReplace stops a runaway pattern', async () => {
    const { api, services } = makeApi({ file: project('re.duosub.json') });
    const { docId } = (await api.dispatch('session.initial', {})) as DocumentState;
    const replace = { kind: 'replaceAll', lang: 'en', regex: true, caseSensitive: true };
    await expect(api.dispatch('doc.command', { docId, command: { ...replace, find: 'Hello(,)', replace: 'Hi$1' } }))
      .resolves.toMatchObject({ dirty: true });
    expect(((await api.dispatch('doc.get', { docId })) as DocumentState).doc.cues[0].text.en).toMatch(/^Hi, I/);
    await expect(api.dispatch('doc.cancelReplace', { docId })).resolves.toEqual({ cancelled: false });
    await api.dispatch('doc.apply', setText(docId, `${'a'.repeat(40)}!`));
    const runaway = api.dispatch('doc.command', { docId, command: { ...replace, find: '(a+)+$', replace: 'b' } });
    await new Promise((done) => setTimeout(done, 100));
    await expect(api.dispatch('doc.cancelReplace', { docId })).resolves.toEqual({ cancelled: true });
    await expect(runaway).rejects.toMatchObject({ code: 'cancelled' });
    expect(((await api.dispatch('doc.get', { docId })) as DocumentState).doc.cues[0].text.en).toBe(`${'a'.repeat(40)}!`);
    await services.dispose();
  });
});

describe('recovery across runs', () => {
  async function crashedRun(names: string[]) {
    const first = makeApi();
    for (const name of names) {
      const opened = await first.services.documents.openFile(project(name));
      await first.api.dispatch('doc.apply', setText(opened.docId, `unsaved in ${name}`));
      await new Promise((done) => setTimeout(done, 5)); // distinct modification times
    }
    await first.services.dispose(); // flushed, as a crash a second later would have left it
    return first.dataDir;
  }

  it('lists, restores (with history, as the current document), reveals and discards journalled work', async () => {
    const dataDir = await crashedRun(['older.duosub.json', 'newer.duosub.json']);
    const revealed: string[] = [];
    const platform: Platform = { ...browserPlatform, revealPath: async (path) => (revealed.push(path), true) };
    const { api, services } = makeApi({}, { dataDir, platform });
    const list = (await api.dispatch('recovery.list', {})) as RecoveryEntry[];
    expect(list.map((e) => e.fileName)).toEqual(['newer.duosub.json', 'older.duosub.json']);
    expect(list[0]).toMatchObject({ edits: 1, cues: 8, path: expect.stringMatching(/newer\.duosub\.json$/) });
    await expect(api.dispatch('recovery.reveal', { id: list[0].id })).resolves.toEqual({ revealed: true });
    expect(revealed).toEqual([list[0].path]);
    const restored = (await api.dispatch('recovery.restore', { id: list[0].id })) as DocumentState;
    expect(restored).toMatchObject({ dirty: true, canUndo: true, hasProjectFile: true, fileName: 'newer.duosub.json' });
    expect(restored.doc.cues[0].text.en).toBe('unsaved in newer.duosub.json');
    expect(((await api.dispatch('session.initial', {})) as DocumentState).docId).toBe(restored.docId);
    await api.dispatch('doc.undo', { docId: restored.docId });
    expect(((await api.dispatch('doc.get', { docId: restored.docId })) as DocumentState).doc.cues[0].text.en).toMatch(/^Hello, I/);
    // Restored work is not offered again, and its file can still be saved.
    expect(((await api.dispatch('recovery.list', {})) as RecoveryEntry[]).map((e) => e.id)).toEqual([list[1].id]);
    await expect(api.dispatch('doc.save', { docId: restored.docId })).resolves.toMatchObject({ dirty: false });
    await expect(api.dispatch('recovery.discard', { id: list[1].id })).resolves.toEqual({ discarded: true });
    await expect(api.dispatch('recovery.list', {})).resolves.toEqual([]);
    await expect(api.dispatch('recovery.restore', { id: list[1].id })).rejects.toMatchObject({ code: 'failed' });
    await services.dispose();
  });

  it('recovery.reveal is unsupported in browser mode and names the file instead', async () => {
    const dataDir = await crashedRun(['shown.duosub.json']);
    const { api, services } = makeApi({}, { dataDir });
    const [entry] = (await api.dispatch('recovery.list', {})) as RecoveryEntry[];
    await expect(api.dispatch('recovery.reveal', { id: entry.id })).rejects.toMatchObject({
      code: 'unsupported', message: expect.stringContaining(entry.path!),
    });
    await services.dispose();
  });

  it('hot exit: session.initial restores every journalled document without asking, the newest shown', async () => {
    const dataDir = await crashedRun(['first.duosub.json', 'second.duosub.json']);
    const off = makeApi({}, { dataDir });
    expect(((await off.api.dispatch('session.initial', {})) as DocumentState).fileName).toBe('excerpt.duosub.json'); // the sample: asks instead
    expect((await off.api.dispatch('recovery.list', {})) as RecoveryEntry[]).toHaveLength(2);
    await off.services.dispose();
    const on = makeApi({}, { dataDir });
    await on.api.dispatch('settings.update', { hotExit: true });
    const shown = (await on.api.dispatch('session.initial', {})) as DocumentState;
    expect(shown).toMatchObject({ fileName: 'second.duosub.json', dirty: true });
    expect(on.services.documents.dirtyDocuments().map((d) => d.fileName).sort()).toEqual(['first.duosub.json', 'second.duosub.json']);
    expect(await on.api.dispatch('recovery.list', {})).toEqual([]);
    await on.services.dispose();
  });
});

describe('autosave', () => {
  it('saves a project a moment after the last edit, and stops at a conflict until a manual save', async () => {
    const file = project('auto.duosub.json');
    const { api, services } = makeApi({ file }, { autosaveMs: 50 });
    await api.dispatch('settings.update', { autosaveProject: true });
    const { docId } = (await api.dispatch('session.initial', {})) as DocumentState;
    const saved = nextEvent(api, 'doc.saved');
    await api.dispatch('doc.apply', setText(docId, 'autosaved'));
    await expect(saved).resolves.toMatchObject({ docId, auto: true, error: null, dirty: false, fileName: 'auto.duosub.json' });
    expect(JSON.parse(readFileSync(file, 'utf8')).cues[0].text.en).toBe('autosaved');

    writeFileSync(file, readFileSync(file, 'utf8').replace('autosaved', 'theirs'));
    const failed = nextEvent(api, 'doc.saved');
    await api.dispatch('doc.apply', setText(docId, 'mine'));
    await expect(failed).resolves.toMatchObject({ auto: true, dirty: true, error: expect.stringContaining('changed on disk') });
    let later = 0;
    const stop = api.onEvent((event) => void (event === 'doc.saved' && later++));
    await api.dispatch('doc.apply', setText(docId, 'mine again'));
    await new Promise((done) => setTimeout(done, 300));
    expect(later).toBe(0); // stopped: their change is never overwritten by autosave
    expect(JSON.parse(readFileSync(file, 'utf8')).cues[0].text.en).toBe('theirs');
    await api.dispatch('doc.save', { docId, force: true }); // the user chose "keep mine": autosave resumes
    await api.dispatch('doc.apply', setText(docId, 'resumed'));
    await new Promise((done) => setTimeout(done, 300));
    expect(later).toBe(2);
    expect(JSON.parse(readFileSync(file, 'utf8')).cues[0].text.en).toBe('resumed');
    stop();
    api.dispose();
    await services.dispose();
  });

  it('never autosaves while the setting is off, nor a document without a project file', async () => {
    const { api, services } = makeApi({ file: project('manual.duosub.json') }, { autosaveMs: 20 });
    let events = 0;
    api.onEvent((event) => void (event === 'doc.saved' && events++));
    const { docId } = (await api.dispatch('session.initial', {})) as DocumentState;
    await api.dispatch('doc.apply', setText(docId, 'x'));
    await new Promise((done) => setTimeout(done, 100)); // its autosave moment passes while the setting is off
    await api.dispatch('settings.update', { autosaveProject: true });
    const sample = (await api.dispatch('doc.openSample', { which: 'transcript' })) as DocumentState;
    await api.dispatch('doc.apply', setText(sample.docId, 'y'));
    await new Promise((done) => setTimeout(done, 200));
    expect(events).toBe(0);
    expect(((await api.dispatch('doc.get', { docId })) as DocumentState).dirty).toBe(true);
    await services.dispose();
  });
});
