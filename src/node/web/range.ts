/**
 * File responses shared by the browser-mode HTTP server and Electron's protocol handlers: byte ranges for
 * media (what `<audio>` seeking needs), and the renderer's static files with their MIME type and CSP.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

export interface ByteRange {
  start: number;
  /** Inclusive, as in the header. */
  end: number;
}

/** Longer `Range` headers are ignored unread: one range of two 15-digit numbers fits with room to spare. */
const MAX_RANGE_HEADER = 100;

/**
 * Parses a `Range` header for a file of `size` bytes. null: no usable header, serve the whole file
 * (also for multiple ranges, numbers past 2^53 and syntax errors, which RFC 9110 lets a server ignore; so a
 * client can never make us send more than the file once);
 * 'unsatisfiable': a well-formed single range outside the file (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header || header.length > MAX_RANGE_HEADER) return null;
  // Each `\s*` is kept apart from the next by a required token: no backtracking on long runs of spaces.
  const match = /^\s*bytes\s*=\s*(?:(\d+)\s*)?-\s*(?:(\d+)\s*)?$/i.exec(header);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  if (match[1] === undefined) {
    const suffix = Number(match[2]);
    if (!Number.isSafeInteger(suffix)) return null;
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === undefined ? Number.MAX_SAFE_INTEGER : Number(match[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

export interface FileResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: Readable | null;
}

/**
 * A file's bytes as a stream that cannot crash the process: a file that vanished or became unreadable errors
 * the stream, and whoever pipes it (pipeline, Electron's Response) sees that; this listener only keeps an
 * error emitted before they attach from being an uncaught one.
 */
function readBytes(path: string, range?: ByteRange): Readable {
  const stream = range ? createReadStream(path, { start: range.start, end: range.end }) : createReadStream(path);
  stream.on('error', () => {});
  return stream;
}

/** The response to a GET of a media file, honouring a single byte range. */
export function createRangeResponse(path: string, size: number, mime: string, rangeHeader: string | undefined | null): FileResponse {
  const range = parseRange(rangeHeader ?? undefined, size);
  const base = { 'Accept-Ranges': 'bytes', 'Content-Type': mime, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' }, body: null };
  }
  if (range === null) {
    const body = size > 0 ? readBytes(path) : null;
    return { status: 200, headers: { ...base, 'Content-Length': String(size) }, body };
  }
  return {
    status: 206,
    headers: { ...base, 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(range.end - range.start + 1) },
    body: readBytes(path, range),
  };
}

/** The strict Content-Security-Policy of the renderer. `connect` and `media` add sources to those directives. */
export function contentSecurityPolicy(extra: { connect?: string[]; media?: string[] } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ["media-src 'self' blob:", ...(extra.media ?? [])].join(' '),
    ["connect-src 'self'", ...(extra.connect ?? [])].join(' '),
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const STATIC_MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function mimeForStatic(path: string): string {
  return STATIC_MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path (still percent-encoded, without query) to a regular file inside `root`, or null.
 * `/` is `index.html`. Anything that decodes to a path outside `root` (`..`, encoded slashes, NUL) is null.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<{ path: string; size: number; mime: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.endsWith('/') ? decoded + 'index.html' : decoded;
  const base = resolve(root);
  const path = resolve(base, '.' + relative);
  if (!path.startsWith(base + sep)) return null;
  try {
    // realpath: a symlink inside the build must not lead outside it either.
    const real = await fs.realpath(path);
    const realBase = await fs.realpath(base);
    if (!real.startsWith(realBase + sep)) return null;
    const stat = await fs.stat(real);
    return stat.isFile() ? { path: real, size: stat.size, mime: mimeForStatic(real) } : null;
  } catch {
    return null;
  }
}
