import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { contentSecurityPolicy, createRangeResponse, parseRange, resolveStaticFile } from '../../src/node/web/range';

const dir = mkdtempSync(join(tmpdir(), 'duosub-range-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(stream: Readable | null): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

describe('parseRange', () => {
  it.each([
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=-500', { start: 500, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=10-20', { start: 10, end: 20 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['BYTES = 5-5', { start: 5, end: 5 }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it.each([undefined, '', 'bytes=0-1,5-9', 'bytes=20-10', 'bytes=-', 'items=0-5', 'bytes=a-b', 'bytes=1.5-2'])('ignores %s', (header) => {
    expect(parseRange(header, 1000)).toBeNull();
  });

  it.each([
    ['several ranges', 'bytes=0-1,5-9'],
    ['many ranges', 'bytes=' + '0-1,'.repeat(30) + '2-3'],
    ['a start past 2^53', 'bytes=99999999999999999999-'],
    ['an end past 2^53', 'bytes=0-99999999999999999999'],
    ['a suffix past 2^53', 'bytes=-99999999999999999999'],
    ['an overlong header', `bytes=${'0'.repeat(120)}1-2`],
    ['a long run of spaces', `bytes=0${' '.repeat(90)}x`],
    ['a negative start', 'bytes=-1-2'],
    ['hex', 'bytes=0x10-0x20'],
  ])('serves the whole file for %s', (_name, header) => {
    expect(parseRange(header, 1000)).toBeNull();
  });

  it('never reaches past the file', () => {
    expect(parseRange('bytes=0-9007199254740991', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=-9007199254740991', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=999-', 1000)).toEqual({ start: 999, end: 999 });
  });

  it.each(['bytes=1000-', 'bytes=2000-3000', 'bytes=-0'])('finds %s unsatisfiable', (header) => {
    expect(parseRange(header, 1000)).toBe('unsatisfiable');
  });

  it('finds any range of an empty file unsatisfiable', () => {
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-10', 0)).toBe('unsatisfiable');
  });
});

describe('createRangeResponse', () => {
  it('gives a file that vanished an error its reader sees, not an uncaught one', async () => {
    const response = createRangeResponse(join(dir, 'gone.mp3'), 100, 'audio/mpeg', 'bytes=0-9');
    await new Promise((done) => setTimeout(done, 20)); // the open fails before anyone reads
    await expect(readAll(response.body)).rejects.toThrow(/ENOENT/);
  });

  const file = join(dir, 'digits.bin');
  writeFileSync(file, '0123456789'.repeat(10));

  it('serves a range with 206 and its headers', async () => {
    const response = createRangeResponse(file, 100, 'audio/mpeg', 'bytes=10-14');
    expect(response.status).toBe(206);
    expect(response.headers).toMatchObject({
      'Accept-Ranges': 'bytes',
      'Content-Range': 'bytes 10-14/100',
      'Content-Length': '5',
      'Content-Type': 'audio/mpeg',
    });
    expect(await readAll(response.body)).toBe('01234');
  });

  it('serves the whole file with 200 without a range', async () => {
    const response = createRangeResponse(file, 100, 'audio/mpeg', undefined);
    expect(response.status).toBe(200);
    expect(response.headers['Content-Length']).toBe('100');
    expect(response.headers['Accept-Ranges']).toBe('bytes');
    expect(await readAll(response.body)).toHaveLength(100);
  });

  it('answers 416 with the size for a range past the end', () => {
    const response = createRangeResponse(file, 100, 'audio/mpeg', 'bytes=100-');
    expect(response.status).toBe(416);
    expect(response.headers['Content-Range']).toBe('bytes */100');
    expect(response.body).toBeNull();
  });

  it('serves a suffix range', async () => {
    const response = createRangeResponse(file, 100, 'audio/mpeg', 'bytes=-3');
    expect(response.headers['Content-Range']).toBe('bytes 97-99/100');
    expect(await readAll(response.body)).toBe('789');
  });
});

describe('resolveStaticFile', () => {
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'a.wasm'), 'wasm');
  writeFileSync(join(root, 'assets', 'worker.js'), '//');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));

  it('maps / to index.html and gives MIME types', async () => {
    expect(await resolveStaticFile(root, '/')).toMatchObject({ path: join(root, 'index.html'), mime: 'text/html; charset=utf-8' });
    expect((await resolveStaticFile(root, '/assets/a.wasm'))?.mime).toBe('application/wasm');
    expect((await resolveStaticFile(root, '/assets/worker.js'))?.mime).toBe('text/javascript; charset=utf-8');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets%5c..%5c..%5csecret.txt', '/link.txt', '/%00', '/%E0%A4%A', '/assets', '/missing.js'])(
    'refuses %s',
    async (path) => {
      expect(await resolveStaticFile(root, path)).toBeNull();
    },
  );
});

describe('contentSecurityPolicy', () => {
  it('is strict and adds the extra sources', () => {
    const csp = contentSecurityPolicy({ connect: ['ws://127.0.0.1:1'], media: ['duosub-media:'] });
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:1;");
    expect(csp).toContain("media-src 'self' blob: duosub-media:;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
