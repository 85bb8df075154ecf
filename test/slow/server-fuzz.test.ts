/**
 * The browser-mode server against ≥ 10,000 fuzzed WebSocket messages and a few thousand raw malformed HTTP
 * requests and frames, authenticated and not, with the real API and services behind it. Every message must be
 * answered exactly once with a well-formed answer, every connection either answered or closed, and afterwards the
 * server must still serve the page and a normal edit. Seeded: a failure replays with the same inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { channelNames, type DocumentState } from '../../src/shared/api';
import { startServer, type RunningServer } from '../../src/node/web/server';
import { DEFAULT_SOCKET_LIMITS } from '../../src/node/web/server-socket';
import { clientFrame, connectApi, http, openTcp, sessionCookie, upgradeRequest } from '../unit/server-helpers';

const SEED = 20261206;
const RESOURCES = resolve(import.meta.dirname, '../../resources');
const dir = mkdtempSync(join(tmpdir(), 'duosub-server-fuzz-'));
const ERROR_CODES = new Set(['bad-request', 'not-found', 'conflict', 'exists', 'unsupported', 'failed', 'too-large', 'timeout', 'cancelled']);

let server: RunningServer;
let cookie: string;
let state: DocumentState;
let copies = 0;
function freshCopy(): string {
  const path = join(dir, `talk-${++copies}.srt`);
  writeFileSync(path, SRT);
  return path;
}
const SRT = '1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nWorld\n';
const counts = { messages: 0, answeredById: 0, answeredUnknownId: 0, rawHttp: 0, rawAnswered: 0, rawDropped: 0, rawReset: 0, rawFrames: 0 };
const codes = new Map<string, number>();
/** 'failed' answers: a handler threw something other than an ApiError. Listed in the log line. */
const failures: string[] = [];

beforeAll(async () => {
  // Settings, journal and caches of the test's own: the fuzz never touches the user's.
  process.env.DUOSUB_CONFIG_DIR = join(dir, 'config');
  process.env.DUOSUB_DATA_DIR = join(dir, 'data');
  const { createApi, createServices } = await import('../../src/node/api/api');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Duosub</title>');
  const file = join(dir, 'talk.srt');
  writeFileSync(file, SRT);
  const services = createServices({ resourcesDir: RESOURCES, cacheDir: join(dir, 'cache') });
  const platform = {
    mode: 'browser' as const,
    pickOpenPath: () => Promise.reject(new Error('no dialogs')),
    pickSavePath: () => Promise.reject(new Error('no dialogs')),
    // The one upload this test makes: a fresh copy of the file, for the edit after each round of fuzz.
    uploadPath: (uploadId: string) => (uploadId === 'after-fuzz' ? freshCopy() : null),
  };
  const api = createApi(services, platform, { file });
  server = await startServer({ api, media: services.media, rendererDir, host: '127.0.0.1', limits: { headersTimeoutMs: 2000 } });
  cookie = await sessionCookie(server);
  state = (await api.dispatch('session.initial', {})) as DocumentState;
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`server fuzz: ${JSON.stringify(counts)} codes ${JSON.stringify(Object.fromEntries(codes))} failed: ${JSON.stringify(failures)}`);
});

/** One fuzzed message: what is sent, and the id its answer must carry (0: the server cannot tell). */
interface Fuzzed {
  data: string | Buffer;
  binary?: boolean;
  id: number;
}

let nextId = 1000;
const strangeChannels = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'doc.apply ', 'DOC.APPLY', '', 'fs.readFile', 'doc..get'];

function fuzzedMessages(count: number): Fuzzed[] {
  const small = fc.anything({ maxDepth: 2, maxKeys: 4 });
  const channel = fc.oneof(fc.constantFrom(...channelNames), fc.constantFrom(...strangeChannels), fc.string());
  const docId = fc.oneof(fc.constant(state.docId), fc.string());
  const cueId = fc.oneof(fc.constantFrom(...state.doc.cues.map((c) => c.id)), fc.string());
  const op = fc.oneof(
    fc.record({ type: fc.constant('setText'), cueId, lang: fc.oneof(fc.constant('en'), fc.string()), text: fc.string() }),
    fc.record({ type: fc.constant('setTimes'), cueId, start: fc.oneof(fc.integer(), fc.double()), end: small }),
    fc.record({ type: fc.string(), ops: fc.array(small, { maxLength: 3 }) }),
  );
  const args = fc.oneof(small, fc.record({ docId, op }), fc.record({ docId }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }));
  const request = fc.tuple(channel, args).map(([c, a]): Fuzzed => {
    const id = nextId++;
    return { id, data: JSON.stringify({ id, channel: c, args: a }) ?? '' };
  });
  const wrongTypes = fc.record({ id: fc.oneof(fc.string(), fc.double(), fc.constant(-1), fc.constant(0), fc.constant(2 ** 60), fc.constant(null)), channel: small })
    .map((value): Fuzzed => ({ id: 0, data: JSON.stringify(value) }));
  const randomJson = fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('id' in v))
    .map((value): Fuzzed => ({ id: 0, data: JSON.stringify(value) }));
  const notJson = fc.string({ unit: 'binary', minLength: 1 }).filter((text) => !isJson(text)).map((text): Fuzzed => ({ id: 0, data: text }));
  const binary = fc.uint8Array({ maxLength: 64 }).map((bytes): Fuzzed => ({ id: 0, data: Buffer.from(bytes), binary: true }));
  const arbitrary = fc.oneof(
    { arbitrary: request, weight: 6 }, { arbitrary: wrongTypes, weight: 1 }, { arbitrary: randomJson, weight: 1 },
    { arbitrary: notJson, weight: 1 }, { arbitrary: binary, weight: 1 },
  );
  return fc.sample(arbitrary, { numRuns: count, seed: SEED });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Deep and huge values, few of them: each is large to build and to send. */
function heavyMessages(): Fuzzed[] {
  const soft = DEFAULT_SOCKET_LIMITS.softMessageBytes;
  const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
  const deepBatch = '{"type":"batch","ops":['.repeat(20_000) + ']}'.repeat(20_000);
  const heavy = (build: (id: number) => string): Fuzzed => {
    const id = nextId++;
    return { id, data: build(id) };
  };
  return [
    heavy((id) => `{"id":${id},"channel":"doc.apply","args":${deepArray}}`),
    heavy((id) => `{"id":${id},"channel":"doc.apply","args":{"docId":"${state.docId}","op":${deepBatch}}}`),
    heavy((id) => JSON.stringify({ id, channel: 'doc.apply', args: { docId: state.docId, op: { type: 'setText', cueId: 'c1', lang: 'en', text: 'x'.repeat(2_000_000) } } })),
    heavy((id) => JSON.stringify({ id, channel: 'doc.get', args: { docId: 'x'.repeat(soft) } })), // over the soft limit
    heavy((id) => `{"id":${id},"channel":"doc.get","args":[${'1,'.repeat(soft / 2)}1]}`), // over, and never parsed
    { id: 0, data: deepArray.slice(0, 50_000) }, // unbalanced
  ];
}

/** Sends `messages` over one connection in batches; checks each is answered once, as promised. */
async function sendAll(socket: WebSocket, messages: Fuzzed[]): Promise<void> {
  const answers: Array<{ id: number; ok: boolean; error?: { code: string; message: string } }> = [];
  let waiter: { count: number; done: () => void } | null = null;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; event?: string; ok: boolean; error?: { code: string; message: string } };
    if (message.event === undefined) answers.push(message as (typeof answers)[number]);
    if (waiter && answers.length >= waiter.count) waiter.done();
  });
  const closed = new Promise<never>((_, reject) => socket.once('close', (code) => reject(new Error(`the server closed the connection (${code})`))));
  const until = (count: number) =>
    answers.length >= count ? Promise.resolve() : Promise.race([new Promise<void>((done) => (waiter = { count, done })), closed]);
  // A window of 400 unanswered messages: one slow answer (a save's fsync) does not stall the rest.
  const batch = 100;
  for (let start = 0; start < messages.length; start += batch) {
    for (const m of messages.slice(start, start + batch)) socket.send(m.data, { binary: m.binary === true });
    await until(start - 300);
  }
  await until(messages.length);
  expect(answers).toHaveLength(messages.length);
  const expectedIds = messages.map((m) => m.id).sort((a, b) => a - b);
  expect(answers.map((a) => a.id).sort((a, b) => a - b)).toEqual(expectedIds);
  for (const answer of answers) {
    if (answer.ok) continue;
    expect(ERROR_CODES.has(answer.error!.code), JSON.stringify(answer).slice(0, 300)).toBe(true);
    expect(typeof answer.error!.message).toBe('string');
    if (answer.error!.code === 'failed') failures.push(answer.error!.message.slice(0, 200));
    codes.set(answer.error!.code, (codes.get(answer.error!.code) ?? 0) + 1);
  }
  counts.messages += messages.length;
  counts.answeredUnknownId += answers.filter((a) => a.id === 0).length;
  counts.answeredById += answers.filter((a) => a.id !== 0).length;
}

/**
 * The server still serves the page and makes a normal edit, which reads back. On a document opened now from a
 * temp file: the fuzz may well have closed or reverted the first one (doc.close with its id is a valid request).
 */
async function stillServesAnEdit(): Promise<void> {
  expect((await http(server, '/', { headers: { cookie } })).status).toBe(200);
  const socket = await connectApi(server);
  const request = async (id: number, channel: string, args: unknown) => {
    const answered = new Promise<{ id: number; ok: boolean; result: unknown }>((resolve) => {
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number; ok: boolean; result: unknown };
        if (message.id !== id) return; // an event
        socket.off('message', onMessage);
        resolve(message as { id: number; ok: boolean; result: unknown });
      };
      socket.on('message', onMessage);
    });
    socket.send(JSON.stringify({ id, channel, args }));
    const answer = await answered;
    expect(answer, JSON.stringify(answer).slice(0, 300)).toMatchObject({ id, ok: true });
    return answer.result;
  };
  const opened = (await request(1, 'doc.open', { source: { kind: 'upload', uploadId: 'after-fuzz' } })) as DocumentState;
  const cue = opened.doc.cues[0];
  const op = { type: 'setText', cueId: cue.id, lang: opened.doc.languages[0].code, text: 'After the fuzz' };
  expect(await request(2, 'doc.apply', { docId: opened.docId, op })).toMatchObject({ docId: opened.docId, dirty: true });
  const after = (await request(3, 'doc.get', { docId: opened.docId })) as DocumentState;
  expect(Object.values(after.doc.cues.find((c) => c.id === cue.id)!.text)).toContain('After the fuzz');
  socket.close();
}

describe('server fuzz: WebSocket messages', () => {
  it('answers 10,000 fuzzed messages on 4 connections, each exactly once', async () => {
    const messages = fuzzedMessages(10_000);
    const sockets = await Promise.all(Array.from({ length: 4 }, () => connectApi(server, { origin: `http://127.0.0.1:${server.port}` })));
    await Promise.all(sockets.map((socket, i) => sendAll(socket, messages.filter((_, j) => j % 4 === i))));
    for (const socket of sockets) expect(socket.readyState).toBe(WebSocket.OPEN);
    for (const socket of sockets) socket.close();
    expect(failures, 'a handler threw instead of refusing with an ApiError').toEqual([]);
    await stillServesAnEdit();
  });

  it('answers deep, huge and over-limit messages, and stays connected', async () => {
    const socket = await connectApi(server);
    await sendAll(socket, heavyMessages());
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(failures, 'a handler threw instead of refusing with an ApiError').toEqual([]);
    socket.close();
    await stillServesAnEdit();
  });
});

/** Random bytes of HTTP shape: request lines, headers, methods and targets that parsers trip on. */
function malformedRequests(count: number, port: number, token: string): string[] {
  const host = `Host: 127.0.0.1:${port}`;
  const line = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.tuple(fc.constantFrom('GET', 'PUT', 'POST', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'G\0T', 'get'), fc.string({ unit: 'binary' }), fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'HTTP/9.9', ''))
      .map(([m, t, v]) => `${m} ${t} ${v}`),
    fc.constantFrom('GET // HTTP/1.1', 'GET http://a:b:c/ HTTP/1.1', 'GET * HTTP/1.1', 'GET /%ZZ HTTP/1.1', 'GET /%00 HTTP/1.1', 'GET /..%5c..%5cetc%5cpasswd HTTP/1.1', 'GET /\\..\\secret HTTP/1.1'),
  );
  const auth = fc.constantFrom('', `?token=${token}`, '?token=wrong', `?token=${token}&token=x`);
  const header = fc.oneof(
    fc.constant(host), fc.constant(`Cookie: ${cookie}`), fc.constant('Origin: http://evil.example'), fc.string({ unit: 'binary' }),
    fc.constantFrom('Content-Length: -1', 'Content-Length: 99999999999999999999', 'Transfer-Encoding: chunked', 'Range: bytes=0-0,0-0', 'Host: evil.example', 'Upgrade: websocket', 'Connection: Upgrade'),
  );
  const request = fc.tuple(line, auth, fc.array(header, { maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 40 }))
    .map(([l, a, hs, body]) => {
      const withAuth = l.includes(' /') ? l.replace(/ (\/\S*)/, (_, path: string) => ` ${path}${a}`) : l;
      return `${withAuth}\r\n${hs.join('\r\n')}\r\n\r\n${body}`;
    });
  return fc.sample(request, { numRuns: count, seed: SEED + 1 });
}

/**
 * Sends `data`, then either resets the connection at once or waits for the server to answer and close. An
 * answer must be a proper HTTP status line (an upgrade's 101 included); silence means Node dropped it.
 */
async function sendRaw(data: string | Buffer, reset: boolean): Promise<void> {
  const socket = await openTcp(server.port);
  socket.write(data);
  if (reset) {
    socket.resetAndDestroy();
    counts.rawReset++;
  } else {
    socket.end();
  }
  await socket.ended;
  if (reset) return;
  const reply = socket.received();
  expect(reply === '' || /^HTTP\/1\.1 [1-5]\d\d /.test(reply), reply.slice(0, 80)).toBe(true);
  if (reply === '') counts.rawDropped++;
  else counts.rawAnswered++;
}

async function inParallel<T>(items: T[], width: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++;
      await run(items[index], index);
    }
  }));
}

describe('server fuzz: raw HTTP and frames', () => {
  it('answers or drops 2,000 malformed HTTP requests, half of them reset at once', async () => {
    const requests = malformedRequests(2000, server.port, server.token);
    await inParallel(requests, 16, (request, i) => sendRaw(request, i % 2 === 1));
    counts.rawHttp += requests.length;
    await stillServesAnEdit();
  });

  it('survives 1,000 malformed frames on authenticated connections and 200 refused upgrades', async () => {
    const frames = fc.sample(
      fc.oneof(
        fc.uint8Array({ maxLength: 32 }).map((bytes) => Buffer.from(bytes)), // not a frame at all
        fc.tuple(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 0, max: 15 }), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 7 }))
          .map(([payload, opcode, fin, mask, rsv]) => clientFrame(Buffer.from(payload), { opcode, fin, mask, rsv })),
        fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bytes) => clientFrame(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes)]))), // invalid UTF-8
      ),
      { numRuns: 1000, seed: SEED + 2 },
    );
    const upgrade = Buffer.from(upgradeRequest(server));
    await inParallel(frames, 16, (frame, i) => sendRaw(Buffer.concat([upgrade, frame]), i % 3 === 0));
    const refused = ['', '?token=wrong', `?token=${server.token}`].flatMap((q) => Array.from({ length: 67 }, () => q));
    await inParallel(refused, 16, (query, i) => {
      const request = upgradeRequest(server, query).replace(query === `?token=${server.token}` ? 'Sec-WebSocket-Version: 13' : '\r\n\r\n', query === `?token=${server.token}` ? 'Sec-WebSocket-Version: 99' : '\r\n\r\n');
      return sendRaw(i % 2 ? request : request.replace(`Host: 127.0.0.1:${server.port}`, 'Host: evil.example'), i % 2 === 0);
    });
    counts.rawFrames += frames.length + refused.length;
    await stillServesAnEdit();
  });
});
