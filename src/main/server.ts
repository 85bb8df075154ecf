/**
 * Browser mode's transport: an HTTP + WebSocket server on 127.0.0.1 that serves the built renderer, media
 * (byte ranges) and uploads, and carries the same API as Electron's IPC. Every request must prove it knows
 * the per-run token (query on the first load, then an HttpOnly cookie), come from our own origin, and name
 * our host (DNS rebinding).
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { ApiError, type EventName, type WireEvent, type WireResponse } from '../shared/api';
import { contentSecurityPolicy, createRangeResponse, resolveStaticFile, type FileResponse } from './services/range';

/** What the server needs of the API (createApi's result fits). */
export interface ApiEndpoint {
  dispatch(channel: unknown, args: unknown): Promise<unknown>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

export interface MediaResolver {
  resolve(token: string): { path: string; size: number; mime: string } | null;
}

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
const MAX_WS_MESSAGE = 64 * 1024 * 1024;

/** Uploaded files, each in its own fresh directory under one temp dir that close() removes. */
export class UploadStore {
  readonly dir = mkdtempSync(join(tmpdir(), 'duosub-uploads-'));
  private readonly files = new Map<string, string>();

  /** The temp path of an upload, or null for an unknown id. */
  path(uploadId: string): string | null {
    return this.files.get(uploadId) ?? null;
  }

  /** Streams `body` to disk; rejects (and leaves nothing behind) past `limit` bytes. */
  async save(name: string, body: NodeJS.ReadableStream, limit: number): Promise<string> {
    const uploadId = randomUUID();
    const folder = join(this.dir, uploadId);
    await fs.mkdir(folder);
    // The name is only kept so the document shows it: reduced to a plain file name inside our own folder.
    const path = join(folder, safeFileName(name));
    let received = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(received > limit ? new UploadTooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(body, limiter, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await fs.rm(folder, { recursive: true, force: true });
      throw error;
    }
    this.files.set(uploadId, path);
    return uploadId;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

class UploadTooLarge extends Error {
  constructor() {
    super('The file is larger than 2 GB');
  }
}

/** The last path segment of a client-supplied name, without characters file systems refuse. */
export function safeFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim().slice(-200);
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'upload' : cleaned;
}

export interface ServerOptions {
  api: ApiEndpoint;
  media: MediaResolver;
  rendererDir: string;
  port?: number;
  host: '127.0.0.1';
  /** Where uploads go; the caller creates it first when its Platform needs `uploadPath`. */
  uploads?: UploadStore;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  uploads: UploadStore;
  close(): Promise<void>;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** The checks every request and upgrade passes: host, origin, token. */
function createGuard(token: string, getPort: () => number) {
  const expected = sha256(token);
  // Hashing first gives equal lengths, so timingSafeEqual compares without leaking the length either.
  const matches = (candidate: string | undefined) => candidate !== undefined && timingSafeEqual(sha256(candidate), expected);
  const cookieName = () => `duosub_token_${getPort()}`; // cookies ignore ports: two instances must not clash
  return {
    cookieName,
    check(req: IncomingMessage, url: URL): { ok: true; viaQuery: boolean } | { ok: false; reason: string } {
      const port = getPort();
      const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      if (!hosts.includes(req.headers.host ?? '')) return { ok: false, reason: 'Forbidden: wrong host' };
      const origin = req.headers.origin;
      if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) {
        return { ok: false, reason: 'Forbidden: wrong origin' };
      }
      if (matches(url.searchParams.get('token') ?? undefined)) return { ok: true, viaQuery: true };
      if (matches(readCookie(req.headers.cookie, cookieName()))) return { ok: true, viaQuery: false };
      return { ok: false, reason: 'Forbidden: open the URL with the token that `npm run web` printed' };
    },
  };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

async function sendFile(res: ServerResponse, req: IncomingMessage, response: FileResponse, extraHeaders: Record<string, string> = {}): Promise<void> {
  res.writeHead(response.status, { ...response.headers, ...extraHeaders });
  if (!response.body || req.method === 'HEAD') {
    response.body?.destroy();
    res.end();
    return;
  }
  await pipeline(response.body, res).catch(() => res.destroy()); // the client went away mid-stream
}

function toWireError(id: number, error: unknown): WireResponse {
  const code = error instanceof ApiError ? error.code : 'failed';
  const message = error instanceof Error ? error.message : String(error);
  return { id, ok: false, error: { code, message } };
}

function isWireRequest(value: unknown): value is { id: number; channel: string; args: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const { id, channel } = value as Record<string, unknown>;
  return typeof id === 'number' && Number.isSafeInteger(id) && typeof channel === 'string';
}

function handleSocket(socket: WebSocket, api: ApiEndpoint): void {
  socket.on('message', (data: RawData, isBinary: boolean) => {
    let request: unknown;
    try {
      request = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      request = undefined;
    }
    if (!isWireRequest(request)) {
      socket.close(1008, 'Malformed request');
      return;
    }
    const { id, channel, args } = request;
    api.dispatch(channel, args).then(
      (result) => send(socket, { id, ok: true, result: result === undefined ? null : result }),
      (error: unknown) => send(socket, toWireError(id, error)),
    );
  });
}

function send(socket: WebSocket, message: WireResponse | WireEvent): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function rejectUpgrade(socket: Duplex, reason: string): void {
  socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}`);
}

type Guard = ReturnType<typeof createGuard>;

/** The API's WebSocket at /api, behind the same checks as every request. Returns what closes it. */
function attachApiSocket(server: Server, guard: Guard, api: ApiEndpoint): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE });
  wss.on('connection', (socket: WebSocket) => handleSocket(socket, api));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = guard.check(req, url);
    if (!verdict.ok) return rejectUpgrade(socket, verdict.reason);
    if (url.pathname !== '/api') return rejectUpgrade(socket, 'Forbidden: unknown endpoint');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const unsubscribe = api.onEvent((event, payload) => {
    const message: WireEvent = { event, payload };
    for (const client of wss.clients) send(client, message);
  });
  return () => {
    unsubscribe();
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}

/**
 * The page revalidates every time; Vite's content-hashed assets never change under their name, so the browser
 * keeps them, and with them V8's compiled code for the 3 MB bundle (the code cache needs a cached response).
 */
function cacheControl(pathname: string): string {
  return /^\/assets\/[\w.-]+-[\w-]{8}\.\w+$/.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = randomBytes(32).toString('base64url');
  const uploads = options.uploads ?? new UploadStore();
  let port = 0;
  const guard = createGuard(token, () => port);
  const csp = () => contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (url.pathname === '/upload') {
      if (method !== 'PUT') return sendText(res, 405, 'Method not allowed');
      return handleUpload(req, res, url, uploads);
    }
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    if (url.pathname.startsWith('/media/')) {
      const media = options.media.resolve(url.pathname.slice('/media/'.length));
      if (!media) return sendText(res, 404, 'Unknown media');
      return sendFile(res, req, createRangeResponse(media.path, media.size, media.mime, req.headers.range));
    }
    const file = await resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) return sendText(res, 404, 'Not found');
    await sendFile(res, req, createRangeResponse(file.path, file.size, file.mime, undefined), {
      'Content-Security-Policy': csp(),
      'Cache-Control': cacheControl(url.pathname),
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = guard.check(req, url);
    if (!verdict.ok) return sendText(res, 403, verdict.reason);
    if (verdict.viaQuery) {
      res.setHeader('Set-Cookie', `${guard.cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    }
    route(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, `Internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  server.requestTimeout = 0; // a 2 GB upload may take longer than Node's default five minutes

  const closeSockets = attachApiSocket(server, guard, options.api);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    uploads,
    async close() {
      closeSockets();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      uploads.dispose();
    },
  };
}

async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, uploads: UploadStore): Promise<void> {
  const name = url.searchParams.get('name');
  if (!name) return sendText(res, 400, 'Missing ?name=');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) {
    res.setHeader('Connection', 'close');
    return sendText(res, 413, 'The file is larger than 2 GB');
  }
  try {
    const uploadId = await uploads.save(name, req, MAX_UPLOAD_BYTES);
    const body = JSON.stringify({ uploadId });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    res.setHeader('Connection', 'close');
    if (error instanceof UploadTooLarge) return sendText(res, 413, error.message);
    sendText(res, 400, `Upload failed: ${(error as Error).message}`);
  }
}
