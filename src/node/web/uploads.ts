/**
 * Files the browser hands to browser mode (drag and drop, Open): streamed to a temp folder of this run, size-limited,
 * and removed when the server closes. A run that crashed cannot remove its folder, so every folder names its owner
 * (pid) and the next run removes the folders whose owner is gone. Media (`?kind=media`) moves on to the per-user
 * media store when there is one, so a project saved with it finds it after a restart (media-store.ts).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, promises as fs, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaStore } from '../media/media-store';

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
const PREFIX = 'duosub-uploads-';
const OWNER_FILE = 'owner.json';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Uploaded files, each in its own fresh folder under one temp folder that dispose() removes. */
export class UploadStore {
  readonly dir: string;
  private readonly files = new Map<string, string>();

  constructor(parent: string = tmpdir(), private readonly mediaStore: MediaStore | null = null) {
    this.dir = mkdtempSync(join(parent, PREFIX));
    writeFileSync(join(this.dir, OWNER_FILE), JSON.stringify({ pid: process.pid, started: Date.now() }));
  }

  /** The temp path of an upload, or null for an unknown id. */
  path(uploadId: string): string | null {
    return this.files.get(uploadId) ?? null;
  }

  /** Streams `body` to disk; rejects (and leaves nothing behind) past `limit` bytes. */
  async save(name: string, body: Readable, limit: number): Promise<string> {
    const uploadId = randomUUID();
    const folder = join(this.dir, uploadId);
    await fs.mkdir(folder);
    // The name is only kept so the document shows it: reduced to a plain file name inside our own folder.
    const path = join(folder, safeFileName(name));
    let received = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(received > limit ? new UploadTooLarge(limit) : null, chunk);
      },
    });
    // Not pipeline(body, …): on failure it would destroy the request, and with it the socket the 413 goes out on.
    const written = pipeline(limiter, createWriteStream(path, { flags: 'wx' }));
    const interrupted = (error?: Error) => limiter.destroy(error ?? new Error('the upload was interrupted'));
    const onClose = () => body.readableEnded || interrupted(); // a reset mid-body closes without an end
    body.on('error', interrupted);
    body.on('close', onClose);
    body.pipe(limiter);
    if (body.destroyed && !body.readableEnded) interrupted(); // it went while the folder was being made
    try {
      await written;
    } catch (error) {
      body.unpipe(limiter);
      await fs.rm(folder, { recursive: true, force: true });
      throw error;
    } finally {
      body.off('error', interrupted);
      body.off('close', onClose);
    }
    this.files.set(uploadId, path);
    return uploadId;
  }

  /** Moves an uploaded media file into the media store (when there is one); the upload id then names the kept file. */
  async keepMedia(uploadId: string, name: string): Promise<void> {
    const path = this.files.get(uploadId);
    if (!path || !this.mediaStore) return;
    // A store that cannot take it (disk full, read-only) costs only the relink after a restart: the temp copy plays.
    const kept = await this.mediaStore.keep(path, safeFileName(name)).catch(() => null);
    if (kept) this.files.set(uploadId, kept);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class UploadTooLarge extends Error {
  constructor(limit: number) {
    super(`The file is larger than ${limit >= 1024 ** 3 ? `${limit / 1024 ** 3} GB` : `${limit} bytes`}`);
  }
}

/** The last path segment of a client-supplied name, without characters file systems refuse. */
export function safeFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim().slice(-200);
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'upload' : cleaned;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

async function ownerPid(dir: string): Promise<number | null> {
  try {
    const { pid } = JSON.parse(await fs.readFile(join(dir, OWNER_FILE), 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Removes upload folders left by runs that ended without cleaning up: their owner is no longer running, or they
 * are over a day old (a reused pid; folders of versions before the owner file). Returns what it removed.
 */
export async function removeStaleUploadDirs(parent: string = tmpdir(), now: number = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(PREFIX))) {
    const dir = join(parent, name);
    try {
      const stat = await fs.lstat(dir);
      const mine = typeof process.getuid !== 'function' || stat.uid === process.getuid();
      if (!stat.isDirectory() || !mine) continue; // never follow a link, never touch another user's folder
      const pid = await ownerPid(dir);
      const stale = (pid !== null && pid !== process.pid && !isAlive(pid)) || now - stat.mtimeMs > DAY_MS;
      if (!stale || pid === process.pid) continue;
      await fs.rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Gone meanwhile, or not ours to remove: the next run tries again.
    }
  }
  return removed;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/** `PUT /upload?name=NAME[&kind=media]`: the body becomes an upload (media is kept in the store); answers `{ uploadId }`. */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, uploads: UploadStore, limit = MAX_UPLOAD_BYTES): Promise<void> {
  const name = url.searchParams.get('name');
  if (!name) return sendText(res, 400, 'Missing ?name=');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    res.setHeader('Connection', 'close');
    return sendText(res, 413, new UploadTooLarge(limit).message);
  }
  try {
    const uploadId = await uploads.save(name, req, limit);
    if (url.searchParams.get('kind') === 'media') await uploads.keepMedia(uploadId, name);
    const body = JSON.stringify({ uploadId });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    if (res.destroyed || res.headersSent) return; // the client went away mid-upload: nothing to answer
    res.setHeader('Connection', 'close');
    if (error instanceof UploadTooLarge) return sendText(res, 413, error.message);
    sendText(res, 400, `Upload of ${safeFileName(name)} failed: ${(error as Error).message}`);
  }
}
