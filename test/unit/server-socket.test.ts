import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../src/node/web/server';
import { checkMessage, leadingRequestId } from '../../src/node/web/server-socket';
import { clientFrame, connectApi, http, nextMessage, openTcp, rawExchange, sessionCookie, upgradeRequest } from './server-helpers';

const dir = mkdtempSync(join(tmpdir(), 'duosub-server-socket-test-'));
const rendererDir = join(dir, 'renderer');
const api = {
  async dispatch(channel: unknown, args: unknown) {
    if (channel === 'doc.get') return { echo: args };
    throw new Error('unknown');
  },
  onEvent: () => () => {},
};
const media = { resolve: () => null };
const SOFT = 1024;
const HARD = 4096;
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Duosub</title>');
  server = await startServer({
    api, media, rendererDir, host: '127.0.0.1',
    limits: { softMessageBytes: SOFT, hardMessageBytes: HARD, maxClients: 3 },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The server still answers a page load and an API round trip. */
async function stillServes(): Promise<void> {
  expect((await http(server, `/?token=${server.token}`)).status).toBe(200);
  const socket = await connectApi(server);
  socket.send(JSON.stringify({ id: 9, channel: 'doc.get', args: 'ping' }));
  expect(await nextMessage(socket)).toEqual({ id: 9, ok: true, result: { echo: 'ping' } });
  socket.close();
}

function closeCode(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('checkMessage', () => {
  it('reads the id of an oversized message from its start only', () => {
    expect(leadingRequestId(Buffer.from('{"id":42,"channel":"doc.get"'))).toBe(42);
    expect(leadingRequestId(Buffer.from(' { "id" : 7 , "x"'))).toBe(7);
    expect(leadingRequestId(Buffer.from('{"channel":"a","id":7}'))).toBe(0);
    expect(leadingRequestId(Buffer.from('{"id":99999999999999999999,'))).toBe(0);
  });

  it('refuses what is not { id, channel } with the id when it can tell', () => {
    const check = (text: string) => checkMessage(Buffer.from(text), false, SOFT);
    expect(check('[1,2]')).toMatchObject({ ok: false, answer: { id: 0, error: { code: 'bad-request' } } });
    expect(check('{"id":-1,"channel":"doc.get"}')).toMatchObject({ ok: false, answer: { id: 0 } });
    expect(check('{"id":1.5,"channel":"doc.get"}')).toMatchObject({ ok: false, answer: { id: 0 } });
    expect(check('{"id":3,"channel":null}')).toMatchObject({ ok: false, answer: { id: 3, error: { code: 'bad-request' } } });
    expect(check('{"id":3,"channel":"x","args":{"a":1}}')).toEqual({ ok: true, id: 3, channel: 'x', args: { a: 1 } });
    const deep = `{"id":5,"channel":"doc.apply","args":${'['.repeat(65)}${']'.repeat(65)}}`;
    expect(check(deep)).toMatchObject({ ok: false, answer: { id: 5, error: { code: 'bad-request', message: expect.stringContaining('deeper') } } });
    expect(check(`{"id":6,"channel":"x","args":"${'['.repeat(500)}"}`)).toMatchObject({ ok: true, id: 6 }); // brackets in a string
    expect(check(`{"id":7,"channel":"x","args":"\\"${'{'.repeat(500)}"}`)).toMatchObject({ ok: true, id: 7 }); // after an escaped backslash
    expect(checkMessage(Buffer.from('{}'), true, SOFT)).toMatchObject({ ok: false, answer: { error: { code: 'bad-request' } } });
  });
});

describe('the API socket under bad input', () => {
  it('answers an over-limit message with too-large, without parsing it, and stays connected', async () => {
    const socket = await connectApi(server);
    socket.send(`{"id":12,"channel":"doc.get","args":"${'x'.repeat(SOFT)}"}`);
    expect(await nextMessage(socket)).toMatchObject({ id: 12, ok: false, error: { code: 'too-large', message: expect.stringContaining('limit') } });
    socket.send(`[${'{'.repeat(SOFT)}`); // not JSON either: still only too-large
    expect(await nextMessage(socket)).toMatchObject({ id: 0, error: { code: 'too-large' } });
    socket.send(JSON.stringify({ id: 13, channel: 'doc.get', args: 1 }));
    expect(await nextMessage(socket)).toEqual({ id: 13, ok: true, result: { echo: 1 } });
    socket.close();
  });

  it('closes only the connection that sends past the hard limit', async () => {
    const other = await connectApi(server);
    const socket = await connectApi(server);
    const closed = closeCode(socket);
    socket.send('x'.repeat(HARD + 1));
    expect(await closed).toBe(1009);
    other.send(JSON.stringify({ id: 1, channel: 'doc.get', args: 'still here' }));
    expect(await nextMessage(other)).toEqual({ id: 1, ok: true, result: { echo: 'still here' } });
    other.close();
    await stillServes();
  });

  it('survives malformed frames: unmasked, reserved bits, bad opcode, invalid UTF-8, lying lengths', async () => {
    const frames = [
      clientFrame(Buffer.from('{}'), { mask: false }),
      clientFrame(Buffer.from('{}'), { rsv: 7 }),
      clientFrame(Buffer.from('{}'), { opcode: 3 }),
      clientFrame(Buffer.from([0xc3, 0x28, 0xff])),
      clientFrame(Buffer.alloc(200), { opcode: 9 }), // a ping over 125 bytes
      Buffer.from([0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // 2^64-1 bytes announced
      clientFrame(Buffer.from('{"id":1,'), { fin: false }),
    ];
    for (const frame of frames) {
      const reply = await rawExchange(server.port, Buffer.concat([Buffer.from(upgradeRequest(server)), frame]));
      expect(reply).toMatch(/^HTTP\/1\.1 101 /);
    }
    await stillServes();
  });

  it('survives an upgrade that is refused and reset at once (403 written to a dead socket)', async () => {
    for (let i = 0; i < 20; i++) {
      const socket = await openTcp(server.port);
      socket.write(upgradeRequest(server, i % 2 ? '' : '?token=wrong'));
      socket.resetAndDestroy();
    }
    for (const target of ['//', 'http://a:b:c/api']) {
      const socket = await openTcp(server.port);
      socket.write(upgradeRequest(server).replace('/api?token=' + server.token, target));
      socket.resetAndDestroy();
    }
    await stillServes();
  });

  it('answers an upgrade whose target is not a path with 400', async () => {
    const reply = await rawExchange(server.port, upgradeRequest(server).replace(`/api?token=${server.token}`, '//x'));
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('caps the number of API connections', async () => {
    const sockets = await Promise.all([connectApi(server), connectApi(server), connectApi(server)]);
    await expect(connectApi(server)).rejects.toThrow(/503/);
    for (const socket of sockets) {
      const closed = closeCode(socket);
      socket.close();
      await closed;
    }
    await stillServes();
  });

  it('does not let a session cookie stand in for the token', async () => {
    const cookie = await sessionCookie(server);
    await expect(connectApi(server, { cookie }, '')).rejects.toThrow(/403/);
  });
});
