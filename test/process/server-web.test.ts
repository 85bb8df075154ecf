/**
 * `npm run web` as a process: it removes upload folders that crashed runs left behind, prints the URL with the
 * token, and on SIGTERM stops cleanly and removes its own uploads.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'duosub-web-test-'));
// A stand-in for the built renderer: this test is about the process, not the page (`npm test` builds only later).
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Duosub</title>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const uploadFolders = (parent: string) => readdirSync(parent).filter((name) => name.startsWith('duosub-uploads-'));

describe('browser mode as a process', () => {
  it('cleans stale upload folders at start, and its own on SIGTERM', async () => {
    const temp = join(dir, 'tmp');
    const stale = join(temp, 'duosub-uploads-crashed');
    mkdirSync(join(stale, 'some-upload'), { recursive: true });
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    writeFileSync(join(stale, 'owner.json'), JSON.stringify({ pid: deadPid }));

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/web/web.ts', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: temp, DUOSUB_CONFIG_DIR: join(dir, 'config'), DUOSUB_DATA_DIR: join(dir, 'data'), DUOSUB_RENDERER_DIR: rendererDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let output = '';
    await new Promise<void>((done, fail) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}/.test(output)) done();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then((code) => fail(new Error(`browser mode exited with ${code}:\n${output}`)));
    });

    expect(existsSync(stale)).toBe(false);
    const [own] = uploadFolders(temp);
    expect(JSON.parse(readFileSync(join(temp, own, 'owner.json'), 'utf8'))).toMatchObject({ pid: child.pid });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(uploadFolders(temp)).toEqual([]);
  });
});
