import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startServer, UploadStore, type RunningServer } from '../../src/node/web/server';
import { removeStaleUploadDirs } from '../../src/node/web/uploads';
import { connectApi, http, nextMessage, openTcp, sessionCookie } from '../unit/server-helpers';

const dir = mkdtempSync(join(tmpdir(), 'duosub-server-limits-test-'));
const rendererDir = join(dir, 'renderer');
const api = { dispatch: async () => null, onEvent: () => () => {} };
const media = { resolve: () => null };
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Duosub</title>');
  server = await startServer({
    api, media, rendererDir, host: '127.0.0.1',
    uploads: new UploadStore(dir),
    limits: { maxConnections: 6, headersTimeoutMs: 400, maxUploadBytes: 1000 },
  });
  cookie = await sessionCookie(server);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const uploadFolders = () => readdirSync(server.uploads.dir).filter((name) => name !== 'owner.json');

describe('connection limits', () => {
  it('drops connections past the cap and serves again once they close', async () => {
    const held = await Promise.all(Array.from({ length: 6 }, () => openTcp(server.port)));
    const extra = await openTcp(server.port);
    await extra.ended; // Node closes it at once, unanswered
    expect(extra.received()).toBe('');
    for (const socket of held) socket.destroy();
    await Promise.all(held.map((socket) => socket.ended));
    await expect.poll(async () => (await http(server, '/', { headers: { cookie } }).catch(() => ({ status: 0 }))).status).toBe(200);
  });

  it('times out a request whose headers never finish (slow loris)', async () => {
    const socket = await openTcp(server.port);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: `);
    await socket.ended;
    expect(socket.received()).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('idle time-out', () => {
  it('drops an idle HTTP connection but never an idle API socket', async () => {
    const quick = await startServer({ api, media, rendererDir, host: '127.0.0.1', limits: { idleTimeoutMs: 150, keepAliveTimeoutMs: 60_000 } });
    try {
      const idle = await openTcp(quick.port);
      const socket = await connectApi(quick);
      const socketClosed = new Promise<void>((done) => socket.once('close', () => done()));
      await idle.ended; // the server hangs up on a connection that sends nothing
      await new Promise((done) => setTimeout(done, 600)); // four idle periods
      socket.send(JSON.stringify({ id: 1, channel: 'doc.get', args: {} }));
      expect(await Promise.race([nextMessage(socket), socketClosed.then(() => 'closed')])).toEqual({ id: 1, ok: true, result: null });
      socket.close();
    } finally {
      await quick.close();
    }
  });
});

describe('uploads', () => {
  it('refuses an upload over the limit, declared or streamed, and leaves nothing behind', async () => {
    const big = Buffer.alloc(1500, 65);
    const declared = await http(server, '/upload?name=a.srt', { method: 'PUT', headers: { 'x-duosub-token': server.token }, body: big });
    expect(declared.status).toBe(413);
    const streamed = await new Promise<string>((resolve) => {
      void openTcp(server.port).then((socket) => {
        socket.write(`PUT /upload?name=b.srt HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Duosub-Token: ${server.token}\r\nTransfer-Encoding: chunked\r\n\r\n`);
        for (let i = 0; i < 3; i++) socket.write(`258\r\n${'x'.repeat(600)}\r\n`);
        socket.write('0\r\n\r\n');
        void socket.ended.then(() => resolve(socket.received()));
      });
    });
    expect(streamed).toMatch(/^HTTP\/1\.1 413 /);
    expect(streamed).toContain('larger than 1000 bytes');
    expect(uploadFolders()).toEqual([]);
  });

  it('cleans up an upload whose client vanishes mid-body', async () => {
    const socket = await openTcp(server.port);
    socket.write(`PUT /upload?name=c.srt HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Duosub-Token: ${server.token}\r\nContent-Length: 900\r\n\r\n${'y'.repeat(300)}`);
    await expect.poll(() => uploadFolders().length).toBe(1);
    socket.resetAndDestroy();
    await expect.poll(() => uploadFolders()).toEqual([]);
    expect((await http(server, '/', { headers: { cookie } })).status).toBe(200);
  });

  it('cleans up an upload whose request was gone before its folder was made', async () => {
    const store = new UploadStore(dir);
    try {
      const body = new PassThrough();
      body.write('partial');
      body.destroy();
      await expect(store.save('d.srt', body, 1000)).rejects.toThrow(/interrupted/);
      expect(readdirSync(store.dir)).toEqual(['owner.json']);
    } finally {
      store.dispose();
    }
  });

  it('marks its folder with the pid that owns it', () => {
    expect(readdirSync(server.uploads.dir)).toContain('owner.json');
  });
});

describe('removeStaleUploadDirs', () => {
  it('removes folders of runs that are gone or a day old, and nothing else', async () => {
    const parent = mkdtempSync(join(dir, 'tmp-'));
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const folder = (name: string, owner?: number | string) => {
      const path = join(parent, name);
      mkdirSync(join(path, 'upload-id'), { recursive: true });
      writeFileSync(join(path, 'upload-id', 'talk.mp3'), 'x'.repeat(1000));
      if (owner !== undefined) writeFileSync(join(path, 'owner.json'), JSON.stringify({ pid: Number(owner) }));
      return path;
    };
    const dead = folder('duosub-uploads-dead', deadPid);
    const mine = folder('duosub-uploads-mine', process.pid);
    const alive = folder('duosub-uploads-alive', process.ppid);
    const oldUnmarked = folder('duosub-uploads-old');
    const freshUnmarked = folder('duosub-uploads-fresh');
    const other = folder('unrelated-dead', deadPid);
    const dayAgo = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
    utimesSync(oldUnmarked, dayAgo, dayAgo);
    utimesSync(mine, dayAgo, dayAgo);
    const target = folder('link-target', deadPid);
    symlinkSync(target, join(parent, 'duosub-uploads-link'));

    const removed = await removeStaleUploadDirs(parent);
    expect(removed.sort()).toEqual([dead, oldUnmarked].sort());
    for (const kept of [mine, alive, freshUnmarked, other, target, join(parent, 'duosub-uploads-link')]) expect(existsSync(kept), kept).toBe(true);
  });
});
