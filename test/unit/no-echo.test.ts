/**
 * Main does not echo a change to the window that made it (issue 14): the editor's request has the reply, so its
 * `doc.changed` goes only to the other windows. What main changes on its own (here: an apply with no origin, and
 * attaching media) goes to every window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { createApi, createServices, type Platform, type Services } from '../../src/node/api/api';
import { DocumentService } from '../../src/node/documents/documents';
import { EventBus, type AppEvent } from '../../src/node/events';
import { startServer, type RunningServer } from '../../src/node/web/server';
import type { DocumentState, EditResult, WireEvent, WireResponse } from '../../src/shared/api';
import { connectApi } from './server-helpers';

const dir = mkdtempSync(join(tmpdir(), 'duosub-no-echo-'));
const srt = join(dir, 'talk.srt');
const platform: Platform = {
  mode: 'browser',
  pickOpenPath: async () => null,
  pickSavePath: async () => null,
  uploadPath: () => null,
};
let services: Services;
let server: RunningServer;

beforeAll(async () => {
  writeFileSync(srt, '1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nWorld\n');
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Duosub</title>');
  services = createServices({ resourcesDir: dir, cacheDir: join(dir, 'cache'), settingsPath: null, dataDir: join(dir, 'recovery') });
  const api = createApi(services, platform, { file: srt });
  server = await startServer({ api, media: services.media, rendererDir: join(dir, 'renderer'), host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  await services?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A window on the API socket: every message it has received, and requests answered in order. */
async function openWindow() {
  const socket: WebSocket = await connectApi(server);
  const received: Array<WireEvent | WireResponse> = [];
  const waiting = new Map<number, (reply: WireResponse) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as WireEvent | WireResponse;
    received.push(message);
    if ('id' in message) waiting.get(message.id)?.(message);
  });
  let nextId = 1;
  return {
    /** Resolves with the result; every event sent before the reply has been received by then (one ordered socket). */
    async request<T>(channel: string, args: unknown): Promise<T> {
      const id = nextId++;
      const reply = new Promise<WireResponse>((resolve) => waiting.set(id, resolve));
      socket.send(JSON.stringify({ id, channel, args }));
      const answer = await reply;
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.result as T;
    },
    changes: () => received.flatMap((m) => ('event' in m && m.event === 'doc.changed' ? [m.payload as EditResult] : [])),
    close: () => socket.close(),
  };
}

describe('doc.changed and the window that made the change', () => {
  it('is not sent to the editor (it has the reply), but is to the other window; main\'s own changes go to both', async () => {
    const editor = await openWindow();
    const viewer = await openWindow();
    const { docId, doc } = await editor.request<DocumentState>('session.initial', {});
    const cueId = doc.cues[0].id;

    const reply = await editor.request<EditResult>('doc.apply', { docId, op: { type: 'setText', cueId, lang: doc.languages[0].code, text: 'Hi' } });
    expect(reply.revision).toBe(1);
    await viewer.request('doc.get', { docId });
    expect(editor.changes()).toEqual([]);
    expect(viewer.changes()).toEqual([reply]);

    // Undo from the editor: the same rule.
    const undone = await editor.request<EditResult>('doc.undo', { docId });
    await viewer.request('doc.get', { docId });
    expect(editor.changes()).toEqual([]);
    expect(viewer.changes().map((c) => c.revision)).toEqual([1, undone.revision]);

    // A change main makes on its own (no origin) reaches every window.
    const own = services.documents.apply(docId, { type: 'setText', cueId, lang: doc.languages[0].code, text: 'Main' });
    await editor.request('doc.get', { docId });
    await viewer.request('doc.get', { docId });
    expect(editor.changes()).toEqual([own]);
    expect(viewer.changes().at(-1)).toEqual(own);
    editor.close();
    viewer.close();
  });
});

describe('attaching media', () => {
  it('announces the new revision as a change without an operation, so the dirty flag keeps up', async () => {
    const events = new EventBus();
    const heard: AppEvent[] = [];
    events.subscribe((event) => heard.push(event));
    const documents = new DocumentService({ events });
    const { docId } = await documents.openFile(srt);
    const media = { token: 'abc123', fileName: 'talk.wav', duration: 5000 };
    documents.attachMedia(docId, media, join(dir, 'talk.wav'));
    const state = documents.state(docId);
    expect(state.revision).toBe(1);
    expect(state.dirty).toBe(true);
    expect(heard.map((e) => e.name)).toEqual(['media.attached', 'doc.changed']);
    expect(heard[1]).toMatchObject({ origin: null, payload: { docId, revision: 1, dirty: true, applied: null } });

    // The media the document already names changes nothing: no change is announced.
    heard.length = 0;
    documents.attachMedia(docId, media, join(dir, 'talk.wav'));
    expect(heard.map((e) => e.name)).toEqual(['media.attached']);
    expect(documents.state(docId).revision).toBe(1);
  });
});
