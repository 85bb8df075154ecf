/** Talking to the browser-mode server in tests: raw TCP, HTTP with the session, the API socket. */
import { request } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { RunningServer } from '../../src/node/web/server';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function http(server: RunningServer, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`http://127.0.0.1:${server.port}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The session cookie the first load sets (`name=value`). */
export async function sessionCookie(server: RunningServer): Promise<string> {
  const reply = await http(server, `/?token=${server.token}`);
  return String(reply.headers['set-cookie']).split(';')[0];
}

/** Opens a TCP connection; resolves once connected. Errors (resets) are expected and only recorded. */
export function openTcp(port: number): Promise<Socket & { received: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => {
      socket.on('error', () => {});
      resolve(Object.assign(socket, { received: () => text, ended }));
    });
    socket.once('error', reject);
  });
}

/** Sends `data` over a fresh TCP connection and half-closes; resolves with all the server wrote before closing. */
export async function rawExchange(port: number, data: string | Buffer): Promise<string> {
  const socket = await openTcp(port);
  socket.end(data);
  await socket.ended;
  return socket.received();
}

export function connectApi(server: RunningServer, headers: Record<string, string> = {}, query = `?token=${server.token}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

export function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

/** The upgrade request that opens the API socket, as bytes (for raw-frame tests). */
export function upgradeRequest(server: RunningServer, query = `?token=${server.token}`): string {
  return [
    `GET /api${query} HTTP/1.1`,
    `Host: 127.0.0.1:${server.port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/** One client frame (masked, as RFC 6455 requires of clients), or deliberately broken when asked. */
export function clientFrame(payload: Buffer, options: { opcode?: number; fin?: boolean; mask?: boolean; rsv?: number } = {}): Buffer {
  const { opcode = 1, fin = true, mask = true, rsv = 0 } = options;
  const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const len = payload.length;
  const maskBit = mask ? 0x80 : 0;
  if (len < 126) head.push(maskBit | len);
  else if (len < 65536) head.push(maskBit | 126, len >> 8, len & 255);
  else {
    head.push(maskBit | 127, 0, 0, 0, 0);
    head.push((len >>> 24) & 255, (len >>> 16) & 255, (len >>> 8) & 255, len & 255);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]));
  return Buffer.concat([Buffer.from(head), key, masked]);
}
