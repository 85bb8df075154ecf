/**
 * The API's WebSocket at /api. Every message is checked before it reaches the API: its size (before any parsing),
 * that it is text, JSON, and `{ id, channel, args }`. A bad message is answered with an error and the connection
 * stays up; only what the WebSocket protocol itself forbids (a malformed frame, invalid UTF-8, a message over the
 * hard limit) closes that one connection. Nothing a client sends can throw out of here.
 *
 * Answers to a message whose id cannot be read carry `id: 0` (the browser transport numbers from 1).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { wireError, type EventName, type WireEvent, type WireResponse } from '../../shared/api';
import { deliversTo, type Origin } from '../events';
import { parseRequestUrl, type Guard } from './server-guard';

/** What the server needs of the API (createApi's result fits). */
export interface ApiEndpoint {
  /** `origin`: the connection that sent the request (`ws:N`). */
  dispatch(channel: unknown, args: unknown, origin?: Origin): Promise<unknown>;
  /** `origin` (absent: null) is the client whose request made the event. */
  onEvent(listener: (event: EventName, payload: unknown, origin?: Origin) => void): () => void;
}

export interface SocketLimits {
  /** Messages above this are answered 'too-large' without being parsed. */
  softMessageBytes: number;
  /** Messages above this close their connection (ws `maxPayload`): nothing that big is ever buffered whole. */
  hardMessageBytes: number;
  maxClients: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  softMessageBytes: 16 * 1024 * 1024,
  hardMessageBytes: 20 * 1024 * 1024,
  maxClients: 32,
};

/** The id an unattributable answer carries. */
export const UNKNOWN_REQUEST_ID = 0;

const noop = () => {};

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}

function errorResponse(id: number, code: string, message: string): WireResponse {
  return { id, ok: false, error: { code, message } };
}

function toWireError(id: number, error: unknown): WireResponse {
  return { id, ok: false, error: wireError(error) };
}

/**
 * The id of a message too large to parse, read from its start: the browser transport writes `{"id":N,...`
 * first. A bounded prefix and a linear pattern: no cost that grows with the message.
 */
export function leadingRequestId(data: Buffer): number {
  const match = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*,/.exec(data.subarray(0, 64).toString('latin1'));
  const id = match ? Number(match[1]) : UNKNOWN_REQUEST_ID;
  return Number.isSafeInteger(id) ? id : UNKNOWN_REQUEST_ID;
}

/** Deeper than anything the renderer sends (a batch of operations is 6 levels), far below what recursion survives. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests deeper than `max`, by one linear pass over its brackets (strings skipped). JSON.parse
 * itself copes with any depth, but whatever walks the value afterwards (schema checks, operations) recurses.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

type Checked = { ok: true; id: number; channel: string; args: unknown } | { ok: false; answer: WireResponse };

/** Size, type and shape of one message; the request, or the answer refusing it. */
export function checkMessage(data: Buffer, isBinary: boolean, limit: number): Checked {
  if (isBinary) return { ok: false, answer: errorResponse(UNKNOWN_REQUEST_ID, 'bad-request', 'Binary messages are not accepted: send JSON text') };
  if (data.length > limit) {
    const message = `The message is ${megabytes(data.length)}, over the ${megabytes(limit)} limit`;
    return { ok: false, answer: errorResponse(leadingRequestId(data), 'too-large', message) };
  }
  const text = data.toString('utf8');
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return { ok: false, answer: errorResponse(leadingRequestId(data), 'bad-request', `The message nests deeper than ${MAX_JSON_DEPTH} levels`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, answer: errorResponse(UNKNOWN_REQUEST_ID, 'bad-request', `Malformed JSON: ${(error as Error).message.slice(0, 200)}`) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, answer: errorResponse(UNKNOWN_REQUEST_ID, 'bad-request', 'A request is an object { id, channel, args }') };
  }
  const { id, channel, args } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    return { ok: false, answer: errorResponse(UNKNOWN_REQUEST_ID, 'bad-request', 'A request needs a positive integer id') };
  }
  if (typeof channel !== 'string') return { ok: false, answer: errorResponse(id, 'bad-request', 'A request needs a channel name') };
  return { ok: true, id, channel, args };
}

function send(socket: WebSocket, message: WireResponse | WireEvent): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch (error) {
    // A result JSON cannot carry (a cycle, a BigInt): the caller still gets an answer.
    if (!('id' in message)) return;
    text = JSON.stringify(toWireError(message.id, error));
  }
  socket.send(text, noop); // the callback swallows a write to a socket that is going away
}

function handleSocket(socket: WebSocket, client: string, api: ApiEndpoint, limits: SocketLimits): void {
  // ws reports protocol violations (bad frames, invalid UTF-8, over maxPayload) here and closes this socket.
  socket.on('error', noop);
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    const checked = checkMessage(buffer, isBinary, limits.softMessageBytes);
    if (!checked.ok) return send(socket, checked.answer);
    const { id, channel, args } = checked;
    let reply: Promise<unknown>;
    try {
      reply = api.dispatch(channel, args, client);
    } catch (error) {
      reply = Promise.reject(error);
    }
    reply.then(
      (result) => send(socket, { id, ok: true, result: result === undefined ? null : result }),
      (error: unknown) => send(socket, toWireError(id, error)),
    );
  });
}

/** Answers an upgrade we refuse. The socket may already be reset: its error listener comes first. */
function rejectUpgrade(socket: Duplex, status: 400 | 403 | 503, reason: string): void {
  socket.on('error', noop);
  const title = { 400: 'Bad Request', 403: 'Forbidden', 503: 'Service Unavailable' }[status];
  const body = Buffer.from(reason);
  const head = `HTTP/1.1 ${status} ${title}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  // Destroyed once written: a client that never closes its end does not keep the socket.
  socket.end(Buffer.concat([Buffer.from(head), body]), () => socket.destroy());
}

/** Attaches the API socket to `server`, behind `guard`. Returns what closes it. */
export function attachApiSocket(server: Server, guard: Guard, api: ApiEndpoint, limits: SocketLimits = DEFAULT_SOCKET_LIMITS): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.hardMessageBytes, perMessageDeflate: false });
  wss.on('error', noop);
  // Each connection's id: the origin of its requests, so the change it made is not sent back to it.
  const clientIds = new WeakMap<WebSocket, string>();
  let connections = 0;
  wss.on('connection', (socket: WebSocket) => {
    const client = `ws:${++connections}`;
    clientIds.set(socket, client);
    handleSocket(socket, client, api, limits);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', noop);
    const url = parseRequestUrl(req.url);
    if (!url) return rejectUpgrade(socket, 400, 'Bad request target');
    const verdict = guard.checkApiSocket(req, url);
    if (!verdict.ok) return rejectUpgrade(socket, verdict.status, verdict.reason);
    if (url.pathname !== '/api') return rejectUpgrade(socket, 403, 'Forbidden: unknown endpoint');
    if (wss.clients.size >= limits.maxClients) return rejectUpgrade(socket, 503, 'Too many connections: close other Duosub tabs');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const unsubscribe = api.onEvent((event, payload, origin) => {
    const message: WireEvent = { event, payload };
    for (const socket of wss.clients) {
      const client = clientIds.get(socket);
      if (client && deliversTo(origin ?? null, client)) send(socket, message);
    }
  });
  return () => {
    unsubscribe();
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}
