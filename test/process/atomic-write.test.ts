import { spawn } from 'node:child_process';
import { chmodSync, chownSync, closeSync, openSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSaveFs, SaveError, writeFileAtomic, writeFileAtomicSync, type SaveFs } from '../../src/node/files/atomic-write';
import { buildAtomicWrite, runScript, saveOnceScript } from './atomic-write-child';

const work = mkdtempSync(join(tmpdir(), 'duosub-atomic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;
const isRoot = process.geteuid?.() === 0;

/** A fresh folder holding `files`. */
function folder(files: Record<string, string> = {}): string {
  const dir = join(work, `case-${++folders}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The real calls, with `name`'s `nth` call throwing `errno` (or returning `result`). */
function injected(name: keyof SaveFs, errno: string, nth = 1): SaveFs {
  let calls = 0;
  const real = nodeSaveFs[name] as (...args: unknown[]) => unknown;
  const fake = (...args: unknown[]) => {
    if (++calls === nth) throw Object.assign(new Error(`${errno}: injected`), { code: errno });
    return real(...args);
  };
  return { ...nodeSaveFs, [name]: fake };
}

function saveError(run: () => unknown): SaveError {
  try {
    run();
  } catch (error) {
    if (error instanceof SaveError) return error;
    throw error;
  }
  throw new Error('expected the save to fail');
}

const mode = (path: string) => statSync(path).mode & 0o7777;

describe('writeFileAtomic: links, owner and mode', () => {
  it('writes through a symbolic link, keeping the link', async () => {
    const dir = folder({ 'real.srt': 'old' });
    symlinkSync('real.srt', join(dir, 'link.srt'));
    await writeFileAtomic(join(dir, 'link.srt'), 'new');
    expect(lstatSync(join(dir, 'link.srt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.srt'))).toBe('real.srt');
    expect(readFileSync(join(dir, 'real.srt'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.srt', 'real.srt']);
  });

  it('follows a chain of links, relative to each link’s real folder, and creates a dangling link’s target', () => {
    const dir = folder();
    mkdirSync(join(dir, 'synced/projects'), { recursive: true });
    writeFileSync(join(dir, 'synced/film.srt'), 'old');
    symlinkSync('synced/projects', join(dir, 'projects'));
    // projects/up → ../film.srt means synced/film.srt, not dir/film.srt (a lexical join would pick the latter).
    symlinkSync('../film.srt', join(dir, 'synced/projects/up'));
    symlinkSync(join(dir, 'projects/up'), join(dir, 'first'));
    writeFileAtomicSync(join(dir, 'first'), 'new');
    expect(readFileSync(join(dir, 'synced/film.srt'), 'utf8')).toBe('new');
    expect(lstatSync(join(dir, 'first')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'synced/projects/up')).isSymbolicLink()).toBe(true);

    symlinkSync('not-yet.srt', join(dir, 'dangling'));
    writeFileAtomicSync(join(dir, 'dangling'), 'created');
    expect(lstatSync(join(dir, 'dangling')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'not-yet.srt'), 'utf8')).toBe('created');
  });

  it('refuses a link loop with a clear message', () => {
    const dir = folder();
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    const error = saveError(() => writeFileAtomicSync(join(dir, 'a'), 'x'));
    expect(error.code).toBe('link-loop');
    expect(error.message).toContain(join(dir, 'a'));
  });

  it('keeps 0600 at 0600, 0640 at 0640 and a group-writable 0664 despite the umask', async () => {
    const dir = folder({ 'private.duosub.json': 'old', 'shared.srt': 'old', 'team.srt': 'old' });
    chmodSync(join(dir, 'private.duosub.json'), 0o600);
    chmodSync(join(dir, 'shared.srt'), 0o640);
    chmodSync(join(dir, 'team.srt'), 0o664);
    const umask = process.umask(0o022);
    try {
      await writeFileAtomic(join(dir, 'private.duosub.json'), 'new');
      writeFileAtomicSync(join(dir, 'shared.srt'), 'new');
      writeFileAtomicSync(join(dir, 'team.srt'), 'new');
    } finally {
      process.umask(umask);
    }
    expect(mode(join(dir, 'private.duosub.json'))).toBe(0o600);
    expect(mode(join(dir, 'shared.srt'))).toBe(0o640);
    expect(mode(join(dir, 'team.srt'))).toBe(0o664);
    expect(readFileSync(join(dir, 'private.duosub.json'), 'utf8')).toBe('new');
  });

  it.skipIf(!isRoot)('keeps another user’s owner and group (as root, the only user that may)', async () => {
    const dir = folder({ 'theirs.srt': 'old' });
    chownSync(join(dir, 'theirs.srt'), 4321, 1234);
    chmodSync(join(dir, 'theirs.srt'), 0o640);
    await writeFileAtomic(join(dir, 'theirs.srt'), 'new');
    const stat = statSync(join(dir, 'theirs.srt'));
    expect({ uid: stat.uid, gid: stat.gid, mode: stat.mode & 0o7777 }).toEqual({ uid: 4321, gid: 1234, mode: 0o640 });
    expect(readFileSync(join(dir, 'theirs.srt'), 'utf8')).toBe('new');
  });

  it('gives a new file the usual 0666 less the umask, or the mode asked for (a private journal’s 0600)', async () => {
    const dir = folder();
    writeFileAtomicSync(join(dir, 'new.srt'), 'x');
    expect(mode(join(dir, 'new.srt'))).toBe(0o666 & ~process.umask());
    await writeFileAtomic(join(dir, 'snapshot.json'), 'x', { mode: 0o600 });
    expect(mode(join(dir, 'snapshot.json'))).toBe(0o600);
  });
});

describe('writeFileAtomic: refusals name the file and leave it untouched', () => {
  it('refuses a read-only file (root included) instead of replacing it', async () => {
    const dir = folder({ 'locked.duosub.json': 'old' });
    const path = join(dir, 'locked.duosub.json');
    chmodSync(path, 0o444);
    await expect(writeFileAtomic(path, 'new')).rejects.toMatchObject({
      code: 'read-only-file',
      message: `cannot save ${path}: the file is read-only. Make it writable, or use Save As to save a copy under another name.`,
    });
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(mode(path)).toBe(0o444);
    expect(readdirSync(dir)).toEqual(['locked.duosub.json']);
  });

  it('reports a folder that no longer exists', async () => {
    const dir = folder();
    rmSync(dir, { recursive: true });
    const path = join(dir, 'film.duosub.json');
    await expect(writeFileAtomic(path, 'new')).rejects.toMatchObject({
      code: 'folder-missing',
      message: `cannot save ${path}: the folder ${dir} no longer exists. Use Save As to save it in another folder.`,
    });
  });

  it('reports a read-only folder (injected EACCES, as root bypasses the mode)', () => {
    const dir = folder({ 'film.srt': 'old' });
    const error = saveError(() => writeFileAtomicSync(join(dir, 'film.srt'), 'new', { fs: injected('open', 'EACCES') }));
    expect(error.code).toBe('read-only-folder');
    expect(error.message).toBe(`cannot save ${join(dir, 'film.srt')}: the folder is read-only (no permission to create files in ${dir}). Use Save As to save it in another folder.`);
    expect(readFileSync(join(dir, 'film.srt'), 'utf8')).toBe('old');
  });

  it('reports a read-only disk (EROFS)', () => {
    const dir = folder({ 'film.srt': 'old' });
    const error = saveError(() => writeFileAtomicSync(join(dir, 'film.srt'), 'new', { fs: injected('open', 'EROFS') }));
    expect(error).toMatchObject({ code: 'read-only-disk', errno: 'EROFS' });
    expect(error.message).toContain('the disk it is on is read-only');
  });

  it('reports a full disk whichever write fails, removing the temp file', async () => {
    const dir = folder({ 'film.srt': 'old' });
    const path = join(dir, 'film.srt');
    const big = 'x'.repeat(100_000);
    // Every write returns after 1000 bytes, as write(2) may near the end of a disk; the 7th hits ENOSPC.
    let writes = 0;
    const nearlyFull: SaveFs = {
      ...nodeSaveFs,
      write: (fd, data, offset, length) => {
        if (++writes === 7) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return nodeSaveFs.write(fd, data, offset, Math.min(length, 1000));
      },
    };
    const error = saveError(() => writeFileAtomicSync(path, big, { fs: nearlyFull }));
    expect(error.message).toBe(`cannot save ${path}: the disk is full. Free some space, or use Save As to save it on another disk.`);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['film.srt']);
    // write(2) returning 0 bytes is a full disk too, not an endless loop.
    const zero: SaveFs = { ...nodeSaveFs, write: () => 0 };
    expect(saveError(() => writeFileAtomicSync(path, big, { fs: zero })).code).toBe('disk-full');
    expect(readdirSync(dir)).toEqual(['film.srt']);
  });

  it('completes a save made of short writes', () => {
    const dir = folder({ 'film.srt': 'old' });
    const data = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));
    const short: SaveFs = { ...nodeSaveFs, write: (fd, d, offset, length) => nodeSaveFs.write(fd, d, offset, Math.min(length, 777)) };
    writeFileAtomicSync(join(dir, 'film.srt'), data, { fs: short });
    expect(readFileSync(join(dir, 'film.srt')).equals(data)).toBe(true);
  });

  it('refuses a folder as the target', () => {
    const dir = folder();
    mkdirSync(join(dir, 'film.srt'));
    expect(saveError(() => writeFileAtomicSync(join(dir, 'film.srt'), 'x')).code).toBe('not-a-file');
  });
});

describe('writeFileAtomic: real refusals in a child process', () => {
  const built = mkdtempSync(join(tmpdir(), 'duosub-atomic-mjs-'));
  afterAll(() => rmSync(built, { recursive: true, force: true }));
  const entry = buildAtomicWrite(built);

  it('under a file-size limit, fails (no truncated file renamed into place) and leaves no temp', () => {
    const dir = folder({ 'film.srt': 'old' });
    const result = runScript(built, 'limit.mjs', saveOnceScript(entry), [join(dir, 'film.srt'), String(200 * 1024)], { fileSizeKb: 64 });
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 'too-large' });
    expect(readFileSync(join(dir, 'film.srt'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['film.srt']);
  });

  it('writes to /dev/stdout when it is a socket (a Node parent’s pipe), which /proc cannot reopen', () => {
    const result = runScript(built, 'stdout.mjs', saveOnceScript(entry), ['/dev/stdout', '5']);
    expect(result.stdout).toBe('nnnnn{"ok":true}\n');
    expect(lstatSync('/dev/stdout').isSymbolicLink() || lstatSync('/dev/stdout').isCharacterDevice()).toBe(true);
  });

  // Root passes every permission check, so the real check runs as "nobody" when the tests run as root.
  it('refuses a read-only folder and another user’s file, for real', () => {
    const dir = folder({ 'film.srt': 'old' });
    chmodSync(work, 0o755); // mkdtemp's 0700 would stop "nobody" before it reached the folder under test
    chmodSync(dir, 0o555);
    const uid = isRoot ? 65534 : undefined;
    const inReadOnly = runScript(built, 'ro-folder.mjs', saveOnceScript(entry), [join(dir, 'new.srt'), '10'], { uid });
    expect(JSON.parse(inReadOnly.stdout)).toMatchObject({ code: 'read-only-folder' });
    expect(readdirSync(dir)).toEqual(['film.srt']);

    if (!isRoot) return; // Without root there is no other user's file to make.
    chmodSync(dir, 0o777);
    const theirs = runScript(built, 'theirs.mjs', saveOnceScript(entry), [join(dir, 'film.srt'), '10'], { uid });
    expect(JSON.parse(theirs.stdout)).toMatchObject({ code: 'read-only-file', message: expect.stringContaining('read-only for you') });
    expect(readFileSync(join(dir, 'film.srt'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['film.srt']);
  });
});

describe('writeFileAtomic: outputs that are not files', () => {
  it('writes into a FIFO without replacing it', async () => {
    const dir = folder();
    const fifo = join(dir, 'pipe');
    const made = spawn('mkfifo', [fifo]);
    await new Promise((done) => made.once('exit', done));
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => void (read += chunk.toString()));
    const closed = new Promise((done) => reader.once('exit', done));
    await writeFileAtomic(fifo, 'through the pipe\n');
    await closed;
    expect(read).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('writes into a character device and through /dev/fd links without replacing them', () => {
    writeFileAtomicSync('/dev/null', 'discarded');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    // `duosub … -o /dev/stdout >> log`: the descriptor's file is appended to, not renamed over.
    const dir = folder({ log: 'first\n' });
    const before = statSync(join(dir, 'log')).ino;
    const fd = openSync(join(dir, 'log'), 'a');
    try {
      writeFileAtomicSync(`/dev/fd/${fd}`, 'second\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('first\nsecond\n');
    expect(statSync(join(dir, 'log')).ino).toBe(before);
    expect(readdirSync(dir)).toEqual(['log']);
  });
});

describe('writeFileAtomic: concurrent saves and leftovers', () => {
  it('lands concurrent saves of one file in call order, leaving no temp', async () => {
    const dir = folder({ 'film.srt': 'old' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(join(dir, 'film.srt'), `version ${i}`)));
    expect(readFileSync(join(dir, 'film.srt'), 'utf8')).toBe('version 19');
    expect(readdirSync(dir)).toEqual(['film.srt']);
  });

  it('removes a temp file a killed save left behind, but not one a save may still be writing', () => {
    const dir = folder({ 'film.srt': 'old', '.film.srt.0123456789ab.tmp': 'stale', '.film.srt.ba9876543210.tmp': 'live', '.other.srt.0123456789ab.tmp': 'x' });
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, '.film.srt.0123456789ab.tmp'), hourAgo, hourAgo);
    utimesSync(join(dir, '.other.srt.0123456789ab.tmp'), hourAgo, hourAgo);
    writeFileAtomicSync(join(dir, 'film.srt'), 'new');
    expect(readdirSync(dir).sort()).toEqual(['.film.srt.ba9876543210.tmp', '.other.srt.0123456789ab.tmp', 'film.srt']);
  });
});
