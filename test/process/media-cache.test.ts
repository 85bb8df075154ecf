/**
 * The media caches' size caps (issue 11): least recently used first, never an entry in use, at start and after
 * each new entry; leftovers of crashed runs removed at start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CACHE_LIMITS, MediaCaches, mediaCacheFolders, removeStaleTemps, STALE_TEMP_MS, tempPathFor, touchEntry, trimCache,
} from '../../src/node/media/cache-limit';
import { findFfmpeg } from '../../src/node/ffmpeg/ffmpeg';
import { MediaService } from '../../src/node/media/media';

const ffmpeg = findFfmpeg();
const dir = mkdtempSync(join(tmpdir(), 'duosub-media-cache-'));
const key = (n: number) => n.toString(16).padStart(40, '0');
const ago = (ms: number) => new Date(Date.now() - ms);

/** A peaks folder holding entries 1…n of `size` bytes, entry k used k minutes after entry k-1 (1 is the oldest). */
function peaksFolder(n: number, size: number, maxBytes: number) {
  const cacheDir = mkdtempSync(join(dir, 'cache-'));
  const folder = mediaCacheFolders(cacheDir, { peaks: maxBytes, proxies: CACHE_LIMITS.proxies }).peaks;
  mkdirSync(folder.dir, { recursive: true });
  for (let k = 1; k <= n; k++) {
    const file = join(folder.dir, `${key(k)}.dat`);
    writeFileSync(file, Buffer.alloc(size));
    utimesSync(file, ago((n - k + 1) * 60_000), ago((n - k + 1) * 60_000));
  }
  return { cacheDir, folder, path: (k: number) => join(folder.dir, `${key(k)}.dat`) };
}
const names = (folderDir: string) => (existsSync(folderDir) ? readdirSync(folderDir).sort() : []);

/** A pid that ran and has exited. */
function deadPid(): number {
  const run = spawnSync('true');
  return run.pid!;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trimCache', () => {
  it('deletes the least recently used entries until the folder fits its cap', async () => {
    const { folder } = peaksFolder(5, 100, 250);
    expect(await trimCache(folder, new Set())).toEqual([key(1), key(2), key(3)].map((k) => `${k}.dat`));
    expect(names(folder.dir)).toEqual([`${key(4)}.dat`, `${key(5)}.dat`]);
  });

  it('keeps an entry in use whatever its age, and a touched entry moves to the back', async () => {
    const { folder, path } = peaksFolder(4, 100, 250);
    await touchEntry(path(2));
    const removed = await trimCache(folder, new Set([path(1)]));
    expect(removed).toEqual([`${key(3)}.dat`, `${key(4)}.dat`]);
    expect(names(folder.dir)).toEqual([`${key(1)}.dat`, `${key(2)}.dat`]);
  });

  it('may stay over the cap while entries are in use, and leaves temp files and other folders alone', async () => {
    const { folder, path } = peaksFolder(3, 100, 50);
    const temp = tempPathFor(path(9));
    writeFileSync(temp, Buffer.alloc(1000));
    expect(await trimCache(folder, new Set([path(1), path(2), path(3)]))).toEqual([]);
    expect(names(folder.dir)).toHaveLength(4);
  });
});

describe('removeStaleTemps', () => {
  it('removes the temps of a dead process and old ones, keeps live writes and entries', async () => {
    const { folder, path } = peaksFolder(1, 10, 1000);
    const ours = tempPathFor(path(2)); // this process runs: a write in progress
    const dead = `${path(3)}.${deadPid()}-0abc.tmp`;
    const oldHidden = join(folder.dir, `.${key(4)}.dat.1a2b3c.tmp`); // the atomic-write helper's, no pid
    const freshHidden = join(folder.dir, `.${key(5)}.dat.4d5e6f.tmp`);
    const oldOurs = tempPathFor(path(6)); // a pid reused: ours, but too old to be a write in progress
    for (const file of [ours, dead, oldHidden, freshHidden, oldOurs]) writeFileSync(file, 'partial');
    utimesSync(oldHidden, ago(STALE_TEMP_MS + 60_000), ago(STALE_TEMP_MS + 60_000));
    utimesSync(oldOurs, ago(STALE_TEMP_MS + 60_000), ago(STALE_TEMP_MS + 60_000));
    const removed = await removeStaleTemps(folder);
    expect(removed.sort()).toEqual([dead, oldHidden, oldOurs].map((file) => file.slice(folder.dir.length + 1)).sort());
    expect(existsSync(ours) && existsSync(freshHidden) && existsSync(path(1))).toBe(true);
  });
});

describe('MediaCaches at start', () => {
  it('removes leftover partial proxies and temp peaks, and trims both folders to their caps', async () => {
    const { cacheDir, folder } = peaksFolder(6, 1000, 2500);
    const proxies = join(cacheDir, 'proxies');
    mkdirSync(proxies);
    writeFileSync(join(proxies, `${key(1)}.webm`), Buffer.alloc(3000));
    utimesSync(join(proxies, `${key(1)}.webm`), ago(120_000), ago(120_000));
    writeFileSync(join(proxies, `${key(2)}.weba`), Buffer.alloc(3000));
    writeFileSync(join(proxies, `${key(3)}.webm.${deadPid()}-12ab.tmp`), Buffer.alloc(5000)); // a crashed proxy
    writeFileSync(join(folder.dir, `${key(7)}.dat.${deadPid()}-34cd.tmp`), 'partial');
    const before = { peaks: names(folder.dir).length, proxies: names(proxies).length };
    const caches = new MediaCaches(cacheDir, { peaks: 2500, proxies: 4000 });
    await caches.ready;
    expect(before).toEqual({ peaks: 7, proxies: 3 });
    expect(names(folder.dir)).toEqual([`${key(5)}.dat`, `${key(6)}.dat`]);
    expect(names(proxies)).toEqual([`${key(2)}.weba`]);
  });

  it('has one place for the caps: 200 MB of peaks, 2 GB of proxies', () => {
    expect(CACHE_LIMITS).toEqual({ peaks: 200 * 2 ** 20, proxies: 2 * 2 ** 30 });
  });
});

describe('MediaService keeps its caches under their caps', () => {
  const tones: string[] = [];
  beforeAll(() => {
    if (!ffmpeg) throw new Error('ffmpeg is needed for these tests');
    for (const frequency of [300, 500, 700]) {
      const file = join(dir, `tone-${frequency}.wav`);
      execFileSync(ffmpeg.path, ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=2`, file]);
      tones.push(file);
    }
  });

  it('trims the least recently used peaks after a new entry, never one in use, and marks a cache hit used', async () => {
    const cacheDir = mkdtempSync(join(dir, 'cache-'));
    const peaksDir = join(cacheDir, 'peaks');
    const peaksOf = async (media: MediaService, file: string) => media.peaks((await media.register(file)).token);
    // One entry is 24 + 200 pairs × 4 bytes = 824 bytes: the cap holds two.
    const limits = { peaks: 2 * 824 + 100, proxies: CACHE_LIMITS.proxies };
    const first = new MediaService({ cacheDir, cacheLimits: limits });
    await peaksOf(first, tones[0]);
    await peaksOf(first, tones[1]);
    await peaksOf(first, tones[2]); // all three in use by this service: over the cap, none deleted
    await first.cacheIdle();
    expect(names(peaksDir)).toHaveLength(3);
    expect(statSync(join(peaksDir, names(peaksDir)[0])).size).toBe(824);
    const entryOf = new Map(names(peaksDir).map((name) => [statSync(join(peaksDir, name)).mtimeMs, name]));
    const [oldest, , newest] = [...entryOf.keys()].sort((a, b) => a - b).map((mtime) => entryOf.get(mtime)!);

    // A new run: nothing in use, so the start trims the least recently used (the first tone's).
    const second = new MediaService({ cacheDir, cacheLimits: limits });
    await second.cacheIdle();
    expect(names(peaksDir)).toHaveLength(2);
    expect(names(peaksDir)).not.toContain(oldest);
    // A cache hit marks its entry used (and keeps it while in use), so the next trim takes the other one.
    const usedBefore = statSync(join(peaksDir, newest)).mtimeMs;
    await peaksOf(second, tones[2]);
    expect(statSync(join(peaksDir, newest)).mtimeMs).toBeGreaterThan(usedBefore);
    await peaksOf(second, tones[0]); // decoded again: a new entry, then a trim
    await second.cacheIdle();
    expect(names(peaksDir)).toHaveLength(2);
    expect(names(peaksDir)).toContain(newest);
    expect(names(peaksDir)).toContain(oldest);
  });

  it('trims the proxies after a new one, keeping the one in use even over the cap', async () => {
    const adpcm = join(dir, 'adpcm.wav');
    execFileSync(ffmpeg!.path, ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'adpcm_ms', adpcm]);
    const cacheDir = mkdtempSync(join(dir, 'cache-'));
    const proxies = join(cacheDir, 'proxies');
    mkdirSync(proxies);
    const old = join(proxies, `${key(1)}.webm`);
    writeFileSync(old, Buffer.alloc(1000));
    const media = new MediaService({ cacheDir, cacheLimits: { peaks: CACHE_LIMITS.peaks, proxies: 2000 } });
    await media.cacheIdle();
    expect(existsSync(old)).toBe(true); // under the cap at start
    const playToken = await media.proxyFor((await media.register(adpcm)).token)!;
    await media.cacheIdle();
    const served = media.resolve(playToken)!;
    expect(served.size).toBeGreaterThan(1000); // the two are over the cap: the old one goes
    expect(names(proxies)).toEqual([served.path.slice(proxies.length + 1)]);
  });
});
