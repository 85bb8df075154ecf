/** The browser-mode media store: uploads kept by fingerprint (one copy per content), size-capped, LRU first. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { MediaStore, storedOriginalName } from '../../src/node/media/media-store';
import { UploadStore } from '../../src/node/web/uploads';
import { mediaFingerprint } from '../../src/node/media/peaks-cache';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'duosub-media-store-'));
  dirs.push(dir);
  return dir;
}
function upload(dir: string, name: string, bytes: number, seed: number): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(Array.from({ length: bytes }, (_, i) => (i * seed + seed) % 256)));
  return path;
}

describe('MediaStore', () => {
  it('keeps an upload under its fingerprint and original name, and finds it by that fingerprint', async () => {
    const dir = tempDir();
    const store = new MediaStore(join(dir, 'media-store'));
    const file = upload(dir, 'u1', 70_000, 3);
    const print = await mediaFingerprint(file);
    const kept = await store.keep(file, 'talk.mp3');
    expect(basename(kept)).toBe(`${print.headHash}-${print.size}--talk.mp3`);
    expect(existsSync(file)).toBe(false); // moved, not copied
    expect(storedOriginalName(kept)).toBe('talk.mp3');
    expect(await store.find(print)).toBe(kept);
    expect(await store.find({ ...print, size: print.size + 1 })).toBeNull();
    // The same content again: one copy, the first one.
    expect(await store.keep(upload(dir, 'u2', 70_000, 3), 'other name.mp3')).toBe(kept);
    expect(readdirSync(join(dir, 'media-store'))).toHaveLength(1);
  });

  it('removes the least recently used entries past its cap, never one in use', async () => {
    const dir = tempDir();
    const storeDir = join(dir, 'media-store');
    const earlier = new MediaStore(storeDir, 250_000);
    const a = await earlier.keep(upload(dir, 'a', 100_000, 1), 'a.wav');
    const b = await earlier.keep(upload(dir, 'b', 100_000, 2), 'b.wav');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(a, old, old);
    utimesSync(b, new Date(Date.now() - 1_800_000), new Date(Date.now() - 1_800_000));
    // A new run (nothing in use yet) uses b, then keeps c: a is the least recently used and goes.
    const store = new MediaStore(storeDir, 250_000);
    expect(await store.find(await mediaFingerprint(b))).toBe(b);
    const c = await store.keep(upload(dir, 'c', 100_000, 5), 'c.wav');
    expect(existsSync(a)).toBe(false);
    expect(existsSync(b)).toBe(true);
    expect(existsSync(c)).toBe(true);
    // Over the cap with only entries in use: both stay.
    const d = await store.keep(upload(dir, 'd', 100_000, 7), 'd.wav');
    expect([b, c, d].every((f) => existsSync(f))).toBe(true);
  });

  it('is not fooled by a name that only looks like an entry outside the store', () => {
    expect(storedOriginalName(join('/tmp', 'uploads', `${'a'.repeat(64)}-10--x.mp3`))).toBeNull();
  });

  it('takes uploaded media from the upload folder, which the server removes when it stops', async () => {
    const dir = tempDir();
    const uploads = new UploadStore(dir, new MediaStore(join(dir, 'media-store')));
    try {
      const id = await uploads.save('talk.opus', Readable.from([Buffer.alloc(5000, 7)]), 1e6);
      expect(uploads.path(id)?.startsWith(uploads.dir)).toBe(true);
      await uploads.keepMedia(id, 'talk.opus');
      expect(uploads.path(id)).toMatch(/media-store[/\\][0-9a-f]{64}-5000--talk\.opus$/);
    } finally {
      uploads.dispose();
    }
    expect(readdirSync(join(dir, 'media-store'))).toHaveLength(1);
  });
});
