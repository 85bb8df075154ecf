import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { WebSocket } from 'ws';
import { ApiError, type EventName } from '../../src/shared/api';
import { safeFileName, startServer, type RunningServer } from '../../src/main/server';

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

const withToken = (path: string) => `${path}${path.includes('?') ? '&' : '?'}token=${server.token}`;
const cookie = () => `duosub_token_${server.port}=${server.token}`;

function connect(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers });
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
  writeFileSync(mediaFile, Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  server = await startServer({ api, media, rendererDir, port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${server.port}`;
  origin = base;
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
    expect((await http('/', { headers: { cookie: `duosub_token_${server.port}=wrong` } })).status).toBe(403);
  });

  it('serves the page for the token, with a cookie and the CSP', async () => {
    const reply = await http(withToken('/'));
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toContain('<title>Duosub</title>');
    expect(String(reply.headers['set-cookie'])).toMatch(new RegExp(`^duosub_token_${server.port}=${server.token}; Path=/; HttpOnly; SameSite=Strict`));
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

  it('does not serve files outside the renderer', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const reply = await http(path, { headers: { cookie: cookie() } });
      expect([403, 404]).toContain(reply.status);
      expect(reply.body.toString()).not.toContain('secret');
    }
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
    expect((await http(`/media/${MEDIA_TOKEN}`)).status).toBe(403);
  });

  it('stores an upload under a safe name and gives its path by id', async () => {
    const bytes = Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nHello\n');
    const reply = await http('/upload?name=' + encodeURIComponent('../../evil/talk.srt'), {
      method: 'PUT',
      headers: { cookie: cookie(), origin },
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
    await expect(connect({})).rejects.toThrow(/403/);
    await expect(connect({ cookie: `duosub_token_${server.port}=nope` })).rejects.toThrow(/403/);
    await expect(connect({ cookie: cookie(), origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('dispatches requests and maps errors to codes', async () => {
    const socket = await connect({ cookie: cookie(), origin });
    socket.send(JSON.stringify({ id: 1, channel: 'doc.get', args: { docId: 'd1' } }));
    expect(await nextMessage(socket)).toEqual({ id: 1, ok: true, result: { echo: { docId: 'd1' } } });
    socket.send(JSON.stringify({ id: 2, channel: 'doc.save', args: {} }));
    expect(await nextMessage(socket)).toEqual({ id: 2, ok: false, error: { code: 'conflict', message: 'changed on disk' } });
    socket.send(JSON.stringify({ id: 3, channel: 'other', args: {} }));
    expect(await nextMessage(socket)).toEqual({ id: 3, ok: false, error: { code: 'failed', message: 'boom' } });
    socket.close();
  });

  it('broadcasts events to every socket', async () => {
    const sockets = await Promise.all([connect({ cookie: cookie() }), connect({ cookie: cookie() })]);
    const received = sockets.map(nextMessage);
    for (const listener of listeners) listener('media.attached', { docId: 'd1' });
    expect(await Promise.all(received)).toEqual([
      { event: 'media.attached', payload: { docId: 'd1' } },
      { event: 'media.attached', payload: { docId: 'd1' } },
    ]);
    for (const socket of sockets) socket.close();
  });

  it('closes the socket with 1008 on a malformed message', async () => {
    const socket = await connect({ cookie: cookie() });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{not json');
    expect(await closed).toBe(1008);
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
