import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { WebSocket } from 'ws';
import { ApiError, type EventName } from '../../src/shared/api';
import { safeFileName, startServer, type RunningServer } from '../../src/node/web/server';

const dir = mkdtempSync(join(tmpdir(), 'duosub-server-test-'));
const rendererDir = join(dir, 'renderer');
const mediaFile = join(dir, 'audio.mp3');
const MEDIA_TOKEN = 'a'.repeat(32);

/** A fake API: echoes, fails on demand, and lets the test emit events. */
const listeners = new Set<(event: EventName, payload: unknown) => void>();
const api = {
  async dispatch(channel: unknown, args: unknown) {
    if (channel === 'doc.get') return { echo: args };
    if (channel === 'doc.save') throw new ApiError('conflict', 'changed on disk');
    throw new Error('boom');
  },
  onEvent(listener: (event: EventName, payload: unknown) => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
const media = {
  resolve: (token: string) => (token === MEDIA_TOKEN ? { path: mediaFile, size: 256, mime: 'audio/mpeg' } : null),
};

let server: RunningServer;
let base: string;
let origin: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function http(path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Sends `text` as is over TCP; resolves with everything the server wrote before closing. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(server.port, '127.0.0.1', () => socket.end(text));
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
    socket.on('close', () => resolve(reply));
    socket.on('error', reject);
  });
}

const withToken = (path: string) => `${path}${path.includes('?') ? '&' : '?'}token=${server.token}`;
let sessionCookie = '';
const cookie = () => sessionCookie;

function connect(headers: Record<string, string>, query = `?token=${server.token}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Duosub</title>');
  writeFileSync(join(rendererDir, 'assets', 'editor.worker.js'), 'self.onmessage = () => {};');
  writeFileSync(join(rendererDir, 'assets', 'panes-controller-DRJmpp73.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'link-out.txt'));
  symlinkSync(join(dir, 'outside'), join(rendererDir, 'linked-dir'));
  writeFileSync(mediaFile, Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  server = await startServer({ api, media, rendererDir, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.port}`;
  origin = base;
  sessionCookie = String((await http(withToken('/'))).headers['set-cookie']).split(';')[0];
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startServer: access', () => {
  it('prints a URL with a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a request without a token or with a wrong one', async () => {
    expect((await http('/')).status).toBe(403);
    expect((await http('/?token=wrong')).status).toBe(403);
    expect((await http('/', { headers: { cookie: `duosub_session_${server.port}=wrong` } })).status).toBe(403);
    // The cookie holds a secret of its own, not the token.
    expect((await http('/', { headers: { cookie: `duosub_session_${server.port}=${server.token}` } })).status).toBe(403);
  });

  it('serves the page for the token, with a session cookie (not the token) and the CSP', async () => {
    const reply = await http(withToken('/'));
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toContain('<title>Duosub</title>');
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^duosub_session_${server.port}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    expect(setCookie).not.toContain(server.token);
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
  });

  it('accepts the cookie afterwards, e.g. for a worker script', async () => {
    const reply = await http('/assets/editor.worker.js', { headers: { cookie: cookie() } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('lets the browser keep content-hashed assets (and their compiled code), but not the page', async () => {
    const page = await http(withToken('/'));
    expect(page.headers['cache-control']).toBe('no-cache');
    const hashed = await http('/assets/panes-controller-DRJmpp73.js', { headers: { cookie: cookie() } });
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const unhashed = await http('/assets/editor.worker.js', { headers: { cookie: cookie() } });
    expect(unhashed.headers['cache-control']).toBe('no-cache');
  });

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    expect((await http(withToken('/'), { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await http(withToken('/'), { headers: { origin: `http://127.0.0.1:${server.port + 1}` } })).status).toBe(403);
    expect((await http(withToken('/'), { headers: { origin } })).status).toBe(200);
    expect((await http(withToken('/'), { headers: { host: `evil.example:${server.port}` } })).status).toBe(403);
    expect((await http(withToken('/'), { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('does not serve files outside the renderer, nor list a folder', async () => {
    const paths = [
      '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt', '/assets%5c..%5c..%5csecret.txt', '/secret.txt%00.js', '/link-out.txt', '/linked-dir/secret.txt', '/assets/', '/assets',
    ];
    for (const path of paths) {
      const reply = await http(path, { headers: { cookie: cookie() } });
      expect([400, 403, 404], path).toContain(reply.status);
      expect(reply.body.toString(), path).not.toContain('secret');
      expect(reply.body.toString(), path).not.toContain('editor.worker.js');
    }
  });

  it('answers a request target that is not a path with 400, before any token check', async () => {
    for (const target of ['//', '//evil.example/', 'http://a:b:c/', '*']) {
      const reply = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
      expect(reply, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect((await http(withToken('/'))).status).toBe(200);
  });
});

describe('startServer: token scope', () => {
  it('never opens the API socket for the cookie alone, even from our own origin', async () => {
    await expect(connect({ cookie: cookie(), origin }, '')).rejects.toThrow(/403/);
    await expect(connect({ cookie: cookie(), origin }, '?token=wrong')).rejects.toThrow(/403/);
    const socket = await connect({ origin });
    socket.close();
  });

  it('checks Host and Origin on the API socket too (DNS rebinding, other sites)', async () => {
    await expect(connect({ host: `rebind.example:${server.port}` })).rejects.toThrow(/403/);
    await expect(connect({ origin: `http://localhost:${server.port + 1}` })).rejects.toThrow(/403/);
    await expect(connect({ origin: 'null' })).rejects.toThrow(/403/);
  });
});

describe('startServer: media and uploads', () => {
  it('serves media byte ranges', async () => {
    const reply = await http(`/media/${MEDIA_TOKEN}`, { headers: { cookie: cookie(), range: 'bytes=10-19' } });
    expect(reply.status).toBe(206);
    expect(reply.headers['accept-ranges']).toBe('bytes');
    expect(reply.headers['content-range']).toBe('bytes 10-19/256');
    expect([...reply.body]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const past = await http(`/media/${MEDIA_TOKEN}`, { headers: { cookie: cookie(), range: 'bytes=300-' } });
    expect(past.status).toBe(416);
    expect((await http('/media/unknown', { headers: { cookie: cookie() } })).status).toBe(404);
    expect((await http('/media/..%2f..%2fsecret.txt', { headers: { cookie: cookie() } })).status).toBe(404);
    expect((await http(`/media/${MEDIA_TOKEN}`)).status).toBe(403);
  });

  it('never sends more than the file once, whatever the Range header asks', async () => {
    const abusive = [
      'bytes=0-0,1-1,2-2,' + '3-3,'.repeat(1000) + '4-4', 'bytes=0-255,0-255,0-255', 'bytes=99999999999999999999-', 'bytes=0-99999999999999999999',
      'bytes=-99999999999999999999', `bytes=${'0'.repeat(200)}-1`, 'bytes=1-0', 'bytes=-1-2', 'bytes=0x10-0x20',
    ];
    for (const range of abusive) {
      const reply = await http(`/media/${MEDIA_TOKEN}`, { headers: { cookie: cookie(), range } });
      expect([200, 206, 416], range.slice(0, 40)).toContain(reply.status);
      expect(reply.body.length, range.slice(0, 40)).toBeLessThanOrEqual(256);
    }
    const suffix = await http(`/media/${MEDIA_TOKEN}`, { headers: { cookie: cookie(), range: 'bytes=-1000' } });
    expect(suffix.status).toBe(206);
    expect(suffix.headers['content-range']).toBe('bytes 0-255/256');
  });

  it('stores an upload under a safe name and gives its path by id', async () => {
    const bytes = Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nHello\n');
    const reply = await http('/upload?name=' + encodeURIComponent('../../evil/talk.srt'), {
      method: 'PUT',
      headers: { 'x-duosub-token': server.token, origin },
      body: bytes,
    });
    expect(reply.status).toBe(200);
    const { uploadId } = JSON.parse(reply.body.toString()) as { uploadId: string };
    const path = server.uploads.path(uploadId);
    expect(path).not.toBeNull();
    expect(basename(path!)).toBe('talk.srt');
    expect(dirname(dirname(path!))).toBe(server.uploads.dir);
    expect(readFileSync(path!)).toEqual(bytes);
    expect(server.uploads.path('other')).toBeNull();
  });

  it('refuses an upload without the token', async () => {
    const reply = await http('/upload?name=a.srt', { method: 'PUT', body: Buffer.from('x') });
    expect(reply.status).toBe(403);
    const wrong = await http('/upload?name=a.srt', { method: 'PUT', headers: { 'x-duosub-token': 'wrong' }, body: Buffer.from('x') });
    expect(wrong.status).toBe(403);
  });

  it('refuses an upload that shows only the session cookie: another local server sees that cookie', async () => {
    expect((await http('/', { headers: { cookie: cookie() } })).status).toBe(200);
    const reply = await http('/upload?name=a.srt', { method: 'PUT', headers: { cookie: cookie() }, body: Buffer.from('x') });
    expect(reply.status).toBe(403);
  });

  it('takes the token in a header from scripts, without setting the cookie', async () => {
    const reply = await http('/upload?name=a.srt', { method: 'PUT', headers: { 'x-duosub-token': server.token }, body: Buffer.from('x') });
    expect(reply.status).toBe(200);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('reduces a client file name to a plain name', () => {
    expect(safeFileName('C:\\Users\\me\\talk.mp3')).toBe('talk.mp3');
    expect(safeFileName('..')).toBe('upload');
    expect(safeFileName('a/b/')).toBe('upload');
    expect(safeFileName('x\u0000y?.srt')).toBe('x_y_.srt');
  });
});

describe('startServer: WebSocket API', () => {
  it('refuses a connection without the token or from a foreign origin', async () => {
    await expect(connect({}, '')).rejects.toThrow(/403/);
    await expect(connect({ cookie: `duosub_session_${server.port}=nope` }, '')).rejects.toThrow(/403/);
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('dispatches requests and maps errors to codes', async () => {
    const socket = await connect({ origin });
    socket.send(JSON.stringify({ id: 1, channel: 'doc.get', args: { docId: 'd1' } }));
    expect(await nextMessage(socket)).toEqual({ id: 1, ok: true, result: { echo: { docId: 'd1' } } });
    socket.send(JSON.stringify({ id: 2, channel: 'doc.save', args: {} }));
    expect(await nextMessage(socket)).toEqual({ id: 2, ok: false, error: { code: 'conflict', message: 'changed on disk' } });
    socket.send(JSON.stringify({ id: 3, channel: 'other', args: {} }));
    expect(await nextMessage(socket)).toEqual({ id: 3, ok: false, error: { code: 'failed', message: 'boom' } });
    socket.close();
  });

  it('broadcasts events to every socket', async () => {
    const sockets = await Promise.all([connect({}), connect({})]);
    const received = sockets.map(nextMessage);
    for (const listener of listeners) listener('media.attached', { docId: 'd1' });
    expect(await Promise.all(received)).toEqual([
      { event: 'media.attached', payload: { docId: 'd1' } },
      { event: 'media.attached', payload: { docId: 'd1' } },
    ]);
    for (const socket of sockets) socket.close();
  });

  it('answers a malformed message with bad-request and keeps the connection', async () => {
    const socket = await connect({});
    socket.send('{not json');
    expect(await nextMessage(socket)).toMatchObject({ id: 0, ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^Malformed JSON/) } });
    socket.send(JSON.stringify({ id: 4, channel: 42 }));
    expect(await nextMessage(socket)).toMatchObject({ id: 4, ok: false, error: { code: 'bad-request' } });
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await nextMessage(socket)).toMatchObject({ id: 0, ok: false, error: { code: 'bad-request', message: expect.stringMatching(/Binary/) } });
    socket.send(JSON.stringify({ id: 5, channel: 'doc.get', args: null }));
    expect(await nextMessage(socket)).toEqual({ id: 5, ok: true, result: { echo: null } });
    socket.close();
  });
});

describe('startServer: close', () => {
  it('removes the uploads and stops listening', async () => {
    const other = await startServer({ api, media, rendererDir, host: '127.0.0.1' });
    const uploadsDir = other.uploads.dir;
    expect(existsSync(uploadsDir)).toBe(true);
    await other.close();
    expect(existsSync(uploadsDir)).toBe(false);
  });
});
