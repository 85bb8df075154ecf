/** Starts Duosub's browser mode (the real main-process services) for one test file. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from '@playwright/test';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Where `node scripts/ensure-build.mjs` (the e2e flavour, with test hooks) puts the renderer. */
export const E2E_RENDERER_DIR = join(ROOT, 'out', 'e2e', 'renderer');

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** Runs `src/node/web/web.ts ARGS --port 0` and waits for the URL line it prints. */
export function startServer(args: string[], env: Record<string, string> = {}): Promise<RunningServer> {
  // Settings of their own: the tests never read or write the user's.
  const configDir = mkdtempSync(join(tmpdir(), 'duosub-e2e-config-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/web/web.ts', ...args, '--port', '0'], {
    cwd: ROOT,
    // The renderer built with its test hooks (scripts/ensure-build.mjs, flavour e2e), unless the caller names one.
    env: { ...process.env, DUOSUB_CONFIG_DIR: configDir, DUOSUB_RENDERER_DIR: process.env.DUOSUB_RENDERER_DIR ?? E2E_RENDERER_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`browser mode did not start in time:\n${output}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[0], origin: match[1], token: match[2], close: () => stop(child) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    // SIGTERM lets browser mode flush its journal; a run that hangs on the way out must not hang the suite.
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** A fresh temp folder holding copies of the given files from the repo. */
export function tempCopy(...repoPaths: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'duosub-e2e-'));
  for (const p of repoPaths) cpSync(join(ROOT, p), join(dir, p.split('/').pop()!));
  return dir;
}

/**
 * For the enclosing `test.describe`: fresh temp copies of repo files, and browser mode started on the first one
 * (the rest sit beside it: its media). `dir` is the copies' folder, where saves land.
 */
export function serveCopies(...repoPaths: string[]): { readonly server: RunningServer; readonly dir: string } {
  let server: RunningServer | null = null;
  let dir = '';
  test.beforeAll(async () => {
    dir = tempCopy(...repoPaths);
    server = await startServer([join(dir, repoPaths[0].split('/').pop()!)]);
  });
  test.afterAll(() => server?.close());
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get dir() {
      return dir;
    },
  };
}
