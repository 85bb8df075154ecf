import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApi, createServices, type Platform } from '../../src/main/api';
import type { DocumentState, MediaInfo, SaveResult } from '../../src/shared/api';
import { findFfmpeg } from '../../src/main/services/ffmpeg';

const RESOURCES = resolve(import.meta.dirname, '../../resources');
const browserPlatform: Platform = {
  mode: 'browser',
  pickOpenPath: () => Promise.reject(new Error('no dialogs in browser mode')),
  pickSavePath: () => Promise.reject(new Error('no dialogs in browser mode')),
  uploadPath: () => null,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-api-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeApi(startup: { file?: string; media?: string } = {}) {
  const services = createServices({ resourcesDir: RESOURCES, cacheDir: join(dir, 'cache') });
  return { api: createApi(services, browserPlatform, startup), services };
}

describe('createApi', () => {
  it('opens the bundled excerpt with its audio at start-up, clean and named', async () => {
    const { api, services } = makeApi();
    const state = (await api.dispatch('session.initial', {})) as DocumentState;
    expect(state.doc.cues).toHaveLength(8);
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
