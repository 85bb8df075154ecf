/**
 * Browser mode's transport: an HTTP + WebSocket server on 127.0.0.1 that serves the built renderer, media
 * (byte ranges) and uploads, and carries the same API as Electron's IPC. Who may use it: server-guard.ts; the
 * API socket: server-socket.ts; uploads: uploads.ts.
 *
 * Nothing a client sends may stop it: every socket and stream has an error handler, every request a time limit,
 * and the number of connections is capped.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { contentSecurityPolicy, createRangeResponse, resolveStaticFile, type FileResponse } from './range';
import { createGuard, parseRequestUrl } from './server-guard';
import { attachApiSocket, DEFAULT_SOCKET_LIMITS, type ApiEndpoint, type SocketLimits } from './server-socket';
import { handleUpload, MAX_UPLOAD_BYTES, UploadStore } from './uploads';

export { MAX_UPLOAD_BYTES, UploadStore, safeFileName } from './uploads';
export type { ApiEndpoint } from './server-socket';

export interface MediaResolver {
  resolve(token: string): { path: string; size: number; mime: string } | null;
}

export interface ServerLimits extends SocketLimits {
  maxConnections: number;
  /** All headers of a request must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request (an upload's body too) within this: generous, since a 2 GB upload shares it. */
  requestTimeoutMs: number;
  /** A connection that moves no byte for this long is dropped (a stalled upload, a slow-loris body). */
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxUploadBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  ...DEFAULT_SOCKET_LIMITS,
  maxConnections: 256,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30 * 60_000,
  idleTimeoutMs: 120_000,
  keepAliveTimeoutMs: 10_000,
  maxUploadBytes: MAX_UPLOAD_BYTES,
};

export interface ServerOptions {
  api: ApiEndpoint;
  media: MediaResolver;
  rendererDir: string;
  port?: number;
  host: '127.0.0.1';
  /** Where uploads go; the caller creates it first when its Platform needs `uploadPath`. */
  uploads?: UploadStore;
  /** Tests lower these. */
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  uploads: UploadStore;
  close(): Promise<void>;
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
  await pipeline(response.body, res).catch(() => res.destroy()); // the client went away, or the file did
}

/**
 * The page revalidates every time; Vite's content-hashed assets never change under their name, so the browser
 * keeps them, and with them V8's compiled code for the 3 MB bundle (the code cache needs a cached response).
 */
function cacheControl(pathname: string): string {
  return /^\/assets\/[\w.-]+-[\w-]{8}\.\w+$/.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

type Router = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

function createRouter(options: ServerOptions, uploads: UploadStore, limits: ServerLimits, csp: () => string): Router {
  return async (req, res, url) => {
    const method = req.method ?? 'GET';
    if (url.pathname === '/upload') {
      if (method !== 'PUT') return sendText(res, 405, 'Method not allowed');
      return handleUpload(req, res, url, uploads, limits.maxUploadBytes);
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
      // The first load's URL holds the token: never send it on as a Referer.
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
  };
}

const noop = () => {};

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const uploads = options.uploads ?? new UploadStore();
  let port = 0;
  const guard = createGuard(() => port);
  const csp = () => contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
  const route = createRouter(options, uploads, limits, csp);

  // Node enforces the header and request time-outs on this beat (30 s by default, too slow for a 20 s limit).
  const connectionsCheckingInterval = Math.max(50, Math.min(30_000, limits.headersTimeoutMs / 4));
  const server = createServer({ connectionsCheckingInterval }, (req, res) => {
    req.on('error', noop); // a reset mid-body; the route's pipeline sees it too
    res.on('error', noop);
    const url = parseRequestUrl(req.url);
    if (!url) return sendText(res, 400, 'Bad request target');
    const verdict = url.pathname === '/upload' ? guard.checkUpload(req) : guard.checkRequest(req, url);
    if (!verdict.ok) return sendText(res, verdict.status, verdict.reason);
    if (verdict.viaQuery) res.setHeader('Set-Cookie', guard.sessionCookie());
    route(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, `Internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  applyLimits(server, limits);

  const closeSockets = attachApiSocket(server, guard, options.api, limits);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  server.on('error', (error) => console.error(`Duosub (browser mode): server error: ${error.message}`));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/?token=${guard.token}`,
    token: guard.token,
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

function applyLimits(server: ReturnType<typeof createServer>, limits: ServerLimits): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleTimeoutMs;
  // Node answers a malformed request itself (400, 408, 431) and drops it. This listener stays on once a socket is
  // upgraded (Node then removes its own), so a reset can never surface as an uncaught 'error'.
  server.on('connection', (socket: Socket) => socket.on('error', noop));
}
